package python

import (
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// devDeps collects every dependency name of dev, test and optional
// groups (and dev requirement files), to tell whether pytest is there.
// A malformed PEP 508 string in a standard table ([project]
// optional-dependencies, [dependency-groups]) is a *repo.FileError.
func (p *state) devDeps() error {
	p.dev = map[string]bool{}
	for n := range p.installed {
		p.dev[n] = true
	}
	if p.reqs != nil {
		for _, d := range p.reqs.Deps {
			p.dev[d.Req.Name] = true
		}
	}
	if pp := p.pp; pp != nil {
		if pp.Project != nil {
			for _, g := range sortedKeys(pp.Project.OptionalDependencies) {
				deps, err := p.pep508List(pp.Project.OptionalDependencies[g], "project.optional-dependencies."+g)
				if err != nil {
					return err
				}
				p.addDev(deps)
			}
		}
		for _, g := range sortedKeys(pp.DependencyGroups) {
			var list []string
			for _, item := range pp.DependencyGroups[g] {
				if s, ok := item.(string); ok {
					list = append(list, s)
				}
			}
			deps, err := p.pep508List(list, "dependency-groups."+g)
			if err != nil {
				return err
			}
			p.addDev(deps)
		}
		if po := pp.Tool.Poetry; po != nil {
			p.addDevNames(po.DevDependencies)
			for _, g := range po.Group {
				p.addDevNames(g.Dependencies)
			}
		}
		if pp.Tool.Pdm != nil {
			for _, v := range pp.Tool.Pdm.DevDependencies {
				p.addDevStrings(asStrings(v))
			}
		}
		if pp.Tool.Uv != nil {
			p.addDevStrings(asStrings(pp.Tool.Uv.DevDependencies))
		}
	}
	if p.pf != nil {
		p.addDevNames(p.pf.DevPackages)
	}
	for _, f := range p.r.FilesWithExt(".txt") {
		if strings.Contains(path.Base(f), "requirements") || path.Dir(f) == "requirements" {
			if data, err := p.r.Read(f, repo.MaxManifest); err == nil {
				if lines, err := parseRequirementsFile(f, data); err == nil {
					for _, l := range lines {
						if l.Req != nil && l.Req.Name != "" {
							p.dev[l.Req.Name] = true
						}
					}
				}
			}
		}
	}
	return nil
}

// addDev records parsed dependencies as dev names.
func (p *state) addDev(deps []dependency) {
	for _, d := range deps {
		p.dev[d.Req.Name] = true
	}
}

// addDevNames records the keys of a Poetry/Pipfile table as dev names.
func (p *state) addDevNames(table map[string]any) {
	for n := range table {
		p.dev[normalizeName(n)] = true
	}
}

// addDevStrings records PEP 508 strings as dev names (bad ones skipped).
func (p *state) addDevStrings(list []string) {
	for _, s := range list {
		if req, err := parseRequirement(s); err == nil {
			p.dev[req.Name] = true
		}
	}
}

// testCommand sets Details.TestCommand when the project has tests
// (test_*.py, *_test.py, tests.py, or .py files under tests/ or test/):
// pytest when it is a dependency of any group, Django's test runner for
// Django, else unittest discovery pointed at where the tests are.
func (p *state) testCommand() {
	var tests []string
	for _, f := range p.r.FilesWithExt(".py") {
		top := strings.SplitN(f, "/", 2)[0]
		if isTestFile(f) || strings.Contains(f, "/") && (top == "tests" || top == "test") {
			tests = append(tests, f)
		}
	}
	if len(tests) == 0 {
		return
	}
	d := &p.f.Details
	switch {
	case p.dev["pytest"]:
		d.TestCommand = "python -m pytest"
	case p.f.Framework == "django" && safePathRE.MatchString(p.managePy()):
		d.TestCommand = "python " + p.managePy() + " test"
	default:
		d.TestCommand = unittestCommand(p.r, tests)
	}
	if p.f.PackageManager == "pip" {
		p.d.TestRequirementsFiles = p.testRequirementFiles()
	}
}

// testReqRE is the name of a requirement file for dev or test tools.
var testReqRE = regexp.MustCompile(`(?i)(dev|test)`)

// testRequirementFiles lists requirement files for test tools
// (requirements-dev.txt, test-requirements.txt, requirements/test.txt…)
// that the main requirements do not include, each followed by its own
// includes. One that cannot be read warns and is left out.
func (p *state) testRequirementFiles() []string {
	var out []string
	for _, f := range p.r.FilesWithExt(".txt") {
		dir, base := path.Dir(f), path.Base(f)
		if dir != "." && dir != "requirements" || !testReqRE.MatchString(base) ||
			!strings.Contains(base, "requirements") && dir != "requirements" || slices.Contains(out, f) ||
			p.reqs != nil && slices.Contains(p.reqs.Files, f) {
			continue
		}
		t, err := readRequirements(p.ctx, p.r, f)
		if err != nil {
			p.f.Warnf("%v; it is not used for the test stage", err)
			continue
		}
		for _, g := range t.Files {
			if !slices.Contains(out, g) {
				out = append(out, g)
			}
		}
	}
	return out
}

// unittestCommand builds `python -m unittest discover`: -s DIR when all
// tests sit in one top folder that is not a package (discovery does not
// descend into those), -p '*_test.py' when no file matches test*.py.
func unittestCommand(r *repo.Repo, tests []string) string {
	cmd := "python -m unittest discover"
	tops := map[string]bool{}
	standard := false
	for _, t := range tests {
		top := "."
		if i := strings.IndexByte(t, '/'); i > 0 {
			top = t[:i]
		}
		tops[top] = true
		standard = standard || strings.HasPrefix(path.Base(t), "test")
	}
	if len(tops) == 1 {
		for top := range tops {
			if top != "." && safePathRE.MatchString(top) && !r.Has(top+"/__init__.py") {
				cmd += " -s " + top
			}
		}
	}
	if !standard {
		cmd += " -p '*_test.py'"
	}
	return cmd
}

// sortedKeys returns a map's keys in order, for deterministic output.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
