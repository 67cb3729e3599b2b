package audit

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want of testdata/cases")

// TestCases audits each Dockerfile of testdata/cases (a txtar: the
// Dockerfile, an optional .dockerignore beside it as its context) and
// compares the findings, one "rule category severity line" per line,
// with the case's want.
func TestCases(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			want := ""
			for _, f := range ar.Files {
				if f.Name == "want" {
					want = string(f.Data)
					continue
				}
				p := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "Dockerfile")
			data, _ := os.ReadFile(path)
			df, err := Parse(path, data)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Run(t.Context(), data, df, OpenContext(dir, path), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range rep.Findings {
				if f.Message == "" || f.Fix == "" || !validCategory(f.Category) {
					t.Errorf("%s: incomplete finding %+v", f.Rule, f)
				}
				got = append(got, fmt.Sprintf("%s %s %s %d", f.Rule, f.Category, f.Severity, f.Line))
			}
			if *update {
				for i := range ar.Files {
					if ar.Files[i].Name == "want" {
						ar.Files[i].Data = []byte(strings.Join(got, "\n") + "\n")
					}
				}
				if err := os.WriteFile(p, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if g, w := strings.TrimSpace(strings.Join(got, "\n")), strings.TrimSpace(want); g != w {
				t.Errorf("findings differ\n--- got\n%s\n--- want\n%s", g, w)
			}
		})
	}
}

func validCategory(c string) bool {
	if strings.HasPrefix(c, "buildkit:") {
		return true
	}
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}
