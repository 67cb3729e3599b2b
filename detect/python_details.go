package detect

import (
	"regexp"
	"slices"
	"strings"
)

// details fills the Details rendering needs: project name, what the
// install copies first (ManifestFiles), requirement files, local
// packages and whether the project itself is installed.
func (p *pyState) details() {
	d := &p.f.Details
	pm := p.f.PackageManager
	d.ProjectName = p.projectName()
	d.Python.InstallProject = p.install
	d.Python.LocalPackages = sortedUnique(p.local)
	var files []string
	if p.pp != nil && (p.install || slices.Contains([]string{"poetry", "uv", "pdm"}, pm)) {
		files = append(files, "pyproject.toml")
	}
	if lf := pyLockOf[pm]; lf != "" && p.r.has(lf) {
		files = append(files, lf)
	}
	if pm == "pipenv" && p.pf != nil {
		files = append(files, "Pipfile")
	}
	if pm == "pip" && p.reqs != nil {
		d.Python.RequirementsFiles = p.reqs.Files
		files = append(files, p.reqs.Files...)
	}
	if p.install {
		for _, s := range []string{"setup.py", "setup.cfg"} {
			if p.r.has(s) {
				files = append(files, s)
			}
		}
	}
	d.ManifestFiles = sortedUnique(files)
	if p.pp != nil && p.pp.Project != nil {
		for _, s := range p.pp.Project.Dependencies {
			if pyQuotable(s) {
				d.Python.Requirements = append(d.Python.Requirements, s)
			}
		}
	}
	if p.install {
		d.Python.BuildBackend, d.Python.BuildRequires = p.buildSystem()
	}
}

// pyLegacyBackend is what pip builds a project with when it declares no
// [build-system] (PEP 517's fallback).
const pyLegacyBackend = "setuptools.build_meta:__legacy__"

// buildSystem is the installed project's build backend and requirements,
// or nothing when a requirement cannot be quoted into a RUN line.
func (p *pyState) buildSystem() (string, []string) {
	if p.pp == nil || p.pp.BuildSystem == nil {
		return pyLegacyBackend, []string{"setuptools>=40.8.0"}
	}
	bs := p.pp.BuildSystem
	backend := strings.TrimSpace(bs.BuildBackend)
	if backend == "" {
		backend = pyLegacyBackend
	}
	var reqs []string
	for _, s := range bs.Requires {
		if !pyQuotable(s) {
			return "", nil
		}
		reqs = append(reqs, s)
	}
	return backend, reqs
}

// pyQuotable reports a PEP 508 requirement without a URL, made of
// characters safe to quote into a RUN line.
func pyQuotable(s string) bool {
	req, err := pyParseRequirement(s)
	return err == nil && req.URL == "" && pyRequirementCharsRE.MatchString(s)
}

// pyRequirementCharsRE is a PEP 508 string without URLs or unusual
// characters: safe to quote into a RUN line. A URL may carry a
// credential, so a direct reference is never copied.
var pyRequirementCharsRE = regexp.MustCompile(`^[A-Za-z0-9 ._\-\[\],<>=!~;()'"*+]+$`)
