package detect

import (
	"context"
	"strings"

	"github.com/dockslim/dockslim/internal/versions"
)

// nodeProject carries one Node detection: the repo, the parsed
// package.json, the facts being filled and values later steps reuse.
type nodeProject struct {
	ctx context.Context
	r   *repo
	tab *versions.Table
	f   *Facts
	pkg *packageJSON
	pm  string

	ts       *tsConfig // tsconfig.json, nil when absent or unusable
	tsLoaded bool

	yarnrcLoaded   bool
	yarnPath       string   // .yarnrc.yml yarnPath, cleaned
	yarnPlugins    []string // .yarnrc.yml plugin paths, cleaned
	workspaceGlobs []string

	entry      string   // source file the start command runs, for the port scan
	startNotes []string // why start rules were skipped; finished in start()
	scriptPort int      // a port given on the start script's command line
	portFrom   string

	err error // first read error met where returning at once was awkward
}

// fail keeps the first error for detectNode to return.
func (n *nodeProject) fail(err error) {
	if n.err == nil {
		n.err = err
	}
}

// detectNode fills in the facts of a Node project (package.json at the
// root). Each step lives in its own node_*.go file.
func detectNode(ctx context.Context, r *repo, opts Options, tab *versions.Table) (*Facts, error) {
	f := newFacts(Node)
	f.source("language", "package.json")
	data, err := r.read("package.json", maxManifest)
	if err != nil {
		return nil, err
	}
	pkg, warnings, err := parsePackageJSON("package.json", data)
	if err != nil {
		return nil, err
	}
	f.Warnings = append(f.Warnings, warnings...)
	n := &nodeProject{ctx: ctx, r: r, tab: tab, f: f, pkg: pkg}
	if validProjectName(pkg.Name) {
		f.Details.ProjectName = pkg.Name
	} else if pkg.Name != "" {
		f.warnf("package.json#name %q is not a usable package name; it is ignored", clip(pkg.Name))
	}
	for _, step := range []func() error{
		n.nodeVersion,
		func() error { return n.packageManager(opts) },
		n.workspace,
	} {
		if err := step(); err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
	n.framework()
	n.buildAndTest()
	n.start()
	n.port()
	if err := n.nativeDeps(); err != nil {
		return nil, err
	}
	n.flavours()
	n.manifestFiles()
	n.outputDirs()
	n.runtimeDirs()
	n.prisma()
	if n.err != nil {
		return nil, n.err
	}
	return f, ctx.Err()
}

// prisma sets Details.Node.Prisma when the project uses Prisma: a schema
// under prisma/ or the client as a dependency.
func (n *nodeProject) prisma() {
	if n.pkg.hasDep("@prisma/client") || n.r.has("prisma/schema.prisma") {
		n.f.Details.Node.Prisma = true
		return
	}
	for _, p := range n.r.filesWithExt(".prisma") {
		if strings.HasPrefix(p, "prisma/") {
			n.f.Details.Node.Prisma = true
			return
		}
	}
}
