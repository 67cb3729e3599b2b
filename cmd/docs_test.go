package cmd

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/spf13/cobra/doc"
)

var update = flag.Bool("update", false, "rewrite docs/cli from the commands")

// The CLI reference in docs/cli is generated from the commands: this test
// fails when a flag or help text changed and the reference did not
// (`go test ./cmd -run TestCLIReference -update` rewrites it).
func TestCLIReference(t *testing.T) {
	got := t.TempDir()
	root := NewCmdRoot(&Factory{IO: &IOStreams{In: &bytes.Buffer{}, Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}, Version: "(devel)"})
	root.DisableAutoGenTag = true // no date in the files
	if err := doc.GenMarkdownTree(root, got); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("..", "docs", "cli")
	if *update {
		if err := os.RemoveAll(want); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(want, os.DirFS(got)); err != nil {
			t.Fatal(err)
		}
		return
	}
	gotFiles, _ := os.ReadDir(got)
	wantFiles, _ := os.ReadDir(want)
	if len(gotFiles) != len(wantFiles) {
		t.Errorf("docs/cli has %d files, the commands make %d (go test ./cmd -run TestCLIReference -update)", len(wantFiles), len(gotFiles))
	}
	for _, f := range gotFiles {
		g, _ := os.ReadFile(filepath.Join(got, f.Name()))
		w, err := os.ReadFile(filepath.Join(want, f.Name()))
		if err != nil || !bytes.Equal(g, w) {
			t.Errorf("docs/cli/%s is stale (go test ./cmd -run TestCLIReference -update)", f.Name())
		}
	}
}
