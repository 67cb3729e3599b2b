package cmd

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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

// runInit runs `dockslim init args…` in-process with stdin and env.
func runInit(ctx context.Context, stdin io.Reader, env map[string]string, args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	f := &Factory{
		IO:      &IOStreams{In: stdin, Out: &out, ErrOut: &errOut},
		Getenv:  func(k string) string { return env[k] },
		Version: "v0.0.0-test",
	}
	code = Run(ctx, f, append([]string{"init"}, args...))
	return code, out.String(), errOut.String()
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The files a form run writes are the files the equivalent flags write:
// the form only fills in the options the flags fill in.
func TestFormRunWritesWhatFlagsWrite(t *testing.T) {
	accessible := map[string]string{"ACCESSIBLE": "1", "NO_COLOR": "1"}
	for _, tc := range []struct {
		name, example, answers string
		flags                  []string
	}{
		{
			name: "go: Enter through everything but the main package", example: "go-api",
			// version, main 2, cgo, start, build, port, flavour
			answers: "\n2\n\n\n\n\n\n",
			flags:   []string{"--main", "./cmd/migrate"},
		},
		{
			name: "go: another version, cgo, flavour and port", example: "go-api",
			answers: "1.25\n1\n2\n\n\n9000\n2\n", // flavours with cgo: slim, alpine, distroless
			flags:   []string{"--main", "./cmd/api", "--lang-version", "1.25", "--native", "--port", "9000", "--flavour", "alpine"},
		},
		{
			name: "node: package manager, start and build", example: "node-express",
			// version, pm 4 (pnpm), native, start, build, port, flavour 2
			answers: "24\n4\n\nnode --enable-source-maps dist/server.js\ntsc -p .\n\n2\n",
			flags:   []string{"--lang-version", "24", "--pm", "pnpm", "--start", "node --enable-source-maps dist/server.js", "--build", "tsc -p .", "--flavour", "slim"},
		},
		{
			name: "python: no native modules", example: "python-fastapi",
			// version, pm, native 2 (none), start, build, port, flavour 2
			answers: "\n\n2\n\n\n8080\n2\n",
			flags:   []string{"--no-native", "--port", "8080", "--flavour", "alpine"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			formDir, flagDir := copyExample(t, tc.example), copyExample(t, tc.example)
			code, stdout, stderr := runInit(t.Context(), strings.NewReader(tc.answers), accessible, formDir)
			if code != 0 {
				t.Fatalf("form run: exit %d\n%s\n%s", code, stdout, stderr)
			}
			args := append([]string{"--yes"}, tc.flags...)
			if code, _, stderr := runInit(t.Context(), strings.NewReader(""), nil, append(args, flagDir)...); code != 0 {
				t.Fatalf("flag run: exit %d\n%s", code, stderr)
			}
			got, want := tree(t, formDir), tree(t, flagDir)
			if len(got) != len(want) {
				t.Errorf("form run wrote %d files, flags %d", len(got), len(want))
			}
			for name, w := range want {
				if got[name] != w {
					t.Errorf("%s differs between the form run and %v:\n--- form\n%s\n--- flags\n%s", name, tc.flags, got[name], w)
				}
			}
			if t.Failed() {
				t.Logf("form stdout:\n%s\nstderr:\n%s", stdout, stderr)
			}
		})
	}
}

// watched is stdout as a test watches it: safe to read while the form
// writes, and it says when a text has appeared.
type watched struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
}

func (w *watched) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if w.want != "" && strings.Contains(w.buf.String(), w.want) {
		w.want = ""
		close(w.seen)
	}
	return len(p), nil
}

// Ctrl-C while the form waits for an answer: exit 130, nothing written.
func TestFormInterruptedWritesNothing(t *testing.T) {
	dir := copyExample(t, "go-api")
	ctx, cancel := context.WithCancel(t.Context())
	pr, pw := io.Pipe()
	defer pw.Close()
	// Two answers (version, main); at the third question the person
	// presses Ctrl-C.
	out := &watched{want: "cgo", seen: make(chan struct{})}
	var missed atomic.Bool
	go func() {
		io.WriteString(pw, "\n2\n")
		select {
		case <-out.seen:
		case <-time.After(10 * time.Second):
			missed.Store(true)
		}
		cancel()
	}()
	var errOut bytes.Buffer
	f := &Factory{IO: &IOStreams{In: pr, Out: out, ErrOut: &errOut}, Getenv: func(k string) string { return map[string]string{"ACCESSIBLE": "1"}[k] }, Version: "v0.0.0-test"}
	code := Run(ctx, f, []string{"init", dir})
	if missed.Load() {
		t.Fatal("the third question never appeared")
	}
	if code != ExitInterrupted {
		t.Fatalf("exit %d, want 130\n%s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "interrupted; nothing was written") {
		t.Errorf("stderr: %s", errOut.String())
	}
	for _, name := range []string{"Dockerfile", ".dockerignore", ".dockslim.yaml"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s written after an interrupt", name)
		}
	}
}

