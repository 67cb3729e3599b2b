package detect

import (
	"context"

	"github.com/dockslim/dockslim/internal/versions"
)

// detectNode fills in the facts of a Node project (package.json at the root).
func detectNode(ctx context.Context, r *repo, opts Options, tab *versions.Table) (*Facts, error) {
	f := newFacts(Node)
	f.LanguageVersion = tab.Node.Default
	f.PackageManager = "npm"
	f.Port = 3000
	return f, nil
}
