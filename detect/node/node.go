package node

import (
	"context"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/internal/versions"
)

// project carries one Node detection: the repo, the parsed
// package.json, the facts being filled and values later steps reuse.
type project struct {
	ctx context.Context
	r   *repo.Repo
	tab *versions.Table
	f   *core.Facts
	d   *Details // f.Details.Lang
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

// fail keeps the first error for detect to return.
func (n *project) fail(err error) {
	if n.err == nil {
		n.err = err
	}
}

// detect fills in the facts of a Node project (package.json at the
// root). Each step lives in a file of its own.
func detect(ctx context.Context, r *repo.Repo, opts core.Options, tab *versions.Table) (*core.Facts, error) {
	d := &Details{}
	f := core.NewFacts(Name, d)
	f.Source("language", "package.json")
	data, err := r.Read("package.json", repo.MaxManifest)
	if err != nil {
		return nil, err
	}
	pkg, warnings, err := parsePackageJSON("package.json", data)
	if err != nil {
		return nil, err
	}
	f.Warnings = append(f.Warnings, warnings...)
	n := &project{ctx: ctx, r: r, tab: tab, f: f, d: d, pkg: pkg}
	if validProjectName(pkg.Name) {
		f.Details.ProjectName = pkg.Name
	} else if pkg.Name != "" {
		f.Warnf("package.json#name %q is not a usable package name; it is ignored", clip(pkg.Name))
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
	if n.pm == "yarn" && f.Sources["languageVersion"] == "" {
		n.d.IgnoreEngines = true
		f.Warnf("nothing in the project states a Node version, so the image uses Node %s and yarn installs with --ignore-engines: yarn (unlike npm and pnpm) refuses a locked package whose engines range leaves that version out; pin the version (.nvmrc, engines.node) to have it checked", f.LanguageVersion)
	}
	n.workspaceMembers()
	n.framework()
	n.buildAndTest()
	n.start()
	n.derivedBuild()
	n.port()
	if err := n.nativeDeps(); err != nil {
		return nil, err
	}
	n.credentials()
	n.manifestFiles()
	n.outputDirs()
	n.runtimeDirs()
	n.runsSource()
	n.d.NoProdDeps = len(n.pkg.Deps) == 0 && len(n.pkg.OptDeps) == 0 && len(n.pkg.Workspaces) == 0
	n.dataDirs()
	n.prisma()
	n.prismaGenerate()
	n.installEnv()
	n.privateRegistries()
	if n.err != nil {
		return nil, n.err
	}
	return f, ctx.Err()
}

// prismaGenerate sets Details.PrismaGenerate when the Prisma CLI is a
// dependency and the schema is known: @prisma/client's postinstall cannot
// generate the client in a production install (the CLI is usually a
// devDependency), so the build stage does, and the runtime takes it.
func (n *project) prismaGenerate() {
	if n.d.PrismaSchema == "" || !n.pkg.hasDep("prisma") {
		return
	}
	cmd := execCommand(n.pm, "prisma generate --schema "+n.d.PrismaSchema)
	if env := n.prismaGenerateEnv(); len(env) > 0 {
		// Placeholders for the build stage (its build script may run
		// prisma generate again, as umami's does); never the image's.
		n.d.BuildEnv = append(n.d.BuildEnv, env...)
		n.f.Warnf("prisma.config reads %s: the build stage gets a placeholder (prisma generate never connects); the image reads the real value at run time", strings.Join(envNames(env), ", "))
	}
	if shellwords.CheckBuild(cmd) == nil {
		n.d.PrismaGenerate = cmd
	}
}

// prisma sets Details.Prisma and PrismaSchema when the project uses
// Prisma: its schema is where package.json#prisma.schema says, else
// prisma/schema.prisma, else the first *.prisma file found (a folder of
// .prisma files is a multi-file schema).
func (n *project) prisma() {
	uses := n.pkg.hasDep("@prisma/client") || n.pkg.hasDep("prisma")
	if s := strings.TrimSpace(n.pkg.PrismaSchema); s != "" {
		if p, ok := safeRelPath(s); ok && (n.r.Has(p) || n.r.HasDir(p)) {
			n.d.Prisma, n.d.PrismaSchema = true, p
			return
		}
		n.f.Warnf("package.json#prisma.schema %q is not a file or folder of the project; it is not used", clip(s))
	}
	if n.r.Has("prisma/schema.prisma") {
		n.d.Prisma, n.d.PrismaSchema = true, "prisma/schema.prisma"
		return
	}
	for _, p := range n.r.FilesWithExt(".prisma") {
		if strings.HasPrefix(p, "node_modules/") {
			continue
		}
		n.d.Prisma, n.d.PrismaSchema = true, p
		return
	}
	if uses {
		n.d.Prisma = true
		n.f.Warnf("the project depends on Prisma but has no .prisma schema; prisma generate cannot run")
	}
}
