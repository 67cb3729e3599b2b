package node

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/internal/shellwords"
)

// serverDeps are packages that make a project a server even when it also
// uses vite (SSR frameworks, HTTP frameworks): such a project is not a
// static site.
var serverDeps = []string{
	"express", "fastify", "koa", "@hapi/hapi", "hapi", "hono", "@hono/node-server", "restify", "polka",
	"h3", "@nestjs/core", "next", "nuxt", "astro", "@sveltejs/kit", "@react-router/serve",
	"@react-router/node", "@adonisjs/core", "@tanstack/react-start", "vinxi", "@angular/ssr",
}

// remixPackages are the @remix-run packages that name a Remix app, the
// most telling first; any other @remix-run/* counts too.
var remixPackages = []string{"@remix-run/serve", "@remix-run/node", "@remix-run/express", "@remix-run/react", "@remix-run/dev"}

// appDep returns the field (dependencies or devDependencies) declaring
// name, or "" — frameworks are looked for in those two only.
func (p *packageJSON) appDep(name string) string {
	if _, ok := p.Deps[name]; ok {
		return "dependencies"
	}
	if _, ok := p.DevDeps[name]; ok {
		return "devDependencies"
	}
	return ""
}

// framework sets Framework by precedence: next > nuxt > remix > nest >
// fastify > express > vite (a static site: vite, a build script and no
// server framework).
func (n *project) framework() {
	p := n.pkg
	pick := func(fw, dep string) bool {
		field := p.appDep(dep)
		if field == "" {
			return false
		}
		n.f.Framework = fw
		n.f.Source("framework", "package.json#"+field+"."+dep)
		return true
	}
	if pick("next", "next") || pick("nuxt", "nuxt") {
		return
	}
	for _, dep := range remixPackages {
		if pick("remix", dep) {
			return
		}
	}
	for _, dep := range p.depNames() {
		if strings.HasPrefix(dep, "@remix-run/") && validDepName(dep) && pick("remix", dep) {
			return
		}
	}
	if pick("nest", "@nestjs/core") || pick("fastify", "fastify") || pick("express", "express") {
		return
	}
	if _, hasBuild := p.script("build"); !hasBuild {
		return
	}
	for _, dep := range serverDeps {
		if p.appDep(dep) != "" {
			return
		}
	}
	for _, t := range staticTools {
		if pick(t.framework, t.dep) {
			return
		}
	}
	// A workspace member often leaves its build tool to the root's
	// devDependencies (excalidraw-app's vite): a script that runs the
	// tool's build names the framework as well.
	for _, name := range sortedScriptNames(p) {
		for _, t := range staticTools {
			if t.buildRE != nil && t.buildRE.MatchString(p.Scripts[name]) {
				n.f.Framework = t.framework
				n.f.Likely("framework", "package.json#scripts."+name)
				return
			}
		}
	}
}

