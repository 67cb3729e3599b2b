package golang

import (
	"errors"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

func TestGoParseModErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		line     int
		contains string
	}{
		{"bad version", "module m\n\ngo 1.22\n\nrequire x.org/y latest\n", 5, `version "latest" invalid`},
		{"bad go line", "module m\ngo one\n", 2, "invalid go version"},
		{"unterminated block", "module m\nrequire (\n\tx.org/y v1.0.0\n", 4, ""},
		{"binary", "module m\n\x00\x01\x02", 2, "not a text file"},
		{"invalid utf-8", "module m\n// \xff\xfe\n", 2, "not a text file"},
		{"bad toolchain", "module m\ngo 1.22\ntoolchain 1.22.3\n", 3, "invalid toolchain"},
		{"unquoted junk", "module m\n\"unterminated\n", 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := parseMod("go.mod", []byte(tt.data))
			var fe *repo.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, want a *repo.FileError", err)
			}
			if fe.Path != "go.mod" || fe.Line != tt.line {
				t.Errorf("got %s:%d, want go.mod:%d (%v)", fe.Path, fe.Line, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not contain %q", err, tt.contains)
			}
			if strings.HasPrefix(err.Error(), "go.mod:") && strings.Contains(err.Error()[len("go.mod:"):], ": go.mod:") {
				t.Errorf("position repeated: %q", err)
			}
		})
	}
}

func TestGoParseModNoModule(t *testing.T) {
	_, _, err := parseMod("go.mod", []byte("go 1.22\n"))
	var fe *repo.FileError
	if !errors.As(err, &fe) || !errors.Is(err, errNoModule) {
		t.Fatalf("got %v, want a *repo.FileError wrapping errNoModule", err)
	}
}

func TestGoParseModUnknownDirective(t *testing.T) {
	mf, warns, err := parseMod("go.mod", []byte("module m\ngo 1.22\nfrob x\n"))
	if err != nil || mf.Module.Mod.Path != "m" {
		t.Fatalf("got %v", err)
	}
	if len(warns) != 1 || !strings.HasPrefix(warns[0], "go.mod:3: ignored unknown directive") {
		t.Errorf("warnings = %q", warns)
	}
}

func TestGoVersion(t *testing.T) {
	tests := []struct {
		mod, want, from string
		warn            bool
	}{
		{"module m\ngo 1.22\n", "1.22", "go.mod#go", false},
		{"module m\ngo 1.22.3\n", "1.22.3", "go.mod#go", false},
		{"module m\ngo 1.22\ntoolchain go1.22.3\n", "1.22.3", "go.mod#toolchain", false},
		{"module m\ngo 1.23rc1\n", "1.23rc1", "go.mod#go", false},
		{"module m\ngo 1.22\ntoolchain go1.23rc2\n", "1.23rc2", "go.mod#toolchain", false},
		{"module m\ngo 1.22\ntoolchain go1.22.4-bigcorp\n", "1.22.4", "go.mod#toolchain", false},
		{"module m\ngo 1.22\ntoolchain go1.22.4+auto\n", "1.22.4", "go.mod#toolchain", false},
		{"module m\ngo 1.22\ntoolchain default\n", "1.22", "go.mod#go", false},
		{"module m\ngo 1.23.1\ntoolchain go1.22.0\n", "1.23.1", "go.mod#go", true},
		{"module m\ntoolchain go1.21.5\n", "1.21.5", "go.mod#toolchain", false},
		{"module m\n", "", "", false},
	}
	for _, tt := range tests {
		mf, _, err := parseMod("go.mod", []byte(tt.mod))
		if err != nil {
			t.Fatalf("%q: %v", tt.mod, err)
		}
		v, from, warns := moduleVersion("go.mod", mf.Go, mf.Toolchain)
		if v != tt.want || from != tt.from || (len(warns) > 0) != tt.warn {
			t.Errorf("%q: got %q from %q (warnings %q), want %q from %q", tt.mod, v, from, warns, tt.want, tt.from)
		}
	}
}

func TestGoMinor(t *testing.T) {
	for v, want := range map[string]int{"1.22": 22, "1.22.3": 22, "1.23rc1": 23, "1.26": 26, "2.0": 0, "junk": 0, "": 0} {
		if got := minorOf(v); got != want {
			t.Errorf("minorOf(%q) = %d, want %d", v, got, want)
		}
	}
}

func TestGoProjectName(t *testing.T) {
	for mod, want := range map[string]string{
		"github.com/acme/api":    "api",
		"github.com/acme/api/v2": "api",
		"gopkg.in/yaml.v3":       "yaml",
		"example":                "example",
		"example.com/a/b/c":      "c",
		"github.com/acme/v2":     "acme",
	} {
		if got := projectName(mod); got != want {
			t.Errorf("projectName(%q) = %q, want %q", mod, got, want)
		}
	}
}

func TestGoLocalModuleDir(t *testing.T) {
	for in, want := range map[string]string{"./lib": "lib", "lib/": "lib", ".": ".", "./a/../b": "b", "../x": "", "/abs": "", `C:\x`: "", "..": ""} {
		got, ok := localModuleDir(in)
		if got != want || ok != (want != "") {
			t.Errorf("localModuleDir(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// FuzzGoParseMod: never panics; a failure is always a *repo.FileError, with a
// position unless the only problem is a missing module line.
func FuzzGoParseMod(f *testing.F) {
	for _, s := range []string{
		"module example.com/hello\n\ngo 1.22\n",
		"module github.com/acme/api/v2\n\ngo 1.22\n\ntoolchain go1.22.3\n\nrequire github.com/google/uuid v1.6.0\n",
		"module m\nrequire (\n\tgithub.com/mattn/go-sqlite3 v1.14.24 // indirect\n)\nreplace example.com/x => ./x\n",
		"module m\ngo 1.22\n\nrequire github.com/google/uuid latest\n",
		"module m\n\x00\x01",
		"go 1.22\n",
		"module m\nfrob x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		mf, _, err := parseMod("go.mod", data)
		if err == nil {
			if mf == nil || mf.Module == nil || mf.Module.Mod.Path == "" {
				t.Fatal("no error but no module")
			}
			moduleVersion("go.mod", mf.Go, mf.Toolchain)
			projectName(mf.Module.Mod.Path)
			return
		}
		var fe *repo.FileError
		if !errors.As(err, &fe) {
			t.Fatalf("not a *repo.FileError: %v", err)
		}
		if fe.Line <= 0 && fe.Offset <= 0 && !errors.Is(err, errNoModule) {
			t.Fatalf("no position: %v", err)
		}
	})
}