// A re-run pre-fills from .dockslim.yaml and says which detected facts
// changed since; the recorded answer stays unless changed in the form.
func TestFormRerunPrefillsFromRecord(t *testing.T) {
	dir := copyExample(t, "node-express")
	env := map[string]string{"ACCESSIBLE": "1"}
	if code, _, stderr := runInit(t.Context(), strings.NewReader(strings.Repeat("\n", 10)), env, dir); code != 0 {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	if err := os.WriteFile(filepath.Join(dir, ".nvmrc"), []byte("24\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runInit(t.Context(), strings.NewReader(strings.Repeat("\n", 10)), env, dir)
	if code != 0 {
		t.Fatalf("re-run: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, `detected version "24" (recorded "22") since .dockslim.yaml was written`) {
		t.Errorf("no word of the changed version:\n%s", stderr)
	}
	if !strings.Contains(stdout, "Node.js version [22 ← .dockslim.yaml (detected now: 24 ← .nvmrc); Enter keeps it]:") {
		t.Errorf("the version question does not show both:\n%s", stdout)
	}
	if !strings.Contains(stderr, "everything is up to date") {
		t.Errorf("Enter through everything changed something:\n%s", stderr)
	}
	// Answering 24 takes it; the Dockerfile then differs, and the last
	// answer overwrites it (Enter would keep it).
	code, _, stderr = runInit(t.Context(), strings.NewReader("24\n"+strings.Repeat("\n", 6)+"2\n"), env, dir)
	if code != 0 {
		t.Fatalf("re-run: exit %d\n%s", code, stderr)
	}
	df, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	rec, _ := os.ReadFile(filepath.Join(dir, ".dockslim.yaml"))
	if !strings.Contains(string(df), "ARG NODE_VERSION=24") || !strings.Contains(string(rec), `languageVersion: "24"`) {
		t.Errorf("the answer did not reach the files:\n%s\n%s\n%s", df, rec, stderr)
	}
}

// Choosing another main package re-runs detection, as --main does; the
// version recorded in .dockslim.yaml (a person's choice) and kept with
// Enter is still the one used — and the "same answers as flags" line,
// run on a copy with the same record, writes the same files.
func TestFormKeepsRecordedVersionWhenMainChanges(t *testing.T) {
	dir, twin := copyExample(t, "go-api"), copyExample(t, "go-api")
	for _, d := range []string{dir, twin} {
		if code, _, stderr := runInit(t.Context(), strings.NewReader(""), nil, "--yes", "--main", "./cmd/api", "--lang-version", "1.25", d); code != 0 {
			t.Fatalf("flag run: exit %d\n%s", code, stderr)
		}
	}
	// version (Enter), main 2, then Enter through; overwrite the Dockerfile.
	code, stdout, stderr := runInit(t.Context(), strings.NewReader("\n2\n\n\n\n\n\n2\n"), map[string]string{"ACCESSIBLE": "1"}, dir)
	if code != 0 {
		t.Fatalf("form run: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Go version [1.25 ← .dockslim.yaml (detected now: 1.26.8 ← go.mod#toolchain); Enter keeps it]:") {
		t.Errorf("version prompt:\n%s", stdout)
	}
	if !strings.Contains(stderr, "same answers as flags: dockslim init --yes --main ./cmd/migrate "+dir+"\n") {
		t.Errorf("flags line:\n%s", stderr)
	}
	df, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if !strings.Contains(string(df), "ARG GO_VERSION=1.25") || !strings.Contains(string(df), "./cmd/migrate") {
		t.Errorf("Dockerfile:\n%s", df)
	}
	if code, _, stderr := runInit(t.Context(), strings.NewReader(""), nil, "--yes", "--force", "--main", "./cmd/migrate", twin); code != 0 {
		t.Fatalf("flags line run: exit %d\n%s", code, stderr)
	}
	got, want := tree(t, dir), tree(t, twin)
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: the form run and its flags line differ:\n--- form\n%s\n--- flags\n%s", name, got[name], w)
		}
	}
}
