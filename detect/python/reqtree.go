package python

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// Limits on requirement includes: enough for any real layout
// (requirements/{base,prod,dev}.txt…), small enough that a hostile tree
// cannot make detect read gigabytes.
const (
	maxReqFiles = 64
	maxReqBytes = 16 << 20
)

// dependency is a named dependency and the file that declares it.
type dependency struct {
	Req  *requirement
	From string // file, or file#field for TOML manifests
}

// reqTree is what a requirements file and its includes install.
type reqTree struct {
	Files          []string     // the top file first, then includes in the order met
	Deps           []dependency // named requirements (constraints excluded)
	LocalPaths     []string     // local projects and archives, cleaned
	InstallProject bool         // `.` or `-e .`
	Warnings       []string
}

// reqWalk is the state of one include traversal.
type reqWalk struct {
	ctx   context.Context
	r     *repo.Repo
	t     *reqTree
	seen  map[string]bool
	stack []string
	bytes int
}

// readRequirements reads top and every file it includes with -r or -c
// (relative to the including file, as pip resolves them). A missing
// include, one that leaves the project, or a cycle is a *repo.FileError at
// the including line.
func readRequirements(ctx context.Context, r *repo.Repo, top string) (*reqTree, error) {
	w := &reqWalk{ctx: ctx, r: r, t: &reqTree{}, seen: map[string]bool{}}
	if err := w.visit(top, false); err != nil {
		return nil, err
	}
	return w.t, nil
}

// visit parses file; constraint marks a file reached through -c, whose
// requirements only pin versions and install nothing.
func (w *reqWalk) visit(file string, constraint bool) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	w.seen[file] = true
	w.t.Files = append(w.t.Files, file)
	w.stack = append(w.stack, file)
	defer func() { w.stack = w.stack[:len(w.stack)-1] }()
	data, err := w.r.Read(file, repo.MaxManifest)
	if err != nil {
		return err
	}
	if w.bytes += len(data); w.bytes > maxReqBytes {
		return &repo.FileError{Path: file, Err: fmt.Errorf("requirement files and their includes exceed %d MiB together", maxReqBytes>>20)}
	}
	lines, err := parseRequirementsFile(file, data)
	if err != nil {
		return err
	}
	for _, l := range lines {
		at := fmt.Sprintf("%s:%d", file, l.Line)
		if l.Warn != "" {
			w.t.Warnings = append(w.t.Warnings, at+": "+l.Warn)
		}
		switch {
		case l.Kind == lineInclude || l.Kind == lineConstraint:
			if err := w.include(file, l, constraint || l.Kind == lineConstraint); err != nil {
				return err
			}
		case constraint:
		case l.Path != "":
			w.local(at, l.Path)
			if l.Req != nil && l.Req.Name != "" {
				w.t.Deps = append(w.t.Deps, dependency{Req: l.Req, From: file})
			}
		case l.Req != nil && l.Req.Name != "":
			w.t.Deps = append(w.t.Deps, dependency{Req: l.Req, From: file})
		}
	}
	return nil
}

// include follows one -r/-c line of file.
func (w *reqWalk) include(file string, l reqLine, constraint bool) error {
	target := l.Path
	if uRLRE.MatchString(target) {
		w.t.Warnings = append(w.t.Warnings, fmt.Sprintf("%s:%d: includes a URL, which dockslim does not read; its requirements are not detected", file, l.Line))
		return nil
	}
	rel := path.Clean(path.Join(path.Dir(file), strings.ReplaceAll(target, `\`, "/")))
	if path.IsAbs(target) || rel == ".." || strings.HasPrefix(rel, "../") {
		return &repo.FileError{Path: file, Line: l.Line, Err: fmt.Errorf("includes %q, which is outside the project", clipStr(target, 80))}
	}
	for i, s := range w.stack {
		if s == rel {
			cycle := append(append([]string{}, w.stack[i:]...), rel)
			return &repo.FileError{Path: file, Line: l.Line, Err: fmt.Errorf("include cycle: %s", strings.Join(cycle, " → "))}
		}
	}
	if w.seen[rel] {
		return nil // included twice (a diamond), not a cycle: read once
	}
	if !w.r.Has(rel) {
		return &repo.FileError{Path: file, Line: l.Line, Err: fmt.Errorf("includes %s, which does not exist", rel)}
	}
	if len(w.t.Files) >= maxReqFiles {
		return &repo.FileError{Path: file, Line: l.Line, Err: fmt.Errorf("includes more than %d requirement files", maxReqFiles)}
	}
	return w.visit(rel, constraint)
}

// local records a local project path installed by a requirement line.
func (w *reqWalk) local(at, p string) {
	if p == "." {
		w.t.InstallProject = true
	}
	if p != "." && !w.r.Has(p) && !w.r.HasDir(p) {
		shown := "on this line"
		if safePathRE.MatchString(p) {
			shown = p
		}
		w.t.Warnings = append(w.t.Warnings, fmt.Sprintf("%s: the local path %s does not exist; it is ignored", at, shown))
		return
	}
	w.t.LocalPaths = append(w.t.LocalPaths, p)
}
