package detect

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockslim/dockslim/internal/versions"
)

// nodeFixture writes files (slash paths → contents) into a temp dir and
// returns it.
func nodeFixture(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// newNodeProject opens dir and parses pkg (a package.json body) into a
// nodeProject ready for one detection step, with the package manager pm.
func newNodeProject(t testing.TB, dir, pkg, pm string) *nodeProject {
	t.Helper()
	r, err := openRepo(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := parsePackageJSON("package.json", []byte(pkg))
	if err != nil {
		t.Fatal(err)
	}
	return &nodeProject{ctx: context.Background(), r: r, tab: versions.MustLoad(), f: newFacts(Node), pkg: p, pm: pm}
}

// detectDir runs Detect on dir.
func detectDir(t testing.TB, dir string) (*Facts, error) {
	t.Helper()
	return Detect(context.Background(), dir, Options{})
}

// jsonString marshals v for a fixture file.
func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
