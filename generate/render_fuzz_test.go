package generate

import (
	"context"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/templates"
)

// instructionCount counts a Dockerfile's lines that start with keyword.
func instructionCount(df, keyword string) int {
	n := 0
	for _, line := range strings.Split(df, "\n") {
		if strings.HasPrefix(line, keyword+" ") {
			n++
		}
	}
	return n
}

// FuzzHostileAnswers puts hostile values into every answer a person can
// edit in .dockslim.yaml and renders them: rendering either refuses them
// with an error, or gives a valid Dockerfile with no instruction a value
// smuggled in — as many stages and as many USER lines as the same project
// with plain values, the final user non-root (Render validates that).
func FuzzHostileAnswers(f *testing.F) {
	baseline, err := Render(context.Background(), testNodeAnswers(), templates.FS)
	if err != nil {
		f.Fatal(err)
	}
	stages := instructionCount(string(baseline[0].Data), "FROM")
	users := instructionCount(string(baseline[0].Data), "USER")
	f.Add("node", "dist/server.js", "npm run build", "hello", "https://github.com/a/b", "dist", "22", 3000, "x")
	f.Add("node", "a.js\nUSER root", "npm run build\nUSER root", "a\nFROM scratch", "https://x/\"y", "../etc", "22\nFROM x", 0, "v\nRUN x")
	f.Add("node", "$(id)", "tsc -b && vite build", "$HOME", "https://u:p@h/x", "/abs", "v22", -1, "\x00")
	f.Add("node", "server.js", "", "hello", "", "dist", "22", 3000, "")
	f.Add("sh", "-c", "cat <<EOF", "n\\", "ssh://h/x", "a b", "22.1.2.3", 65536, "{{ .Vars }}")
	f.Fuzz(func(t *testing.T, cmd, arg, build, name, url, dir, version string, port int, v string) {
		a := testNodeAnswers()
		a.Start = []string{cmd, arg}
		a.BuildCommand = build
		a.ProjectName = name
		a.SourceURL = url
		a.Node.OutputDirs = []string{dir}
		a.LanguageVersion = version
		a.Port = port
		a.Vars = map[string]string{"team": v}
		files, err := Render(context.Background(), a, templates.FS)
		if err != nil {
			return
		}
		df := string(files[0].Data)
		if got := instructionCount(df, "FROM"); got != stages {
			t.Fatalf("%d stages, want %d:\n%s", got, stages, df)
		}
		if got := instructionCount(df, "USER"); got != users {
			t.Fatalf("%d USER lines, want %d:\n%s", got, users, df)
		}
		if strings.ContainsAny(df, "\x00\r") {
			t.Fatalf("a control byte reached the Dockerfile:\n%q", df)
		}
	})
}
