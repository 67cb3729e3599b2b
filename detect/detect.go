package detect

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/internal/versions"
)

// Options steer detection where a caller already knows the answer: facts
// derived from these (build command, lockfiles to copy…) follow them.
// Empty fields mean "detect".
type Options struct {
	// Language forces node, python or go.
	Language string
	// PackageManager forces the package manager (SPEC §4 vocabulary).
	PackageManager string
	// Main forces the Go main package (./cmd/api).
	Main string
}

// manifestNames are the files whose presence at the root makes a project
// of each language, in the order they are mentioned to people.
var manifestNames = map[string][]string{
	Node:   {"package.json"},
	Python: {"pyproject.toml", "requirements.txt", "Pipfile", "setup.py"},
	Go:     {"go.mod"},
}

// languageDetector inspects a repo already known to hold a project of
// its language and fills in every fact it can.
type languageDetector func(ctx context.Context, r *repo, opts Options, tab *versions.Table) (*Facts, error)

var detectors = map[string]languageDetector{
	Node:   detectNode,
	Python: detectPython,
	Go:     detectGo,
}

// Detect reads the project in dir. dir is reported back as given (it is
// never made absolute, so output does not depend on where a repo lives).
func Detect(ctx context.Context, dir string, opts Options) (*Facts, error) {
	if opts.Language != "" && detectors[opts.Language] == nil {
		return nil, fmt.Errorf("unknown language %q (want node, python or go)", opts.Language)
	}
	tab, err := versions.Load()
	if err != nil {
		return nil, err
	}
	r, err := openRepo(ctx, dir)
	if err != nil {
		return nil, err
	}
	candidates := presentLanguages(r)
	if opts.Language != "" {
		if !slices.Contains(candidates, opts.Language) {
			return nil, &NoProjectError{Dir: dir, Language: opts.Language}
		}
		candidates = []string{opts.Language}
	}
	if len(candidates) == 0 {
		return nil, &NoProjectError{Dir: dir, Nested: nestedProjects(r)}
	}

	var results []*Facts
	for _, lang := range candidates {
		f, err := detectors[lang](ctx, r, opts, tab)
		if err != nil {
			return nil, err
		}
		results = append(results, f)
	}
	f := choose(r, results)
	f.Dir = dir
	if len(results) > 1 {
		f.Details.Candidates = []string{f.Language}
		for _, o := range results {
			if o != f {
				f.Details.Candidates = append(f.Details.Candidates, o.Language)
			}
		}
		f.Warnings = append([]string{fmt.Sprintf("also found a %s project (%s); detected %s — pass --lang to choose",
			strings.Join(f.Details.Candidates[1:], " and "), strings.Join(otherManifests(r, f.Language), ", "), f.Language)}, f.Warnings...)
	}
	f.Warnings = append(r.warnings, f.Warnings...)
	if f.Details.SourceURL == "" {
		f.Details.SourceURL = originURL(r.root)
	}
	normalize(f)
	return f, nil
}

// presentLanguages lists the languages whose manifests sit at the root.
func presentLanguages(r *repo) []string {
	var out []string
	for _, lang := range []string{Go, Python, Node} {
		for _, m := range manifestNames[lang] {
			if r.has(m) {
				out = append(out, lang)
				break
			}
		}
	}
	return out
}

func otherManifests(r *repo, chosen string) []string {
	var out []string
	for _, lang := range []string{Go, Python, Node} {
		if lang == chosen {
			continue
		}
		for _, m := range manifestNames[lang] {
			if r.has(m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// nestedProjects names sub-folders (two levels deep at most) that hold a
// manifest, to point a person at the right directory.
func nestedProjects(r *repo) []string {
	seen := map[string]bool{}
	for _, f := range r.files {
		parts := strings.Split(f, "/")
		if len(parts) < 2 || len(parts) > 3 {
			continue
		}
		base := parts[len(parts)-1]
		for _, names := range manifestNames {
			if slices.Contains(names, base) {
				seen[strings.Join(parts[:len(parts)-1], "/")] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	sort.Strings(out)
	if len(out) > 5 {
		out = append(out[:5], "…")
	}
	return out
}

// choose picks the project a Dockerfile is most likely wanted for when
// several languages' manifests sit at the root: an application (a Go main
// package, a web framework, a start entry) beats a manifest that only
// carries tooling; ties go to the language with more source files.
func choose(r *repo, results []*Facts) *Facts {
	best, bestScore, bestFiles := results[0], -1, -1
	for _, f := range results {
		score, files := appScore(f), len(r.filesWithExt(sourceExts[f.Language]...))
		if score > bestScore || score == bestScore && files > bestFiles {
			best, bestScore, bestFiles = f, score, files
		}
	}
	return best
}

var sourceExts = map[string][]string{
	Node:   {".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx", ".vue", ".svelte"},
	Python: {".py"},
	Go:     {".go"},
}

func appScore(f *Facts) int {
	switch {
	case f.Language == Go && len(f.Mains) > 0:
		return 3
	case f.Framework != "" && f.Framework != "vite":
		return 3
	case len(f.Start) > 0 && f.Sources["start"] != "":
		return 2
	case f.Framework != "":
		return 2
	}
	return 1
}

// normalize makes every slice and map non-nil so JSON shows [] and {}.
func normalize(f *Facts) {
	for _, s := range []*[]string{&f.Start, &f.Flavours, &f.NativeDeps, &f.Mains, &f.Warnings} {
		if *s == nil {
			*s = []string{}
		}
	}
	if f.Sources == nil {
		f.Sources = map[string]string{}
	}
}
