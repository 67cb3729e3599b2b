package detect

import (
	"regexp"
	"strings"
)

// pyExactRE is a CPython version as .python-version, runtime.txt and
// Pipfile state it: 3, 3.12 or 3.12.1.
var pyExactRE = regexp.MustCompile(`^\d{1,2}(?:\.\d{1,3}){0,2}$`)

// languageVersion sets languageVersion by FIELD-NOTES' precedence:
// .python-version > runtime.txt > [project] requires-python's lower bound
// > Poetry's python constraint > Pipfile [requires] > the default. A value
// that cannot be used warns and falls through to the next rule.
func (p *pyState) languageVersion() error {
	f := p.f
	set := func(v, from string) error {
		f.LanguageVersion = v
		f.source("languageVersion", from)
		return nil
	}
	if p.r.has(".python-version") {
		data, err := p.r.read(".python-version", maxManifest)
		if err != nil {
			return err
		}
		v := pyFirstLine(data)
		switch {
		case v == "":
			f.warnf(".python-version is empty; it is ignored")
		case pyExactRE.MatchString(v):
			return set(v, ".python-version")
		default:
			f.warnf(".python-version names %q, which is not a CPython version (pyenv names such as pypy or system are not); it is ignored", pyClipStr(v, 60))
		}
	}
	if p.r.has("runtime.txt") {
		data, err := p.r.read("runtime.txt", maxManifest)
		if err != nil {
			return err
		}
		raw := pyFirstLine(data)
		if v, ok := strings.CutPrefix(raw, "python-"); ok && pyExactRE.MatchString(v) {
			return set(v, "runtime.txt")
		}
		f.warnf("runtime.txt says %q, which is not python-X.Y[.Z]; it is ignored", pyClipStr(raw, 60))
	}
	if spec := p.requiresPython(); spec != "" {
		const from = "pyproject.toml#project.requires-python"
		v, err := pyLowerBound(spec, false)
		switch {
		case err != nil:
			f.warnf("%s %q is not a version specifier dockslim understands (%v); it is ignored", from, pyClipStr(spec, 60), err)
		case v != "":
			return set(v, from)
		}
	}
	if spec := p.poetryPython(); spec != "" {
		const from = "pyproject.toml#tool.poetry.dependencies.python"
		v, err := pyLowerBound(spec, true)
		switch {
		case err != nil:
			f.warnf("%s %q is not a version constraint dockslim understands (%v); it is ignored", from, pyClipStr(spec, 60), err)
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
			s, _ := pyString(k.v)
			if pyExactRE.MatchString(s) {
				return set(s, "Pipfile#requires."+k.name)
			}
			f.warnf("Pipfile#requires.%s is not a Python version such as \"3.12\"; it is ignored", k.name)
		}
	}
	f.LanguageVersion = p.tab.Python.Default
	for _, c := range []struct {
		spec, from string
		poetry     bool
	}{{p.requiresPython(), "pyproject.toml#project.requires-python", false}, {p.poetryPython(), "pyproject.toml#tool.poetry.dependencies.python", true}} {
		if c.spec != "" && pyExcludes(c.spec, c.poetry, f.LanguageVersion) {
			f.warnf("%s %q excludes the default Python %s; pass --lang-version", c.from, pyClipStr(c.spec, 60), f.LanguageVersion)
		}
	}
	return nil
}

// requiresPython is [project] requires-python, trimmed.
func (p *pyState) requiresPython() string {
	if p.pp == nil || p.pp.Project == nil {
		return ""
	}
	return strings.TrimSpace(p.pp.Project.RequiresPython)
}

// poetryPython is [tool.poetry.dependencies] python, trimmed.
func (p *pyState) poetryPython() string {
	if p.pp == nil || p.pp.Tool.Poetry == nil {
		return ""
	}
	s, _ := pyString(p.pp.Tool.Poetry.Dependencies["python"])
	return strings.TrimSpace(s)
}

// pyFirstLine returns the first line of data that is neither blank nor a
// # comment, trimmed (and its first word only, as pyenv reads it).
func pyFirstLine(data []byte) string {
	for _, line := range strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		return strings.Fields(line)[0]
	}
	return ""
}
