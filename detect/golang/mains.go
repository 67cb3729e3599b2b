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
	for _, f := range files {
		if f.pkg != "main" {
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
		listed := strings.Join(mains, ", ")
		if len(mains) > maxListedMains {
			listed = fmt.Sprintf("%s and %d more", strings.Join(mains[:maxListedMains], ", "), len(mains)-maxListedMains)
		}
		f.Warnf("go.mod: module %s has %d main packages (%s); pass --main to choose one", modPath, len(mains), listed)
	default:
		f.Warnf("go.mod: module %s has no main package, so there is nothing to run", modPath)
	}
	return nil
}
