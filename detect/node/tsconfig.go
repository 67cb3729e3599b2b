package node

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// tsConfig is what detection needs from a tsconfig: where tsc writes and
// which files it compiles (to infer rootDir as tsc does).
type tsConfig struct {
	File       string // the tsconfig read, e.g. tsconfig.json
	OutDir     string // cleaned, relative to the root; "" when unset
	OutDirFrom string // source of OutDir: tsconfig.json#compilerOptions.outDir
	RootDir    string // explicit rootDir, cleaned; "" when unset
	Include    []string
	Exclude    []string
	rootDir    string // inferred rootDir cache
	inferred   bool
}

// rawTSConfig is the JSON shape of a tsconfig file.
type rawTSConfig struct {
	Extends         json.RawMessage `json:"extends"`
	CompilerOptions struct {
		OutDir  *string `json:"outDir"`
		RootDir *string `json:"rootDir"`
	} `json:"compilerOptions"`
	Include *[]string `json:"include"`
	Exclude *[]string `json:"exclude"`
}

// tsconfig returns the project's tsconfig.json, loaded once; nil when
// there is none or it cannot be used (with a warning).
func (n *project) tsconfig() *tsConfig {
	if !n.tsLoaded {
		n.tsLoaded = true
		n.ts = n.loadTSConfig("tsconfig.json")
	}
	return n.ts
}

// loadTSConfig reads rel and, one level deep, a relative config it
// extends; the child's settings win. Read errors are kept for detectNode
// to return; a malformed file warns and yields nil.
func (n *project) loadTSConfig(rel string) *tsConfig {
	if !n.r.Has(rel) {
		return nil
	}
	ts := &tsConfig{File: rel}
	if !n.mergeTSConfig(ts, rel, 0) {
		return nil
	}
	return ts
}

// mergeTSConfig applies rel (and what it extends) under the values ts
// already holds. It returns false when the file cannot be used.
func (n *project) mergeTSConfig(ts *tsConfig, rel string, depth int) bool {
	data, err := n.r.Read(rel, repo.MaxManifest)
	if err != nil {
		n.fail(err)
		return false
	}
	var raw rawTSConfig
	if err := unmarshalJSONC(rel, data, &raw); err != nil {
		n.f.Warnf("%v; its outDir and rootDir are not used", err)
		return false
	}
	dir := path.Dir(rel)
	co := raw.CompilerOptions
	if co.OutDir != nil && ts.OutDir == "" {
		if p, ok := safeRelPath(path.Join(dir, *co.OutDir)); ok {
			ts.OutDir, ts.OutDirFrom = p, rel+"#compilerOptions.outDir"
		} else {
			n.f.Warnf("%s#compilerOptions.outDir %q is not a plain folder inside the project; it is ignored", rel, clip(*co.OutDir))
		}
	}
	if co.RootDir != nil && ts.RootDir == "" {
		if p, ok := safeRelPath(path.Join(dir, *co.RootDir)); ok {
			ts.RootDir = p
		} else if path.Clean(path.Join(dir, *co.RootDir)) == "." {
			ts.RootDir = "."
		}
	}
	if raw.Include != nil && ts.Include == nil {
		ts.Include = joinAll(dir, *raw.Include)
	}
	if raw.Exclude != nil && ts.Exclude == nil {
		ts.Exclude = joinAll(dir, *raw.Exclude)
	}
	var ext string
	if depth == 0 && json.Unmarshal(raw.Extends, &ext) == nil && strings.HasPrefix(ext, ".") {
		// Only project-relative bases: a package base lives in node_modules.
		if !strings.HasSuffix(ext, ".json") {
			ext += ".json"
		}
		if base, ok := safeRelPath(path.Join(dir, ext)); ok && n.r.Has(base) {
			n.mergeTSConfig(ts, base, depth+1)
		}
	}
	return true
}

// joinAll makes tsconfig globs relative to the project root.
func joinAll(dir string, globs []string) []string {
	out := make([]string, 0, len(globs))
	for _, g := range globs {
		out = append(out, core.CleanGlob(path.Join(dir, core.CleanGlob(g))))
	}
	return out
}

// tsExts are the extensions tsc compiles, with what they become.
var tsExts = map[string]string{".ts": ".js", ".tsx": ".js", ".mts": ".mjs", ".cts": ".cjs"}

// isTSSource reports whether p is a TypeScript source (not a .d.ts).
func isTSSource(p string) bool {
	_, ok := tsExts[path.Ext(p)]
	return ok && !strings.HasSuffix(p, ".d.ts") && !strings.HasSuffix(p, ".d.mts") && !strings.HasSuffix(p, ".d.cts")
}

