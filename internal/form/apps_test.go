package form

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/detect"
)

var testApps = []detect.App{
	{Path: "apps/api", Language: "node", Framework: "express", Deployable: true},
	{Path: "packages/ui", Language: "node", Reason: "a library"},
	{Path: "apps/web", Language: "node", Framework: "next", Deployable: true},
}

// Only deployable apps are offered, in detect's order; libraries are
// named in the help.
func TestAppQuestionOffersDeployableApps(t *testing.T) {
	q := appQuestion("pnpm", testApps)
	var got []string
	for _, o := range q.Options {
		got = append(got, o.Value)
	}
	if strings.Join(got, " ") != "apps/api apps/web" || q.Default != "apps/api" {
		t.Errorf("options %v, default %q", got, q.Default)
	}
	if !strings.Contains(q.Help, "packages/ui") {
		t.Errorf("help %q does not name the library", q.Help)
	}
}

// A headless accessible run picks the app whose number is typed; Enter
// keeps the first.
func TestAskAppHeadless(t *testing.T) {
	for input, want := range map[string]string{"2\n": "apps/web", "\n": "apps/api"} {
		var out bytes.Buffer
		got, err := AskApp(t.Context(), Style{Accessible: true, NoColor: true}, strings.NewReader(input), &out, "pnpm", testApps)
		if err != nil {
			t.Fatalf("%q: %v\n%s", input, err, out.String())
		}
		if got != want {
			t.Errorf("%q chose %q, want %q\n%s", input, got, want, out.String())
		}
	}
	if _, err := AskApp(t.Context(), Style{Accessible: true}, strings.NewReader(""), &bytes.Buffer{}, "pnpm", testApps[1:2]); err == nil {
		t.Error("a workspace of libraries only: no error")
	}
}
