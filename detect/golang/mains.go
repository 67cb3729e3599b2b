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

// secondary are folder names whose main packages are not the service a
// Dockerfile is wanted for: examples, tests, tools, generators, plugins.
var secondary = []string{"example", "examples", "_examples", "demo", "demos", "sample", "samples",
	"test", "tests", "testing", "testutil", "e2e", "integration", "bench", "benchmark", "benchmarks",
	"tools", "tool", "scripts", "hack", "internal", "gen", "generate", "generator", "codegen",
	"plugin", "plugins", "contrib", "docs", "mock", "mocks", "fixtures", "misc"}

// rankMains sorts the candidates for a person: the module root and
// cmd/<module name> first (the service), then the others, then those
// under secondary folders; it returns the one clear choice, and why, or
// "" when a person must choose.
func rankMains(mains []string, modPath string) (ranked []string, choice, why string) {
	name := path.Base(modPath)
	primary := func(m string) bool { return m == "." || m == "./cmd/"+name }
	minor := func(m string) bool {
		for _, seg := range strings.Split(strings.TrimPrefix(m, "./"), "/") {
			if slices.Contains(secondary, seg) {
				return true
			}
		}
		return false
	}
	rank := func(m string) int {
		switch {
		case primary(m):
			return 0
		case minor(m):
			return 2
		}
		return 1
	}
	ranked = slices.Clone(mains)
	sort.SliceStable(ranked, func(i, j int) bool { return rank(ranked[i]) < rank(ranked[j]) })
	// One clear winner: the only candidate outside the secondary folders.
	var service []string
	for _, m := range ranked {
		if rank(m) < 2 {
			service = append(service, m)
		}
	}
	if len(service) != 1 {
		return ranked, "", ""
	}
	switch m := service[0]; {
	case m == ".":
		why = "the module root; the others are examples, tests, tools or plugins"
	case primary(m):
		why = "named after the module; the others are examples, tests, tools or plugins"
	default:
		why = "the others are examples, tests, tools or plugins"
	}
	return ranked, service[0], why
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
