package detect

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite want.json and details.json in testdata/cases")

// TestCases runs Detect over every fixture repository in testdata/cases.
// Each case is a txtar archive: its comment says which rule it pins, its
// files are the repository, and want.json (the JSON of docs/detect-json.md, dir shown as
// ".") and details.json (the Details rendering needs) are what Detect must
// return. `go test ./detect -run TestCases -update` rewrites both.
func TestCases(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases found: %v", err)
	}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txtar")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var want, wantDetails []byte
			sub := "" // detect.dir: the folder below the repository detect runs in
			for _, f := range ar.Files {
				switch f.Name {
				case "want.json":
					want = f.Data
					continue
				case "details.json":
					wantDetails = f.Data
					continue
				case "detect.dir":
					sub = strings.TrimSpace(string(f.Data))
					continue
				}
				dst := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(dst, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			facts, err := Detect(context.Background(), filepath.Join(dir, filepath.FromSlash(sub)), Options{})
			var got, gotDetails []byte
			if err != nil {
				// Cases may pin an error: want.json then holds {"error": "..."}
				// with the temp dir shown as ".".
				got = mustJSON(t, map[string]string{"error": strings.ReplaceAll(err.Error(), dir, ".")})
			} else {
				facts.Dir = "."
				got = mustJSON(t, facts)
				gotDetails = mustJSON(t, facts.Details)
			}
			if *update {
				ar.Files = keepRepoFiles(ar.Files)
				ar.Files = append(ar.Files, txtar.File{Name: "want.json", Data: got})
				if gotDetails != nil {
					ar.Files = append(ar.Files, txtar.File{Name: "details.json", Data: gotDetails})
				}
				if err := os.WriteFile(p, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("facts differ (-update rewrites)\n--- got\n%s\n--- want\n%s", got, want)
			}
			if wantDetails != nil && !bytes.Equal(bytes.TrimSpace(gotDetails), bytes.TrimSpace(wantDetails)) {
				t.Errorf("details differ (-update rewrites)\n--- got\n%s\n--- want\n%s", gotDetails, wantDetails)
			}
		})
	}
}

func keepRepoFiles(files []txtar.File) []txtar.File {
	var out []txtar.File
	for _, f := range files {
		if f.Name != "want.json" && f.Name != "details.json" {
			out = append(out, f)
		}
	}
	return out
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}
