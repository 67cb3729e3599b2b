package python

import (
	"fmt"
	"sort"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// dependencies collects the direct runtime dependencies the chosen
// manager installs, the local paths that install needs, whether the
// project itself is installed, the lock's runtime packages, and every
// dev/test dependency name (for the test command).
func (p *state) dependencies() error {
	switch pm := p.f.PackageManager; pm {
	case "pip":
		hasProject := p.r.Has("setup.py") || p.pp != nil && (p.pp.BuildSystem != nil || p.pp.Project != nil)
		if p.reqs != nil {
			p.deps = append(p.deps, p.reqs.Deps...)
			p.local = append(p.local, p.reqs.LocalPaths...)
			p.install = p.reqs.InstallProject
		} else {
			p.install = hasProject
		}
		if p.install {
			if err := p.projectDeps(); err != nil {
				return err
			}
		}
	case "pipenv":
		if p.pf != nil {
			p.deps = append(p.deps, p.tableDeps(p.pf.Packages, "Pipfile#packages")...)
		}
	default: // poetry, uv, pdm install the project's own dependencies
		if err := p.projectDeps(); err != nil {
			return err
		}
	}
	if err := p.readLock(); err != nil {
		return err
	}
	p.installed = map[string]bool{}
	for _, d := range p.deps {
		if d.Req.Linux {
			p.installed[d.Req.Name] = true
			p.d.Dependencies = append(p.d.Dependencies, d.Req.Name)
		}
	}
	for n := range p.locked {
		p.installed[n] = true
	}
	return p.devDeps()
}

// projectDeps adds [project] dependencies, [tool.poetry.dependencies]
// and setup.py/setup.cfg's install_requires.
func (p *state) projectDeps() error {
	if p.pp != nil && p.pp.Project != nil {
		deps, err := p.pep508List(p.pp.Project.Dependencies, "project.dependencies")
		if err != nil {
			return err
		}
		p.deps = append(p.deps, deps...)
	}
	if p.pp != nil && p.pp.Tool.Poetry != nil {
		p.deps = append(p.deps, p.tableDeps(p.pp.Tool.Poetry.Dependencies, "pyproject.toml#tool.poetry.dependencies")...)
	}
	p.deps = append(p.deps, p.setupDeps()...)
	return nil
}

// pep508List parses a [project]-style list of PEP 508 strings found at
// key of pyproject.toml; a malformed one is a *repo.FileError at its place.
func (p *state) pep508List(list []string, key string) ([]dependency, error) {
	var out []dependency
	for _, s := range list {
		req, err := parseRequirement(s)
		if err != nil {
			line, col := locate(p.ppData, s)
			if line == 0 {
				line = 1
			}
			return nil, &repo.FileError{Path: "pyproject.toml", Line: line, Col: col, Err: fmt.Errorf("%s: invalid requirement: %v", key, err)}
		}
		out = append(out, dependency{Req: req, From: "pyproject.toml#" + key})
	}
	return out, nil
}

// tableDeps reads a Poetry or Pipfile dependency table: keys are names,
// values a version string, a table or an array of tables. Optional
// entries (installed only with an extra) and ones for other platforms
// are skipped; {path = "…"} entries become local paths.
func (p *state) tableDeps(table map[string]any, from string) []dependency {
	names := make([]string, 0, len(table))
	for k := range table {
		names = append(names, k)
	}
	sort.Strings(names)
	var out []dependency
	for _, name := range names {
		if name == "python" && from != "Pipfile#packages" {
			continue
		}
		if !nameRE.MatchString(name) {
			p.f.Warnf("%s: %q is not a valid package name; it is ignored", from, clipStr(name, 60))
			continue
		}
		req := &requirement{Name: normalizeName(name), Linux: true}
		spec, _ := table[name].(map[string]any)
		if spec == nil {
			if arr, ok := table[name].([]any); ok && len(arr) > 0 {
				spec, _ = arr[0].(map[string]any)
			}
		}
		if spec != nil {
			if opt, _ := spec["optional"].(bool); opt {
				continue
			}
			for _, e := range asStrings(spec["extras"]) {
				req.Extras = append(req.Extras, normalizeName(e))
			}
			req.Linux = tableLinux(spec)
			if pth, ok := asString(spec["path"]); ok && req.Linux {
				if c, warn := localPath(pth); warn != "" {
					p.f.Warnf("%s.%s: %s", from, name, warn)
				} else {
					p.local = append(p.local, c)
				}
			}
		}
		out = append(out, dependency{Req: req, From: from})
	}
	return out
}

// tableLinux evaluates a Poetry/Pipfile entry's platform conditions.
func tableLinux(spec map[string]any) bool {
	if pl, ok := asString(spec["platform"]); ok && pl != "linux" {
		return false
	}
	if pl, ok := asString(spec["sys_platform"]); ok {
		m := &markerParser{p: &parser{s: "sys_platform " + pl}}
		if v, err := m.or(); err == nil && v == triFalse {
			return false
		}
	}
	if mk, ok := asString(spec["markers"]); ok {
		m := &markerParser{p: &parser{s: mk}}
		if v, err := m.or(); err == nil && v == triFalse {
			return false
		}
	}
	return true
}
