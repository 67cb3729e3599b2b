package generate

import (
	"path"
	"strings"
)

// A workspace member (answers.appDir) is built from the workspace root,
// its build context: the install reads the root's lockfile and workspace
// file and the package.json of the member and of the packages it uses
// (answers.manifestFiles), never the others', so an edit elsewhere in the
// workspace keeps the install layer (docs/dockerfiles.md, "Workspace
// members"). pnpm lays the app out with `pnpm deploy`; npm installs the
// member's production dependencies at the root and the runtime takes the
// member's and its packages' folders from the build.

// memberLayout replaces the stages of a single project with a member's.
// binds and secrets are the install's mounts.
func memberLayout(v *View, a *Answers, na *NodeAnswers, n *NodeView, p pm, binds []Mount, secrets []Secret) {
	app, name := a.AppDir, na.WorkspacePackage
	n.TestWorkdir = "/app/" + app
	step := func(cmd string) *RunStep {
		return &RunStep{Caches: p.caches(), Binds: binds, Secrets: secrets, Commands: []string{cmd}}
	}
	var workspaces []string
	for _, d := range append(append([]string{}, na.WorkspaceDeps...), app) {
		workspaces = append(workspaces, "--workspace "+d)
	}
	switch a.PackageManager {
	case "pnpm":
		store := " --store-dir=/pnpm/store"
		// The member and its workspace packages (NAME...), and the
		// root's own tools (--filter .: turbo, typescript).
		n.AllDeps = step("pnpm install --frozen-lockfile" + store + " --filter " + name + "... --filter .")
	case "npm":
		n.AllDeps = step(npmInstall(a) + " " + strings.Join(workspaces, " ") + " --include-workspace-root")
	default:
		// yarn and bun install the whole workspace (every manifest is
		// mounted); the build then runs the member's packages only.
		n.AllDeps = step(p.all)
	}
	if na.TurboVersion != "" {
		// turbo prune --docker: the install reads the pruned manifests
		// and lockfile (an edit, or a new dependency, in another package
		// keeps it), so it installs the pruned workspace whole.
		n.Prune = &PruneStage{
			Setup: &RunStep{Caches: caches("/root/.npm"), Commands: []string{"npm install -g turbo@" + na.TurboVersion}},
			Run:   &RunStep{Commands: []string{"turbo prune " + name + " --docker"}},
		}
		noBinds := func(cmd string) *RunStep {
			return &RunStep{Caches: p.caches(), Secrets: secrets, Commands: []string{cmd}}
		}
		step = noBinds
		switch a.PackageManager {
		case "npm":
			n.AllDeps = noBinds(npmInstall(a))
		default:
			n.AllDeps = noBinds(p.all)
		}
	}
	if n.Build != nil && a.Framework == "next" {
		n.Build.Caches = caches("/app/" + app + "/.next/cache")
	}
	for i, d := range n.IgnoredOutputs {
		n.IgnoredOutputs[i] = "/" + app + d
	}
	if n.IsStatic {
		n.StaticDir = path.Join(app, n.StaticDir)
		return
	}
	n.ProdDeps, n.NeedsNodeModules, n.CopyContext, n.PruneSource, n.SourceFromBuild = nil, false, false, nil, false
	n.Copies = nil
	if n.IsNextStandalone {
		// The standalone tree mirrors the workspace from its root:
		// apps/web/server.js beside the traced node_modules.
		n.RuntimeWorkdir = "/app/" + app
		n.Standalone = standaloneSplit(app + "/.next/standalone")
		n.Copies = []Copy{{From: "standalone", Src: standaloneDeps, Dst: "/app/node_modules"}}
		for _, d := range na.RuntimeDirs {
			if d == "public" {
				n.Copies = append(n.Copies, Copy{From: "build", Src: "/app/" + app + "/public", Dst: "./public"})
			}
		}
		n.Copies = append(n.Copies, Copy{From: "standalone", Src: "/app/" + app + "/.next/standalone", Dst: "/app/"},
			Copy{From: "build", Src: "/app/" + app + "/.next/static", Dst: "./.next/static"})
		return
	}
	switch a.PackageManager {
	case "pnpm":
		// deploy copies the member's files and its production
		// dependencies, workspace packages included, into /prod.
		legacy := ""
		if pnpmMajor(a) >= 10 {
			legacy = " --legacy" // pnpm 10 deploys a shared lockfile only so, or with inject-workspace-packages
		}
		n.Prod = &RunStep{Caches: p.caches(), Secrets: secrets, Commands: []string{
			"pnpm --filter " + name + " deploy --prod" + legacy + " --store-dir=/pnpm/store /prod"}}
		n.Copies = []Copy{{From: "prod", Src: "/prod", Dst: "./"}}
	default:
		// The final stage works in the member's folder: what it copies
		// goes to absolute paths. npm installs the member's production
		// dependencies only; yarn berry focuses on the member; yarn
		// classic and bun install the workspace's.
		switch {
		case a.PackageManager == "npm" && n.Prune != nil:
			n.ProdDeps = step(npmInstall(a) + " --omit=dev")
		case a.PackageManager == "npm":
			n.ProdDeps = step(npmInstall(a) + " --omit=dev " + strings.Join(workspaces, " "))
		case a.PackageManager == "yarn-berry":
			n.ProdDeps = step("yarn workspaces focus " + name + " --production")
		default:
			n.ProdDeps = step(p.prod)
		}
		n.Copies = []Copy{{From: "deps", Src: "/app/node_modules", Dst: "/app/node_modules"}}
		for _, d := range append(append([]string{}, na.WorkspaceDeps...), app) {
			n.Copies = append(n.Copies, Copy{From: "build", Src: "/app/" + d, Dst: "/app/" + d})
		}
		n.RuntimeWorkdir = "/app/" + app
	}
}

// npmInstall is npm's install command: ci with a lockfile.
func npmInstall(a *Answers) string {
	if hasLockfile(a.ManifestFiles) {
		return "npm ci"
	}
	return "npm install --no-audit --no-fund"
}

// pnpmMajor is the major version of the pnpm the image installs.
func pnpmMajor(a *Answers) int {
	major, _, _ := strings.Cut(a.PackageManagerVersion, ".")
	n := 0
	for _, r := range major {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int(r-'0')
	}
	return n
}
