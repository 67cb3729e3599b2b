package golang

import (
	"fmt"
	"path"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// manifests lists the files the dependency layer needs before the
// source is copied: go.mod and go.sum, go.work and go.work.sum, and the
// go.mod/go.sum of every local module the build resolves through a
// `replace … => ./dir` or a go.work `use` — `go mod download` reads them,
// so without them the download step fails or the cache layer misses.
// Local modules outside the project cannot reach the Docker build
// context; they are warned about, not listed.
func manifests(r *repo.Repo, mf *modfile.File, wf *modfile.WorkFile) (files, warnings []string) {
	// A go.work may sit alone at the root (no module of its own): mf nil.
	if mf != nil || r.Has("go.mod") {
		files = []string{"go.mod"}
	}
	for _, name := range []string{"go.sum", "go.work", "go.work.sum"} {
		if r.Has(name) {
			files = append(files, name)
		}
	}
	addDir := func(from, what, dir string) {
		rel, ok := localModuleDir(dir)
		switch {
		case !ok:
			warnings = append(warnings, fmt.Sprintf("%s %s %s, which is outside the project; the image build cannot see it", from, what, dir))
		case rel == ".":
			// The main module itself: already listed.
		case !r.Has(rel + "/go.mod"):
			warnings = append(warnings, fmt.Sprintf("%s %s %s, which has no go.mod", from, what, dir))
		default:
			files = append(files, rel+"/go.mod")
			if r.Has(rel + "/go.sum") {
				files = append(files, rel+"/go.sum")
			}
		}
	}
	if mf != nil {
		for _, rep := range mf.Replace {
			if modfile.IsDirectoryPath(rep.New.Path) {
				addDir("go.mod", "replaces "+rep.Old.Path+" with", rep.New.Path)
			}
		}
	}
	if wf != nil {
		for _, u := range wf.Use {
			addDir("go.work", "uses", u.Path)
		}
		for _, rep := range wf.Replace {
			if modfile.IsDirectoryPath(rep.New.Path) {
				addDir("go.work", "replaces "+rep.Old.Path+" with", rep.New.Path)
			}
		}
	}
	return core.SortedUnique(files), warnings
}

// localModuleDir cleans a directory path from go.mod or go.work into a
// slash path relative to the root; ok is false when it leaves the root
// (../x, /abs, C:\x).
func localModuleDir(dir string) (string, bool) {
	d := strings.ReplaceAll(dir, `\`, "/")
	if path.IsAbs(d) || (len(d) > 1 && d[1] == ':') {
		return "", false
	}
	d = path.Clean(d)
	if d == ".." || strings.HasPrefix(d, "../") {
		return "", false
	}
	return d, true
}
