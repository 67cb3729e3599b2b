package node

import (
	"slices"
	"strings"
)

// binPackages maps a command that start scripts call to the package that
// ships it, where the names differ (or to make the match explicit).
var binPackages = map[string][]string{
	"remix-serve":        {"@remix-run/serve"},
	"react-router-serve": {"@react-router/serve"},
	"fastify":            {"fastify-cli"},
	"next":               {"next"},
	"nuxt":               {"nuxt"},
	"nuxi":               {"nuxt", "nuxi"},
	"nest":               {"@nestjs/cli"},
	"serve":              {"serve"},
	"http-server":        {"http-server"},
	"pm2-runtime":        {"pm2"},
	"pm2":                {"pm2"},
	"strapi":             {"@strapi/strapi"},
	"keystone":           {"@keystone-6/core"},
	"payload":            {"payload"},
	"svelte-kit":         {"@sveltejs/kit"},
	"astro":              {"astro"},
	"directus":           {"directus"},
	"node-red":           {"node-red"},
}

// tsRunners run TypeScript directly; in an image the compiled output runs
// instead.
var tsRunners = []string{"ts-node", "ts-node-esm", "tsx", "ts-node-dev", "tsnd"}

// interpretStart turns a start script's argv into the container's real
// command: node keeps its argv, nodemon/node-dev become node, a
// TypeScript runner becomes node on the compiled file, a dependency's
// command runs from node_modules/.bin. Anything else is noted and nil.
func (n *project) interpretStart(script string, argv []string) *startResult {
	from := "package.json#scripts." + script
	cmd, args := argv[0], argv[1:]
	switch cmd {
	case "npx":
		for len(args) > 0 && strings.HasPrefix(args[0], "-") { // npx --no-install x
			args = args[1:]
		}
		if len(args) == 0 {
			n.notef("%s runs npx without a command", from)
			return nil
		}
		return n.binStart(from, args[0], args[1:])
	case "node":
		res := &startResult{argv: slices.Clone(argv), from: from}
		if i := scriptIndex(args, valueFlags); i >= 0 {
			res.entry = n.sourceOf(args[i])
		}
		return res
	case "nodemon", "node-dev":
		return n.watcherStart(from, cmd, args)
	case "nx":
		return n.nxStart(from, args)
	case "bun":
		if n.pm != "bun" {
			n.notef("%s runs bun, but the package manager is %s", from, n.pm)
			return nil
		}
		res := &startResult{argv: slices.Clone(argv), from: from}
		if len(args) > 0 && args[0] == "run" {
			args = args[1:]
		}
		if i := scriptIndex(args, tsValueFlags); i >= 0 {
			res.entry = n.sourceOf(args[i])
		}
		return res
	case "npm", "yarn", "pnpm":
		switch {
		case slices.ContainsFunc(args, isWorkspaceFlag):
			n.notef("%s runs a script of a workspace package, which dockslim does not follow", from)
		case cmd != "npm" && len(args) > 1 && args[0] == "exec":
			return n.binStart(from, args[1], args[2:])
		case cmd != "npm" && len(args) > 0 && !strings.HasPrefix(args[0], "-"):
			// `yarn remix-serve …` runs a dependency's command.
			return n.binStart(from, args[0], args[1:])
		default:
			n.notef("%s runs %s %s, which dockslim cannot follow to a command", from, cmd, clip(strings.Join(args, " ")))
		}
		return nil
	}
	if slices.Contains(tsRunners, cmd) {
		if len(args) > 0 && args[0] == "watch" { // tsx watch src/x.ts
			args = args[1:]
		}
		return n.tsStart(from, cmd, args)
	}
	return n.binStart(from, cmd, args)
}

// watcherStart handles nodemon X / node-dev X: in a container the file
// runs under plain node (no restarts, no file watching).
func (n *project) watcherStart(from, cmd string, args []string) *startResult {
	if exec := flagValue(args, "-x", "--exec"); exec != "" {
		if f := strings.Fields(exec); len(f) > 0 && slices.Contains(tsRunners, f[0]) {
			return n.tsStart(from, cmd, args)
		}
		n.notef("%s runs %s --exec %q", from, cmd, exec)
		return nil
	}
	i := scriptIndex(args, nodemonValueFlags)
	if i < 0 {
		n.notef("%s runs %s without naming a file", from, cmd)
		return nil
	}
	if isTSSource(args[i]) {
		return n.tsStart(from, cmd, args)
	}
	return &startResult{argv: append([]string{"node"}, args[i:]...), from: from, entry: n.sourceOf(args[i])}
}

// tsStart maps `ts-node src/x.ts` (or tsx, nodemon on a .ts file) to node
// on the compiled file; that needs a build script to compile it.
func (n *project) tsStart(from, cmd string, args []string) *startResult {
	flags := tsValueFlags
	if cmd == "nodemon" || cmd == "node-dev" {
		flags = nodemonValueFlags
	}
	i := scriptIndex(args, flags)
	if i < 0 {
		n.notef("%s runs %s without naming a file", from, cmd)
		return nil
	}
	src := args[i]
	if _, hasBuild := n.pkg.script("build"); !hasBuild {
		n.notef("%s runs TypeScript through %s and there is no build script to compile it", from, cmd)
		return nil
	}
	if _, ok := safeRelPath(src); !ok {
		n.notef("%s runs %q, which is not a plain path inside the project", from, clip(src))
		return nil
	}
	return &startResult{argv: append([]string{"node", n.compiledPath(src)}, args[i+1:]...), from: from, entry: n.sourceOf(src)}
}

// binStart runs a dependency's command from node_modules/.bin. The
// command must come from a production dependency: devDependencies are not
// in the final image.
func (n *project) binStart(from, bin string, args []string) *startResult {
	if _, ok := safeRelPath(bin); !ok || strings.Contains(bin, "/") {
		n.notef("%s runs %q, which is not node or a dependency's command", from, clip(bin))
		return nil
	}
	pkgs := binPackages[bin]
	if pkgs == nil {
		pkgs = []string{bin}
	}
	field := ""
	for _, p := range pkgs {
		if _, f := n.pkg.dep(p); f != "" {
			field = f
			break
		}
	}
	switch field {
	case "":
		n.notef("%s runs %q, which is not node or a dependency's command", from, clip(bin))
		return nil
	case "devDependencies":
		n.notef("%s runs %s from devDependencies, which the production image does not install", from, bin)
		return nil
	}
	if bin == "pm2" {
		// pm2 start daemonises and the container would exit; pm2-runtime
		// is pm2's foreground form for containers.
		if len(args) == 0 || args[0] != "start" {
			n.notef("%s runs pm2 without start", from)
			return nil
		}
		bin, args = "pm2-runtime", args[1:]
	}
	res := &startResult{argv: append([]string{"node_modules/.bin/" + bin}, args...), from: from}
	for _, a := range args {
		if isScriptPath(a) {
			res.entry = n.sourceOf(a)
			break
		}
	}
	return res
}

// isWorkspaceFlag reports whether a package-manager word selects a
// workspace package (npm -w, pnpm --filter, yarn workspace, -r).
func isWorkspaceFlag(a string) bool {
	switch a {
	case "-w", "--workspace", "--workspaces", "-F", "--filter", "workspace", "workspaces", "-r", "--recursive":
		return true
	}
	return strings.HasPrefix(a, "--workspace=") || strings.HasPrefix(a, "--filter=")
}
