package generate

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestStartsTestFile(t *testing.T) {
	for argv, want := range map[string]bool{
		"node server.js":                  false,
		"node test/server.js":             true,
		"node ./tests/run.mjs":            true,
		"node src/app.spec.ts":            true,
		"node server.js test":             false, // an argument, not a path
		"node --test":                     false,
		"node dist/testing/server.js":     false,
		"node contest.js":                 false,
		"node src/__tests__/fixtures.cjs": true,
	} {
		if got := nodeTests.startsTestFile(strings.Fields(argv)); got != want {
			t.Errorf("startsTestFile(%q) = %v, want %v", argv, got, want)
		}
	}
}

// TestTestFilesDeleteOnlyTests runs each source stage's find command on
// a made-up tree with the host's find(1), the same POSIX find the Debian
// images have.
func TestTestFilesDeleteOnlyTests(t *testing.T) {
	if _, err := exec.LookPath("find"); err != nil {
		t.Skip("no find(1) here")
	}
	for _, c := range []struct {
		name, cmd   string
		files, want []string
	}{
		{"node", nodeTestFiles, []string{
			"server.js", "app.js", "app.test.js", "lib/db.mjs", "lib/db.spec.mjs",
			"test/helper.js", "src/__tests__/a.js", "src/__mocks__/fs.js", "src/view.test.tsx",
			"openapi.spec.yaml", "contest.js", "testing/util.js", "public/test.html",
		}, []string{"app.js", "contest.js", "lib/db.mjs", "openapi.spec.yaml", "public/test.html", "server.js", "testing/util.js"}},
	} {
		dir := t.TempDir()
		for _, f := range c.files {
			p := filepath.Join(dir, filepath.FromSlash(f))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command("sh", "-c", c.cmd)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %s: %v\n%s", c.name, c.cmd, err, out)
		}
		var left []string
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				left = append(left, filepath.ToSlash(rel))
			}
			return nil
		})
		slices.Sort(left)
		if !slices.Equal(left, c.want) {
			t.Errorf("%s: left %q, want %q", c.name, left, c.want)
		}
	}
}
