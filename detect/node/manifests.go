package node

import (
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// loadYarnrc reads .yarnrc.yml once for yarnPath and plugin paths (the
// files Yarn berry needs before it can install). A malformed file warns.
func (n *project) loadYarnrc() error {
	if n.yarnrcLoaded || !n.r.Has(".yarnrc.yml") {
		return nil
	}
	n.yarnrcLoaded = true
	data, err := n.r.Read(".yarnrc.yml", repo.MaxManifest)
	if err != nil {
		return err
	}
	var rc struct {
		YarnPath string      `yaml:"yarnPath"`
		Plugins  []yaml.Node `yaml:"plugins"`
	}
	if err := yaml.Unmarshal(data, &rc); err != nil {
		n.f.Warnf(".yarnrc.yml is not valid YAML (%s); its yarnPath and plugins are ignored", firstLine(err.Error()))
		return nil
	}
	if rc.YarnPath != "" {
		if p, ok := safeRelPath(rc.YarnPath); ok {
			n.yarnPath = p
			n.d.YarnPath = p
		} else {
			n.f.Warnf(".yarnrc.yml#yarnPath %q is not a plain path inside the project; it is ignored", clip(rc.YarnPath))
		}
	}
	for _, p := range rc.Plugins {
		var spec struct {
			Path string `yaml:"path"`
		}
		switch {
		case p.Kind == yaml.ScalarNode:
			spec.Path = p.Value
		case p.Kind == yaml.MappingNode:
			_ = p.Decode(&spec)
		}
		if c, ok := safeRelPath(spec.Path); ok {
			n.yarnPlugins = append(n.yarnPlugins, c)
		}
	}
	return nil
}

// firstLine keeps the first line of a parser message.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// workspace sets Workspace from package.json#workspaces or
// pnpm-workspace.yaml and remembers the workspace globs.
func (n *project) workspace() error {
	f := n.f
	if len(n.pkg.Workspaces) > 0 {
		f.Workspace = true
		f.Source("workspace", "package.json#workspaces")
		n.workspaceGlobs = n.pkg.Workspaces
	}
	if !n.r.Has("pnpm-workspace.yaml") {
		return nil
	}
	if !f.Workspace {
		f.Workspace = true
		f.Source("workspace", "pnpm-workspace.yaml")
	}
	data, err := n.r.Read("pnpm-workspace.yaml", repo.MaxManifest)
	if err != nil {
		return err
	}
	var ws struct {
		Packages []string `yaml:"packages"`
	}
	if err := yaml.Unmarshal(data, &ws); err != nil {
		f.Warnf("pnpm-workspace.yaml is not a valid workspace file (%s); its packages are not listed", firstLine(err.Error()))
		return nil
	}
	n.workspaceGlobs = append(n.workspaceGlobs, ws.Packages...)
	return nil
}

// workspaceMembers sets WorkspaceTool and Details.Members: the folders
// the globs match that hold a package.json. Turborepo and Nx run over
// the package manager's workspace and name it when their config is at
// the root; else the manager whose workspace it is.
func (n *project) workspaceMembers() {
	f := n.f
	if !f.Workspace {
		return
	}
	switch {
	case n.r.Has("turbo.json"):
		f.WorkspaceTool = "turborepo"
		f.Source("workspaceTool", "turbo.json")
	case n.r.Has("nx.json"):
		f.WorkspaceTool = "nx"
		f.Source("workspaceTool", "nx.json")
	case n.r.Has("pnpm-workspace.yaml"):
		f.WorkspaceTool = "pnpm"
		f.Source("workspaceTool", "pnpm-workspace.yaml")
	default:
		f.WorkspaceTool = strings.TrimSuffix(n.pm, "-berry")
		f.Source("workspaceTool", "package.json#workspaces")
	}
	from := f.Sources["workspace"]
	for _, dir := range core.MemberDirs(n.r, "package.json", n.workspaceGlobs) {
		f.Details.Members = append(f.Details.Members, core.Member{Dir: dir, Source: from})
	}
}

// workspaceManifests lists the package.json of every workspace package:
// an install of a workspace needs them all before the source is copied.
func (n *project) workspaceManifests() []string {
	var out []string
	for _, dir := range core.MemberDirs(n.r, "package.json", n.workspaceGlobs) {
		out = append(out, path.Join(dir, "package.json"))
	}
	return out
}

// manifestFiles fills Details.ManifestFiles: what the install step needs
// before the source is copied.
func (n *project) manifestFiles() {
	out := []string{"package.json"}
	for _, l := range lockfileNames(n.pm) {
		if n.r.Has(l) {
			out = append(out, l)
		}
	}
	for _, c := range []string{".npmrc", ".yarnrc.yml", ".yarnrc", ".pnpmfile.cjs", "pnpm-workspace.yaml", "bunfig.toml"} {
		if n.r.Has(c) && !slices.Contains(n.d.SecretFiles, c) {
			out = append(out, c)
		}
	}
	for _, p := range append([]string{n.yarnPath}, n.yarnPlugins...) {
		if p != "" && n.r.Has(p) {
			out = append(out, p)
		}
	}
	out = append(out, n.workspaceManifests()...)
	n.f.Details.ManifestFiles = core.SortedUnique(out)
}
