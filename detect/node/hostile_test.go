package node

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// TestNodeHugePackageJSON: a 1 GB (sparse) package.json is a *repo.FileError
// wrapping repo.ErrTooLarge, found without reading the gigabyte.
func TestNodeHugePackageJSON(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "package.json")
	if err := os.WriteFile(p, []byte(`{"name": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, 1<<30); err != nil {
		t.Fatal("cannot make a sparse file:", err)
	}
	_, err := detectDir(t, dir)
	var fe *repo.FileError
	if !errors.As(err, &fe) || !errors.Is(err, repo.ErrTooLarge) || fe.Path != "package.json" {
		t.Fatalf("got %v, want a *repo.FileError for package.json wrapping repo.ErrTooLarge", err)
	}
}

// TestNodeHugeLockfile: a lockfile over its limit is skipped with a
// warning, not an error.
func TestNodeHugeLockfile(t *testing.T) {
	dir := nodeFixture(t, map[string]string{"package.json": `{"name": "x", "main": "index.js"}`, "index.js": "", "package-lock.json": `{}`})
	if err := os.Truncate(filepath.Join(dir, "package-lock.json"), repo.MaxLockfile+1); err != nil {
		t.Fatal(err)
	}
	f, err := detectDir(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(f, "package-lock.json is over") {
		t.Errorf("warnings %q lack the lockfile size warning", f.Warnings)
	}
}

// TestNodeSymlinks: package.json (or a file detection reads) pointing
// out of the project, or a symlink loop, is a *repo.FileError.
func TestNodeSymlinks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.json")
	if err := os.WriteFile(outside, []byte(`{"name": "secret"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(dir string) error{
		"package.json outside": func(dir string) error { return os.Symlink(outside, filepath.Join(dir, "package.json")) },
		"loop": func(dir string) error {
			if err := os.Symlink("a", filepath.Join(dir, "package.json")); err != nil {
				return err
			}
			return os.Symlink("package.json", filepath.Join(dir, "a"))
		},
		"nvmrc outside": func(dir string) error {
			if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{}`), 0o644); err != nil {
				return err
			}
			return os.Symlink(outside, filepath.Join(dir, ".nvmrc"))
		},
		"lockfile outside": func(dir string) error {
			if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{}`), 0o644); err != nil {
				return err
			}
			return os.Symlink(outside, filepath.Join(dir, "package-lock.json"))
		},
		"tsconfig loop": func(dir string) error {
			if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"scripts": {"build": "tsc"}}`), 0o644); err != nil {
				return err
			}
			return os.Symlink("tsconfig.json", filepath.Join(dir, "tsconfig.json"))
		},
	}
	for name, setup := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if err := setup(dir); err != nil {
				t.Fatal("cannot make a symlink:", err)
			}
			_, err := detectDir(t, dir)
			var fe *repo.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, want a *repo.FileError", err)
			}
			if strings.Contains(err.Error(), dir) {
				t.Errorf("error %q shows the absolute path", err)
			}
		})
	}
}

// TestNodeSourceSymlinkOutsideIgnored: the port scan skips a source file
// that links out of the project instead of failing or reading it.
func TestNodeSourceSymlinkOutsideIgnored(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "leak.js")
	if err := os.WriteFile(outside, []byte("app.listen(4444)"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := nodeFixture(t, map[string]string{"package.json": `{"main": "server.js"}`})
	if err := os.Symlink(outside, filepath.Join(dir, "server.js")); err != nil {
		t.Fatal(err)
	}
	f, err := detectDir(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if f.Port != defaultPort {
		t.Errorf("port %d read through a symlink out of the project", f.Port)
	}
}

// TestNodeBinaryJunk: random bytes as package.json are a positioned
// *repo.FileError.
func TestNodeBinaryJunk(t *testing.T) {
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i*7919 + i>>3)
	}
	dir := nodeFixture(t, map[string]string{"package.json": string(junk)})
	_, err := detectDir(t, dir)
	var fe *repo.FileError
	if !errors.As(err, &fe) || fe.Line == 0 {
		t.Fatalf("got %v, want a *repo.FileError with a line", err)
	}
}

// TestNodeHostileScripts: unsafe start scripts never reach Start; each
// gives a warning naming package.json#scripts.start.
func TestNodeHostileScripts(t *testing.T) {
	for _, script := range []string{
		"node a.js\nrm -rf /", "node $(curl evil)", "node a.js && node b.js", "node `id`", "node a.js | tee x",
		"node a.js > /dev/null", "node a.js; reboot", "node a.js &", "node a.js\rnode b.js", "node \"$HOME/a.js\"",
	} {
		pkg, _ := jsonString(map[string]any{"scripts": map[string]string{"start": script}})
		dir := nodeFixture(t, map[string]string{"package.json": pkg, "server.js": ""})
		f, err := detectDir(t, dir)
		if err != nil {
			t.Fatalf("%q: %v", script, err)
		}
		if strings.Join(f.Start, " ") != "node server.js" || f.Sources["start"] != "server.js" {
			t.Errorf("%q: start %q from %q, want the fallback server.js", script, f.Start, f.Sources["start"])
		}
		if !hasWarning(f, "package.json#scripts.start uses") {
			t.Errorf("%q: warnings %q", script, f.Warnings)
		}
	}
}

// hasWarning reports whether one of f's warnings contains s.
func hasWarning(f *core.Facts, s string) bool {
	for _, w := range f.Warnings {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}
