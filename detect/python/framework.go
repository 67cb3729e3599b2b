package python

import (
	"path"
	"slices"
	"strings"
)

// frameworks are the frameworks detect knows, in the order they win
// when a project lists several.
var frameworks = []string{"django", "flask", "fastapi"}

// framework sets framework to the first of django (which also needs a
// manage.py), flask and fastapi that is a direct runtime dependency. Its
// source is the manifest that lists it.
func (p *state) framework() error {
	for _, fw := range frameworks {
		from := p.directFrom(fw)
		if from == "" || fw == "django" && p.managePy() == "" {
			continue
		}
		p.f.Framework = fw
		p.f.Source("framework", from)
		return nil
	}
	return nil
}

// directFrom is the manifest that declares name as a runtime dependency
// installed on Linux, or "".
func (p *state) directFrom(name string) string {
	for _, d := range p.deps {
		if d.Req.Name == name && d.Req.Linux {
			return d.From
		}
	}
	return ""
}

// managePy is the shallowest manage.py outside test and vendored folders.
func (p *state) managePy() string {
	best := ""
	for _, m := range p.r.FilesNamed("manage.py") {
		skip := false
		for _, part := range strings.Split(path.Dir(m), "/") {
			skip = skip || skipParts[part]
		}
		if !skip && (best == "" || strings.Count(m, "/") < strings.Count(best, "/")) {
			best = m
		}
	}
	return best
}

// depManifest names the file a missing dependency should be added to.
func (p *state) depManifest() string {
	switch {
	case p.f.PackageManager == "pip" && p.reqs != nil:
		return "requirements.txt"
	case p.f.PackageManager == "pipenv" && p.pf != nil:
		return "Pipfile"
	case p.pp != nil:
		return "pyproject.toml"
	case p.r.Has("setup.py"):
		return "setup.py"
	}
	return "the dependencies"
}

// hasServer reports whether the image will have the server command: a
// dependency (direct, or in the lock) or pulled in by an extra.
func (p *state) hasServer(name string) bool {
	if p.installed[name] {
		return true
	}
	return name == "uvicorn" && p.directExtra("fastapi", "standard")
}

// guessWarnf warns about a start guess, unless the Procfile decided start
// (then the guess only serves AppModule and the warning would mislead).
func (p *state) guessWarnf(format string, args ...any) {
	if !p.procStart {
		p.f.Warnf(format, args...)
	}
}

// servers are the application servers start can run; one the project
// does not install is installed into the image's venv (see serverPackage).
var servers = []string{"gunicorn", "uvicorn"}

// serverPackage makes sure the server argv runs is in the image: when it
// is none of the project's dependencies, the build installs it (the
// release versions.yaml names) into the venv, and a warning says so — an
// image whose start command is missing cannot start.
func (p *state) serverPackage(argv []string) {
	if len(argv) == 0 || !slices.Contains(servers, argv[0]) || p.hasServer(argv[0]) {
		return
	}
	server := argv[0]
	release := p.tab.Tools[server]
	if release == "" {
		return
	}
	p.d.ServerPackages = []string{server + "==" + release + ".*"}
	p.f.Warnf("%s does not list %s, which start runs: the image installs %s %s for it (add it to the dependencies to choose its version)", p.depManifest(), server, server, release)
}
