package python

import (
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
)

// details fills the Details rendering needs: project name, what the
// install copies first (ManifestFiles), requirement files, local
// packages and whether the project itself is installed.
func (p *state) details() {
	d := &p.f.Details
	pm := p.f.PackageManager
	d.ProjectName = p.projectName()
	p.d.InstallProject = p.install
	p.d.LocalPackages = core.SortedUnique(p.local)
	var files []string
	if p.pp != nil && (p.install || slices.Contains([]string{"poetry", "uv", "pdm"}, pm)) {
		files = append(files, "pyproject.toml")
	}
	if lf := lockOf(pm); lf != "" && p.r.Has(lf) {
		files = append(files, lf)
	}
	if pm == "pipenv" && p.pf != nil {
		files = append(files, "Pipfile")
	}
	if pm == "pip" && p.reqs != nil {
		p.d.RequirementsFiles = p.reqs.Files
		files = append(files, p.reqs.Files...)
	}
	if p.install {
		for _, s := range []string{"setup.py", "setup.cfg"} {
			if p.r.Has(s) {
				files = append(files, s)
			}
		}
	}
	d.ManifestFiles = core.SortedUnique(files)
	if p.pp != nil && p.pp.Project != nil {
		for _, s := range p.pp.Project.Dependencies {
			if quotable(s) {
				p.d.Requirements = append(p.d.Requirements, s)
			}
		}
	}
	if p.install {
		p.d.BuildBackend, p.d.BuildRequires = p.buildSystem()
	}
}

// legacyBackend is what pip builds a project with when it declares no
// [build-system] (PEP 517's fallback).
const legacyBackend = "setuptools.build_meta:__legacy__"

// buildSystem is the installed project's build backend and requirements,
// or nothing when a requirement cannot be quoted into a RUN line.
func (p *state) buildSystem() (string, []string) {
	if p.pp == nil || p.pp.BuildSystem == nil {
		return legacyBackend, []string{"setuptools>=40.8.0"}
	}
	bs := p.pp.BuildSystem
	backend := strings.TrimSpace(bs.BuildBackend)
	if backend == "" {
		backend = legacyBackend
	}
	var reqs []string
	for _, s := range bs.Requires {
		if !quotable(s) {
			return "", nil
		}
		reqs = append(reqs, s)
	}
	return backend, reqs
}

// quotable reports a PEP 508 requirement without a URL, made of
// characters safe to quote into a RUN line.
func quotable(s string) bool {
	req, err := parseRequirement(s)
	return err == nil && req.URL == "" && requirementCharsRE.MatchString(s)
}

// requirementCharsRE is a PEP 508 string without URLs or unusual
// characters: safe to quote into a RUN line. A URL may carry a
// credential, so a direct reference is never copied.
var requirementCharsRE = regexp.MustCompile(`^[A-Za-z0-9 ._\-\[\],<>=!~;()'"*+]+$`)
