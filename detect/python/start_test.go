package python

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/core"
)

func TestPythonProcfile(t *testing.T) {
	cases := []struct {
		web   string
		start string // "" when the Procfile must not be used
		port  int
		warn  string
	}{
		{"gunicorn app:app --bind 0.0.0.0:$PORT", "gunicorn app:app --bind 0.0.0.0:8000", 8000, ""},
		{"gunicorn app:app --bind=0.0.0.0:${PORT}", "gunicorn app:app --bind=0.0.0.0:8000", 8000, ""},
		{"gunicorn app:app -b 0.0.0.0:${PORT:-5000}", "gunicorn app:app -b 0.0.0.0:5000", 5000, ""},
		// uvicorn is not a dependency: the image installs it, and says so.
		{"uvicorn main:app --host 0.0.0.0 --port 7000", "uvicorn main:app --host 0.0.0.0 --port 7000", 7000, "installs uvicorn"},
		{"FOO=1 BAR=2 python manage.py runserver 0.0.0.0:9001", "python manage.py runserver 0.0.0.0:9001", 9001, "sets FOO"},
		{"python migrate.py && gunicorn app:app", "", 8000, `the shell operator "&&"`},
		{"gunicorn $(cat app.txt)", "", 8000, "command substitution"},
		{"gunicorn app:app --workers $WEB_CONCURRENCY", "", 8000, "variable expansion"},
		{"", "", 8000, "is empty"},
	}
	for _, c := range cases {
		f, err := detectFiles(t, map[string]string{
			"requirements.txt": "flask\ngunicorn\n",
			"app.py":           "from flask import Flask\napp = Flask(__name__)\n",
			"Procfile":         "release: ./migrate\nweb: " + c.web + "\n",
		}, core.Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(f.Start, " ")
		warns := strings.Join(f.Warnings, "\n")
		if c.start != "" && (got != c.start || f.Sources["start"] != "Procfile:2") {
			t.Errorf("web: %s: start %q (from %q), want %q", c.web, got, f.Sources["start"], c.start)
		}
		if c.start == "" && got != "gunicorn --bind 0.0.0.0:8000 app:app" {
			t.Errorf("web: %s: start %q, want the detected gunicorn command", c.web, got)
		}
		if f.Port != c.port || c.warn != "" && !strings.Contains(warns, c.warn) || c.warn == "" && warns != "" {
			t.Errorf("web: %s: port %d, warnings %q; want port %d and a warning with %q", c.web, f.Port, warns, c.port, c.warn)
		}
	}
}

func TestPySafeArgv(t *testing.T) {
	for _, argv := range [][]string{
		{"gunicorn", "--bind", "0.0.0.0:8000", "app:create_app()"},
		{"python", "-m", "pkg"},
		{"gunicorn", "--chdir", "my dir", "proj.wsgi"},
	} {
		if !safeArgv(argv) {
			t.Errorf("safeArgv(%q) = false", argv)
		}
	}
	for _, argv := range [][]string{{"a\nb"}, {"x\x00"}, {"ok", "line\rbreak"}} {
		if safeArgv(argv) {
			t.Errorf("safeArgv(%q) = true", argv)
		}
	}
}

func TestPythonScriptChoice(t *testing.T) {
	base := "[build-system]\nrequires = ['setuptools']\nbuild-backend = 'setuptools.build_meta'\n[project]\nname = 'My_Tool'\nversion = '1'\n[project.scripts]\n"
	cases := []struct{ scripts, want, warn string }{
		{"zeta = 'a:b'\nalpha = 'a:c'\n", "alpha", ""},
		{"zeta = 'a:b'\nmy-tool = 'a:c'\nalpha = 'a:d'\n", "my-tool", ""},
		{"'$(id)' = 'a:b'\nok = 'a:c'\n", "ok", "not a safe command name"},
	}
	for _, c := range cases {
		f, err := detectFiles(t, map[string]string{"pyproject.toml": base + c.scripts}, core.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(f.Start, []string{c.want}) || !strings.Contains(strings.Join(f.Warnings, "\n"), c.warn) {
			t.Errorf("scripts %q: start %q, warnings %q; want [%s]", c.scripts, f.Start, f.Warnings, c.want)
		}
	}
	// Without an install of the project (pip from requirements.txt), a
	// console script would not exist in the image.
	f, err := detectFiles(t, map[string]string{"pyproject.toml": base + "tool = 'a:b'\n", "requirements.txt": "click\n", "main.py": ""}, core.Options{})
	if err != nil || !slices.Equal(f.Start, []string{"python", "main.py"}) {
		t.Errorf("scripts without an installed project: start %q, %v", f.Start, err)
	}
}
