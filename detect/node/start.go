package node

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// start sets Start: the real entry, never `npm start` (npm does not pass
// SIGTERM on). Rules, first that applies: the framework's server (next,
// nuxt, nest, a static site), scripts.start, package.json main, a
// compiled entry, a server/index/app/main file at the root.
func (n *project) start() {
	var res *startResult
	switch n.f.Framework {
	case "next":
		res = n.nextStart()
	case "nuxt":
		res = &startResult{argv: []string{"node", ".output/server/index.mjs"}, from: n.f.Sources["framework"]}
	case "nest":
		res = n.nestStart()
	case "vite", "cra", "vue-cli", "angular":
		res = n.staticStart()
	}
	for _, rule := range []func() *startResult{n.scriptStart, n.mainStart, n.compiledStart, n.devStart, n.rootFileStart} {
		if res != nil {
			break
		}
		res = rule()
	}
	fallback := "no other start rule applies; pass --start"
	if res != nil {
		fallback = "start falls back to " + res.from
	}
	for _, note := range n.startNotes {
		n.f.Warnf("%s; %s", note, fallback)
	}
	if res == nil {
		if len(n.startNotes) == 0 {
			n.f.Warnf("found no start command in package.json (scripts.start, main) nor a server.js or index.js at the root; pass --start")
		}
		return
	}
	n.f.Start = res.argv
	mark := n.f.Source
	if res.guess || len(n.startNotes) > 0 {
		mark = n.f.Likely // a guess, or a fallback after a script that could not be used
	}
	mark("start", res.from)
	n.entry = res.entry
}

// nextStandalone finds output: 'standalone' in a Next config.
var nextStandalone = regexp.MustCompile("\\boutput\\s*:\\s*[\"'`]standalone[\"'`]")

// nextStart runs the standalone server.js, or next's own bin (with the
// arguments of a `next start …` script, e.g. -p 4000).
func (n *project) nextStart() *startResult {
	for _, ext := range []string{"js", "mjs", "cjs", "ts", "mts"} {
		name := "next.config." + ext
		if !n.r.Has(name) {
			continue
		}
		data, err := n.r.Head(name, repo.MaxSource)
		if err == nil && uncommentedMatch(nextStandalone, data) >= 0 {
			n.d.NextStandalone = true
			return &startResult{argv: []string{"node", "server.js"}, from: name + "#output"}
		}
	}
	res := &startResult{argv: []string{"node", "node_modules/next/dist/bin/next", "start"}, from: n.f.Sources["framework"]}
	argv, script, ok := n.scriptArgv("start")
	if ok && argv[0] == "node" {
		// A custom server (server.js that calls next()) is the real entry.
		return n.interpretStart(script, argv)
	}
	if ok && len(argv) >= 2 && argv[0] == "next" && argv[1] == "start" {
		res.argv = append(res.argv, argv[2:]...)
		res.from = "package.json#scripts." + script
		if p, err := strconv.Atoi(flagValue(argv[2:], "-p", "--port")); err == nil && core.ValidPort(p) {
			n.scriptPort, n.portFrom = p, res.from
		}
	}
	n.startNotes = nil // scripts.start was only consulted for next's arguments
	return res
}

// uncommentedMatch returns the offset of the first match of re that is
// not on a // or * comment line, or -1.
func uncommentedMatch(re *regexp.Regexp, data []byte) int {
	for _, loc := range re.FindAllSubmatchIndex(data, 32) {
		if !inLineComment(data, loc[0]) {
			return loc[0]
		}
	}
	return -1
}

// inLineComment reports whether the line holding off starts as a comment.
func inLineComment(data []byte, off int) bool {
	start := off
	for start > 0 && data[start-1] != '\n' {
		start--
	}
	line := strings.TrimSpace(string(data[start:off]))
	return strings.HasPrefix(line, "//") || strings.HasPrefix(line, "*") || strings.HasPrefix(line, "/*")
}

// devScripts are the scripts a project without a start script runs
// itself with, in the order they are tried.
var devScripts = []string{"dev", "start:dev", "serve", "watch"}

// devStart takes the file a development script watches (nodemon -L
// src/index.js → node src/index.js) when nothing says how production
// starts: only a node command on a file the repository has qualifies (a
// dev server such as vite or next dev does not). It is a guess, said as
// such; the scripts it skips leave no notes.
func (n *project) devStart() *startResult {
	notes := n.startNotes
	defer func() { n.startNotes = notes }()
	for _, name := range devScripts {
		argv, script, ok := n.scriptArgv(name)
		if !ok {
			continue
		}
		res := n.interpretStart(script, argv)
		if res == nil || res.argv[0] != "node" || res.entry == "" || !n.exists(res.entry) {
			continue
		}
		res.guess = true
		n.f.Warnf("no start script: start runs the file package.json#scripts.%s watches, without the watcher", script)
		return res
	}
	return nil
}

