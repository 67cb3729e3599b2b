package python

import (
	"errors"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/internal/shellwords"
)

// entry is what the container runs: a server (gunicorn, uvicorn) and
// the module it serves, or a ready argv.
type entry struct {
	server string   // gunicorn | uvicorn | "" when argv is set
	target string   // module[:attr] the server loads
	argv   []string // for scripts, python -m and python file
	file   string   // source holding the app or script, scanned for the port
	dir    string   // folder modules are relative to ("" = root)
	from   string   // start's source
}

// scriptNameRE is a console script name that is safe as argv[0].
var scriptNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$`)

// startAndPort decides start, the app module and port. A Procfile `web:`
// line that passes shellwords wins over every guess; otherwise the
// framework's server (gunicorn/uvicorn) on the app module, else a console
// script, a package's __main__.py, or a main.py/app.py/server.py/run.py.
func (p *state) startAndPort() error {
	proc := p.procfile()
	p.procStart = proc.argv != nil
	var e entry
	switch p.f.Framework {
	case "django":
		e = p.djangoEntry()
	case "flask":
		e = p.flaskEntry()
	case "fastapi":
		e = p.fastapiEntry()
	}
	if e.server == "" {
		e = p.plainEntry()
	}
	p.port(e, proc)
	port := strconv.Itoa(p.f.Port)
	var argv []string
	from := e.from
	switch {
	case proc.argv != nil:
		argv, from = proc.argv, proc.from
		for i, w := range argv {
			argv[i] = strings.ReplaceAll(w, portPlaceholder, port)
		}
	case e.server == "gunicorn":
		argv = []string{"gunicorn"}
		if e.dir != "" {
			argv = append(argv, "--chdir", e.dir)
		}
		argv = append(argv, "--bind", "0.0.0.0:"+port, e.target)
	case e.server == "uvicorn":
		argv = []string{"uvicorn", e.target, "--host", "0.0.0.0", "--port", port}
		if e.dir != "" {
			argv = append(argv, "--app-dir", e.dir)
		}
	default:
		argv = e.argv
	}
	if len(argv) > 0 && !safeArgv(argv) {
		p.f.Warnf("%s: the start command needs shell quoting; pass --start", from)
		argv, from = nil, ""
	}
	p.f.Start = argv
	switch {
	case len(argv) > 0 && proc.argv != nil:
		p.f.Source("start", from) // the repository says how it starts
	case len(argv) > 0:
		p.f.Likely("start", from) // inferred from the app's code
	}
	p.serverPackage(argv)
	return nil
}

// safeArgv reports whether argv survives shellwords: joined as a
// person would type it (words quoted where needed, e.g.
// 'app:create_app()') and split again, it gives the same words. That
// refuses line breaks, NUL bytes and anything else a Dockerfile's
// exec form could not carry as written.
func safeArgv(argv []string) bool {
	got, err := shellwords.Split(shellwords.Join(argv))
	return err == nil && slices.Equal(got, argv)
}

// plainEntry is start for a project without a recognised web framework:
// a console script (when the project is installed), a package with
// __main__.py, or the first of main.py, app.py, server.py, run.py.
func (p *state) plainEntry() entry {
	if e, ok := p.scriptEntry(); ok {
		return e
	}
	var mains []string
	for _, f := range p.r.FilesNamed("__main__.py") {
		if d := strings.Count(f, "/"); d == 1 || d == 2 && strings.HasPrefix(f, "src/") {
			mains = append(mains, f)
		}
	}
	sort.Strings(mains)
	for _, m := range mains {
		mod, _, ok := moduleOf(path.Dir(m)+"/__init__.py", "")
		if !ok {
			p.f.Warnf("%s is not in a package with a valid Python module name; it is not used", m)
			continue
		}
		return entry{argv: []string{"python", "-m", mod}, file: m, from: m}
	}
	for _, name := range []string{"main.py", "app.py", "server.py", "run.py"} {
		if p.r.Has(name) {
			return entry{argv: []string{"python", name}, file: name, from: name}
		}
	}
	p.guessWarnf("no entry point found (console script, __main__.py, main.py, app.py, server.py or run.py); pass --start")
	return entry{}
}

// scriptEntry returns the console script of [project.scripts] or
// [tool.poetry.scripts] named after the project, else the first in name
// order. Scripts exist only once the
// project itself is installed, which poetry, uv and pdm do by default.
func (p *state) scriptEntry() (entry, bool) {
	if p.pp == nil || !p.install && !slices.Contains([]string{"poetry", "uv", "pdm"}, p.f.PackageManager) {
		return entry{}, false
	}
	var names []string
	from := ""
	if p.pp.Project != nil && len(p.pp.Project.Scripts) > 0 {
		from = "pyproject.toml#project.scripts"
		for n := range p.pp.Project.Scripts {
			names = append(names, n)
		}
	} else if p.pp.Tool.Poetry != nil && len(p.pp.Tool.Poetry.Scripts) > 0 {
		from = "pyproject.toml#tool.poetry.scripts"
		for n := range p.pp.Tool.Poetry.Scripts {
			names = append(names, n)
		}
	}
	// The script named after the project is its main command; otherwise
	// the first in name order, so the choice is stable.
	proj := normalizeName(p.f.Details.ProjectName)
	rank := func(n string) string {
		if proj != "" && normalizeName(n) == proj {
			return ""
		}
		return "\x01" + n
	}
	sort.Slice(names, func(i, j int) bool { return rank(names[i]) < rank(names[j]) })
	for _, n := range names {
		if scriptNameRE.MatchString(n) {
			return entry{argv: []string{n}, from: from}, true
		}
		p.f.Warnf("%s: the script name %q is not a safe command name; it is not used", from, clipStr(n, 60))
	}
	return entry{}, false
}

// procfile is the Procfile's web command, when usable.
type procfile struct {
	argv []string
	from string // Procfile:line
	port int    // a literal port in the command, 0 if none
}

var (
	portVarRE     = regexp.MustCompile(`\$(?:\{PORT(?::-[0-9]*)?\}|PORT\b)`)
	portDefaultRE = regexp.MustCompile(`\$\{PORT:-(\d{2,5})\}`)
	procPortRE    = regexp.MustCompile(`(?:^|\s)(?:--bind[= ]|-b ?|--port[= ]|-p ?|runserver\s+)\s*(?:\S*:)?(\d{2,5})(?:\s|$)`)
)

// portPlaceholder stands for the port in a Procfile command until the
// port is known; shellwords accepts it as a plain word.
const portPlaceholder = "__DOCKSLIM_PORT__"

// procfile reads the Procfile's web line as a hint. $PORT, ${PORT} and
// ${PORT:-N} are replaced by the detected port (the container has no
// shell to expand them); leading NAME=value assignments are dropped; a
// command that still needs a shell warns and is not used.
func (p *state) procfile() procfile {
	web, from, ok := core.ProcfileWeb(p.r, p.f)
	if !ok {
		return procfile{}
	}
	cmd := portVarRE.ReplaceAllString(web, portPlaceholder)
	argv, err := shellwords.Split(cmd)
	if err == nil {
		var env []string
		env, argv = shellwords.LeadingAssignments(argv)
		for _, a := range env {
			name, _, _ := strings.Cut(a, "=")
			p.f.Warnf("%s: the web command sets %s, which start drops; set it with ENV if the app needs it", from, name)
		}
	}
	if err != nil || len(argv) == 0 {
		reason := "is empty"
		var ue *shellwords.UnsafeError
		if errors.As(err, &ue) {
			reason = "contains " + ue.Reason
		}
		p.f.Warnf("%s: the web command %s; start falls back to detection", from, reason)
		return procfile{}
	}
	pr := procfile{argv: argv, from: from}
	pm := procPortRE.FindStringSubmatch(web)
	if d := portDefaultRE.FindStringSubmatch(web); d != nil {
		pm = d // ${PORT:-5000}: the command's own default
	}
	if pm != nil {
		if n, err := strconv.Atoi(pm[1]); err == nil && core.ValidPort(n) {
			pr.port = n
		}
	}
	return pr
}
