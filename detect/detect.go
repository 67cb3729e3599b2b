package detect

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/versions"
)

// Detect reads the project in dir. dir is reported back as given (it is
// never made absolute, so output does not depend on where a repo lives).
// A workspace's members are detected too (Facts.Apps).
func Detect(ctx context.Context, dir string, opts Options) (*Facts, error) {
	return detectDir(ctx, dir, opts, true)
}

// detectDir is Detect; withApps detects a workspace's members, which a
// member's own detection (and a Go program's frontend's) does not.
func detectDir(ctx context.Context, dir string, opts Options, withApps bool) (*Facts, error) {
	if _, ok := Lookup(opts.Language); opts.Language != "" && !ok {
		return nil, fmt.Errorf("unknown language %q (want %s)", opts.Language, strings.Join(LanguageNames(), ", "))
	}
	tab, err := versions.Load()
	if err != nil {
		return nil, err
	}
	r, err := repo.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	candidates := presentLanguages(r)
	if opts.Language != "" {
		i := slices.IndexFunc(candidates, func(l *Language) bool { return l.Name == opts.Language })
		if i < 0 {
			return nil, &NoProjectError{Dir: dir, Language: opts.Language}
		}
		candidates = candidates[i : i+1]
	}
	if len(candidates) == 0 {
		e := &NoProjectError{Dir: dir, Nested: nestedProjects(r)}
		e.Above, e.AboveManifest, e.Main = projectAbove(dir, r)
		if withApps {
			for _, n := range e.Nested {
				if n == "…" {
					continue
				}
				a := App{Path: n, Source: "folder"}
				if nf, err := detectDir(ctx, filepath.Join(dir, filepath.FromSlash(n)), Options{}, false); err == nil {
					a.Language, a.Framework = nf.Language, nf.Framework
					a.Deployable, a.Reason = deployable(nf)
				} else if ctx.Err() != nil {
					return nil, ctx.Err()
				} else {
					a.Reason = reasonOf(err)
				}
				e.Apps = append(e.Apps, a)
			}
		}
		return nil, e
	}

	var results []*Facts
	for _, l := range candidates {
		f, err := core.Run(ctx, l, r, opts, tab)
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
	if f.Details.SourceURL == "" {
		f.Details.SourceURL = originURL(r.Root())
	}
	f.Details.CommittedEnvFiles = committedEnvFiles(r.Root())
	if l, ok := Lookup(f.Language); ok {
		f.Details.HealthRoutes, f.Details.HealthSource = healthRoutes(r, l.SourceExts)
	}
	if err := fillFrontend(ctx, dir, f); err != nil {
		return nil, err
	}
	if withApps {
		if f.Apps, err = apps(ctx, dir, f); err != nil {
			return nil, err
		}
		if err := asWorkspaceMember(ctx, dir, f); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// presentLanguages lists the languages whose manifests sit at the root,
// in registry order.
func presentLanguages(r *repo.Repo) []*Language {
	var out []*Language
	for _, l := range Languages() {
		if slices.ContainsFunc(l.Manifests, r.Has) {
			out = append(out, l)
		}
	}
	return out
}

func otherManifests(r *repo.Repo, chosen string) []string {
	var out []string
	for _, l := range Languages() {
		if l.Name == chosen {
			continue
		}
		for _, m := range l.Manifests {
			if r.Has(m) {
				out = append(out, m)
			}
		}
	}
	return out
}

// ModuleAbove reports, for a dir that holds no project of its own, the
// Go module above it that dir is a package of: root is the module's
// folder (a path built from dir, "../.." style when dir is relative) and
// main is dir as that module's main package ("./examples/base"). ok is
// false when dir has a project, holds no Go files, or no go.mod is
// found within a few folders up (and inside the repository).
func ModuleAbove(ctx context.Context, dir string) (root, main string, ok bool) {
	r, err := repo.Open(ctx, dir)
	if err != nil || len(presentLanguages(r)) > 0 {
		return "", "", false
	}
	root, manifest, main := projectAbove(dir, r)
	if root == "" || main == "" || manifest != "go.mod" {
		return "", "", false
	}
	return root, main, true
}

// projectAbove looks in the folders above dir (up to maxAbove, and not
// past a repository root) for a manifest that makes dir part of a larger
// project: a Go module whose package dir is, when dir holds Go files.
// Only the manifests' existence is checked; nothing above dir is read.
func projectAbove(dir string, r *repo.Repo) (above, manifest, main string) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", ""
	}
	goFiles := len(r.FilesWithExt(".go")) > 0
	rel := ""
	for i, cur := 0, abs; i < maxAbove; i++ {
		parent := filepath.Dir(cur)
		if parent == cur {
			break
		}
		rel = path.Join(filepath.Base(cur), rel)
		up := filepath.Join(dir, strings.Repeat("../", i+1))
		for _, l := range Languages() {
			for _, m := range l.Manifests {
				if st, err := os.Stat(filepath.Join(parent, m)); err == nil && st.Mode().IsRegular() {
					if l.MainPackages && goFiles {
						main = "./" + rel
					}
					return filepath.Clean(up), m, main
				}
			}
		}
		if st, err := os.Stat(filepath.Join(parent, ".git")); err == nil && st.IsDir() {
			break // the repository's root: nothing above belongs to it
		}
		cur = parent
	}
	return "", "", ""
}

// maxAbove is how many folders up projectAbove looks.
const maxAbove = 6

// nestedProjects names sub-folders (two levels deep at most) that hold a
// manifest, to point a person at the right directory.
func nestedProjects(r *repo.Repo) []string {
	seen := map[string]bool{}
	for _, f := range r.Files() {
		parts := strings.Split(f, "/")
		if len(parts) < 2 || len(parts) > 3 {
			continue
		}
		base := parts[len(parts)-1]
		for _, l := range Languages() {
			if slices.Contains(l.Manifests, base) {
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
// several languages' manifests sit at the root: an application (a main
// package, a web framework, a start entry) beats a manifest that only
// carries tooling; ties go to the language with more source files, then
// to the earlier row of the registry.
func choose(r *repo.Repo, results []*Facts) *Facts {
	best, bestScore, bestFiles := results[0], -1, -1
	for _, f := range results {
		l, _ := Lookup(f.Language)
		score, files := appScore(l, f), len(r.FilesWithExt(l.SourceExts...))
		if score > bestScore || score == bestScore && files > bestFiles {
			best, bestScore, bestFiles = f, score, files
		}
	}
	return best
}

func appScore(l *Language, f *Facts) int {
	switch {
	case len(f.Mains) > 0:
		return 3
	case f.Framework != "" && !slices.Contains(l.StaticFrameworks, f.Framework):
		return 3
	case len(f.Start) > 0 && f.Sources["start"] != "":
		return 2
	case f.Framework != "":
		return 2
	}
	return 1
}
