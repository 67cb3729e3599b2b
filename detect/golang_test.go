package detect

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// goRepo writes files (slash paths → contents) into a new temp dir.
func goRepo(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// goMultiMain is a module with two main packages.
var goMultiMain = map[string]string{
	"go.mod":             "module example.com/m\n\ngo 1.22\n",
	"cmd/api/main.go":    "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":7001\", nil) }\n",
	"cmd/worker/main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":7002\", nil) }\n",
}

func TestGoMainOption(t *testing.T) {
	dir := goRepo(t, goMultiMain)
	for _, in := range []string{"./cmd/worker", "cmd/worker", "cmd/worker/", "cmd/worker/main.go", "example.com/m/cmd/worker"} {
		f, err := Detect(context.Background(), dir, Options{Main: in})
		if err != nil {
			t.Fatalf("--main %s: %v", in, err)
		}
		if f.Main != "./cmd/worker" || f.Sources["main"] != "--main" || f.Port != 7002 ||
			f.BuildCommand != `go build -trimpath -ldflags="-s -w" -o /out/app ./cmd/worker` || !slices.Equal(f.Start, []string{"/app"}) {
			t.Errorf("--main %s: main %q (%q), port %d, build %q, start %v", in, f.Main, f.Sources["main"], f.Port, f.BuildCommand, f.Start)
		}
		for _, w := range f.Warnings {
			if strings.Contains(w, "--main") {
				t.Errorf("--main %s: still warns %q", in, w)
			}
		}
	}
}

func TestGoMainOptionNotAMain(t *testing.T) {
	dir := goRepo(t, goMultiMain)
	_, err := Detect(context.Background(), dir, Options{Main: "./cmd/nope"})
	var ce *ChoiceError
	if !errors.As(err, &ce) {
		t.Fatalf("got %v, want a *ChoiceError", err)
	}
	if ce.Flag != "--main" || ce.Value != "./cmd/nope" || !slices.Equal(ce.Candidates, []string{"./cmd/api", "./cmd/worker"}) {
		t.Errorf("got %+v", ce)
	}
}

func TestGoBadGoMod(t *testing.T) {
	t.Run("binary junk", func(t *testing.T) {
		dir := goRepo(t, map[string]string{"go.mod": "\x7fELF\x02\x01\x01\x00\x00\x00module"})
		_, err := Detect(context.Background(), dir, Options{})
		var fe *repo.FileError
		if !errors.As(err, &fe) || fe.Path != "go.mod" || fe.Line != 1 {
			t.Fatalf("got %v, want a go.mod:1 *repo.FileError", err)
		}
	})
	t.Run("huge", func(t *testing.T) {
		dir := goRepo(t, map[string]string{"go.mod": "module m\n" + strings.Repeat("// padding\n", repo.MaxManifest/10)})
		_, err := Detect(context.Background(), dir, Options{})
		var fe *repo.FileError
		if !errors.As(err, &fe) || !errors.Is(err, repo.ErrTooLarge) {
			t.Fatalf("got %v, want a too-large *repo.FileError", err)
		}
	})
	t.Run("malformed go.work", func(t *testing.T) {
		dir := goRepo(t, map[string]string{"go.mod": "module m\n", "go.work": "go 1.22\nuse (\n"})
		_, err := Detect(context.Background(), dir, Options{})
		var fe *repo.FileError
		if !errors.As(err, &fe) || fe.Path != "go.work" || fe.Line == 0 {
			t.Fatalf("got %v, want a positioned go.work *repo.FileError", err)
		}
	})
	t.Run("symlink out of the project", func(t *testing.T) {
		outside := goRepo(t, map[string]string{"go.mod": "module outside\n"})
		dir := t.TempDir()
		if err := os.Symlink(filepath.Join(outside, "go.mod"), filepath.Join(dir, "go.mod")); err != nil {
			t.Fatal(err)
		}
		_, err := Detect(context.Background(), dir, Options{})
		if !errors.Is(err, repo.ErrOutside) {
			t.Fatalf("got %v, want repo.ErrOutside", err)
		}
	})
}

func TestGoJunkSources(t *testing.T) {
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i*7 + i/13)
	}
	dir := goRepo(t, map[string]string{
		"go.mod":          "module example.com/j\n\ngo 1.22\n",
		"main.go":         "package main\n\nfunc main() {}\n",
		"junk.go":         string(junk),
		"cmd/big/main.go": "",
	})
	// A 1 GB sparse file: only its first bytes may be read.
	if err := os.Truncate(filepath.Join(dir, "cmd", "big", "main.go"), 1<<30); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f, err := Detect(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
		t.Errorf("Detect allocated %d MiB: the 1 GB file was read past its head", n>>20)
	}
	if !slices.Equal(f.Mains, []string{"."}) {
		t.Errorf("mains = %v", f.Mains)
	}
	joined := strings.Join(f.Warnings, "\n")
	if !strings.Contains(joined, "junk.go") || !strings.Contains(joined, "cmd/big/main.go") {
		t.Errorf("warnings do not name the skipped files: %q", f.Warnings)
	}
}

