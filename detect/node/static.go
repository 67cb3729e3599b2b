package node

import (
	"encoding/json"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/shellwords"
)

// staticDir is the folder a static site's build writes, by framework:
// vite's build.outDir (dist), Create React App's build/ (BUILD_PATH in
// the build script), Vue CLI's outputDir (dist), Angular's outputPath
// from angular.json (with /browser for the application builder).
func (n *project) staticDir() string {
	dir := n.delegatedBuildDir()
	switch n.f.Framework {
	case "cra":
		if build, _ := n.pkg.script("build"); build != "" {
			if m := buildPathRE.FindStringSubmatch(build); m != nil {
				if p, ok := safeRelPath(m[1]); ok {
					return path.Join(dir, p)
				}
			}
		}
		return path.Join(dir, "build")
	case "vue-cli":
		return n.configDir(dir, []string{"vue.config.js", "vue.config.cjs", "vue.config.mjs", "vue.config.ts"}, vueOutputDirRE, "outputDir", "dist")
	case "angular":
		return path.Join(dir, n.angularOutDir(dir))
	}
	return n.viteOutDir(dir)
}

var (
	buildPathRE    = regexp.MustCompile(`(?:^|\s)BUILD_PATH=["']?([A-Za-z0-9_./-]+)`)
	vueOutputDirRE = regexp.MustCompile("\\boutputDir\\s*:\\s*[\"'`]([^\"'`\\n]+)[\"'`]")
	// viteOutDirRE finds build.outDir set to a literal in a vite config.
	viteOutDirRE = regexp.MustCompile("\\boutDir\\s*:\\s*[\"'`]([^\"'`\\n]+)[\"'`]")
	// cdBuildRE is a build script that starts by changing into a folder.
	cdBuildRE = regexp.MustCompile(`^\s*cd\s+["']?([A-Za-z0-9_./-]+)["']?\s*&&`)
)

// viteOutDir is the folder vite build writes below dir: dist unless a
// vite config there sets build.outDir to a plain folder.
func (n *project) viteOutDir(dir string) string {
	return n.configDir(dir, []string{"vite.config.ts", "vite.config.js", "vite.config.mjs", "vite.config.mts", "vite.config.cjs", "vite.config.cts"},
		viteOutDirRE, "build.outDir", "dist")
}

// delegatedBuildDir is the sub-folder a root build script builds in
// (yarn --cwd app build, npm --prefix app run build, pnpm -C app build,
// cd app && …): its config names the output, and the output lies below
// it. "" when the build runs at the root.
func (n *project) delegatedBuildDir() string {
	build, _ := n.pkg.script("build")
	if build == "" {
		return ""
	}
	var dir string
	if m := cdBuildRE.FindStringSubmatch(build); m != nil {
		dir = m[1]
	} else if argv, err := shellwords.Split(build); err == nil && len(argv) > 1 {
		switch argv[0] {
		case "yarn":
			dir = flagValue(argv[1:], "--cwd")
		case "npm":
			dir = flagValue(argv[1:], "--prefix")
		case "pnpm":
			dir = flagValue(argv[1:], "-C", "--dir")
		}
	}
	p, ok := safeRelPath(dir)
	if !ok || p == "." || !n.r.HasDir(p) {
		return ""
	}
	return p
}

// configDir reads a folder set to a literal in the first config file
// below dir that exists, else def; the result is relative to the root.
func (n *project) configDir(dir string, names []string, re *regexp.Regexp, key, def string) string {
	for _, name := range names {
		name = path.Join(dir, name)
		if !n.r.Has(name) {
			continue
		}
		data, err := n.r.Head(name, repo.MaxSource)
		if err != nil {
			return path.Join(dir, def)
		}
		if off := uncommentedMatch(re, data); off >= 0 {
			m := re.FindSubmatch(data[off:])
			if p, ok := safeRelPath(string(m[1])); ok {
				return path.Join(dir, p)
			}
			n.f.Warnf("%s sets %s to %q, which is not a plain folder inside the project; using %s", name, key, clip(string(m[1])), def)
		}
		return path.Join(dir, def)
	}
	return path.Join(dir, def)
}

// angularWorkspace is what angular.json says about building.
type angularWorkspace struct {
	DefaultProject string `json:"defaultProject"`
	Projects       map[string]struct {
		ProjectType string `json:"projectType"`
		Architect   map[string]struct {
			Builder string `json:"builder"`
			Options struct {
				OutputPath json.RawMessage `json:"outputPath"`
			} `json:"options"`
		} `json:"architect"`
	} `json:"projects"`
}

// angularOutDir is the build's output folder: the default (or first
// application) project's build outputPath — with /browser under the
// application builder, which writes browser/ and server/ beneath it —
// else dist/<project>/browser as `ng new` sets it.
func (n *project) angularOutDir(dir string) string {
	data, err := n.r.Read(path.Join(dir, "angular.json"), repo.MaxManifest)
	var ws angularWorkspace
	if err != nil || json.Unmarshal(stripJSONC(data), &ws) != nil || len(ws.Projects) == 0 {
		name := n.pkg.Name
		if name == "" {
			name = "app"
		}
		n.f.Warnf("angular.json cannot be read; the site is taken from dist/%s/browser", name)
		return path.Join("dist", name, "browser")
	}
	name := ws.DefaultProject
	if _, ok := ws.Projects[name]; !ok {
		names := make([]string, 0, len(ws.Projects))
		for k, p := range ws.Projects {
			if p.ProjectType == "" || p.ProjectType == "application" {
				names = append(names, k)
			}
		}
		sort.Strings(names)
		if len(names) == 0 {
			return path.Join("dist", n.pkg.Name, "browser")
		}
		name = names[0]
	}
	build := ws.Projects[name].Architect["build"]
	application := strings.HasSuffix(build.Builder, ":application")
	out := path.Join("dist", name)
	var s string
	var obj struct {
		Base    string `json:"base"`
		Browser string `json:"browser"`
	}
	switch {
	case json.Unmarshal(build.Options.OutputPath, &s) == nil && s != "":
		out = s
	case json.Unmarshal(build.Options.OutputPath, &obj) == nil && obj.Base != "":
		out = obj.Base
		if obj.Browser != "" || !application {
			out = path.Join(obj.Base, obj.Browser)
			application = false
		}
	}
	if application {
		out = path.Join(out, "browser")
	}
	if p, ok := safeRelPath(out); ok {
		return p
	}
	return path.Join("dist", name, "browser")
}
