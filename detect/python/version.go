package python

import (
	"regexp"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// exactRE is a CPython version as .python-version, runtime.txt and
// Pipfile state it: 3, 3.12 or 3.12.1.
var exactRE = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,3}){0,2}$`)

// languageVersion sets languageVersion by the precedence of docs/detect.md:
// .python-version > runtime.txt > [project] requires-python's lower bound
// > Poetry's python constraint > Pipfile [requires] > the default. A value
// that cannot be used warns and falls through to the next rule.
func (p *state) languageVersion() error {
	f := p.f
	set := func(v, from string) error {
		f.LanguageVersion = v
		f.Source("languageVersion", from)
		return nil
	}
	if p.r.Has(".python-version") {
		data, err := p.r.Read(".python-version", repo.MaxManifest)
		if err != nil {
			return err
		}
		v := firstLine(data)
		switch {
		case v == "":
			f.Warnf(".python-version is empty; it is ignored")
		case exactRE.MatchString(v):
			return set(v, ".python-version")
		default:
			f.Warnf(".python-version names %q, which is not a CPython version (pyenv names such as pypy or system are not); it is ignored", clipStr(v, 60))
		}
	}
	if p.r.Has("runtime.txt") {
		data, err := p.r.Read("runtime.txt", repo.MaxManifest)
		if err != nil {
			return err
		}
		raw := firstLine(data)
		if v, ok := strings.CutPrefix(raw, "python-"); ok && exactRE.MatchString(v) {
			return set(v, "runtime.txt")
		}
		f.Warnf("runtime.txt says %q, which is not python-X.Y[.Z]; it is ignored", clipStr(raw, 60))
	}
	if spec := p.requiresPython(); spec != "" {
		const from = "pyproject.toml#project.requires-python"
		v, err := lowerBound(spec, false)
		switch {
		case err != nil:
			f.Warnf("%s %q is not a version specifier dockslim understands (%v); it is ignored", from, clipStr(spec, 60), err)
		case v != "":
			return set(v, from)
		}
	}
	if spec := p.poetryPython(); spec != "" {
		const from = "pyproject.toml#tool.poetry.dependencies.python"
		v, err := lowerBound(spec, true)
		switch {
		case err != nil:
			f.Warnf("%s %q is not a version constraint dockslim understands (%v); it is ignored", from, clipStr(spec, 60), err)
		case v != "":
			return set(v, from)
		}
	}
	if p.pf != nil {
		for _, k := range []struct {
			v    any
			name string
		}{{p.pf.Requires.PythonFullVersion, "python_full_version"}, {p.pf.Requires.PythonVersion, "python_version"}} {
			if k.v == nil {
				continue
			}
			s, _ := asString(k.v)
			if exactRE.MatchString(s) {
				return set(s, "Pipfile#requires."+k.name)
			}
			f.Warnf("Pipfile#requires.%s is not a Python version such as \"3.12\"; it is ignored", k.name)
		}
	}
	f.LanguageVersion = p.tab.Defaults[Name]
	for _, c := range []struct {
		spec, from string
		poetry     bool
	}{{p.requiresPython(), "pyproject.toml#project.requires-python", false}, {p.poetryPython(), "pyproject.toml#tool.poetry.dependencies.python", true}} {
		if c.spec != "" && excludes(c.spec, c.poetry, f.LanguageVersion) {
			f.Warnf("%s %q excludes the default Python %s; pass --lang-version", c.from, clipStr(c.spec, 60), f.LanguageVersion)
		}
	}
	return nil
}

// requiresPython is [project] requires-python, trimmed.
func (p *state) requiresPython() string {
	if p.pp == nil || p.pp.Project == nil {
		return ""
	}
	return strings.TrimSpace(p.pp.Project.RequiresPython)
}

// poetryPython is [tool.poetry.dependencies] python, trimmed.
func (p *state) poetryPython() string {
	if p.pp == nil || p.pp.Tool.Poetry == nil {
		return ""
	}
	s, _ := asString(p.pp.Tool.Poetry.Dependencies["python"])
	return strings.TrimSpace(s)
}

// firstLine returns the first line of data that is neither blank nor a
// # comment, trimmed (and its first word only, as pyenv reads it).
func firstLine(data []byte) string {
	for _, line := range strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		return strings.Fields(line)[0]
	}
	return ""
}
