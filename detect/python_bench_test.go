package detect

import (
	"context"
	"fmt"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/fixture"
)

// BenchmarkPythonLargeRepo runs Detect on a Flask project of 2,000
// modules whose app object cannot be found: the worst case for the
// application search (every candidate file is read up to maxScan).
func BenchmarkPythonLargeRepo(b *testing.B) {
	dir := b.TempDir()
	files := map[string]string{
		"requirements.txt": "flask\ngunicorn\npsycopg2\n",
		"tests/test_x.py":  "def test(): pass\n",
	}
	for i := 0; i < 2000; i++ {
		files[fmt.Sprintf("pkg%d/mod%d.py", i/50, i)] = fmt.Sprintf("# module %d\nfrom flask import Blueprint\nbp = Blueprint('b%d', __name__)\n", i, i)
	}
	fixture.Write(b, dir, files)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Detect(context.Background(), dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
