package golang

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
)

// maxListedMains is how many main packages a warning names; mains
// lists them all.
const maxListedMains = 6

// safePkgDir matches the package folders the go command accepts in an
// import path (and that are safe in a RUN line): letters, digits, -._~+.
var safePkgDir = regexp.MustCompile(`^[A-Za-z0-9._~+-]+(/[A-Za-z0-9._~+-]+)*$`)

// findMains groups the kept files by directory and returns the main
// packages as "./dir" ("." for the root), sorted, with each one's
// representative file (main.go when present, else the first file that
// says package main). Folders whose names the go command would refuse
// are dropped with a warning.
func findMains(files []sourceFile) (mains []string, fileOf map[string]string, warnings []string) {
	fileOf = map[string]string{}
	// A package main with no func main is a plugin (-buildmode=plugin)
	// or a fragment: go build cannot make a program of it.
	hasFunc := map[string]bool{}
	for _, f := range files {
		if f.pkg == "main" && f.mainFunc != no {
			hasFunc[f.dir] = true
		}
	}
	for _, f := range files {
		if f.pkg != "main" || !hasFunc[f.dir] {
			continue
		}
		m := mainName(f.dir)
		if f.dir != "." && !safePkgDir.MatchString(f.dir) {
			if _, seen := fileOf[m]; !seen {
				warnings = append(warnings, fmt.Sprintf("skipped the main package in %q: the go command does not accept that folder name in a package path", f.dir))
				fileOf[m] = ""
			}
			continue
		}
		if prev, seen := fileOf[m]; !seen || path.Base(f.rel) == "main.go" && path.Base(prev) != "main.go" {
			fileOf[m] = f.rel
		}
	}
	for m, f := range fileOf {
		if f == "" {
			delete(fileOf, m)
			continue
		}
		mains = append(mains, m)
	}
	sort.Strings(mains) // "." sorts before every "./…"
	return mains, fileOf, warnings
}

// mainName renders a package folder as detect --json does: "." or "./dir".
func mainName(dir string) string {
	if dir == "." || dir == "" {
		return "."
	}
	return "./" + dir
}

