package pack

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/internal/gittest"
)

const minimalManifest = "name: hostile\nversion: 1.0.0\n"

// A hostile pack gets an error when it is loaded — before anything is
// rendered, and never a write outside the project.
func TestHostileDirectoryPacks(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.tmpl")
	must(t, os.WriteFile(outside, []byte("{{ define \"header\" }}# stolen{{ end }}"), 0o644))
	for name, c := range map[string]struct {
		files map[string]string
		setup func(dir string) error
		want  string
	}{
		"symlink out of the root": {
			setup: func(dir string) error { return os.Symlink(outside, filepath.Join(dir, "_partials", "x.tmpl")) },
			want:  "_partials/x.tmpl is a symlink",
		},
		"symlinked folder": {
			setup: func(dir string) error { return os.Symlink(filepath.Dir(outside), filepath.Join(dir, "node")) },
			want:  "node is a symlink",
		},
		"symlink anywhere": {
			setup: func(dir string) error { return os.Symlink("/etc/passwd", filepath.Join(dir, "README.md")) },
			want:  "README.md is a symlink",
		},
		"env": {
			files: map[string]string{"_partials/x.tmpl": `{{ define "header" }}# {{ env "HOME" }}{{ end }}`},
			want:  `function "env" not defined`,
		},
		"now": {
			files: map[string]string{"node/Dockerfile.tmpl": `# {{ now }}`},
			want:  `function "now" not defined`,
		},
		"randomness": {
			files: map[string]string{"_partials/x.tmpl": `{{ define "labels-extra" }}LABEL x={{ randAlphaNum 8 }}{{ end }}`},
			want:  `function "randAlphaNum" not defined`,
		},
		"a file too big": {
			files: map[string]string{"_partials/big.tmpl": strings.Repeat("#", MaxFileSize+1)},
			want:  "at most",
		},
		"too much in total": {
			files: func() map[string]string {
				m := map[string]string{}
				for i := 0; i < 10; i++ {
					m["_partials/f"+string(rune('a'+i))+".tmpl"] = strings.Repeat("#", MaxFileSize-10)
				}
				return m
			}(),
			want: "together",
		},
		"an output path": {
			files: map[string]string{ManifestFile: minimalManifest + "outputs:\n  Dockerfile: ../../etc/cron.d/x\n"},
			want:  `line 3: unknown key "outputs"`,
		},
		"no manifest": {
			files: map[string]string{ManifestFile: ""},
			want:  "name is missing",
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{ManifestFile: minimalManifest, "_partials/keep.tmpl": ""}
			for k, v := range c.files {
				files[k] = v
			}
			writeTree(t, dir, files)
			if c.setup != nil {
				must(t, c.setup(dir))
			}
			_, err := LoadDir(dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("LoadDir = %v, want an error containing %q", err, c.want)
			}
			t.Log(err)
		})
	}
}

// A template that does something the allowlist allows but rendering
// forbids (an unknown variable, endless include) fails cleanly.
func TestHostileTemplatesFailAtRender(t *testing.T) {
	for name, c := range map[string]struct{ tmpl, want string }{
		"undeclared variable": {`{{ define "labels-extra" }}LABEL x={{ .Vars.nope }}{{ end }}`, `map has no entry for key "nope"`},
		"include loop":        {`{{ define "labels-extra" }}{{ include "labels-extra" . }}{{ end }}`, "nested more than"},
		"root user":           {`{{ define "runtime-extra" }}USER root{{ end }}`, "numeric non-root USER"},
		"shell-form command":  {`{{ define "runtime-extra" }}CMD node server.js{{ end }}`, "exec-form"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, map[string]string{ManifestFile: minimalManifest, "_partials/x.tmpl": c.tmpl})
			p, err := LoadDir(dir)
			must(t, err)
			_, err = p.Render(context.Background(), nodeAnswers())
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Render = %v, want %q", err, c.want)
			}
			t.Log(err)
		})
	}
}

func TestHostileGitPacks(t *testing.T) {
	for name, c := range map[string]struct {
		entries map[string]string
		symlink bool
		want    string
	}{
		"path traversal": {entries: map[string]string{ManifestFile: minimalManifest, "../evil.tmpl": "x"}, want: `unsafe name "../evil.tmpl"`},
		"dot-dot":        {entries: map[string]string{ManifestFile: minimalManifest, "..": "x"}, want: `unsafe name ".."`},
		"a .git entry":   {entries: map[string]string{ManifestFile: minimalManifest, ".GIT": "x"}, want: `unsafe name ".GIT"`},
		"backslash":      {entries: map[string]string{ManifestFile: minimalManifest, `..\evil`: "x"}, want: "unsafe name"},
		"symlink":        {symlink: true, want: "is a symlink"},
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "pack")
			cache := filepath.Join(root, "cache")
			must(t, os.MkdirAll(dir, 0o755))
			must(t, gittest.Init(dir))
			if c.symlink {
				writeTree(t, dir, map[string]string{ManifestFile: minimalManifest})
				must(t, os.MkdirAll(filepath.Join(dir, "_partials"), 0o755))
				must(t, os.Symlink("/etc/passwd", filepath.Join(dir, "_partials", "x.tmpl")))
				_, err := gittest.CommitAll(dir, "symlink")
				must(t, err)
			} else {
				_, err := gittest.CommitTree(dir, c.entries, "hostile")
				must(t, err)
			}
			_, err := Open(context.Background(), "file://"+filepath.ToSlash(dir)+"@master", Options{CacheDir: cache, Version: "0.4.0"})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Open = %v, want %q", err, c.want)
			}
			t.Log(err)
			var le *LoadError
			if !errors.As(err, &le) {
				t.Errorf("not a LoadError: %T", err)
			}
			// Nothing was written outside the cache, and no snapshot.
			if _, err := os.Stat(filepath.Join(root, "evil.tmpl")); err == nil {
				t.Error("a file was written outside the pack")
			}
			entries, _ := os.ReadDir(cache)
			for _, e := range entries {
				if e.Name() != "repos" {
					t.Errorf("a hostile pack left %s in the cache", e.Name())
				}
			}
		})
	}
}
