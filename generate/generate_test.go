package generate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/templates"
)

// nodeAnswers is a small valid Node project's answers.
func nodeAnswers() *Answers {
	return &Answers{
		Language: "node", LanguageVersion: "22", PackageManager: "npm", Flavour: "alpine",
		Port: 3000, BuildCommand: "npm run build", Start: []string{"node", "dist/server.js"},
		ManifestFiles: []string{"package-lock.json", "package.json"},
		Node:          &NodeAnswers{HasBuildScript: true, OutputDirs: []string{"dist"}},
		Vars:          map[string]string{},
	}
}

func TestApplyRejectsUnsafeValues(t *testing.T) {
	cases := map[string]struct {
		o    Overrides
		flag string
	}{
		"start operator":   {Overrides{Start: "node a.js && node b.js"}, "--start"},
		"start subst":      {Overrides{Start: "node $(cat f)"}, "--start"},
		"start newline":    {Overrides{Start: "node a.js\nnode b.js"}, "--start"},
		"start assignment": {Overrides{Start: "PORT=1 node a.js"}, "--start"},
		"build newline":    {Overrides{Build: "npm run build\nrm -rf /", BuildSet: true}, "--build"},
		"build nul":        {Overrides{Build: "a\x00b", BuildSet: true}, "--build"},
		"build heredoc":    {Overrides{Build: "cat <<EOF", BuildSet: true}, "--build"},
		"port":             {Overrides{Port: 70000}, "--port"},
		"version":          {Overrides{LanguageVersion: "22; rm -rf /"}, "--lang-version"},
		"flavour":          {Overrides{Flavour: "scratch"}, "--flavour"},
	}
	for name, c := range cases {
		a := nodeAnswers()
		err := Apply(a, c.o)
		var ie *InputError
		if !errors.As(err, &ie) || ie.Flag != c.flag {
			t.Errorf("%s: got %v, want an InputError for %s", name, err, c.flag)
		}
	}
	a := nodeAnswers()
	if err := Apply(a, Overrides{Build: "tsc -b && vite build", BuildSet: true, Start: `node "my app.js"`, Port: 8080, Flavour: "slim"}); err != nil {
		t.Fatal(err)
	}
	if a.BuildCommand != "tsc -b && vite build" || !reflect.DeepEqual(a.Start, []string{"node", "my app.js"}) || a.Port != 8080 || a.Flavour != "slim" {
		t.Errorf("overrides not applied: %+v", a)
	}
}

