package detect

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dockslim/dockslim/internal/gittest"
)

// Committed environment files are source; untracked ones, .env itself
// and *.local files are not.
func TestCommittedEnvFiles(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"package.json":     `{"name": "web", "scripts": {"build": "vite build"}, "devDependencies": {"vite": "^6.0.0"}}`,
		".env.production":  "VITE_API=https://api.example.com\n",
		"app/.env.staging": "VITE_API=https://staging.example.com\n",
		".env.local":       "SECRET=1\n",
		".env.example":     "VITE_API=\n",
	})
	if err := gittest.Init(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := gittest.CommitAll(dir, "app"); err != nil {
		t.Fatal(err)
	}
	// Written after the commit: untracked.
	writeTree(t, dir, map[string]string{".env.development": "X=1\n"})
	if err := os.WriteFile(filepath.Join(dir, ".env"), []byte("TOKEN=s3cret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Detect(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Details.CommittedEnvFiles, []string{".env.production", "app/.env.staging"}; !slices.Equal(got, want) {
		t.Errorf("committed env files %q, want %q", got, want)
	}
}
