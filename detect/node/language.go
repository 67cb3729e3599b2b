// Package node detects Node.js projects: the runtime version (.nvmrc with
// lts/* and codenames, .node-version, engines.node ranges, volta), the
// package manager (the packageManager field, then lockfiles: pnpm, bun,
// yarn berry or classic, npm), the framework (Next.js, Nuxt, Remix,
// NestJS, Fastify, Express, Vite static sites), the real start entry
// (never `npm start`, which swallows SIGTERM), ports in the code and
// native addons. It only reads files; no package manager is ever run.
package node

import (
	"slices"

	"github.com/dockslim/dockslim/detect/internal/core"
)

// Name is the language's name in facts, flags and templates.
const Name = "node"

// Details are the Node facts rendering needs beyond the common ones.
type Details struct {
	// HasBuildScript is true when package.json has a build script.
	HasBuildScript bool
	// NextStandalone is true for Next.js with output: 'standalone'.
	NextStandalone bool
	// StaticDir is the folder a static-site build writes (vite: dist).
	StaticDir string
	// OutputDirs are the folders the build writes that the runtime needs
	// (dist, build, .next, .output…), relative to the root.
	OutputDirs []string
	// Prisma is true when the project uses Prisma; PrismaSchema is its
	// schema file (or folder of schema files), "" when none was found.
	Prisma       bool
	PrismaSchema string
	// PrismaGenerate generates the Prisma client in the build stage
	// (npx --no-install prisma generate --schema …), "" without the CLI.
	PrismaGenerate string
	// YarnPath is .yarnrc.yml's yarnPath for Yarn berry, when set.
	YarnPath string
	// InstallEnv are ENV lines for the stages that install dependencies:
	// the switches that stop development tools from downloading browsers
	// or app binaries (CYPRESS_INSTALL_BINARY=0…), sorted.
	InstallEnv []string
	// RunsSource is true when the start command runs a file the
	// repository has although there is a build step (fastify start app.js
	// beside a bundler build): the runtime then takes the whole source with
	// the build output, as the app may load any of its folders (autoloaded
	// plugins/, routes/).
	RunsSource bool
	// NoProdDeps is true when package.json lists no dependencies (nor
	// optional ones, nor workspaces): the production install would make
	// no node_modules, so the runtime takes none.
	NoProdDeps bool
	// WorkspacePackage is a workspace member's package name (the
	// --filter of its install); WorkspaceDeps the member folders it uses,
	// from the workspace root, dependencies first. Both empty for a
	// project built on its own.
	WorkspacePackage string
	WorkspaceDeps    []string
	// IgnoreEngines is true for a yarn classic project whose Node version
	// nothing in it states: yarn, unlike npm and pnpm, fails the install
	// when a locked package's engines range leaves the chosen version out.
	IgnoreEngines bool
	// BuildEnv are NAME=value settings of the build stage only:
	// placeholders a build needs and the image must not keep (the URL
	// prisma.config reads).
	BuildEnv []string
	// TurboVersion is, for a member of a Turborepo whose root pins turbo
	// (devDependencies), that release ("2.5.4", or a major "2" for a
	// range): the install is pruned with `turbo prune --docker`.
	TurboVersion string
	// SecretFiles are committed files that hold credentials (an .npmrc
	// with a token): never mounted, copied or in the build context.
	SecretFiles []string
	// RuntimeDirs are folders of the project the running app reads besides
	// the build output (public, views, static, locales…: those that exist),
	// relative to the root, sorted.
	RuntimeDirs []string
}

// staticFrameworks are the frameworks of a static site: its build is
// served by nginx, not run by node. Each is detected by its build tool
// (staticTools) and writes its own folder (staticDir), except
// StaticSite, which --static names.
var staticFrameworks = []string{"vite", "cra", "vue-cli", "angular", StaticSite}

// StaticSite is the framework of a site `init --static DIR` serves: a
// build tool dockslim does not recognise writes DIR.
const StaticSite = "static"

// StaticPort is where a static site is served: nginx-unprivileged's port.
const StaticPort = 8080

// StaticStart is the command of a static site's runtime.
func StaticStart() []string { return []string{"nginx", "-g", "daemon off;"} }

// IsStaticFramework reports whether fw builds a static site.
func IsStaticFramework(fw string) bool { return isStaticFramework(fw) }

// isStaticFramework reports whether fw builds a static site.
func isStaticFramework(fw string) bool { return slices.Contains(staticFrameworks, fw) }

// Language returns Node's row of detect's registry.
func Language() *core.Language {
	return &core.Language{
		Name:       Name,
		Title:      "Node.js",
		Manifests:  []string{"package.json"},
		SourceExts: []string{".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx", ".vue", ".svelte"},
		// A Vite, Create React App, Vue CLI or Angular build is served by nginx.
		StaticFrameworks: slices.Clone(staticFrameworks),
		Managers:         managers,
		NativeTitle:      "Native modules",
		Toolchain:        "a compiler toolchain",
		Detect:           detect,
		AsMember:         asMember,
		Flavours:         flavourRules,
		Recommend: func(t core.Traits) string {
			if t.Native && !isStaticFramework(t.Framework) {
				return core.Slim // native addons: build and run on glibc
			}
			return core.Alpine
		},
		SystemPackages: systemPackages,
	}
}

// managers are Node's package managers and their lockfiles (read-only).
var managers = []core.Manager{
	{Name: "npm", Lockfiles: []string{"package-lock.json", "npm-shrinkwrap.json"}},
	{Name: "yarn", Label: "yarn (classic)", Lockfiles: []string{"yarn.lock"}},
	{Name: "yarn-berry", Label: "yarn (berry, 2+)", Lockfiles: []string{"yarn.lock"}},
	{Name: "pnpm", Lockfiles: []string{"pnpm-lock.yaml"}},
	{Name: "bun", Lockfiles: []string{"bun.lock", "bun.lockb"}},
}

// flavourRules: Node runs on alpine and slim; distroless Node images run
// `node` as their entrypoint, so only a `node …` command runs there (a
// static site is served by nginx, which has no distroless image).
var flavourRules = []core.FlavourRule{
	{Name: core.Alpine},
	{Name: core.Slim},
	{Name: core.Scratch, Never: "scratch has no runtime for interpreted code"},
	{Name: core.Distroless, Unless: func(t core.Traits) string {
		switch {
		case isStaticFramework(t.Framework):
			return "a static site is served by nginx, which has no distroless image"
		case len(t.Start) > 0 && t.Start[0] != "node":
			return "distroless Node images can only run `node …` commands"
		}
		return ""
	}},
}
