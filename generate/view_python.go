package generate

import (
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/python"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/internal/versions"
)

// pythonAnswers are the answers python.Details give.
func pythonAnswers(d *python.Details) *PythonAnswers {
	return &PythonAnswers{
		RequirementsFiles:     clone(d.RequirementsFiles),
		TestRequirementsFiles: clone(d.TestRequirementsFiles),
		TestExtras:            clone(d.TestExtras),
		TestGroups:            clone(d.TestGroups),
		TestRequirements:      clone(d.TestRequirements),
		LocalPackages:         clone(d.LocalPackages),
		InstallProject:        d.InstallProject,
		Requirements:          clone(d.Requirements),
		AppModule:             d.AppModule,
		CollectStatic:         d.CollectStatic,
		BuildBackend:          d.BuildBackend,
		BuildRequires:         clone(d.BuildRequires),
		ServerPackages:        clone(d.ServerPackages),
		WorkspacePackage:      d.WorkspacePackage,
		PrivateIndex:          len(d.PrivateIndexes) > 0,
	}
}

// pythonSamples are the Python projects `pack lint` renders.
func pythonSamples() []Sample {
	return []Sample{{"python", &Answers{
		Language: python.Name, LanguageVersion: "3.12", PackageManager: "pip", Flavour: "slim",
		Port: 8000, Start: []string{"gunicorn", "app:app"}, ManifestFiles: []string{"requirements.txt"},
		Python: &PythonAnswers{RequirementsFiles: []string{"requirements.txt"}}, Vars: map[string]string{},
	}}}
}

// PythonView is the Python template's model.
type PythonView struct {
	BaseImage string
	Toolchain *RunStep
	// ToolImage/ToolCopy bring a package-manager binary from its image
	// (uv); ToolSetup installs one with pip (poetry, pipenv, pdm) into the
	// build stage only.
	ToolImage string
	ToolSetup *RunStep
	// MakeVenv creates /venv without pip (uv makes its own).
	MakeVenv bool
	BuildEnv []string
	// Deps installs dependencies before the source is copied; Project
	// installs the project itself after.
	Deps *RunStep
	// Server installs the application server start runs when the project
	// does not list it.
	Server *RunStep
	// Backend installs the project's build backend into its own folder
	// before the source is copied, so Project builds without pip's
	// per-build isolated environment (nil for backends that need one).
	Backend *RunStep
	Project *RunStep
	Build   *RunStep
	// TestDeps adds the test tools in the test stage; Test runs them.
	TestDeps    *RunStep
	Test        *RunStep
	RuntimeDeps *RunStep
	// RuntimeEnv are the final stage's ENV lines: the virtualenv (some
	// servers read VIRTUAL_ENV: uwsgi's virtualenv=$(VIRTUAL_ENV)) and
	// the port.
	RuntimeEnv []string
	// AppSrc is, for a workspace member, its folder in the context
	// ("backend/"): the runtime copies it to /app, never the whole
	// workspace; TestWorkdir is where the test stage runs.
	AppSrc      string
	TestWorkdir string
	// BuildSrc is what the runtime takes from a build stage that ran a
	// build: /app, or a member's folder in it.
	BuildSrc string
}

const venvPip = "pip --python /venv/bin/python install"

