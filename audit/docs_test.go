package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// docs/audit.md documents every rule: its id, category and severity on
// one table row.
func TestDocsListEveryRule(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "audit.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, r := range Rules() {
		row := "| " + r.ID + " | `" + r.Category + "` | " + string(r.Severity) + " |"
		if !strings.Contains(doc, row) {
			t.Errorf("docs/audit.md has no row starting %q", row)
		}
	}
}
