package generate

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/internal/shellwords"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/detect/node"
	"github.com/dockslim/dockslim/internal/versions"
)

// nodeAnswers are the answers node.Details give.
func nodeAnswers(d *node.Details) *NodeAnswers {
	return &NodeAnswers{
		HasBuildScript:   d.HasBuildScript,
		NextStandalone:   d.NextStandalone,
		StaticDir:        d.StaticDir,
		OutputDirs:       clone(d.OutputDirs),
		RuntimeDirs:      clone(d.RuntimeDirs),
		RunsSource:       d.RunsSource,
		NoProdDeps:       d.NoProdDeps,
		IgnoreEngines:    d.IgnoreEngines,
		WorkspacePackage: d.WorkspacePackage,
		WorkspaceDeps:    clone(d.WorkspaceDeps),
		SecretFiles:      clone(d.SecretFiles),
		TurboVersion:     d.TurboVersion,
		Prisma:           d.Prisma,
		PrismaSchema:     d.PrismaSchema,
		PrismaGenerate:   d.PrismaGenerate,
		YarnPath:         d.YarnPath,
		InstallEnv:       clone(d.InstallEnv),
	}
}

// buildEnvOf is the build-stage environment a language's detection
// asks for (node.Details.BuildEnv).
func buildEnvOf(lang any) []string {
	if d, ok := lang.(*node.Details); ok {
		return clone(d.BuildEnv)
	}
	return nil
}

// nodeSamples are the Node projects `pack lint` renders: a TypeScript
// API, and the same with a native addon.
func nodeSamples() []Sample {
	a := func() *Answers {
		return &Answers{
			Language: node.Name, LanguageVersion: "22", PackageManager: "npm", Flavour: "alpine",
			Port: 3000, BuildCommand: "npm run build", Start: []string{"node", "dist/server.js"},
			TestCommand: "npm test", ProjectName: "sample", ManifestFiles: []string{"package-lock.json", "package.json"},
			Node: &NodeAnswers{HasBuildScript: true, OutputDirs: []string{"dist"}}, Vars: map[string]string{},
		}
	}
	native := a()
	native.Native, native.Flavour, native.NativeDeps = true, "slim", []string{"bcrypt"}
	return []Sample{{"node", a()}, {"node native", native}}
}

// NodeView is the Node template's model.
type NodeView struct {
	// BaseImage builds (deps, build, test); RuntimeImage ships.
	BaseImage    string
	RuntimeImage string
	// BaseEnv are ENV k=v lines of the base stage (package-manager settings).
	BaseEnv []string
	// Setup installs the package manager and the native toolchain in the
	// base stage (nil when the image has what is needed).
	Setup     *RunStep
	Toolchain *RunStep
	// Native is true when addons compile: the build-from-source switch is
	// offered as a build argument.
	Native bool
	// ProdDeps installs production dependencies for the runtime (nil when
	// the runtime needs no node_modules: Next standalone, static sites).
	ProdDeps *RunStep
	AllDeps  *RunStep
	Build    *RunStep
	Test     *RunStep
	// BuildEnv are ENV lines of the build stage (NEXT_TELEMETRY_DISABLED).
	BuildEnv []string
	// IsStatic: nginx serves StaticDir; IsNextStandalone: the standalone
	// server; otherwise node runs the app with its production node_modules.
	IsStatic bool
	// SiteConf is the nginx site the build stage writes (a single-page
	// app's fallback to index.html), copied over nginx's default; "" when
	// none.
	SiteConf         string
	IsNextStandalone bool
	StaticDir        string
	RuntimeDeps      *RunStep
	RuntimeEnv       []string
	// Copies are what the runtime takes from the build stage.
	Copies []Copy
	// CopyContext copies the build context into the runtime (apps with
	// no build step run their source).
	CopyContext bool
	// PruneSource, when set, is the RUN of a `source` stage that deletes
	// the tests from a copy of the context; the runtime then copies that
	// stage instead of the context, so it ships no source it does not run.
	PruneSource *RunStep
	// SourceFromBuild bases the source stage on the build stage (the
	// source and the build output) rather than on a copy of the context.
	SourceFromBuild bool
	// NeedsNodeModules is true when the runtime gets ProdDeps' node_modules.
	NeedsNodeModules bool
	// IgnoredOutputs are .dockerignore lines for build output the build
	// stage recreates (only when there is a build step).
	IgnoredOutputs []string
	// SecretFiles are .dockerignore lines for committed credential files.
	SecretFiles []string
	// Prune, when set, is a `prune` stage that runs `turbo prune --docker`
	// for a Turborepo member: the install reads its pruned manifests and
	// lockfile, the build its pruned sources.
	Prune *PruneStage
	// Standalone, when set, is the RUN of a `standalone` stage on the
	// build stage that moves Next's traced node_modules out of
	// .next/standalone, so the runtime copies them in a layer of their
	// own, before the server: an edit of the app then re-ships the
	// server and its build output, not its dependencies.
	Standalone *RunStep
	// Prod, when set, is the RUN of a `prod` stage on the build stage
	// that lays out what the runtime copies (pnpm deploy, for a
	// workspace member).
	Prod *RunStep
	// RuntimeWorkdir is the final stage's working directory, where start
	// runs; TestWorkdir, when set, the test stage's (a member's folder).
	RuntimeWorkdir string
	TestWorkdir    string
}