func pythonView(v *View, a *Answers, tab *versions.Table) error {
	pa := a.Python
	if pa == nil {
		pa = &PythonAnswers{}
	}
	editable := editableProject(a)
	p := &PythonView{
		MakeVenv: a.PackageManager != "uv",
		BuildEnv: []string{"VIRTUAL_ENV=/venv", "PATH=/venv/bin:$PATH", "PIP_DISABLE_PIP_VERSION_CHECK=1"},
	}
	p.RuntimeEnv = append([]string{"VIRTUAL_ENV=/venv", "PATH=/venv/bin:$PATH"}, portEnv(v, a)...)
	v.Args = append(v.Args, Arg{"PYTHON_VERSION", a.LanguageVersion})
	role := "python"
	if v.IsAlpine {
		role = "pythonAlpine"
	}
	var err error
	if p.BaseImage, err = imageRef(tab, role, "${PYTHON_VERSION}"); err != nil {
		return err
	}
	if a.Native && !v.IsAlpine {
		pkgs, distro, err := systemPackages(a, tab, role)
		if err != nil {
			return err
		}
		p.Toolchain = installStep(distro, pkgs.Build)
		p.RuntimeDeps = installStep(distro, pkgs.Runtime)
	}
	pipCache := caches("/root/.cache/pip")
	files := func(names ...string) []Mount {
		var out []Mount
		for _, f := range a.ManifestFiles {
			for _, n := range names {
				if f == n {
					out = append(out, Mount{Source: f, Target: f})
				}
			}
		}
		return out
	}
	// The tool's release: the one the project's lockfile was written by
	// (poetry.lock names it), else the table's.
	pipTool := func(name string) *RunStep {
		release := tab.Tools[name]
		if a.PackageManager == name && versionRE.MatchString(a.PackageManagerVersion) {
			release = majorMinor(a.PackageManagerVersion)
		}
		return &RunStep{Caches: pipCache, Commands: []string{"pip install " + shellwords.Join([]string{name + "==" + release + ".*"})}}
	}
	switch a.PackageManager {
	case "uv":
		if p.ToolImage, err = imageRef(tab, "uv", ""); err != nil {
			return err
		}
		p.BuildEnv = append(p.BuildEnv, "UV_COMPILE_BYTECODE=1", "UV_LINK_MODE=copy", "UV_PROJECT_ENVIRONMENT=/venv", "UV_PYTHON_DOWNLOADS=never")
		uvCache := caches("/root/.cache/uv")
		// A workspace member: its package, from the root's lockfile; the
		// install layer needs no member's pyproject.toml.
		pkg, skip := "", " --no-install-project"
		if pa.WorkspacePackage != "" {
			pkg, skip = " --package "+pa.WorkspacePackage, " --no-install-workspace"
		}
		p.Deps = &RunStep{Caches: uvCache, Binds: files("uv.lock", "pyproject.toml"), Commands: []string{"uv sync --frozen --no-dev" + skip + pkg}}
		project := "uv sync --frozen --no-dev --no-editable" + pkg
		if editable {
			project = "uv sync --frozen --no-dev --no-compile-bytecode"
		}
		p.Project = &RunStep{Caches: uvCache, Commands: []string{project}}
		p.TestDeps = &RunStep{Caches: uvCache, Binds: p.Deps.Binds, Commands: []string{"uv sync --frozen" + pkg + flags("--extra", pa.TestExtras) + flags("--group", pa.TestGroups)}}
	case "poetry":
		p.ToolSetup = pipTool("poetry")
		p.BuildEnv = append(p.BuildEnv, "POETRY_VIRTUALENVS_CREATE=false", "POETRY_NO_INTERACTION=1")
		cache := caches("/root/.cache/pypoetry")
		p.Deps = &RunStep{Caches: cache, Binds: files("pyproject.toml", "poetry.lock"), Commands: []string{"poetry install --only main --no-root"}}
		if pa.InstallProject {
			p.Project = &RunStep{Caches: cache, Commands: []string{"poetry install --only main"}}
		}
		p.TestDeps = &RunStep{Caches: cache, Binds: p.Deps.Binds, Commands: []string{"poetry install --no-root" + flags("--extras", pa.TestExtras) + flags("--with", pa.TestGroups)}}
	case "pipenv":
		p.ToolSetup = pipTool("pipenv")
		p.Deps = &RunStep{Caches: pipCache, Binds: files("Pipfile", "Pipfile.lock"), Commands: []string{
			"pipenv requirements > /tmp/requirements.txt", venvPip + " -r /tmp/requirements.txt"}}
		p.TestDeps = &RunStep{Caches: pipCache, Binds: p.Deps.Binds, Commands: []string{
			"pipenv requirements --dev > /tmp/requirements-dev.txt", venvPip + " -r /tmp/requirements-dev.txt"}}
	case "pdm":
		p.ToolSetup = pipTool("pdm")
		p.Deps = &RunStep{Caches: pipCache, Binds: files("pyproject.toml", "pdm.lock"), Commands: []string{
			"pdm export --prod --without-hashes -o /tmp/requirements.txt", venvPip + " -r /tmp/requirements.txt"}}
		if pa.InstallProject {
			p.Backend, p.Project = projectInstall(pa, pipCache, true, editable, nil)
		}
		p.TestDeps = &RunStep{Caches: pipCache, Binds: p.Deps.Binds, Commands: []string{
			"pdm export --without-hashes" + flags("-G", pa.TestExtras) + " -o /tmp/requirements-dev.txt", venvPip + " -r /tmp/requirements-dev.txt"}}
	default:
		pipView(p, a, pa, pipCache, editable)
	}
	if len(pa.ServerPackages) > 0 {
		p.Server = &RunStep{Caches: pipCache, Commands: []string{venvPip + " " + shellwords.Join(pa.ServerPackages)}}
	}
	if a.BuildCommand != "" {
		build := a.BuildCommand
		if a.AppDir != "" {
			build = "cd " + a.AppDir + " && " + build // the member's manage.py, its paths
		}
		p.Build = &RunStep{Commands: []string{build}}
	}
	p.BuildSrc = "/app"
	if a.AppDir != "" {
		// The runtime and the tests work in the member's folder.
		p.AppSrc, p.TestWorkdir, p.BuildSrc = a.AppDir+"/", "/app/"+a.AppDir, "/app/"+a.AppDir
	}
	if a.TestCommand != "" {
		// The tests reach the runtime with the source: a stage that
		// deletes them costs each rebuild a COPY and a RUN, measured at
		// 0.33 s against docker init's 0.09 s on the e2e report's
		// python-local-pkg (docs/dockerfiles.md, the layer plan).
		p.Test = &RunStep{Commands: []string{a.TestCommand}}
	} else {
		p.TestDeps = nil
	}
	p.BuildEnv = append(p.BuildEnv, a.BuildEnv...) // --build-env: the build and test stages only
	if pa.PrivateIndex {
		// The index's credentials, as ~/.netrc (pip, uv and poetry read
		// it), for every step that installs.
		netrc := Secret{ID: "netrc", Target: "/root/.netrc"}
		for _, st := range []*RunStep{p.Deps, p.Server, p.Project, p.TestDeps} {
			if st != nil {
				st.Secrets = append(st.Secrets, netrc)
			}
		}
		v.SecretFlags = append(v.SecretFlags, "--secret id=netrc,src=$HOME/.netrc")
	}
	v.User = "65532:65532"
	v.DataDirs = clone(a.DataDirs)
	v.Cmd = jsonArgv(a.Start)
	v.Python = p
	return nil
}

