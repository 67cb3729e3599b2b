package detect

import (
	"context"

	"github.com/dockslim/dockslim/internal/versions"
)

// detectGo fills in the facts of a Go module (go.mod at the root).
func detectGo(ctx context.Context, r *repo, opts Options, tab *versions.Table) (*Facts, error) {
	f := newFacts(Go)
	f.LanguageVersion = tab.Go.Default
	f.PackageManager = "go"
	f.Port = 8080
	return f, nil
}
