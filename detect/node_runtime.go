package detect

// runtimeDirCandidates are folders a running Node app commonly reads
// besides its build output: static assets, server-side views and
// translations. Only those that exist are kept.
var runtimeDirCandidates = []string{"public", "views", "static", "locales", "i18n", "templates"}

// runtimeDirs fills Details.Node.RuntimeDirs: what the final image needs
// from the project besides the build output (the runtime copies only
// those, not the source). Next without standalone also needs its config.
func (n *nodeProject) runtimeDirs() {
	d := &n.f.Details.Node
	var out []string
	for _, dir := range runtimeDirCandidates {
		if n.r.hasDir(dir) {
			out = append(out, dir)
		}
	}
	if n.f.Framework == "next" && !d.NextStandalone {
		for _, name := range []string{"next.config.js", "next.config.mjs", "next.config.cjs", "next.config.ts"} {
			if n.r.has(name) {
				out = append(out, name)
			}
		}
	}
	d.RuntimeDirs = sortedUnique(out)
}