// pipView fills the pip steps: requirement files (their includes and the
// local packages they name bound beside them), or a pyproject's own
// requirement list, before the source; the project itself after.
func pipView(p *PythonView, a *Answers, pa *PythonAnswers, cache []Cache, editable bool) {
	var binds []Mount
	for _, f := range pa.RequirementsFiles {
		binds = append(binds, Mount{Source: f, Target: f})
	}
	for _, l := range pa.LocalPackages {
		if l == "." {
			continue // the project itself: installed after the source
		}
		// setuptools writes build/ and *.egg-info beside the sources.
		binds = append(binds, Mount{Source: l, Target: l, RW: true})
	}
	switch {
	case len(pa.RequirementsFiles) > 0:
		p.Deps = &RunStep{Caches: cache, Binds: binds, Commands: []string{venvPip + " -r " + pa.RequirementsFiles[0]}}
	case len(pa.Requirements) > 0:
		p.Deps = &RunStep{Caches: cache, Commands: []string{venvPip + " " + shellwords.Join(pa.Requirements)}}
	}
	if pa.InstallProject {
		// setuptools builds in the source tree (build/, *.egg-info): a
		// writable bind mount of the context over /app takes those writes
		// and drops them, so they never reach the runtime's COPY of /app.
		p.Backend, p.Project = projectInstall(pa, cache, p.Deps != nil, editable, []Mount{{Target: ".", RW: true}})
	}
	if len(pa.TestRequirementsFiles) > 0 {
		var tb []Mount
		for _, f := range pa.TestRequirementsFiles {
			tb = append(tb, Mount{Source: f, Target: f})
		}
		var cmds []string
		for _, f := range pa.TestRequirementsFiles {
			cmds = append(cmds, venvPip+" -r "+f)
		}
		p.TestDeps = &RunStep{Caches: cache, Binds: tb, Commands: []string{strings.Join(cmds, " && ")}}
	}
	if len(pa.TestRequirements) > 0 {
		// A pyproject's test extra, by name: pip needs no manifest for it.
		add := venvPip + " " + shellwords.Join(pa.TestRequirements)
		if p.TestDeps == nil {
			p.TestDeps = &RunStep{Caches: cache}
		}
		p.TestDeps.Commands = append(p.TestDeps.Commands, add)
	}
}

// flags repeats a flag before each value: " --extra a --extra b" (the
// values passed detection's quoting rule, so they need no quotes).
func flags(flag string, values []string) string {
	var b strings.Builder
	for _, v := range values {
		b.WriteString(" " + flag + " " + shellwords.Join([]string{v}))
	}
	return b.String()
}

// majorMinor is "1.8" of "1.8.3" (and "2" of "2").
func majorMinor(v string) string {
	parts := strings.SplitN(v, ".", 3)
	return strings.Join(parts[:min(2, len(parts))], ".")
}

// editableProject reports whether the project itself is installed in
// editable mode: /venv then holds only a pointer to /app (a .pth file or
// a finder), which no edit of the source changes, so the runtime's layer
// of /venv is the same after an edit and only the source layer is new
// (docs/dockerfiles.md, the layer plan). Not for a project with a
// setup.py, which may build C extensions that an editable install leaves
// in the source tree, nor for a workspace member, whose runtime keeps
// only its own folder, at another path.
func editableProject(a *Answers) bool {
	return a.Python != nil && a.Python.InstallProject && a.AppDir == "" && !slices.Contains(a.ManifestFiles, "setup.py")
}
