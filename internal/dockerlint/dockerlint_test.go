package dockerlint

import (
	"context"
	"strings"
	"testing"
)

// The linter must be able to fail: a naive Dockerfile fires known checks.
func TestLintFindsProblems(t *testing.T) {
	naive := "from node:20 as Builder\nWORKDIR app\nENV A 1\nCMD node dist/index.js\n"
	got, err := Lint(context.Background(), []byte(naive))
	if err != nil {
		t.Fatal(err)
	}
	joined := ""
	for _, f := range got {
		joined += f.RuleName + " "
	}
	for _, want := range []string{"ConsistentInstructionCasing", "StageNameCasing", "WorkdirRelativePath", "LegacyKeyValueFormat", "JSONArgsRecommended"} {
		if !strings.Contains(joined, want) {
			t.Errorf("%s did not fire; got %s", want, joined)
		}
	}
}

func TestLintCleanDockerfile(t *testing.T) {
	clean := "ARG V=1\nFROM golang:${V} AS build\nWORKDIR /src\nFROM scratch AS runtime\nCOPY --from=build /src /src\nUSER 65532:65532\nENTRYPOINT [\"/app\"]\n"
	got, err := Lint(context.Background(), []byte(clean))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("clean Dockerfile got findings: %v", got)
	}
}
