package project

import (
	"context"
	"fmt"

	"github.com/dockslim/dockslim/detect"
)

// Target is the folder a command works on and the Go main package it
// builds there.
type Target struct {
	Dir, Main string
	// Note says why Dir is not the folder the person named ("" when it is).
	Note string
}

// Locate is the first step of open: the folder to work on. A folder with
// no project of its own that is a main package of a Go module rooted
// above it (`dockslim init examples/base`, where go.mod is two levels up)
// becomes that module's folder with the package as --main: a Go build
// needs the whole module in its context, so the files go beside go.mod.
// A --main given with such a folder is the person's own choice and keeps
// the folder as named (detection then says what is missing).
func Locate(ctx context.Context, dir, main string) Target {
	if main != "" {
		return Target{Dir: dir, Main: main}
	}
	root, pkg, ok := detect.ModuleAbove(ctx, dir)
	if !ok {
		return Target{Dir: dir}
	}
	return Target{Dir: root, Main: pkg, Note: fmt.Sprintf(
		"%s has no go.mod: it is the main package %s of the Go module in %s, so dockslim works there (the module is the build context)",
		dir, pkg, root)}
}