// PruneStage installs turbo and prunes the workspace to one app.
type PruneStage struct{ Setup, Run *RunStep }

// spaConfPath is where the build stage writes the nginx site.
const spaConfPath = "/tmp/dockslim-site.conf"

// spaConf writes the nginx site of a static build: nginx-unprivileged's
// port, the built files, and index.html for any path that is not one of
// them.
func spaConf() string {
	return `printf '%s\n' 'server {' '    listen ` + strconv.Itoa(node.StaticPort) + `;' '    server_name _;' '    root /usr/share/nginx/html;' '    index index.html;' '    location / {' '        try_files $uri $uri/ /index.html;' '    }' '}' > ` + spaConfPath
}

// pm describes how one package manager installs.
type pm struct {
	setup     string // global install command, "" when none is needed
	cache     string
	all, prod string
	env       []string
	usesNpmrc bool
	// locked serialises the cache: yarn classic's breaks when the deps
	// and build stages fill it at once ("Integrity check failed").
	locked bool
}

// caches is the package manager's cache mount.
func (p pm) caches() []Cache { return []Cache{{Target: p.cache, Locked: p.locked}} }

func nodePM(a *Answers, tab *versions.Table) pm {
	version := func(tool string) string {
		if versionRE.MatchString(a.PackageManagerVersion) {
			return a.PackageManagerVersion
		}
		return tab.Tools[tool]
	}
	engines := ""
	if a.Node != nil && a.Node.IgnoreEngines {
		engines = " --ignore-engines"
	}
	switch a.PackageManager {
	case "pnpm":
		store := " --store-dir=/pnpm/store"
		return pm{setup: "npm install -g pnpm@" + version("pnpm"), cache: "/pnpm/store",
			all: "pnpm install --frozen-lockfile" + store, prod: "pnpm install --frozen-lockfile --prod" + store, usesNpmrc: true}
	case "yarn":
		return pm{setup: "npm install -g --force yarn@" + version("yarn"), cache: "/usr/local/share/.cache/yarn",
			all: "yarn install --frozen-lockfile" + engines, prod: "yarn install --frozen-lockfile --production" + engines, usesNpmrc: true, locked: true}
	case "yarn-berry":
		return pm{setup: "npm install -g --force @yarnpkg/cli-dist@" + version("yarnBerry"), cache: "/root/.yarn/berry",
			all: "yarn install --immutable", prod: "yarn workspaces focus --all --production",
			// node_modules whatever .yarnrc.yml says: the runtime copies them.
			env: []string{"YARN_NODE_LINKER=node-modules", "YARN_GLOBAL_FOLDER=/root/.yarn/berry", "YARN_ENABLE_TELEMETRY=0"}}
	case "bun":
		return pm{setup: "npm install -g bun@" + version("bun"), cache: "/root/.bun/install/cache",
			all: "bun install --frozen-lockfile", prod: "bun install --frozen-lockfile --production"}
	}
	p := pm{cache: "/root/.npm", all: "npm ci", prod: "npm ci --omit=dev", usesNpmrc: true}
	if !hasLockfile(a.ManifestFiles) {
		p.all, p.prod = "npm install --no-audit --no-fund", "npm install --omit=dev --no-audit --no-fund"
	}
	return p
}

