package detect

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

func TestHealthRoutes(t *testing.T) {
	files := map[string]string{
		"main.go":               "package main\n\nfunc main() {\n\thttp.HandleFunc(\"/ping\", ping)\n\thttp.HandleFunc(\"/healthz\", ok)\n}\n",
		"api/routes.go":         "r.Get(`/api/health`, h)\nr.Get(\"/readyz\", h)\n",
		"main_test.go":          "get(\"/livez\")\n",
		"testdata/x.go":         "\"/health\"\n",
		"docs/notes.go":         "// the /health page (unquoted: not a route)\n",
		"internal/healthish.go": "\"/healthy\" \"/pingpong\"\n",
	}
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
	r, err := repo.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	routes, source := healthRoutes(r, []string{".go"})
	if want := []string{"/healthz", "/api/health", "/readyz", "/ping"}; !slices.Equal(routes, want) {
		t.Errorf("routes %q, want %q", routes, want)
	}
	if source != "main.go:5" {
		t.Errorf("source %q, want main.go:5", source)
	}
}
