package detect

import (
	"fmt"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// FileError is a problem with one file of the project: malformed, too
// large, unreadable, or a symlink that leaves the project or loops.
type FileError = repo.FileError

// ErrTooLarge and ErrOutside are wrapped by a FileError for a file over
// the read limit and a symlink out of the project.
var (
	ErrTooLarge = repo.ErrTooLarge
	ErrOutside  = repo.ErrOutside
)

// NoProjectError means no supported project was found in Dir.
type NoProjectError struct {
	Dir string
	// Language is set when a language was asked for and its manifest is
	// missing.
	Language string
	// Nested lists sub-folders that do hold a project, as a hint; Apps
	// are the same folders detected (at most five), for `init --app`
	// and `--all`.
	Nested []string
	Apps   []App
	// Above is a folder above Dir whose manifest (AboveManifest) makes
	// Dir part of its project — a Go package of a module rooted higher up
	// — and Main is Dir as that module's main package ("./examples/base").
	Above, AboveManifest, Main string
}

func (e *NoProjectError) Error() string {
	var b strings.Builder
	if l, ok := Lookup(e.Language); ok {
		fmt.Fprintf(&b, "no %s project in %s (looked for %s)", e.Language, e.Dir, strings.Join(l.Manifests, ", "))
	} else {
		var titles, manifests []string
		for _, l := range Languages() {
			titles = append(titles, l.Title)
			manifests = append(manifests, l.Manifests...)
		}
		fmt.Fprintf(&b, "no %s or %s project in %s (looked for %s)", strings.Join(titles[:len(titles)-1], ", "), titles[len(titles)-1], e.Dir, strings.Join(manifests, ", "))
	}
	switch {
	case len(e.Apps) > 0:
		var names []string
		for _, a := range e.Apps {
			what := strings.TrimSpace(a.Language + " " + a.Framework)
			if !a.Deployable {
				what += ", " + cmpOr(a.Reason, "not deployable")
			}
			names = append(names, a.Path+" ("+what+")")
		}
		first := e.Apps[0].Path
		for _, a := range e.Apps {
			if a.Deployable {
				first = a.Path
				break
			}
		}
		fmt.Fprintf(&b, "; sub-folders hold projects: %s — name one (`dockslim init --app %s`), or take every deployable one with --all", strings.Join(names, ", "), first)
	case len(e.Nested) > 0:
		fmt.Fprintf(&b, "; sub-folders with one: %s", strings.Join(e.Nested, ", "))
	}
	if e.Above != "" {
		fmt.Fprintf(&b, "; it is part of the project whose %s is in %s", e.AboveManifest, e.Above)
		if e.Main != "" {
			fmt.Fprintf(&b, ": run `dockslim init %s --main %s`", e.Above, e.Main)
		}
	}
	return b.String()
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
