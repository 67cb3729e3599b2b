package python

import (
	"context"
	"path"
	"regexp"
	"slices"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// A member of a uv workspace (backend/, with [tool.uv.workspace] and
// uv.lock at the root) is installed by uv from the root's lockfile:
// detected in its own folder it would be a pip project with unlocked
// ranges (docs/detect.md, "Workspace members").

// uvPackageRE is a project name uv's --package takes unquoted.
var uvPackageRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$`)

// UVPackageName reports whether name may be a recorded --package value.
func UVPackageName(name string) bool { return uvPackageRE.MatchString(name) }

// asMember is python.Language's AsMember.
func asMember(_ context.Context, rr *repo.Repo, root, member *core.Facts, rel string) (bool, error) {
	md, ok := member.Details.Lang.(*Details)
	if !ok || root == nil || root.WorkspaceTool != "uv" || !slices.ContainsFunc(root.Details.Members, func(m core.Member) bool { return m.Dir == rel }) {
		return false, nil
	}
	name := member.Details.ProjectName
	if !UVPackageName(name) {
		member.Warnf("%s/pyproject.toml has no [project] name uv's --package can take; it is built as a project of its own", rel)
		return false, nil
	}
	back := member.Details.WorkspaceRoot
	member.SetMemberOf(back, rel, root.Sources["workspace"])
	md.WorkspacePackage = name
	member.PackageManager, member.PackageManagerVersion = "uv", root.PackageManagerVersion
	member.Source("packageManager", path.Join(back, root.Sources["packageManager"]))
	if member.Sources["languageVersion"] == "" && root.Sources["languageVersion"] != "" {
		member.LanguageVersion = root.LanguageVersion
		member.Source("languageVersion", path.Join(back, root.Sources["languageVersion"]))
	}
	// uv installs from the root's lockfile; --no-install-workspace needs
	// no member's pyproject.toml, so only the root's reach the install
	// layer (the project step, after the source, reads the rest).
	var files []string
	for _, f := range []string{"pyproject.toml", "uv.lock", ".python-version"} {
		if rr.Has(f) {
			files = append(files, f)
		}
	}
	member.Details.ManifestFiles = files
	md.RequirementsFiles, md.Requirements, md.TestRequirementsFiles, md.TestRequirements = nil, nil, nil, nil
	md.InstallProject = true
	md.BuildBackend, md.BuildRequires = "", nil
	return true, nil
}
