package node

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/internal/shellwords"
)

// startResult is a start command and where it came from.
type startResult struct {
	argv  []string
	from  string // source, file or file#field
	entry string // repository file it runs (for the port scan), or ""
	// guess is true when the rule infers the command rather than reading
	// it (package.json main, a file found by its name): its confidence is
	// likely.
	guess bool
}

// scriptArgv splits scripts[name] into argv, following one level of
// `npm run X` / `yarn X` / `pnpm X` indirection. It returns the script
// that finally holds the command, or ok=false after noting why.
func (n *project) scriptArgv(name string) (argv []string, script string, ok bool) {
	s, present := n.pkg.script(name)
	if !present {
		return nil, "", false
	}
	argv, ok = n.splitScript(name, s)
	if !ok {
		return nil, "", false
	}
	target, extra, isRun := runTarget(argv, n.pkg.Scripts)
	if !isRun {
		return argv, name, true
	}
	if target == name {
		n.notef("package.json#scripts.%s runs itself", name)
		return nil, "", false
	}
	t, present := n.pkg.script(target)
	if !present {
		n.notef("package.json#scripts.%s runs the script %q, which does not exist", name, target)
		return nil, "", false
	}
	argv, ok = n.splitScript(target, t)
	if !ok {
		return nil, "", false
	}
	if _, _, again := runTarget(argv, n.pkg.Scripts); again {
		n.notef("package.json#scripts.%s runs another script in turn", target)
		return nil, "", false
	}
	return append(argv, extra...), target, true
}

// splitScript splits one script value and drops the environment
// assignments in front of the command (NAME=value, cross-env, env).
func (n *project) splitScript(name, s string) ([]string, bool) {
	argv, err := shellwords.Split(s)
	var ue *shellwords.UnsafeError
	switch {
	case errors.As(err, &ue):
		n.notef("package.json#scripts.%s uses %s", name, ue.Reason)
		return nil, false
	case err != nil:
		n.notef("package.json#scripts.%s is empty", name)
		return nil, false
	}
	_, argv = shellwords.LeadingAssignments(argv)
	for len(argv) > 0 && (argv[0] == "cross-env" || argv[0] == "env") {
		_, argv = shellwords.LeadingAssignments(argv[1:])
	}
	if len(argv) == 0 {
		n.notef("package.json#scripts.%s only sets environment variables", name)
		return nil, false
	}
	return argv, true
}

// runTarget recognises `npm run X`, `npm run-script X`, `yarn [run] X`,
// `pnpm [run] X` and `bun run X`, returning X and the arguments passed on
// to it. `yarn X` and `pnpm X` name a script only when one exists (they
// run a dependency's command otherwise).
func runTarget(argv []string, scripts map[string]string) (target string, extra []string, ok bool) {
	if len(argv) < 2 {
		return "", nil, false
	}
	i := 1
	explicit := false
	switch argv[0] {
	case "npm", "bun":
		if argv[1] != "run" && argv[1] != "run-script" {
			if argv[0] == "npm" && argv[1] == "start" {
				return "start", argv[2:], true
			}
			return "", nil, false
		}
		// `bun run file.js` runs a file unless a script has that name.
		i, explicit = 2, argv[0] == "npm"
	case "yarn", "pnpm":
		if argv[1] == "run" || argv[1] == "run-script" {
			i, explicit = 2, true
		}
	default:
		return "", nil, false
	}
	for i < len(argv) && strings.HasPrefix(argv[i], "-") { // npm run --silent X
		i++
	}
	if i >= len(argv) {
		return "", nil, false
	}
	if _, isScript := scripts[argv[i]]; !explicit && !isScript {
		return "", nil, false
	}
	extra = argv[i+1:]
	if len(extra) > 0 && extra[0] == "--" {
		extra = extra[1:]
	}
	return argv[i], slices.Clone(extra), true
}

// notef records why a start rule was skipped; start() turns the notes
// into warnings once it knows what start fell back to.
func (n *project) notef(format string, args ...any) {
	n.startNotes = append(n.startNotes, fmt.Sprintf(format, args...))
}

// Options that take the next word as their value, per runner, so the
// value is not mistaken for the script (nodemon's --watch takes a folder,
// node's --watch takes nothing).
var (
	valueFlags = map[string]bool{
		"-r": true, "--require": true, "--import": true, "--loader": true, "--experimental-loader": true,
		"--env-file": true, "--title": true, "--inspect-port": true, "--watch-path": true,
		"-e": true, "--eval": true, "-p": true, "--print": true, "--input-type": true,
	}
	nodemonValueFlags = map[string]bool{
		"-w": true, "--watch": true, "-e": true, "--ext": true, "-i": true, "--ignore": true,
		"-x": true, "--exec": true, "-d": true, "--delay": true, "--signal": true, "--config": true,
		"-r": true, "--require": true,
	}
	tsValueFlags = map[string]bool{
		"-P": true, "--project": true, "-r": true, "--require": true, "--import": true,
		"-O": true, "--compiler-options": true, "-C": true, "--compiler": true, "-I": true,
		"--ignore": true, "--cwd": true, "--tsconfig": true, "--env-file": true,
	}
)

// scriptIndex returns the index of the first positional word of args
// (the script a runner runs), or -1. Flags in valueFlags skip their
// value; node's -e/-p mean there is no script file at all.
func scriptIndex(args []string, valueFlags map[string]bool) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			if i+1 < len(args) {
				return i + 1
			}
			return -1
		case strings.HasPrefix(a, "-"):
			if valueFlags[a] {
				i++
			}
		default:
			return i
		}
	}
	return -1
}

// flagValue returns the value of any of names in args (`-p 4000`,
// `--port=4000`).
func flagValue(args []string, names ...string) string {
	for i, a := range args {
		for _, nm := range names {
			if a == nm && i+1 < len(args) {
				return args[i+1]
			}
			if v, ok := strings.CutPrefix(a, nm+"="); ok {
				return v
			}
		}
	}
	return ""
}
