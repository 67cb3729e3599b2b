package python

import (
	"slices"
)

// testGroupNames are the extras and groups that, by convention, hold what
// a project's tests need (pytest, fixtures, factories).
var testGroupNames = []string{"dev", "test", "testing", "tests"}

// testExtras fills what the test stage installs beyond the lockfile's
// defaults, so that a pytest listed only in an extra is there when the
// tests run (docs/dockerfiles.md):
//
//   - TestExtras: [project.optional-dependencies] groups with a test name
//     (uv --extra, poetry --extras, pdm -G);
//   - TestGroups: PEP 735 [dependency-groups] and optional Poetry groups
//     with a test name that the manager leaves out by default (uv installs
//     "dev" on its own, Poetry every non-optional group);
//   - TestRequirements: for pip, the requirement strings of those extras
//     and of PEP 735 groups with a test name, which pip installs by name.
func (p *state) testExtras() {
	pp := p.pp
	if pp == nil || p.f.Details.TestCommand == "" {
		return
	}
	pm := p.f.PackageManager
	if pp.Project != nil {
		for _, g := range sortedKeys(pp.Project.OptionalDependencies) {
			if !slices.Contains(testGroupNames, g) || !quotable(g) {
				continue
			}
			p.d.TestExtras = append(p.d.TestExtras, g)
			if pm == "pip" {
				for _, s := range pp.Project.OptionalDependencies[g] {
					if quotable(s) && !slices.Contains(p.d.TestRequirements, s) {
						p.d.TestRequirements = append(p.d.TestRequirements, s)
					}
				}
			}
		}
	}
	if pm == "pip" {
		// PEP 735 groups: pip installs a group's requirements by name
		// (older pips have no --group).
		for _, g := range sortedKeys(pp.DependencyGroups) {
			if !slices.Contains(testGroupNames, g) {
				continue
			}
			for _, item := range pp.DependencyGroups[g] {
				if s, ok := item.(string); ok && quotable(s) && !slices.Contains(p.d.TestRequirements, s) {
					p.d.TestRequirements = append(p.d.TestRequirements, s)
				}
			}
		}
	}
	switch pm {
	case "uv":
		for _, g := range sortedKeys(pp.DependencyGroups) {
			if g != "dev" && slices.Contains(testGroupNames, g) && quotable(g) {
				p.d.TestGroups = append(p.d.TestGroups, g)
			}
		}
	case "poetry":
		if po := pp.Tool.Poetry; po != nil {
			for _, g := range sortedKeys(po.Group) {
				if po.Group[g].Optional && slices.Contains(testGroupNames, g) && quotable(g) {
					p.d.TestGroups = append(p.d.TestGroups, g)
				}
			}
		}
	}
	if !slices.Contains([]string{"uv", "poetry", "pdm"}, pm) {
		p.d.TestExtras = nil // pip installs them by name (above); pipenv has none
	}
}
