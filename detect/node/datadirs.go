package node

import (
	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// dataDirs fills Details.DataDirs from the database files the server's
// code names (core.DataDirs), read in the files the port scan reads.
func (n *project) dataDirs() {
	if n.isStatic() {
		return // nginx serves files; no code of the project runs
	}
	var found []core.DataFile
	for i, file := range n.portScanFiles() {
		if i%64 == 0 && n.ctx.Err() != nil {
			return
		}
		if data, err := n.r.Head(file, repo.MaxSource); err == nil {
			found = append(found, core.FindDataFiles(file, data)...)
		}
	}
	n.f.Details.DataDirs = n.f.DataDirs(core.AppDir, found, func(rel string) bool { return n.r.Has(rel) || n.r.HasDir(rel) })
}
