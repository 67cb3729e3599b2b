package detect

import (
	"context"

	"github.com/dockslim/dockslim/internal/versions"
)

// detectPython fills in the facts of a Python project.
func detectPython(ctx context.Context, r *repo, opts Options, tab *versions.Table) (*Facts, error) {
	f := newFacts(Python)
	f.LanguageVersion = tab.Python.Default
	f.PackageManager = "pip"
	f.Port = 8000
	return f, nil
}
