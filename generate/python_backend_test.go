package generate

import (
	"strings"
	"testing"
)

func TestProjectInstall(t *testing.T) {
	cache := caches("/root/.cache/pip")
	for _, c := range []struct {
		name        string
		pa          PythonAnswers
		noDeps      bool
		wantBackend string // "" when pip keeps its isolation
		wantProject string
	}{
		{"setuptools adds wheel", PythonAnswers{BuildBackend: "setuptools.build_meta", BuildRequires: []string{"setuptools>=61"}}, true,
			"pip install --target /opt/build-backend 'setuptools>=61' wheel",
			"PYTHONPATH=/opt/build-backend pip --python /venv/bin/python install --no-build-isolation --no-deps ."},
		{"wheel listed once", PythonAnswers{BuildBackend: "setuptools.build_meta", BuildRequires: []string{"setuptools", "Wheel>=0.40"}}, false,
			"pip install --target /opt/build-backend setuptools 'Wheel>=0.40'",
			"PYTHONPATH=/opt/build-backend pip --python /venv/bin/python install --no-build-isolation ."},
		{"hatchling", PythonAnswers{BuildBackend: "hatchling.build", BuildRequires: []string{"hatchling", "hatch-vcs"}}, true,
			"pip install --target /opt/build-backend hatchling hatch-vcs",
			"PYTHONPATH=/opt/build-backend pip --python /venv/bin/python install --no-build-isolation --no-deps ."},
		{"dynamic backend keeps isolation", PythonAnswers{BuildBackend: "scikit_build_core.build", BuildRequires: []string{"scikit-build-core"}}, true,
			"", "pip --python /venv/bin/python install --no-deps ."},
		{"unquotable requires dropped by detect", PythonAnswers{BuildBackend: "", BuildRequires: nil}, false,
			"", "pip --python /venv/bin/python install ."},
	} {
		backend, project := projectInstall(&c.pa, cache, c.noDeps, false, nil)
		gotBackend := ""
		if backend != nil {
			gotBackend = strings.Join(backend.Commands, " && ")
		}
		if gotBackend != c.wantBackend {
			t.Errorf("%s: backend step %q, want %q", c.name, gotBackend, c.wantBackend)
		}
		if got := strings.Join(project.Commands, " && "); got != c.wantProject {
			t.Errorf("%s: project step %q, want %q", c.name, got, c.wantProject)
		}
	}
}

func TestEditableProject(t *testing.T) {
	for _, c := range []struct {
		name string
		a    Answers
		want bool
	}{
		{"pyproject project", Answers{ManifestFiles: []string{"pyproject.toml"}, Python: &PythonAnswers{InstallProject: true}}, true},
		{"setup.py may build C extensions", Answers{ManifestFiles: []string{"pyproject.toml", "setup.py"}, Python: &PythonAnswers{InstallProject: true}}, false},
		{"workspace member", Answers{AppDir: "backend", ManifestFiles: []string{"pyproject.toml"}, Python: &PythonAnswers{InstallProject: true}}, false},
		{"nothing to install", Answers{ManifestFiles: []string{"requirements.txt"}, Python: &PythonAnswers{}}, false},
	} {
		if got := editableProject(&c.a); got != c.want {
			t.Errorf("%s: editableProject = %v, want %v", c.name, got, c.want)
		}
	}
	_, project := projectInstall(&PythonAnswers{BuildBackend: "hatchling.build", BuildRequires: []string{"hatchling"}}, nil, true, true, nil)
	if got, want := project.Commands[0], "PYTHONPATH=/opt/build-backend pip --python /venv/bin/python install --no-build-isolation --no-deps --no-compile -e ."; got != want {
		t.Errorf("editable install = %q, want %q", got, want)
	}
}
