package node

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
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

// newProject opens dir and parses pkg (a package.json body) into a
// project ready for one detection step, with the package manager pm.
func newProject(t testing.TB, dir, pkg, pm string) *project {
	t.Helper()
	r, err := repo.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	p, _, err := parsePackageJSON("package.json", []byte(pkg))
	if err != nil {
		t.Fatal(err)
	}
	d := &Details{}
	return &project{ctx: context.Background(), r: r, tab: versions.MustLoad(), f: core.NewFacts(Name, d), d: d, pkg: p, pm: pm}
}

// detectDir detects the Node project in dir, as detect does.
func detectDir(t testing.TB, dir string) (*core.Facts, error) {
	t.Helper()
	r, err := repo.Open(context.Background(), dir)
	if err != nil {
		return nil, err
	}
	return core.Run(context.Background(), Language(), r, core.Options{}, versions.MustLoad())
}

// jsonString marshals v for a fixture file.
func jsonString(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