// hasLockfile reports whether files hold one of npm's lockfiles.
func hasLockfile(files []string) bool {
	l, _ := detect.Lookup(node.Name)
	npm, _ := l.Manager("npm")
	return slices.ContainsFunc(files, func(f string) bool { return slices.Contains(npm.Lockfiles, f) })
}

// gypLeftovers deletes what node-gyp leaves beside compiled addons:
// object files, static archives and dependency listings, never loaded at
// run time.
const gypLeftovers = `find node_modules \( -path '*/build/Release/obj*' -o -path '*/build/Release/.deps' -o -name '*.a' -o -name '*.o' \) -prune -exec rm -rf {} +`

func nodeView(v *View, a *Answers, tab *versions.Table) error {
	n := &NodeView{Native: a.Native}
	na := a.Node
	if na == nil {
		na = &NodeAnswers{}
	}
	p := nodePM(a, tab)
	n.IsStatic = na.StaticDir != ""
	n.SecretFiles = clone(na.SecretFiles)
	if !n.IsStatic {
		v.DataDirs = clone(a.DataDirs)
	}
	n.IsNextStandalone = na.NextStandalone
	n.StaticDir = na.StaticDir
	v.Args = append(v.Args, Arg{"NODE_VERSION", a.LanguageVersion})
	var err error
	baseRole := "node"
	if v.IsAlpine {
		baseRole = "nodeAlpine"
	}
	if n.BaseImage, err = imageRef(tab, baseRole, "${NODE_VERSION}"); err != nil {
		return err
	}
	n.BaseEnv = append(slices.Clone(p.env), na.InstallEnv...)
	if p.setup != "" {
		n.Setup = &RunStep{Caches: caches("/root/.npm"), Commands: []string{p.setup}}
	}
	// The base and the runtime images share a distro (node:…-bookworm-slim
	// or node:…-alpine), so one set of system packages serves both.
	pkgs, distro, err := systemPackages(a, tab, baseRole)
	if err != nil {
		return err
	}
	if a.Native {
		// Local headers: node-gyp would otherwise download them.
		n.BaseEnv = append(n.BaseEnv, "npm_config_nodedir=/usr/local")
		n.Toolchain = installStep(distro, pkgs.Build)
	}
	binds := bindMounts(a.ManifestFiles)
	if na.Prisma {
		// @prisma/client's install script reads the schema.
		dir := path.Join(a.AppDir, prismaMount(na.PrismaSchema))
		binds = append(binds, Mount{Source: dir, Target: dir})
	}
	// A person's own ~/.npmrc (a private registry token) is offered as an
	// optional secret: `docker build --secret id=npmrc,src=$HOME/.npmrc`.
	var secrets []Secret
	if p.usesNpmrc {
		secrets = []Secret{{ID: "npmrc", Target: "/root/.npmrc"}}
		v.SecretFlags = append(v.SecretFlags, "--secret id=npmrc,src=$HOME/.npmrc")
	}
	// A workspace root installs like any project, with every member's
	// package.json bound (ManifestFiles lists them): its sources come
	// after, so a source edit keeps the install layer.
	install := func(cmd string, prune bool) *RunStep {
		cmds := []string{cmd}
		if prune && a.Native {
			cmds = append(cmds, gypLeftovers)
		}
		return &RunStep{Caches: p.caches(), Binds: binds, Secrets: secrets, Commands: cmds}
	}
	n.AllDeps = install(p.all, false)
	if a.BuildCommand != "" {
		n.Build = &RunStep{Commands: []string{a.BuildCommand}}
		if a.Framework == "next" {
			// Next's build cache speeds up rebuilds and must not reach
			// the runtime, which copies .next.
			n.Build.Caches = caches("/app/.next/cache")
		}
	}
	if a.BuildCommand != "" {
		for _, d := range append(append([]string{}, na.OutputDirs...), na.StaticDir) {
			if d != "" && d != "." && d != "public" {
				n.IgnoredOutputs = append(n.IgnoredOutputs, "/"+ignoredOutput(d)+"/")
			}
		}
		n.IgnoredOutputs = sortedUnique(n.IgnoredOutputs)
	}
	if na.PrismaGenerate != "" {
		// The client is generated before the build compiles code that
		// imports it.
		if n.Build == nil {
			n.Build = &RunStep{}
		}
		gen := na.PrismaGenerate
		if a.AppDir != "" {
			gen = "(cd " + a.AppDir + " && " + gen + ")" // its paths are the member's
		}
		n.Build.Commands = append([]string{gen}, n.Build.Commands...)
	}
	if a.Framework == "next" {
		n.BuildEnv = append(n.BuildEnv, "NEXT_TELEMETRY_DISABLED=1")
	}
	n.BuildEnv = append(n.BuildEnv, a.BuildEnv...) // --build-env: the build stage only
	if n.IsStatic && n.Build != nil {
		// nginx's own site answers 404 for a client-side route
		// (/settings after a reload): the site falls back to index.html,
		// as single-page apps need, and still serves every real file.
		n.Build.Commands = append(n.Build.Commands, spaConf())
		n.SiteConf = spaConfPath
	}
	if a.TestCommand != "" {
		n.Test = &RunStep{Commands: []string{a.TestCommand}}
	}
	switch {
	case n.IsStatic:
		role := "nginx"
		if v.IsAlpine {
			role = "nginxAlpine"
		}
		n.RuntimeImage, err = imageRef(tab, role, "")
		v.User = "101:101"
		v.Cmd = jsonArgv(a.Start)
	case n.IsNextStandalone:
		n.RuntimeImage, err = nodeRuntimeImage(v, a, tab)
		n.RuntimeEnv = []string{"NODE_ENV=production", "NEXT_TELEMETRY_DISABLED=1", "HOSTNAME=0.0.0.0", "PORT=" + v.Port}
		// The standalone folder is the app root: server.js and a traced
		// node_modules; static assets and public/ are not traced into it.
		n.Standalone = standaloneSplit(".next/standalone")
		n.Copies = []Copy{{From: "standalone", Src: standaloneDeps, Dst: "./node_modules"}}
		for _, d := range na.RuntimeDirs {
			if d == "public" {
				n.Copies = append(n.Copies, appCopy(d))
			}
		}
		n.Copies = append(n.Copies, Copy{From: "standalone", Src: "/app/.next/standalone", Dst: "./"}, appCopy(".next/static"))
	default:
		n.RuntimeImage, err = nodeRuntimeImage(v, a, tab)
		n.RuntimeEnv = append([]string{"NODE_ENV=production"}, portEnv(v, a)...)
		if !na.NoProdDeps {
			n.NeedsNodeModules = true
			n.ProdDeps = install(p.prod, true)
		}
		if na.PrismaGenerate != "" {
			// The generated client, over the production install's.
			n.Copies = append(n.Copies, Copy{From: "build", Src: "/app/node_modules/.prisma", Dst: "./node_modules/.prisma"})
		}
		pruneTests := a.TestCommand != "" && !nodeTests.startsTestFile(a.Start)
		switch {
		case a.BuildCommand == "":
			n.CopyContext = true
			if pruneTests {
				n.PruneSource = &RunStep{Commands: []string{nodeTestFiles}}
			}
		case na.RunsSource:
			// The app runs its source beside what the build made: the
			// runtime takes the build stage's tree without the full
			// node_modules (the production install's replace them).
			n.SourceFromBuild = true
			n.PruneSource = &RunStep{Commands: []string{nodeModulesPrune}}
			if pruneTests {
				n.PruneSource.Commands = append(n.PruneSource.Commands, nodeTestFiles)
			}
		default:
			// package.json stays: its "type" decides how node loads the
			// files; what the start command runs must be there too.
			for _, p := range layerOrder(na.OutputDirs, startPaths(a.Start), na.RuntimeDirs) {
				n.Copies = append(n.Copies, appCopy(p))
			}
		}
	}
	if err != nil {
		return err
	}
	n.RuntimeWorkdir = "/app"
	if a.AppDir != "" {
		memberLayout(v, a, na, n, p, binds, secrets)
	}
	if !n.IsStatic {
		switch {
		case v.IsDistroless:
			v.User = "65532:65532"
			// The distroless image's entrypoint is node itself.
			v.Cmd = jsonArgv(a.Start[1:])
		default:
			v.User = "1000:1000"
			v.Cmd = jsonArgv(a.Start)
		}
		if !v.IsDistroless {
			n.RuntimeDeps = installStep(distro, pkgs.Runtime)
		}
	}
	v.Node = n
	return nil
}