func TestNativeOverrideNarrowsFlavours(t *testing.T) {
	a := &Answers{Language: "go", LanguageVersion: "1.24", PackageManager: "go", Flavour: "scratch", Start: []string{"/app"}, Vars: map[string]string{}}
	if err := Apply(a, Overrides{Native: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if a.Flavour != "slim" {
		t.Errorf("cgo answers kept flavour %q; scratch cannot run a cgo binary", a.Flavour)
	}
	if err := Apply(a, Overrides{Flavour: "scratch"}); err == nil || !strings.Contains(err.Error(), "cgo binary") {
		t.Errorf("scratch with cgo: got %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// Hostile .dockslim.yaml answers never reach a template.
func TestCheckRejectsHostileAnswers(t *testing.T) {
	mutate := map[string]func(a *Answers){
		"manifest escapes":  func(a *Answers) { a.ManifestFiles = []string{"../../etc/passwd"} },
		"manifest absolute": func(a *Answers) { a.ManifestFiles = []string{"/etc/passwd"} },
		"manifest space":    func(a *Answers) { a.ManifestFiles = []string{"a b"} },
		"package injection": func(a *Answers) { a.RuntimePackages = []string{"curl; rm -rf /"} },
		"start newline":     func(a *Answers) { a.Start = []string{"node", "x\nRUN evil"} },
		"build newline":     func(a *Answers) { a.BuildCommand = "a\nRUN evil" },
		"test heredoc":      func(a *Answers) { a.TestCommand = "cat <<EOF" },
		"label dollar":      func(a *Answers) { a.ProjectName = "$HOME" },
		"label url":         func(a *Answers) { a.SourceURL = "https://x/\"y" },
		"language":          func(a *Answers) { a.Language = "rust" },
		"version":           func(a *Answers) { a.LanguageVersion = "latest" },
		"pm version":        func(a *Answers) { a.PackageManagerVersion = "9 && curl x" },
		"output dir":        func(a *Answers) { a.Node.OutputDirs = []string{"../dist"} },
		"var name":          func(a *Answers) { a.Vars = map[string]string{"a-b": "x"} },
	}
	for name, m := range mutate {
		a := nodeAnswers()
		m(a)
		if _, err := Render(context.Background(), a, templates.FS); err == nil {
			t.Errorf("%s: rendered anyway", name)
		}
	}
}

func TestFuncMapIsPure(t *testing.T) {
	fm := FuncMap()
	for _, impure := range []string{"randInt", "randAlpha", "shuffle", "genPrivateKey", "genCA", "genSelfSignedCert", "bcrypt", "htpasswd", "encryptAES", "ago", "now", "date", "env", "expandenv", "keys", "uuidv4"} {
		if _, ok := fm[impure]; ok {
			t.Errorf("function map offers impure %q", impure)
		}
	}
	for _, want := range []string{"json", "required", "default", "quote", "semverCompare", "join"} {
		if _, ok := fm[want]; !ok {
			t.Errorf("function map lacks %q", want)
		}
	}
}

func TestMissingKeyIsAnError(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "_partials"), 0o755))
	must(t, os.MkdirAll(filepath.Join(dir, "node"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "node", "Dockerfile.tmpl"), []byte("{{ .Vars.nope }}"), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "node", "dockerignore.tmpl"), []byte(""), 0o644))
	_, err := Render(context.Background(), nodeAnswers(), os.DirFS(dir))
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing key rendered: %v", err)
	}
}

func TestConfigRoundTripRendersSameBytes(t *testing.T) {
	ctx := context.Background()
	a := nodeAnswers()
	files, err := Render(ctx, a, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := NewConfig("0.4.0", a, nil, files).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ParseConfig(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Render(ctx, cfg.Answers, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for i := range files {
		if string(files[i].Data) != string(again[i].Data) {
			t.Errorf("%s differs after a .dockslim.yaml round trip", files[i].Name)
		}
		if cfg.Files[files[i].Name] != Digest(files[i].Data) {
			t.Errorf("digest of %s not recorded", files[i].Name)
		}
	}
	if _, err := ParseConfig(append(data, []byte("surprise: 1\n")...)); err == nil {
		t.Error("unknown key accepted")
	}
}

func TestWriteFileIsAtomicAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("old\n"), 0o600))
	plan, err := Plan(dir, []File{{Name: "Dockerfile", Data: []byte("new\n")}, {Name: ".dockerignore", Data: []byte("x\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if plan[0].Status != Differs || plan[0].Mode != 0o600 || plan[1].Status != New || plan[1].Mode != 0o644 {
		t.Fatalf("plan = %+v", plan)
	}
	for _, p := range plan {
		must(t, WriteFile(dir, p.Name, p.Data, p.Mode))
	}
	st, err := os.Stat(filepath.Join(dir, "Dockerfile"))
	must(t, err)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temp files left behind: %v", entries)
	}
	must(t, os.Symlink("Dockerfile", filepath.Join(dir, "link")))
	if _, err := Plan(dir, []File{{Name: "link", Data: nil}}); err == nil {
		t.Error("a symlinked target was planned for replacement")
	}
}

func TestUnifiedDiff(t *testing.T) {
	d := UnifiedDiff("Dockerfile", []byte("a\nb\n"), []byte("a\nc\n"), true)
	for _, want := range []string{"--- a/Dockerfile", "+++ b/Dockerfile", "-b\n", "+c\n"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if d := UnifiedDiff("x", nil, []byte("a\n"), false); !strings.Contains(d, "--- /dev/null") || strings.Contains(d, "-\n") {
		t.Errorf("new-file diff:\n%s", d)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
