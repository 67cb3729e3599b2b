package project

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/pack"
)

// copyExample copies examples/NAME into a fresh directory.
func copyExample(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "examples", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// initYes resolves, renders and writes as `dockslim init --yes --force`.
func initYes(t *testing.T, dir string, in Inputs) *Resolution {
	t.Helper()
	ctx := context.Background()
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Resolve(ctx, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := pack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(ctx, pk, "v0.0.0-test", res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := p.Plan(files)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Write(ctx, plan, func(string) Choice { return Overwrite }); err != nil {
		t.Fatal(err)
	}
	return res
}

// editRecord replaces old with new in dir's .dockslim.yaml.
func editRecord(t *testing.T, dir, old, new string) {
	t.Helper()
	path := filepath.Join(dir, RecordFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s has no %q:\n%s", RecordFile, old, data)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A flag that steers detection (--pm, --main) keeps every answer a
// person recorded: the port typed into .dockslim.yaml stays, even when
// the flag names the package manager already recorded.
func TestSteeringFlagKeepsRecordedAnswers(t *testing.T) {
	dir := copyExample(t, "node-express")
	initYes(t, dir, Inputs{})
	editRecord(t, dir, "  port: 3000\n", "  port: 9999\n")

	res := initYes(t, dir, Inputs{PM: "npm"})
	if res.Answers.Port != 9999 {
		t.Errorf("--pm npm (as recorded): port %d, want the recorded 9999", res.Answers.Port)
	}
	// Another package manager re-derives what follows from it — the
	// build command, the lockfiles to copy — and still keeps the port.
	res = initYes(t, dir, Inputs{PM: "pnpm"})
	a := res.Answers
	if a.Port != 9999 || a.PackageManager != "pnpm" || a.BuildCommand != "pnpm run build" {
		t.Errorf("--pm pnpm: port %d, pm %q, build %q; want 9999, pnpm, pnpm run build", a.Port, a.PackageManager, a.BuildCommand)
	}
	// The flags line of that run, on the project as it is now, gives the
	// same answers: the record says pnpm, and the port is still 9999.
	res = initYes(t, dir, Inputs{})
	if res.Answers.Port != 9999 || res.Answers.PackageManager != "pnpm" {
		t.Errorf("re-run: port %d, pm %q", res.Answers.Port, res.Answers.PackageManager)
	}
}

func TestMainFlagFollowsDetectionAndKeepsChoices(t *testing.T) {
	dir := copyExample(t, "go-api")
	initYes(t, dir, Inputs{Main: "./cmd/api", LangVersion: "1.25", Flavour: "distroless"})
	res := initYes(t, dir, Inputs{Main: "./cmd/migrate"})
	a := res.Answers
	if !strings.HasSuffix(a.BuildCommand, " ./cmd/migrate") {
		t.Errorf("build %q does not follow --main", a.BuildCommand)
	}
	if a.LanguageVersion != "1.25" || a.Flavour != "distroless" {
		t.Errorf("version %q, flavour %q; want the recorded 1.25 and distroless", a.LanguageVersion, a.Flavour)
	}
}

// Detection runs once per set of options, however often answers are
// resolved.
func TestDetectionIsMemoised(t *testing.T) {
	dir := copyExample(t, "node-express")
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if _, err := p.Resolve(context.Background(), Inputs{Port: 8080}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Resolve(context.Background(), Inputs{PM: "pnpm"}, nil); err != nil {
		t.Fatal(err)
	}
	if n := p.DetectionRuns(); n != 2 {
		t.Errorf("detection ran %d times for two sets of options", n)
	}
}
