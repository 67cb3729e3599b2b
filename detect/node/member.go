package node

import (
	"context"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// A workspace member (apps/api of a pnpm workspace) is built from the
// workspace root: the lockfile, the workspace file and the packages it
// uses live there (docs/detect.md, "Workspace members"). asMember
// completes the member's own detection with the root's.

// packageNameRE is an npm package name that may stand unquoted in a
// RUN line (--filter @scope/name).
var packageNameRE = regexp.MustCompile(`^(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*$`)

// FilterableName reports whether name is a package name a workspace
// filter may take unquoted (the rule for recorded answers too).
func FilterableName(name string) bool { return len(name) <= 214 && packageNameRE.MatchString(name) }

// asMember is node.Language's AsMember: a member of the root's
// workspace (root was detected at the workspace root, which rr reads) is
// built from the root.
func asMember(ctx context.Context, rr *repo.Repo, root, member *core.Facts, rel string) (bool, error) {
	md, ok := member.Details.Lang.(*Details)
	if !ok || root == nil || !root.Workspace || !slices.ContainsFunc(root.Details.Members, func(m core.Member) bool { return m.Dir == rel }) {
		return false, nil
	}
	pkgs, err := workspacePackages(ctx, rr, root.Details.Members)
	if err != nil {
		return false, err
	}
	self, ok := pkgs.byDir[rel]
	if !ok || !FilterableName(self.name) {
		member.Warnf("%s/package.json has no name a workspace filter can use; it is built as a project of its own", rel)
		return false, nil
	}
	member.SetMemberOf(member.Details.WorkspaceRoot, rel, root.Sources["workspace"])
	deps := pkgs.closure(rel)
	md.WorkspacePackage = self.name
	md.WorkspaceDeps = deps
	// Credential files: the root's, and the member's own, from the root.
	for i, f := range md.SecretFiles {
		md.SecretFiles[i] = path.Join(rel, f)
	}
	if rd, ok := root.Details.Lang.(*Details); ok {
		md.SecretFiles = core.SortedUnique(append(md.SecretFiles, rd.SecretFiles...))
		md.IgnoreEngines = rd.IgnoreEngines && member.Sources["languageVersion"] == ""
	}

	// The root decides the package manager and, unless the member says,
	// the Node version.
	up := member.Details.WorkspaceRoot
	rebase := func(key string) {
		delete(member.Confidence, key)
		if s := root.Sources[key]; s != "" {
			member.Sources[key] = path.Join(up, s)
			if c, ok := root.Confidence[key]; ok {
				member.Confidence[key] = c
			}
		} else {
			delete(member.Sources, key)
			if root.Confidence[key] == core.Default {
				member.Confidence[key] = core.Default
			}
		}
	}
	member.PackageManager, member.PackageManagerVersion = root.PackageManager, root.PackageManagerVersion
	rebase("packageManager")
	rebase("packageManagerVersion")
	if member.Sources["languageVersion"] == "" && root.Sources["languageVersion"] != "" {
		member.LanguageVersion = root.LanguageVersion
		rebase("languageVersion")
	}

	// The install reads the root's manifests and those of the packages
	// the member builds with, never the others': an edit elsewhere in the
	// workspace keeps the install layer.
	// yarn and bun install a workspace whole: their frozen lockfile
	// check needs every member's manifest.
	keep := append([]string{rel}, deps...)
	whole := !slices.Contains([]string{"npm", "pnpm"}, member.PackageManager)
	var files []string
	for _, f := range root.Details.ManifestFiles {
		if dir := path.Dir(f); whole || !pkgs.isMember(dir) || slices.Contains(keep, dir) {
			files = append(files, f)
		}
	}
	member.Details.ManifestFiles = core.SortedUnique(files)

	// The build runs the member's build and its workspace packages',
	// dependencies first.
	var builds []string
	for _, d := range append(slices.Clone(deps), rel) {
		if _, ok := pkgs.byDir[d].pkg.script("build"); ok {
			builds = append(builds, d)
		}
	}
	member.BuildCommand = memberBuild(root, pkgs, builds, self.name)
	if root.WorkspaceTool == "turborepo" && member.PackageManager != "bun" {
		md.TurboVersion = pkgs.rootToolVersion("turbo")
	}
	delete(member.Confidence, "buildCommand")
	delete(member.Sources, "buildCommand")
	if member.BuildCommand != "" {
		// Made by dockslim from the workspace's packages: worth a look.
		member.Likely("buildCommand", path.Join(up, root.Sources["workspace"]))
	}
	md.HasBuildScript = member.BuildCommand != ""
	return true, nil
}

// memberBuild is the command that builds the member and the packages it
// uses, in dependency order: Turborepo's own graph when the root has it,
// pnpm's --filter NAME..., else one run per package.
func memberBuild(root *core.Facts, pkgs *workspace, builds []string, name string) string {
	if len(builds) == 0 {
		return ""
	}
	pm := root.PackageManager
	switch {
	case root.WorkspaceTool == "turborepo" && pkgs.rootHasDev("turbo"):
		return execCommand(pm, "turbo run build --filter="+name+"...")
	case pm == "pnpm":
		return "pnpm --filter " + name + "... run build"
	}
	var cmds []string
	for _, d := range builds {
		switch pm {
		case "yarn", "yarn-berry":
			cmds = append(cmds, "yarn workspace "+pkgs.byDir[d].name+" run build")
		case "bun":
			cmds = append(cmds, "bun run --cwd "+d+" build")
		default:
			cmds = append(cmds, "npm run build --workspace "+d)
		}
	}
	return strings.Join(cmds, " && ")
}

// workspace is what the root's members are: their folders by package
// name and their package.json, read once.
type workspace struct {
	byDir  map[string]member
	byName map[string]string
	root   *packageJSON
}

// member is one workspace package.
type member struct {
	name string
	pkg  *packageJSON
}

// workspacePackages reads the package.json of each member folder (and
// the root's). One that cannot be read is left out.
func workspacePackages(ctx context.Context, rr *repo.Repo, members []core.Member) (*workspace, error) {
	ws := &workspace{byDir: map[string]member{}, byName: map[string]string{}}
	if data, err := rr.Read("package.json", repo.MaxManifest); err == nil {
		ws.root, _, _ = parsePackageJSON("package.json", data)
	}
	for _, m := range members {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rel := path.Join(m.Dir, "package.json")
		data, err := rr.Read(rel, repo.MaxManifest)
		if err != nil {
			continue
		}
		pkg, _, err := parsePackageJSON(rel, data)
		if err != nil {
			continue
		}
		ws.byDir[m.Dir] = member{name: pkg.Name, pkg: pkg}
		if pkg.Name != "" {
			ws.byName[pkg.Name] = m.Dir
		}
	}
	return ws, nil
}

// isMember reports whether dir is a member's folder.
func (ws *workspace) isMember(dir string) bool {
	_, ok := ws.byDir[dir]
	return ok
}

// rootHasDev reports whether the root package.json lists name.
func (ws *workspace) rootHasDev(name string) bool {
	return ws.root != nil && ws.root.hasDep(name)
}

// closure lists the member folders dir depends on, directly or through
// one another (any dependency kind: a package's build needs its dev
// tools), dependencies before their dependents; dir itself is not in it.
func (ws *workspace) closure(dir string) []string {
	var out []string
	seen := map[string]bool{dir: true}
	var visit func(d string)
	visit = func(d string) {
		for _, name := range ws.byDir[d].pkg.depNames() {
			dep, ok := ws.byName[name]
			if !ok || seen[dep] {
				continue
			}
			seen[dep] = true
			visit(dep)
			out = append(out, dep)
		}
	}
	visit(dir)
	return out
}

// turboVersionRE is a semver release or range whose release can be
// named: "2.5.4", "^2.5.4", "~2.5", ">=2".
var turboVersionRE = regexp.MustCompile(`^[\^~]?(\d+)(\.\d+\.\d+)?`)

// rootToolVersion is the release of a root devDependency to install
// globally: the exact version, or the major of a range; "" when the root
// does not list it or names no version (a tag, a URL).
func (ws *workspace) rootToolVersion(name string) string {
	if ws.root == nil {
		return ""
	}
	spec, _ := ws.root.dep(name)
	m := turboVersionRE.FindStringSubmatch(strings.TrimSpace(spec))
	switch {
	case m == nil:
		return ""
	case m[2] != "" && !strings.ContainsAny(spec[:1], "^~"):
		return m[1] + m[2]
	}
	return m[1]
}
