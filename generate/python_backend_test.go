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
		backend, project := projectInstall(&c.pa, cache, c.noDeps, nil)
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