// nestStart runs the compiled entry: nest-cli.json's sourceRoot and
// entryFile (src, main) mapped through the tsconfig's outDir (dist).
func (n *project) nestStart() *startResult {
	sourceRoot, entryFile, from := "src", "main", n.f.Sources["framework"]
	if n.r.Has("nest-cli.json") {
		data, err := n.r.Read("nest-cli.json", repo.MaxManifest)
		if err != nil {
			n.fail(err)
			return nil
		}
		var cli struct {
			SourceRoot string `json:"sourceRoot"`
			EntryFile  string `json:"entryFile"`
		}
		if err := unmarshalJSONC("nest-cli.json", data, &cli); err != nil {
			n.f.Warnf("%v; its sourceRoot and entryFile are not used", err)
		}
		if p, ok := safeRelPath(cli.SourceRoot); ok && p != sourceRoot {
			sourceRoot, from = p, "nest-cli.json#sourceRoot"
		}
		if p, ok := safeRelPath(cli.EntryFile); ok && strings.TrimSuffix(p, ".ts") != entryFile {
			entryFile, from = strings.TrimSuffix(p, ".ts"), "nest-cli.json#entryFile"
		}
	}
	if ts := n.loadTSConfig("tsconfig.build.json"); ts != nil && ts.OutDir != "" {
		n.ts, n.tsLoaded = ts, true // nest builds with tsconfig.build.json
	}
	outDir := "dist"
	ts := n.tsconfig()
	if ts != nil && ts.OutDir != "" {
		outDir = ts.OutDir
	}
	src := path.Join(sourceRoot, entryFile+".ts")
	target := path.Join(outDir, entryFile+".js")
	if ts != nil && ts.OutDir != "" && n.r.Has(src) {
		// nest start runs <outDir>/<sourceRoot>/<entry>.js when tsc keeps the
		// source folder (rootDir above it), else <outDir>/<entry>.js.
		target = n.compiledPath(src)
	}
	return &startResult{argv: []string{"node", target}, from: from, entry: n.sourceOf(src)}
}

// staticStart serves the build with nginx (unprivileged, so the port is
// 8080) from the folder the framework's build writes (staticDir).
func (n *project) staticStart() *startResult {
	n.d.StaticDir = n.staticDir()
	return &startResult{argv: StaticStart(), from: n.f.Sources["framework"]}
}

// scriptStart interprets scripts.start (one level of indirection).
func (n *project) scriptStart() *startResult {
	argv, script, ok := n.scriptArgv("start")
	if !ok {
		return nil
	}
	return n.interpretStart(script, argv)
}

// mainStart runs package.json main with node, when the file exists or a
// build step can produce it.
func (n *project) mainStart() *startResult {
	m := strings.TrimSpace(n.pkg.Main)
	if m == "" {
		return nil
	}
	p, ok := safeRelPath(m)
	if !ok {
		n.notef("package.json#main %q is not a plain path inside the project", clip(m))
		return nil
	}
	_, hasBuild := n.pkg.script("build")
	if isTSSource(p) {
		if !hasBuild {
			return nil
		}
		return &startResult{argv: []string{"node", n.compiledPath(p)}, from: "package.json#main", entry: p, guess: true}
	}
	if !hasBuild && !n.r.Has(p) && !n.r.Has(p+".js") && !n.r.Has(p+"/index.js") {
		return nil // npm init's "index.js" that was never written
	}
	return &startResult{argv: []string{"node", p}, from: "package.json#main", entry: n.sourceOf(p), guess: true}
}

// compiledStart finds a TypeScript index/main/server source when a build
// step compiles it, and runs the compiled file.
func (n *project) compiledStart() *startResult {
	if _, ok := n.pkg.script("build"); !ok {
		return nil
	}
	roots := []string{"src", "."}
	from := "package.json#scripts.build"
	if ts := n.tsconfig(); ts != nil {
		roots = append([]string{n.inferRootDir(ts)}, roots...)
		if ts.OutDirFrom != "" {
			from = ts.OutDirFrom
		}
	}
	for _, root := range roots {
		for _, name := range []string{"index", "main", "server"} {
			for _, ext := range []string{".ts", ".mts", ".cts"} {
				src := path.Join(root, name+ext)
				if n.r.Has(src) {
					return &startResult{argv: []string{"node", n.compiledPath(src)}, from: from, entry: src, guess: true}
				}
			}
		}
	}
	return nil
}

// rootFileStart runs the first of server, index, app, main (.js, .mjs,
// .cjs) at the root.
func (n *project) rootFileStart() *startResult {
	for _, name := range []string{"server", "index", "app", "main"} {
		for _, ext := range []string{".js", ".mjs", ".cjs"} {
			if n.r.Has(name + ext) {
				return &startResult{argv: []string{"node", name + ext}, from: name + ext, entry: name + ext, guess: true}
			}
		}
	}
	return nil
}
