package node

import (
	"path"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
)

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

// runsSource sets Details.RunsSource: there is a build step, and the
// start command names a script the repository has outside the build's
// output folders. Frameworks that run their own output (Next, Nuxt,
// Remix, static sites) never run their source.
func (n *project) runsSource() {
	switch {
	case n.f.BuildCommand == "", n.f.Framework == "next", n.f.Framework == "nuxt", n.f.Framework == "remix",
		isStaticFramework(n.f.Framework):
		return
	}
	for _, a := range n.f.Start[min(1, len(n.f.Start)):] {
		if !isScriptPath(a) || strings.HasPrefix(a, "node_modules/") {
			continue
		}
		p := path.Clean(strings.TrimPrefix(a, "./"))
		if !n.exists(p) || n.inOutput(p) {
			continue
		}
		n.d.RunsSource = true
		return
	}
}

// inOutput reports whether p lies in one of the build's output folders.
func (n *project) inOutput(p string) bool {
	for _, dir := range n.d.OutputDirs {
		if p == dir || strings.HasPrefix(p, dir+"/") {
			return true
		}
	}
	return false
}
