package audit

import (
	"os"
	"path/filepath"
	"testing"
)

// dockslim's own output is what the rules ask for: every golden case's
// Dockerfile audits clean, BuildKit's checks included.
func TestGoldenDockerfilesAuditClean(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "golden", "*", "want", "Dockerfile"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden Dockerfiles: %v", err)
	}
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		df, err := Parse(p, data)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		rep, err := Run(t.Context(), data, df, OpenContext(filepath.Dir(p), p), nil)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for _, f := range rep.Findings {
			t.Errorf("%s:%d: %s (%s): %s", p, f.Line, f.Rule, f.Category, f.Message)
		}
	}
}