// normalizeMain turns what a person may type for --main (cmd/api,
// ./cmd/api/, cmd/api/main.go, or the full import path) into "./cmd/api".
// What cannot be a folder of the module comes back as given, so it
// matches no candidate.
func normalizeMain(v, modPath string) string {
	s := strings.ReplaceAll(strings.TrimSpace(v), `\`, "/")
	if modPath != "" {
		if s == modPath {
			return "."
		}
		if rest, ok := strings.CutPrefix(s, modPath+"/"); ok {
			s = rest
		}
	}
	if strings.HasSuffix(s, ".go") {
		s = path.Dir(s)
	}
	s = path.Clean(s)
	if path.IsAbs(s) || s == ".." || strings.HasPrefix(s, "../") {
		return v
	}
	return mainName(s)
}

// Main packages are ranked in tiers, best first. A module's service is
// its root or cmd/<module name> — and, when both a client and a daemon
// are built, the daemon (cmd/<name>d, cmd/<name>-server). Command-line
// clients (…cli, …ctl) and examples come after the other mains; tools,
// tests, generators and plugins last.
const (
	tierDaemon = iota
	tierPrimary
	tierOther
	tierClient
	tierExample
	tierTooling
)

// exampleDirs are folder names whose main packages show how to use the
// module; tooling are those of tests, tools, generators and plugins.
// Neither is ever built by default.
var (
	exampleDirs = setOf("example", "examples", "_examples", "demo", "demos", "sample", "samples")
	toolingDirs = setOf("test", "tests", "testing", "testutil", "e2e", "integration", "bench", "benchmark", "benchmarks",
		"tools", "tool", "scripts", "hack", "internal", "gen", "generate", "generator", "codegen",
		"plugin", "plugins", "contrib", "docs", "mock", "mocks", "fixtures", "misc")
)

// mainTier places one candidate ("./cmd/api") of the module named name.
func mainTier(m, name string) int {
	segs := strings.Split(strings.TrimPrefix(m, "./"), "/")
	for _, seg := range segs {
		if toolingDirs[seg] {
			return tierTooling
		}
	}
	for _, seg := range segs {
		if exampleDirs[seg] {
			return tierExample
		}
	}
	base := segs[len(segs)-1]
	switch {
	case m == "./cmd/"+name+"d", m == "./cmd/"+name+"-server", m == "./cmd/"+name+"-api":
		return tierDaemon
	case m == "." || m == "./cmd/"+name:
		return tierPrimary
	case strings.HasSuffix(base, "cli") || strings.HasSuffix(base, "ctl"):
		return tierClient
	}
	return tierOther
}

// tierWhy says why the winner of a tier was built.
var tierWhy = map[int]string{
	tierDaemon:  "the module's daemon",
	tierPrimary: "named after the module",
	tierOther:   "the only one that is not a client, example, test, tool or plugin",
}

// rankMains sorts the candidates for a person, best tier first, and
// returns the one clear choice, and why: the only candidate of the best
// tier, when that tier is a service's (never a client, an example or a
// tool) and no other command could be the service as well. Otherwise
// choice is "" and a person must choose.
func rankMains(mains []string, modPath string) (ranked []string, choice, why string) {
	name := projectName(modPath) // github.com/x/server/v2 is named server
	ranked = slices.Clone(mains)
	sort.SliceStable(ranked, func(i, j int) bool { return mainTier(ranked[i], name) < mainTier(ranked[j], name) })
	best := mainTier(ranked[0], name)
	next := tierTooling + 1
	if len(ranked) > 1 {
		next = mainTier(ranked[1], name)
	}
	// A daemon wins over every other command; the root or cmd/<name> over
	// clients, examples and tools but not over other commands (cmd/api
	// beside a root main: either may be the service).
	if best > tierOther || next == best || best == tierPrimary && next == tierOther {
		return ranked, "", ""
	}
	why = tierWhy[best]
	if ranked[0] == "." {
		why = "the module root"
	}
	return ranked, ranked[0], why + "; the others are " + othersAre(ranked[1:], name)
}

// othersAre names what the candidates that were not chosen are.
func othersAre(rest []string, name string) string {
	words := map[int]string{tierPrimary: "the module's client", tierOther: "other commands", tierClient: "clients",
		tierExample: "examples", tierTooling: "tests, tools or plugins"}
	var kinds []string
	seen := map[int]bool{}
	for _, m := range rest {
		t := mainTier(m, name)
		if !seen[t] {
			seen[t] = true
			kinds = append(kinds, words[t])
		}
	}
	if len(kinds) > 1 {
		return strings.Join(kinds[:len(kinds)-1], ", ") + " and " + kinds[len(kinds)-1]
	}
	return kinds[0]
}

// setMain fills mains and main: the --main option (which must name one
// of the mains), else the only main package, else nothing with a warning.
func setMain(f *core.Facts, files []sourceFile, opts core.Options, modPath string) error {
	mains, fileOf, warns := findMains(files)
	f.Warnings = append(f.Warnings, warns...)
	f.Mains = mains
	if len(mains) > 0 {
		f.Source("mains", "go.mod")
	}
	switch {
	case opts.Main != "":
		m := normalizeMain(opts.Main, modPath)
		if !slices.Contains(mains, m) {
			return &core.ChoiceError{Flag: "--main", Value: opts.Main, What: "Go main package", Candidates: slices.Clone(mains)}
		}
		f.Main = m
		f.Source("main", "--main")
	case len(mains) == 1:
		f.Main = mains[0]
		f.Source("main", fileOf[mains[0]])
	case len(mains) > 1:
		ranked, choice, why := rankMains(mains, modPath)
		listed := strings.Join(ranked, ", ")
		if len(ranked) > maxListedMains {
			listed = fmt.Sprintf("%s and %d more", strings.Join(ranked[:maxListedMains], ", "), len(ranked)-maxListedMains)
		}
		if choice != "" {
			f.Main = choice
			f.Likely("main", fileOf[choice]) // ranked first among several
			f.Warnf("go.mod: module %s has %d main packages (%s); building %s (%s); pass --main to build another", modPath, len(mains), listed, choice, why)
			break
		}
		f.Warnf("go.mod: module %s has %d main packages (%s); pass --main to choose one", modPath, len(mains), listed)
	default:
		f.Warnf("go.mod: module %s has no main package, so there is nothing to run", modPath)
	}
	return nil
}
