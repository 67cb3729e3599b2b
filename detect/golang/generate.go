package golang

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/shellwords"
)

// Some modules do not compile from a clean checkout: code generated from
// templates (ego, templ, stringer…) is left out of git and made by the
// Makefile's default target. When that target (or one it depends on) is
// a generate step of go commands alone — `go generate ./...`, `go run
// <tool> …`, `go tool <tool> …` — the build and test stages run it before
// compiling (docs/dockerfiles.md). A recipe using make variables or other
// programs is left alone: dockslim would have to guess what it does.

var (
	makeTargetRE = regexp.MustCompile(`^([A-Za-z0-9_.-]+)\s*:([^=].*)?$`)
	goCommandRE  = regexp.MustCompile(`^go (generate|run|tool) [A-Za-z0-9_./@ =,:+-]+$`)
)

// generateTargets are the target names a generate step has.
var generateTargets = setOf("generate", "gen", "codegen", "go-generate")

// makeTarget is one rule of a Makefile.
type makeTarget struct {
	deps    []string
	recipe  []string
	line    int
	dynamic bool // a recipe line uses make variables or functions
}

// makefileGenerate returns the go commands of the generate step the
// Makefile's default target runs, and where ("Makefile:5").
func makefileGenerate(r *repo.Repo) (cmds []string, from string) {
	if !r.Has("Makefile") {
		return nil, ""
	}
	data, err := r.Read("Makefile", repo.MaxManifest)
	if err != nil {
		return nil, ""
	}
	targets, first := parseMakefile(string(data))
	if first == "" {
		return nil, ""
	}
	// The default target and what it depends on, transitively.
	seen := map[string]bool{}
	queue := []string{first}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		t, ok := targets[name]
		if !ok {
			continue
		}
		if generateTargets[name] && !t.dynamic && len(t.recipe) > 0 && allGo(t.recipe) {
			return t.recipe, fmt.Sprintf("Makefile:%d", t.line)
		}
		queue = append(queue, t.deps...)
	}
	return nil, ""
}

// parseMakefile reads rules and their recipes; first is the default
// target (the first rule whose name does not start with a dot).
func parseMakefile(text string) (targets map[string]*makeTarget, first string) {
	targets = map[string]*makeTarget{}
	var cur *makeTarget
	for i, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "\t"):
			if cur != nil {
				cmd := strings.TrimLeft(strings.TrimSpace(line), "@-+")
				if strings.ContainsAny(cmd, "$`") {
					cur.dynamic = true
				}
				if cmd != "" && !strings.HasPrefix(cmd, "#") {
					cur.recipe = append(cur.recipe, strings.TrimSpace(cmd))
				}
			}
		case strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		default:
			cur = nil
			m := makeTargetRE.FindStringSubmatch(strings.TrimRight(line, " \r"))
			if m == nil {
				continue
			}
			deps, _, _ := strings.Cut(m[2], "#")
			deps, _, _ = strings.Cut(deps, ";")
			cur = &makeTarget{deps: strings.Fields(deps), line: i + 1}
			targets[m[1]] = cur
			if first == "" && !strings.HasPrefix(m[1], ".") {
				first = m[1]
			}
		}
	}
	return targets, first
}

// allGo reports whether every recipe line is a plain go command that
// fits a RUN line.
func allGo(recipe []string) bool {
	return !slices.ContainsFunc(recipe, func(c string) bool {
		return !goCommandRE.MatchString(c) || shellwords.CheckBuild(c) != nil
	})
}