// startPaths are the top folders (or root files) of the scripts the start
// command runs, for the runtime to copy: a server in server/ beside a
// frontend build must reach the image. node_modules comes from the
// production install; paths that are not plain are left out.
func startPaths(argv []string) []string {
	var out []string
	for _, arg := range argv[min(1, len(argv)):] {
		if strings.HasPrefix(arg, "-") || !strings.ContainsAny(arg, "./") {
			continue
		}
		switch path.Ext(arg) {
		case ".js", ".mjs", ".cjs":
		default:
			if path.Ext(arg) != "" || !strings.Contains(arg, "/") {
				continue
			}
		}
		p := path.Clean(strings.TrimPrefix(arg, "./"))
		if checkRelPath(p) != nil || p == "." {
			continue
		}
		top := firstSegment(p)
		if top == "node_modules" {
			continue
		}
		out = append(out, top)
	}
	return out
}

// prismaMount is what the install steps mount for Prisma: the folder
// that holds the schema (with its migrations), or the schema file itself
// at the root; records written before the schema was located name prisma/.
func prismaMount(schema string) string {
	switch {
	case schema == "":
		return "prisma"
	case path.Ext(schema) != ".prisma":
		return schema // a folder of .prisma files
	case path.Dir(schema) == ".":
		return schema
	}
	return path.Dir(schema)
}

