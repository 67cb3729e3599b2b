package generate

import (
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// UnifiedDiff returns a unified diff from the file on disk (a/NAME) to the
// rendered one (b/NAME), with three lines of context; "" when equal. A new
// file diffs against /dev/null.
func UnifiedDiff(name string, current, rendered []byte, exists bool) string {
	from := "a/" + name
	var a []string
	if exists {
		a = splitLines(current)
	} else {
		from = "/dev/null"
	}
	d, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A:        a,
		B:        splitLines(rendered),
		FromFile: from,
		ToFile:   "b/" + name,
		Context:  3,
	})
	if err != nil {
		// difflib only fails writing to its buffer, which cannot happen.
		return ""
	}
	return d
}

// splitLines splits after each newline; a last line without one gets
// one, so a missing final newline shows as a change of that line only.
func splitLines(b []byte) []string {
	lines := strings.SplitAfter(string(b), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	} else {
		lines[len(lines)-1] += "\n"
	}
	return lines
}