// matchTSPattern matches a tsconfig include/exclude entry: a glob, or a
// folder meaning everything below it.
func matchTSPattern(p, file string) bool {
	return core.GlobMatch(p, file) || !strings.ContainsAny(path.Base(p), "*?.") && under(file, p)
}

// inferRootDir returns rootDir as tsc computes it when it is not set:
// the longest common folder of the compiled sources.
func (n *project) inferRootDir(ts *tsConfig) string {
	if ts.RootDir != "" {
		return ts.RootDir
	}
	if ts.inferred {
		return ts.rootDir
	}
	ts.inferred = true
	exclude := ts.Exclude
	if exclude == nil {
		exclude = []string{"node_modules", "bower_components", "jspm_packages"}
		if ts.OutDir != "" {
			exclude = append(exclude, ts.OutDir)
		}
	}
	var common []string
	first := true
	for i, f := range n.r.Files() {
		if i%512 == 0 && n.ctx.Err() != nil {
			break
		}
		if !isTSSource(f) || ts.Include != nil && !anyTS(ts.Include, f) || anyTS(exclude, f) {
			continue
		}
		dir := strings.Split(path.Dir(f), "/")
		if dir[0] == "." {
			dir = nil
		}
		if first {
			common, first = dir, false
			continue
		}
		k := 0
		for k < len(common) && k < len(dir) && common[k] == dir[k] {
			k++
		}
		common = common[:k]
	}
	ts.rootDir = strings.Join(common, "/")
	if ts.rootDir == "" {
		ts.rootDir = "."
	}
	return ts.rootDir
}

// anyTS reports whether file matches one of the tsconfig patterns.
func anyTS(patterns []string, file string) bool {
	for _, p := range patterns {
		if matchTSPattern(p, file) {
			return true
		}
	}
	return false
}

// compiledPath maps a TypeScript source to the file tsc writes for it
// (src/server.ts → dist/server.js with outDir dist and rootDir src).
// Without an outDir tsc writes next to the source.
func (n *project) compiledPath(src string) string {
	ext := path.Ext(src)
	js := strings.TrimSuffix(src, ext) + tsExts[ext]
	if tsExts[ext] == "" {
		js = src
	}
	ts := n.tsconfig()
	if ts == nil || ts.OutDir == "" {
		if ts == nil && !n.buildRunsTSC() {
			// A bundler (tsup, esbuild…) without a tsconfig: dist/ by convention.
			rel := js
			if under(js, "src") && js != "src" {
				rel = strings.TrimPrefix(js, "src/")
			}
			return path.Join("dist", rel)
		}
		return js
	}
	root := n.inferRootDir(ts)
	rel := js
	if root != "." && under(js, root) {
		rel = strings.TrimPrefix(js, root+"/")
	}
	return path.Join(ts.OutDir, rel)
}

// buildRunsTSC reports whether the build script calls tsc.
func (n *project) buildRunsTSC() bool {
	b, _ := n.pkg.script("build")
	for _, w := range strings.Fields(b) {
		if w == "tsc" || strings.HasSuffix(w, "/tsc") {
			return true
		}
	}
	return false
}

// sourceOf maps a compiled file back to the TypeScript source it came
// from, when that source exists; else returns p if it exists, or "".
func (n *project) sourceOf(p string) string {
	p = path.Clean(p)
	if n.r.Has(p) && !isDirLike(p) {
		return p
	}
	base := strings.TrimSuffix(p, path.Ext(p))
	cands := []string{base}
	if ts := n.tsconfig(); ts != nil && ts.OutDir != "" && under(p, ts.OutDir) {
		rel := strings.TrimPrefix(strings.TrimPrefix(base, ts.OutDir), "/")
		cands = append([]string{path.Join(n.inferRootDir(ts), rel)}, cands...)
	} else if under(p, "dist") {
		cands = append(cands, path.Join("src", strings.TrimPrefix(base, "dist/")))
	}
	for _, c := range cands {
		for _, e := range []string{".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs"} {
			if n.r.Has(c + e) {
				return c + e
			}
		}
		for _, idx := range []string{"/index.ts", "/index.js"} {
			if n.r.Has(c + idx) {
				return c + idx
			}
		}
	}
	return ""
}

// isDirLike reports whether p has no extension a source file would have.
func isDirLike(p string) bool { return path.Ext(p) == "" }