// appCopy copies /app/<p> from the build stage to the same place.
func appCopy(p string) Copy { return Copy{From: "build", Src: "/app/" + p, Dst: "./" + p} }

// nodeRuntimeImage is the final base for apps that node runs.
func nodeRuntimeImage(v *View, a *Answers, tab *versions.Table) (string, error) {
	switch {
	case v.IsDistroless:
		return imageRef(tab, "nodeDistroless", a.LanguageVersion)
	case v.IsAlpine:
		return imageRef(tab, "nodeAlpine", "${NODE_VERSION}")
	}
	return imageRef(tab, "node", "${NODE_VERSION}")
}

// ignoredOutput is the folder of a build output the .dockerignore
// leaves out: a hidden build folder whole (.next/standalone → .next),
// else the output itself (dist/browser; excalidraw-app/build, never the
// app folder that holds it, which the build needs).
func ignoredOutput(d string) string {
	if strings.HasPrefix(d, ".") {
		return firstSegment(d)
	}
	return path.Clean(d)
}

// firstSegment is the top folder of a slash path (.next/standalone → .next).
func firstSegment(p string) string {
	if i := strings.IndexByte(p, '/'); i > 0 {
		return p[:i]
	}
	return p
}

// standaloneDeps is where the standalone stage puts Next's traced
// node_modules.
const standaloneDeps = "/deps/node_modules"

// standaloneSplit moves the traced node_modules out of a standalone tree
// (dir, relative to /app) to standaloneDeps; a tree without one (nothing
// traced) gets an empty folder, so the runtime's COPY always has a source.
func standaloneSplit(dir string) *RunStep {
	mods := shellwords.Join([]string{dir + "/node_modules"})
	return &RunStep{Commands: []string{"mkdir -p /deps && if [ -d " + mods + " ]; then mv " + mods + " /deps/; else mkdir " + standaloneDeps + "; fi"}}
}

// layerOrder orders what the runtime copies from the build stage by how
// often an edit changes it: package.json, then folders the app reads
// (public/, views/), then the scripts the start command runs, then the
// build output. BuildKit rebuilds every layer after the first one that
// changed, and a rebuilt layer gets a new digest (its folder's time
// changed) even when its files did not: what changes least goes first,
// so an edit pushes only what it changed (docs/dockerfiles.md, the layer
// plan).
func layerOrder(outputs, starts, runtimeDirs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, group := range [][]string{{"package.json"}, sortedUnique(runtimeDirs), sortedUnique(starts), sortedUnique(outputs)} {
		for _, p := range group {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
