package node

import (
	"encoding/json"
	"path"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// nxProject is what a root project.json says about building and
// serving one Nx application.
type nxProject struct {
	Name    string `json:"name"`
	Targets map[string]struct {
		Executor string `json:"executor"`
		Options  struct {
			OutputPath  string `json:"outputPath"`
			Main        string `json:"main"`
			BuildTarget string `json:"buildTarget"`
		} `json:"options"`
	} `json:"targets"`
}

// nxNodeExecutors build a Node program whose output node runs; the
// others (Next, Vite, Angular…) are served by their own rules.
var nxNodeExecutors = []string{"@nx/esbuild:", "@nx/webpack:", "@nx/js:", "@nrwl/esbuild:", "@nrwl/webpack:", "@nrwl/js:", "@nrwl/node:", "@nx/node:"}

// nxStart maps `nx serve [project]` (or `nx run project:serve`, `nx
// start`) to node on the file the project's build target writes: the
// build target's outputPath joined with its main, compiled to .js. Only a
// project.json at the root is read; an Nx workspace of several apps is a
// monorepo.
func (n *project) nxStart(from string, args []string) *startResult {
	if len(args) == 0 || !n.r.Has("project.json") {
		n.notef("%s runs nx, and the project has no project.json at its root", from)
		return nil
	}
	data, err := n.r.Read("project.json", repo.MaxManifest)
	if err != nil {
		n.fail(err)
		return nil
	}
	var p nxProject
	if err := json.Unmarshal(stripJSONC(data), &p); err != nil {
		n.notef("project.json is not valid JSON (%v)", err)
		return nil
	}
	target := args[0]
	if target == "run" && len(args) > 1 {
		_, target, _ = strings.Cut(args[1], ":")
	}
	buildName := "build"
	if t, ok := p.Targets[target]; ok && t.Options.BuildTarget != "" {
		// "api:build" or "api:build:production"
		parts := strings.Split(t.Options.BuildTarget, ":")
		if len(parts) > 1 {
			buildName = parts[1]
		}
	}
	build, ok := p.Targets[buildName]
	if !ok || !hasAnyPrefix(build.Executor, nxNodeExecutors) {
		n.notef("%s runs nx %s, and project.json has no Node build target that dockslim can follow", from, clip(target))
		return nil
	}
	out, okOut := safeRelPath(build.Options.OutputPath)
	main, okMain := safeRelPath(build.Options.Main)
	if !okOut || !okMain {
		n.notef("project.json#targets.%s has no plain outputPath and main", buildName)
		return nil
	}
	js := strings.TrimSuffix(path.Base(main), path.Ext(main)) + ".js"
	return &startResult{
		argv: []string{"node", path.Join(out, js)}, from: "project.json#targets." + buildName,
		entry: n.sourceOf(main), guess: true,
	}
}

// hasAnyPrefix reports whether s starts with one of prefixes.
func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
