package project

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/generate"
)

// nodeAnswers is a small valid Node project's answers.
func nodeAnswers() *generate.Answers {
	return &generate.Answers{
		Language: "node", LanguageVersion: "22", PackageManager: "npm", Flavour: "alpine",
		Port: 3000, BuildCommand: "npm run build", Start: []string{"node", "dist/server.js"},
		ManifestFiles: []string{"package-lock.json", "package.json"},
		Node:          &generate.NodeAnswers{HasBuildScript: true, OutputDirs: []string{"dist"}},
		Vars:          map[string]string{},
	}
}

func ptr[T any](v T) *T { return &v }

func TestInputsRejectUnsafeValues(t *testing.T) {
	cases := map[string]struct {
		in   Inputs
		flag string
	}{
		"start operator":   {Inputs{Start: "node a.js && node b.js"}, "--start"},
		"start subst":      {Inputs{Start: "node $(cat f)"}, "--start"},
		"start newline":    {Inputs{Start: "node a.js\nnode b.js"}, "--start"},
		"start assignment": {Inputs{Start: "PORT=1 node a.js"}, "--start"},
		"build newline":    {Inputs{Build: ptr("npm run build\nrm -rf /")}, "--build"},
		"build nul":        {Inputs{Build: ptr("a\x00b")}, "--build"},
		"build heredoc":    {Inputs{Build: ptr("cat <<EOF")}, "--build"},
		"port":             {Inputs{Port: 70000}, "--port"},
		"negative port":    {Inputs{Port: -1}, "--port"},
		"version":          {Inputs{LangVersion: "22; rm -rf /"}, "--lang-version"},
		"flavour":          {Inputs{Flavour: "scratch"}, "--flavour"},
	}
	for name, c := range cases {
		err := c.in.apply(nodeAnswers())
		var ie *generate.InputError
		if !errors.As(err, &ie) || ie.Flag != c.flag {
			t.Errorf("%s: got %v, want an InputError for %s", name, err, c.flag)
		}
	}
	a := nodeAnswers()
	if err := (Inputs{Build: ptr("tsc -b && vite build"), Start: `node "my app.js"`, Port: 8080, Flavour: "slim"}).apply(a); err != nil {
		t.Fatal(err)
	}
	if a.BuildCommand != "tsc -b && vite build" || !reflect.DeepEqual(a.Start, []string{"node", "my app.js"}) || a.Port != 8080 || a.Flavour != "slim" {
		t.Errorf("inputs not applied: %+v", a)
	}
}

func TestInputsCheckBeforeReading(t *testing.T) {
	for _, c := range []struct {
		in   Inputs
		want string
	}{
		{Inputs{Lang: "ruby"}, `--lang: "ruby" is not node, python or go`},
		{Inputs{Flavour: "tiny"}, `--flavour: "tiny" is not one of alpine, slim, scratch, distroless`},
		{Inputs{Port: 65536}, "--port: 65536 is not a TCP port (1-65535)"},
		{Inputs{Lang: "node", Main: "./cmd/api"}, "--main: applies to projects with main packages (Go), not Node.js"},
		{Inputs{Lang: "node", PM: "cargo"}, `--pm: "cargo" is not a node package manager`},
	} {
		err := c.in.Check()
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.in, err, c.want)
		}
	}
	if err := (Inputs{Lang: "go", Main: "./cmd/api", Port: 8080, Flavour: "scratch"}).Check(); err != nil {
		t.Errorf("valid inputs refused: %v", err)
	}
}

func TestNativeInputNarrowsFlavours(t *testing.T) {
	a := &generate.Answers{Language: "go", LanguageVersion: "1.24", PackageManager: "go", Flavour: "scratch", Start: []string{"/app"}, Vars: map[string]string{}}
	if err := (Inputs{Native: ptr(true)}).apply(a); err != nil {
		t.Fatal(err)
	}
	if a.Flavour != "distroless" {
		t.Errorf("cgo answers got flavour %q, want distroless (scratch cannot run a cgo binary; distroless base is recommended)", a.Flavour)
	}
	if err := (Inputs{Flavour: "scratch"}).apply(a); err == nil || !strings.Contains(err.Error(), "cgo binary") {
		t.Errorf("scratch with cgo: got %v", err)
	}
}

func TestArgsRoundTrip(t *testing.T) {
	in := Inputs{Lang: "go", Main: "./cmd/api", LangVersion: "1.25", Native: ptr(false), Port: 9000, Build: ptr(""), Start: "/app serve", Flavour: "distroless", Sets: map[string]string{"team": "a", "env": "b"}}
	want := []string{"--lang", "go", "--lang-version", "1.25", "--main", "./cmd/api", "--no-native", "--flavour", "distroless", "--port", "9000", "--build", "", "--start", "/app serve", "--set", "env=b", "--set", "team=a"}
	if got := in.Args(); !reflect.DeepEqual(got, want) {
		t.Errorf("Args() = %q\nwant     %q", got, want)
	}
}
