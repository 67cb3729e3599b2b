package form

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/pack"
	"github.com/dockslim/dockslim/project"
)

func copyExample(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "examples", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A whole interactive run detects once per set of detection options it
// meets, not once per page: Enter through a Node project is one
// detection; choosing another Go main package adds the one for it.
func TestSessionDetectsOncePerChoice(t *testing.T) {
	pk, err := pack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		example, answers string
		want             int
		check            func(project.Inputs, *project.Resolution) bool
	}{
		{"node-express", strings.Repeat("\n", 8), 1, func(in project.Inputs, r *project.Resolution) bool {
			return r.Answers.PackageManager == "npm" && len(in.Args()) == 0
		}},
		// several mains: the first is provisional (one detection), the
		// unsteered one gives the sources (two), ./cmd/migrate (three).
		{"go-api", "\n2\n\n\n\n\n\n", 3, func(in project.Inputs, r *project.Resolution) bool {
			return in.Main == "./cmd/migrate" && strings.HasSuffix(r.Answers.BuildCommand, "./cmd/migrate")
		}},
	} {
		t.Run(tc.example, func(t *testing.T) {
			proj, err := project.Open(copyExample(t, tc.example))
			if err != nil {
				t.Fatal(err)
			}
			var out, errOut bytes.Buffer
			s := New(t.Context(), Config{Project: proj, Pack: pk, Style: Style{Accessible: true, NoColor: true},
				In: strings.NewReader(tc.answers), Out: &out, ErrOut: &errOut})
			defer s.Close()
			in, res, err := s.Ask(t.Context())
			if err != nil {
				t.Fatalf("%v\n%s\n%s", err, out.String(), errOut.String())
			}
			if !tc.check(in, res) {
				t.Errorf("inputs %q, answers %+v", in.Args(), res.Answers)
			}
			if n := proj.DetectionRuns(); n != tc.want {
				t.Errorf("detection ran %d times, want %d", n, tc.want)
			}
		})
	}
}
