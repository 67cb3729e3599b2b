package node

import "github.com/dockslim/dockslim/detect/internal/core"

// runtimeDirCandidates are folders a running Node app commonly reads
// besides its build output: static assets, server-side views and
// translations. Only those that exist are kept.
var runtimeDirCandidates = []string{"public", "views", "static", "locales", "i18n", "templates"}

// runtimeDirs fills Details.RuntimeDirs: what the final image needs
// from the project besides the build output (the runtime copies only
// those, not the source). Next without standalone also needs its config.
func (n *project) runtimeDirs() {
	d := n.d
	var out []string
	for _, dir := range runtimeDirCandidates {
		if n.r.HasDir(dir) {
			out = append(out, dir)
		}
	}
	if n.f.Framework == "next" && !d.NextStandalone {
		for _, name := range []string{"next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts"} {
			if n.r.Has(name) {
				out = append(out, name)
			}
		}
	}
	d.RuntimeDirs = core.SortedUnique(out)
}
