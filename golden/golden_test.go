package golden

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/dockerlint"
	"github.com/dockslim/dockslim/pack"
)

var update = flag.Bool("update", false, "rewrite every case's want/ files")

// TestEmbeddedPack runs the embedded pack's golden suite: every case in
// this folder must render exactly its want/ files, raise none of
// BuildKit's checks, and render the same bytes from a copy of its input
// in a differently named folder (no paths or names leak into output).
func TestEmbeddedPack(t *testing.T) {
	cases, err := Cases(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 25 {
		t.Errorf("only %d golden cases; the suite must cover every template branch (25 at least)", len(cases))
	}
	embedded, err := pack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			res, err := Run(ctx, embedded, ".", name, *update)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diffs {
				t.Errorf("rendered output differs from want/ (go test ./golden -update rewrites it):\n%s", d)
			}
			for _, f := range res.Files {
				if f.Name != generate.Dockerfile {
					continue
				}
				findings, err := dockerlint.Lint(ctx, f.Data)
				if err != nil {
					t.Fatal(err)
				}
				for _, fd := range findings {
					t.Errorf("BuildKit check: %s", fd)
				}
			}
			assertRelocatable(t, embedded, name, res.Files)
		})
	}
}

// assertRelocatable renders the case again from a copy of its input in a
// folder with another name and expects identical bytes.
func assertRelocatable(t *testing.T, p *pack.Pack, name string, want []generate.File) {
	t.Helper()
	other := filepath.Join(t.TempDir(), "elsewhere-"+name)
	if err := os.CopyFS(filepath.Join(other, "input"), os.DirFS(filepath.Join(name, "input"))); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(name, "answers.yaml")); err == nil {
		if err := os.WriteFile(filepath.Join(other, "answers.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Run(context.Background(), p, filepath.Dir(other), filepath.Base(other), false)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range res.Files {
		if !bytes.Equal(f.Data, want[i].Data) {
			t.Errorf("%s differs when the project lives in another folder", f.Name)
		}
	}
}
