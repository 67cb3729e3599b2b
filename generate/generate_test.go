package generate

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/templates"
)

// testNodeAnswers is a small valid Node project's answers.
func testNodeAnswers() *Answers {
	return &Answers{
		Language: "node", LanguageVersion: "22", PackageManager: "npm", Flavour: "alpine",
		Port: 3000, BuildCommand: "npm run build", Start: []string{"node", "dist/server.js"},
		ManifestFiles: []string{"package-lock.json", "package.json"},
		Node:          &NodeAnswers{HasBuildScript: true, OutputDirs: []string{"dist"}},
		Vars:          map[string]string{},
	}
}

// Hostile .dockslim.yaml answers never reach a template.
func TestCheckRejectsHostileAnswers(t *testing.T) {
	mutate := map[string]func(a *Answers){
		"manifest escapes":     func(a *Answers) { a.ManifestFiles = []string{"../../etc/passwd"} },
		"manifest absolute":    func(a *Answers) { a.ManifestFiles = []string{"/etc/passwd"} },
		"manifest space":       func(a *Answers) { a.ManifestFiles = []string{"a b"} },
		"native dep injection": func(a *Answers) { a.Native, a.NativeDeps = true, []string{"bcrypt; rm -rf /"} },
		"start newline":        func(a *Answers) { a.Start = []string{"node", "x\nRUN evil"} },
		"build newline":        func(a *Answers) { a.BuildCommand = "a\nRUN evil" },
		"test heredoc":         func(a *Answers) { a.TestCommand = "cat <<EOF" },
		"label dollar":         func(a *Answers) { a.ProjectName = "$HOME" },
		"label url":            func(a *Answers) { a.SourceURL = "https://x/\"y" },
		"language":             func(a *Answers) { a.Language = "rust" },
		"version":              func(a *Answers) { a.LanguageVersion = "latest" },
		"pm version":           func(a *Answers) { a.PackageManagerVersion = "9 && curl x" },
		"output dir":           func(a *Answers) { a.Node.OutputDirs = []string{"../dist"} },
		"var name":             func(a *Answers) { a.Vars = map[string]string{"a-b": "x"} },
		"data dir relative":    func(a *Answers) { a.DataDirs = []string{"data"} },
		"data dir system":      func(a *Answers) { a.DataDirs = []string{"/etc"} },
		"data dir app":         func(a *Answers) { a.DataDirs = []string{"/app"} },
		"data dir root":        func(a *Answers) { a.DataDirs = []string{"/"} },
		"data dir usr":         func(a *Answers) { a.DataDirs = []string{"/usr/local/bin"} },
		"data dir unclean":     func(a *Answers) { a.DataDirs = []string{"/srv/../etc"} },
		"data dir newline":     func(a *Answers) { a.DataDirs = []string{"/data\nRUN evil"} },
	}
	for name, m := range mutate {
		a := testNodeAnswers()
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
	_, err := Render(context.Background(), testNodeAnswers(), os.DirFS(dir))
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("missing key rendered: %v", err)
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

// Every language of detect's registry has a view, samples that render
// with the embedded templates, and a template folder.
func TestEveryLanguageRenders(t *testing.T) {
	for _, l := range detect.Languages() {
		if _, ok := views[l.Name]; !ok {
			t.Errorf("%s has no entry in views (generate/languages.go)", l.Name)
			continue
		}
		for _, name := range TemplateFiles(l.Name) {
			if _, err := fs.Stat(templates.FS, name); err != nil {
				t.Errorf("%s: no %s in templates/", l.Name, name)
			}
		}
	}
	for _, s := range Samples() {
		if _, err := Render(context.Background(), s.Answers, templates.FS); err != nil {
			t.Errorf("sample %s: %v", s.Name, err)
		}
	}
}

func TestStartPaths(t *testing.T) {
	for argv, want := range map[string][]string{
		"node server/server.js":                 {"server"},
		"node dist/main.js":                     {"dist"},
		"node server.js":                        {"server.js"},
		"node --enable-source-maps ./api/index": {"api"},
		"node node_modules/next/dist/bin/next":  nil,
		"node ../outside.js":                    nil,
		"node -e console.log(1)":                nil,
		"nginx -g daemon off;":                  nil,
	} {
		if got := startPaths(strings.Fields(argv)); !slices.Equal(got, want) {
			t.Errorf("startPaths(%q) = %q, want %q", argv, got, want)
		}
	}
}

func TestCheckRejectsHostileFrontend(t *testing.T) {
	good := func() *Answers {
		a := goSamples()[0].Answers
		a.Go.EmbedPaths = []string{"web/dist"}
		a.Go.Frontend = &GoFrontend{Dir: "web", Outputs: []string{"web/dist"}, NodeVersion: "22", PackageManager: "pnpm",
			ManifestFiles: []string{"web/package.json", "web/pnpm-lock.yaml"}, Build: "pnpm run build"}
		return a
	}
	if _, err := Render(context.Background(), good(), templates.FS); err != nil {
		t.Fatalf("a valid frontend does not render: %v", err)
	}
	mutate := map[string]func(f *GoFrontend){
		"pm":              func(f *GoFrontend) { f.PackageManager = "pip" },
		"node version":    func(f *GoFrontend) { f.NodeVersion = "22; curl x" },
		"build newline":   func(f *GoFrontend) { f.Build = "pnpm build\nRUN evil" },
		"build empty":     func(f *GoFrontend) { f.Build = " " },
		"no outputs":      func(f *GoFrontend) { f.Outputs = nil },
		"output outside":  func(f *GoFrontend) { f.Outputs = []string{"other/dist"} },
		"output escapes":  func(f *GoFrontend) { f.Outputs = []string{"web/../../etc"} },
		"manifest escape": func(f *GoFrontend) { f.ManifestFiles = []string{"web/../../x"} },
		"dir absolute":    func(f *GoFrontend) { f.Dir = "/web" },
		"install env":     func(f *GoFrontend) { f.InstallEnv = []string{"A B"} },
	}
	for name, m := range mutate {
		a := good()
		m(a.Go.Frontend)
		if _, err := Render(context.Background(), a, templates.FS); err == nil {
			t.Errorf("%s: rendered anyway", name)
		}
	}
}
