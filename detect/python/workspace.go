package python

import (
	"github.com/dockslim/dockslim/detect/internal/core"
)

// uvWorkspace sets Workspace, WorkspaceTool and Details.Members from
// [tool.uv.workspace]: the folders its member globs match (less its
// exclude globs) that hold a pyproject.toml.
func (p *state) uvWorkspace() {
	if p.pp == nil || p.pp.Tool.Uv == nil || p.pp.Tool.Uv.Workspace == nil {
		return
	}
	ws := p.pp.Tool.Uv.Workspace
	globs := asStrings(ws["members"])
	for _, e := range asStrings(ws["exclude"]) {
		globs = append(globs, "!"+e)
	}
	f := p.f
	f.Workspace = true
	f.WorkspaceTool = "uv"
	f.Source("workspace", "pyproject.toml#tool.uv.workspace")
	f.Source("workspaceTool", "pyproject.toml#tool.uv.workspace")
	for _, dir := range core.MemberDirs(p.r, "pyproject.toml", globs) {
		f.Details.Members = append(f.Details.Members, core.Member{Dir: dir, Source: "pyproject.toml#tool.uv.workspace"})
	}
}
