package node

import (
	"regexp"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/internal/shellwords"
)

// derivedBuild gives a project whose start command runs a build output
// (node dist/main.js) but that has no build script the build step that
// makes it: the pre-script of the script that starts it (prestart:prod:
// tsc), a conventionally named script, the Nest CLI, or tsc. Without
// one, dist/ would never exist in the image: a warning says so.
func (n *project) derivedBuild() {
	f := n.f
	if f.BuildCommand != "" || len(f.Start) < 2 || f.Start[0] != "node" {
		return
	}
	target := f.Start[1]
	if !isScriptPath(target) {
		return
	}
	if n.exists(target) {
		// A committed build output is stale the moment the source
		// changes: when the script that runs it compiles first
		// (prestart:prod: tsc), so does the image.
		if cmd, from := n.preScriptFor(target); cmd != "" && shellwords.CheckBuild(cmd) == nil {
			f.BuildCommand = cmd
			f.Likely("buildCommand", from)
			f.Warnf("the repository holds %s, but %s builds it before it runs: the image builds it too", target, from)
		}
		return // otherwise the app runs its source as it is
	}
	cmd, from := n.buildFor(target)
	if cmd == "" {
		f.Warnf("the start command runs %s, which the repository does not have and no build script makes; pass --build", target)
		f.Likely("start", f.Sources["start"])
		return
	}
	if shellwords.CheckBuild(cmd) != nil {
		return
	}
	f.BuildCommand = cmd
	f.Likely("buildCommand", from) // derived from the start target, not a build script

}

// exists reports whether node could run p as it is in the repository.
func (n *project) exists(p string) bool {
	p = strings.TrimPrefix(p, "./")
	return n.r.Has(p) || n.r.Has(p+".js") || n.r.Has(p+"/index.js")
}

// buildScriptNames are scripts that build by convention, in the order
// they are tried when there is no build script.
var buildScriptNames = []string{"build:prod", "build:production", "compile", "build:ts", "tsc"}

// preScriptFor is the pre-script of a script that runs target, which
// npm runs first: the repository's own step that makes it.
func (n *project) preScriptFor(target string) (cmd, from string) {
	names := make([]string, 0, len(n.pkg.Scripts))
	for name := range n.pkg.Scripts {
		names = append(names, name)
	}
	sort.Strings(names)
	bare := strings.TrimSuffix(strings.TrimPrefix(target, "./"), ".js")
	for _, name := range names {
		if !mentionsPath(n.pkg.Scripts[name], bare) {
			continue
		}
		if _, ok := n.pkg.script("pre" + name); ok {
			return runCommand(n.pm, "pre"+name), "package.json#scripts.pre" + name
		}
	}
	return "", ""
}

// buildFor finds the step that produces target.
func (n *project) buildFor(target string) (cmd, from string) {
	if cmd, from := n.preScriptFor(target); cmd != "" {
		return cmd, from
	}
	for _, name := range buildScriptNames {
		if _, ok := n.pkg.script(name); ok {
			return runCommand(n.pm, name), "package.json#scripts." + name
		}
	}
	if n.r.Has("nest-cli.json") || n.pkg.hasDep("@nestjs/cli") {
		return execCommand(n.pm, "nest build"), "nest-cli.json"
	}
	if n.pkg.hasDep("typescript") {
		for _, cfg := range []string{"tsconfig.build.json", "tsconfig.json"} {
			if n.r.Has(cfg) {
				return execCommand(n.pm, "tsc -p "+cfg), cfg
			}
		}
	}
	return "", ""
}

// mentionsPath reports whether a script runs path p (with or without
// ./ and .js).
func mentionsPath(script, p string) bool {
	re := regexp.MustCompile(`(^|[\s=])(\./)?` + regexp.QuoteMeta(p) + `(\.js)?($|[\s;&|])`)
	return re.MatchString(script)
}

// execCommand runs a tool installed in node_modules/.bin with the
// project's package manager.
func execCommand(pm, tool string) string {
	prefix := map[string]string{"pnpm": "pnpm exec", "yarn": "yarn", "yarn-berry": "yarn", "bun": "bunx"}[pm]
	if prefix == "" {
		prefix = "npx --no-install"
	}
	return prefix + " " + tool
}