// sortedScriptNames lists the package's script names, "build" first.
func sortedScriptNames(p *packageJSON) []string {
	names := make([]string, 0, len(p.Scripts))
	for name := range p.Scripts {
		if name != "build" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return append([]string{"build"}, names...)
}

// staticTools are the build tools of static sites, the most specific
// first (an Angular or Vue CLI project may use vite underneath).
var staticTools = []struct {
	framework, dep string
	buildRE        *regexp.Regexp // a script that builds with the tool
}{
	{"angular", "@angular/core", regexp.MustCompile(`(^|[\s;&|])ng build\b`)},
	{"vue-cli", "@vue/cli-service", regexp.MustCompile(`(^|[\s;&|])vue-cli-service build\b`)},
	{"cra", "react-scripts", regexp.MustCompile(`(^|[\s;&|])react-scripts build\b`)},
	{"vite", "vite", regexp.MustCompile(`(^|[\s;&|])vite build\b`)},
}

// isStatic reports whether the project is a static site served by nginx.
func (n *project) isStatic() bool { return isStaticFramework(n.f.Framework) }

// dockerBuildScripts are the names of a build script meant for images,
// preferred over "build" when the package has one — unless it runs the
// docker CLI itself (then it builds the image, not the app).
var dockerBuildScripts = []string{"build-docker", "build:docker"}

// dockerCLIRE matches a script that runs docker or compose.
var dockerCLIRE = regexp.MustCompile(`(^|[\s;&|(])(docker|docker-compose|podman)(\s|$)`)

// buildAndTest sets BuildCommand, HasBuildScript and TestCommand from
// package.json scripts. The scripts themselves run under the package
// manager, so only the fixed "<pm> run build" line reaches the Dockerfile.
func (n *project) buildAndTest() {
	f := n.f
	if _, ok := n.pkg.script("build"); ok {
		name := "build"
		// A repository that keeps a build for images (umami's
		// build-docker skips the steps that reach a database) means it.
		for _, alt := range dockerBuildScripts {
			if body, ok := n.pkg.script(alt); ok && !dockerCLIRE.MatchString(body) {
				name = alt
				break
			}
		}
		cmd := runCommand(n.pm, name)
		if shellwords.CheckBuild(cmd) == nil {
			f.BuildCommand = cmd
			f.Source("buildCommand", "package.json#scripts."+name)
		}
		n.d.HasBuildScript = true
	}
	if t, ok := n.pkg.script("test"); ok && !strings.Contains(t, "no test specified") {
		switch n.pm {
		case "bun":
			// `bun test` is bun's own test runner, not the script.
			f.Details.TestCommand = "bun run test"
		case "yarn-berry":
			f.Details.TestCommand = "yarn test"
		default:
			f.Details.TestCommand = n.pm + " test"
		}
	}
}

// outputDirs fills Details.OutputDirs: the folders the build writes
// that the runtime needs.
func (n *project) outputDirs() {
	d := n.d
	switch n.f.Framework {
	case "next":
		if d.NextStandalone {
			d.OutputDirs = []string{".next/standalone", ".next/static"}
			if n.r.HasDir("public") {
				d.OutputDirs = append(d.OutputDirs, "public")
			}
		} else {
			d.OutputDirs = []string{".next"}
		}
		return
	case "nuxt":
		d.OutputDirs = []string{".output"}
		return
	case "remix":
		d.OutputDirs = []string{"build"}
		return
	case "vite", "cra", "vue-cli", "angular":
		d.OutputDirs = []string{d.StaticDir}
		return
	}
	if n.f.BuildCommand == "" {
		return
	}
	if ts := n.tsconfig(); ts != nil && ts.OutDir != "" {
		d.OutputDirs = []string{ts.OutDir}
		return
	}
	// A frontend build beside a server (express serving a React build):
	// the bundler's output is what the server sends.
	if build, _ := n.pkg.script("build"); build != "" {
		switch {
		case strings.Contains(build, "vite build"):
			d.OutputDirs = []string{n.viteOutDir("")}
			return
		case strings.Contains(build, "react-scripts build"):
			d.OutputDirs = []string{"build"}
			return
		}
	}
	// The start target lives in a folder the repository does not have:
	// the build makes it (dist/, build/, lib/…).
	for _, a := range n.f.Start {
		if !isScriptPath(a) || strings.HasPrefix(a, "node_modules/") {
			continue
		}
		if top, _, ok := strings.Cut(path.Clean(a), "/"); ok && !n.r.HasDir(top) {
			if c, ok := safeRelPath(top); ok {
				d.OutputDirs = []string{c}
			}
		}
		break
	}
}

// isScriptPath reports whether an argv word names a JavaScript or
// TypeScript file (or an extension-less path node resolves).
func isScriptPath(a string) bool {
	if strings.HasPrefix(a, "-") {
		return false
	}
	switch path.Ext(a) {
	case ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts":
		return true
	}
	return strings.Contains(a, "/") && path.Ext(a) == ""
}
