package detect

import (
	"fmt"
	"sort"
)

// newFacts returns Facts for lang with every collection allocated.
func newFacts(lang string) *Facts {
	f := &Facts{Language: lang, Sources: map[string]string{}}
	normalize(f)
	return f
}

// set records a detected value's source; "" sources are not recorded
// (defaults are absent from sources, SPEC §4).
func (f *Facts) source(key, from string) {
	if from != "" {
		f.Sources[key] = from
	}
}

// warnf adds a warning for the person reading the output.
func (f *Facts) warnf(format string, args ...any) {
	f.Warnings = append(f.Warnings, fmt.Sprintf(format, args...))
}

// sortedUnique sorts s and drops duplicates and empty strings.
func sortedUnique(s []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(s))
	for _, x := range s {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}
