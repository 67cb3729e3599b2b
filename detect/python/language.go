// Package python detects Python projects: the runtime version
// (.python-version, runtime.txt, requires-python, Poetry, Pipfile), the
// package manager (uv, poetry, pdm, pipenv, pip with -r includes, a bare
// pyproject), dependencies parsed as PEP 508, Django, Flask and FastAPI
// entry points, plain scripts, native dependencies and their system
// packages. It only reads files; no interpreter is ever run.
package python

import (
	"github.com/dockslim/dockslim/detect/internal/core"
)

// Name is the language's name in facts, flags and templates.
const Name = "python"

// Details are the Python facts rendering needs beyond the common ones.
type Details struct {
	// RequirementsFiles are the requirement files pip installs from, the
	// top one first (includes follow).
	RequirementsFiles []string
	// LocalPackages are project-local paths the requirements install
	// (`./libs/core`, `-e .`), relative to the root.
	LocalPackages []string
	// InstallProject is true when the project itself is installed
	// (`pip install .` of a pyproject/setup.py project).
	InstallProject bool
	// AppModule is the WSGI/ASGI target, e.g. "proj.wsgi" or "app:app".
	AppModule string
	// CollectStatic is true for Django projects with STATIC_ROOT set.
	CollectStatic bool
	// Dependencies are the normalised names of the runtime dependencies.
	Dependencies []string
	// Requirements are the PEP 508 requirement strings of a pyproject
	// project's [project] dependencies, as written, so the dependency layer
	// can be installed before the source is copied. Only strings made of
	// PEP 508 characters are kept (they are shell-quoted when rendered).
	Requirements []string
	// TestRequirementsFiles are requirement files that add the test tools
	// (requirements-dev.txt, requirements-test.txt…), for the test stage.
	TestRequirementsFiles []string
	// TestExtras and TestGroups are the optional-dependency extras and
	// the groups a manager leaves out by default whose names say they
	// hold test tools (test, tests, testing, dev), for the test stage;
	// TestRequirements are those extras' requirement strings, for pip.
	TestExtras       []string
	TestGroups       []string
	TestRequirements []string
	// BuildBackend and BuildRequires are the installed project's PEP 517
	// [build-system] (pip's legacy setuptools default when a project has
	// none), so its build tools can be installed once, before the source.
	// BuildRequires keeps only strings that pass the Requirements rule;
	// both are empty when one does not.
	BuildBackend  string
	BuildRequires []string
	// ServerPackages are requirements the project does not list but its
	// start command needs (gunicorn==23.*), installed into the venv.
	ServerPackages []string
	// WorkspacePackage is a uv workspace member's project name (uv's
	// --package); "" for a project built on its own.
	WorkspacePackage string
	// PrivateIndexes are the hosts of package indexes other than PyPI
	// the project installs from: the install steps take the netrc secret.
	PrivateIndexes []string
}

// Language returns Python's row of detect's registry.
func Language() *core.Language {
	return &core.Language{
		Name:           Name,
		Title:          "Python",
		Manifests:      manifests,
		SourceExts:     []string{".py"},
		Managers:       managers,
		NativeTitle:    "Native modules",
		Toolchain:      "a compiler toolchain",
		Detect:         detect,
		AsMember:       asMember,
		Flavours:       flavourRules,
		Recommend:      func(core.Traits) string { return core.Slim },
		SystemPackages: systemPackages,
	}
}

// manifests are the files that make a Python project, in the order
// messages name them.
var manifests = []string{"pyproject.toml", "requirements.txt", "Pipfile", "setup.py"}

// managers are Python's package managers and their lockfiles (read-only).
var managers = []core.Manager{
	{Name: "pip"},
	{Name: "poetry", Lockfiles: []string{"poetry.lock"}},
	{Name: "uv", Lockfiles: []string{"uv.lock"}},
	{Name: "pipenv", Lockfiles: []string{"Pipfile.lock"}},
	{Name: "pdm", Lockfiles: []string{"pdm.lock"}},
}

// flavourRules: Python runs on Debian slim, or on Alpine without native
// dependencies (manylinux wheels do not install on musl, and source
// builds there are slow and large).
var flavourRules = []core.FlavourRule{
	{Name: core.Alpine, Unless: func(t core.Traits) string {
		if t.Native {
			return "manylinux wheels and native builds need glibc"
		}
		return ""
	}},
	{Name: core.Slim},
	{Name: core.Scratch, Never: "scratch has no runtime for interpreted code"},
	// A venv built on python:X-slim would not match the one fixed
	// Python a distroless image ships.
	{Name: core.Distroless, Never: "distroless ships one fixed Python version"},
}
