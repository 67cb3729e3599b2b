package node

import (
	"errors"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

func TestParsePackageJSONErrors(t *testing.T) {
	cases := []struct {
		in        string
		line, col int
		msg       string
	}{
		{"", 1, 1, "invalid JSON"},
		{"{", 1, 1, "invalid JSON"},
		{"{\n  \"a\": 1,\n}", 3, 1, "invalid JSON"},
		{"{\"a\": }", 1, 7, "invalid JSON"},
		{"[1, 2]", 1, 1, "not an array"},
		{"\"str\"", 1, 1, "not a string"},
		{"42", 1, 1, "not a number"},
		{"null", 1, 1, "not null"},
		{"{} trailing", 1, 4, "invalid JSON"},
		{"\x00\x01\x02", 1, 1, "invalid JSON"},
	}
	for _, c := range cases {
		_, _, err := parsePackageJSON("package.json", []byte(c.in))
		var fe *repo.FileError
		if !errors.As(err, &fe) {
			t.Errorf("%q: got %v, want a *repo.FileError", c.in, err)
			continue
		}
		if fe.Line != c.line || fe.Col != c.col || !strings.Contains(fe.Error(), c.msg) {
			t.Errorf("%q: got %d:%d %q, want %d:%d containing %q", c.in, fe.Line, fe.Col, fe.Error(), c.line, c.col, c.msg)
		}
	}
}

func TestParsePackageJSONLenient(t *testing.T) {
	p, warnings, err := parsePackageJSON("package.json", []byte("\xef\xbb\xbf"+`{
		"name": "svc", "main": null, "scripts": {"start": "node a.js", "x": 1, "build": null},
		"dependencies": {"next": "15"}, "devDependencies": [], "engines": {"node": 20},
		"workspaces": {"packages": ["a/*"]}, "volta": {"node": "20.1.0"}, "packageManager": "pnpm@9.0.0"
	}`))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "svc" || p.Main != "" || p.Scripts["start"] != "node a.js" || p.Deps["next"] != "15" ||
		len(p.DevDeps) != 0 || len(p.Engines) != 0 || p.Workspaces[0] != "a/*" || p.Volta["node"] != "20.1.0" {
		t.Errorf("parsed %+v", p)
	}
	want := []string{"package.json#scripts.x is not a string", "package.json#devDependencies is an array, not an object", "package.json#engines.node is not a string"}
	if len(warnings) != len(want) {
		t.Fatalf("warnings %q, want %d", warnings, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(warnings[i], w) {
			t.Errorf("warning %q, want %q…", warnings[i], w)
		}
	}
}

func TestValidProjectName(t *testing.T) {
	for name, want := range map[string]bool{"svc": true, "@acme/api": true, "": false, "a\nb": false, strings.Repeat("a", 215): false, "x\x00": false} {
		if got := validProjectName(name); got != want {
			t.Errorf("validProjectName(%q) = %v", name, got)
		}
	}
}
