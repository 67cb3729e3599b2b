package detect

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/fixture"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// writeTree creates files (slash paths → contents) under dir.
func writeTree(tb testing.TB, dir string, files map[string]string) { fixture.Write(tb, dir, files) }

// bigRepo builds the benchmark repository: 100,000 files, of
// which 98,000 sit inside node_modules and .git and 2,000 are sources.
// scale divides every count (the soundness test uses a small copy).
func bigRepo(tb testing.TB, scale int) string {
	dir := tb.TempDir()
	writeTree(tb, dir, map[string]string{
		"package.json":      `{"name":"big","scripts":{"build":"tsc","start":"node dist/index.js"},"dependencies":{"express":"^4.21.0","bcrypt":"^5.1.1"},"devDependencies":{"typescript":"^5.6.0"}}`,
		"package-lock.json": `{"name":"big","lockfileVersion":3,"packages":{"":{"name":"big"},"node_modules/bcrypt":{"version":"5.1.1","hasInstallScript":true}}}`,
		".nvmrc":            "22\n",
		"tsconfig.json":     `{"compilerOptions":{"outDir":"dist","rootDir":"src"}}`,
		"src/index.ts":      "import express from 'express'\nconst app = express()\napp.listen(process.env.PORT || 4000)\n",
	})
	write := func(rel string, i int) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(fmt.Sprintf("// file %d\nexport const v%d = %d\n", i, i, i)), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 0; i < 88_000/scale; i++ {
		write(fmt.Sprintf("node_modules/pkg%d/lib/f%d.js", i/40, i), i)
	}
	for i := 0; i < 10_000/scale; i++ {
		write(fmt.Sprintf(".git/objects/%02x/%038x", i%256, i), i)
	}
	for i := 0; i < 2_000/scale; i++ {
		write(fmt.Sprintf("src/mod%d/f%d.ts", i/50, i), i)
	}
	return dir
}

// typicalRepo is a service of ~150 files, node_modules included.
func typicalRepo(tb testing.TB) string {
	dir := tb.TempDir()
	files := map[string]string{
		"package.json":      `{"name":"svc","scripts":{"build":"tsc","start":"node dist/server.js","test":"vitest run"},"dependencies":{"fastify":"^5.0.0"},"devDependencies":{"typescript":"^5.6.0","vitest":"^2.0.0"}}`,
		"package-lock.json": `{"name":"svc","lockfileVersion":3,"packages":{"":{"name":"svc"}}}`,
		"tsconfig.json":     `{"compilerOptions":{"outDir":"dist","rootDir":"src"}}`,
		"src/server.ts":     "import Fastify from 'fastify'\nconst app = Fastify()\napp.listen({ port: 8081, host: '0.0.0.0' })\n",
	}
	for i := 0; i < 100; i++ {
		files[fmt.Sprintf("src/routes/r%d.ts", i)] = "export default function r() { return 1 }\n"
	}
	for i := 0; i < 50; i++ {
		files[fmt.Sprintf("node_modules/dep%d/index.js", i)] = "module.exports = 1\n"
	}
	writeTree(tb, dir, files)
	return dir
}

func benchDetect(b *testing.B, dir string) {
	b.Helper()
	ctx := context.Background()
	if _, err := Detect(ctx, dir, Options{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Detect(ctx, dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDetect100kFiles: target under 100 ms per op on a 2-core machine.
func BenchmarkDetect100kFiles(b *testing.B) { benchDetect(b, bigRepo(b, 1)) }

// BenchmarkDetectTypical: target under 20 ms per op.
func BenchmarkDetectTypical(b *testing.B) { benchDetect(b, typicalRepo(b)) }

// TestBenchRepoIsSound keeps the benchmark honest: its generator, at a
// hundredth of the size, makes the intended mix, and the walker sees only
// the sources (plus the manifests), never node_modules or .git.
func TestBenchRepoIsSound(t *testing.T) {
	dir := bigRepo(t, 100)
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	if n != 1_005 {
		t.Errorf("benchmark repo at 1/100 holds %d files, want 1,005", n)
	}
	r, err := repo.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Files()) != 25 {
		t.Errorf("walker saw %d files, want 25 (sources and manifests only)", len(r.Files()))
	}
}