func TestGoSymlinks(t *testing.T) {
	outside := goRepo(t, map[string]string{"evil.go": "package main\n\nfunc main() {}\n"})
	dir := goRepo(t, map[string]string{
		"go.mod":     "module example.com/s\n\ngo 1.22\n",
		"lib/lib.go": "package lib\n",
	})
	links := map[string]string{
		"cmd/evil/main.go": filepath.Join(outside, "evil.go"), // a file outside the project
		"lib/loop":         "..",                              // a folder loop
		"lib/self":         ".",
		"cmd/self.go":      "self.go", // a link to itself
	}
	for rel, target := range links {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	f, err := Detect(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Mains) != 0 {
		t.Errorf("mains = %v: a file outside the project was read", f.Mains)
	}
	joined := strings.Join(f.Warnings, "\n")
	if !strings.Contains(joined, "cmd/evil/main.go") || !strings.Contains(joined, repo.ErrOutside.Error()) {
		t.Errorf("no warning about the outside link: %q", f.Warnings)
	}
}

func TestGoSkipWarningsCapped(t *testing.T) {
	files := map[string]string{"go.mod": "module m\n", "main.go": "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8000\", nil) }\n"}
	for i := range 20 {
		files[fmt.Sprintf("bad%02d.go", i)] = "not go"
	}
	f, err := Detect(context.Background(), goRepo(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	// golang names 5 skipped files (maxSkipWarnings), then "N more".
	if n := len(f.Warnings); n != 5+1 || !strings.Contains(f.Warnings[n-1], "15 more") {
		t.Errorf("warnings = %q", f.Warnings)
	}
}

func TestGoManyMainsWarning(t *testing.T) {
	files := map[string]string{"go.mod": "module example.com/many\n"}
	for i := range 8 {
		files[fmt.Sprintf("cmd/t%d/main.go", i)] = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\":8000\", nil) }\n"
	}
	f, err := Detect(context.Background(), goRepo(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "go.mod: module example.com/many has 8 main packages (./cmd/t0, ./cmd/t1, ./cmd/t2, ./cmd/t3, ./cmd/t4, ./cmd/t5 and 2 more); pass --main to choose one"
	if len(f.Mains) != 8 || !slices.Equal(f.Warnings, []string{want}) {
		t.Errorf("mains %v, warnings %q", f.Mains, f.Warnings)
	}
}

// goBigRepo builds a module with n source files in n/10 packages, one of
// them a main package, plus tests.
func goBigRepo(t testing.TB, n int) string {
	files := map[string]string{"go.mod": "module example.com/big\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n", "go.sum": ""}
	body := strings.Repeat("// Some filler code and comments to give the file a realistic size.\nfunc f() int { return 1 }\n", 60)
	for i := range n {
		pkg := fmt.Sprintf("p%03d", i/10)
		files[fmt.Sprintf("internal/%s/f%d.go", pkg, i)] = "// Copyright.\n\npackage " + pkg + "\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nvar _ = fmt.Sprint\nvar _ = os.Getenv\n" + body
		if i%10 == 0 {
			files[fmt.Sprintf("internal/%s/f%d_test.go", pkg, i)] = "package " + pkg + "\n"
		}
	}
	files["cmd/app/main.go"] = "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(port(), nil) }\n"
	return goRepo(t, files)
}

// TestGoLargeRepo checks detection on a 2,000-file module finds the one
// main package and, for a server whose port is not a literal, the
// default port. Speed is measured by
// BenchmarkDetectGo2000 (`just bench`), never asserted in a unit test.
func TestGoLargeRepo(t *testing.T) {
	dir := goBigRepo(t, 2000)
	f, err := Detect(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Main != "./cmd/app" || f.Port != 8080 {
		t.Errorf("main %q port %d", f.Main, f.Port)
	}
}

func BenchmarkDetectGo2000(b *testing.B) {
	dir := goBigRepo(b, 2000)
	for b.Loop() {
		if _, err := Detect(context.Background(), dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGoCancelled(t *testing.T) {
	dir := goBigRepo(t, 300)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Detect(ctx, dir, Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
