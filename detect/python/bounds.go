package python

import (
	"slices"
	"strings"
)

// pinPythons bounds the default Python by the releases a project pins:
// the newest Python each Django line supports (Django's release notes),
// and the newest Python each release of a package built from C publishes
// wheels for — without one, pip compiles it, and the slim image has no
// compiler (psycopg2-binary 2.9.9 on 3.14). Rows are oldest first; a
// longer series (2.9.10) is a later patch of a shorter one. Taken on
// trust from the projects' release notes (no PyPI here). A project that
// allows a release newer than a package's newest row is not bounded by it.
var pinPythons = map[string][]pinRow{
	"django": {
		{[]int{3, 2}, "3.10"}, {[]int{4, 0}, "3.10"}, {[]int{4, 1}, "3.11"}, {[]int{4, 2}, "3.12"},
		{[]int{5, 0}, "3.12"}, {[]int{5, 1}, "3.13"}, {[]int{5, 2}, "3.14"}, // 3.14 since 5.2.8
	},
	"greenlet":        {{[]int{2, 0}, "3.11"}, {[]int{3, 0}, "3.12"}, {[]int{3, 1}, "3.13"}, {[]int{3, 2}, "3.13"}, {[]int{3, 2, 4}, "3.14"}},
	"psycopg2-binary": {{[]int{2, 9}, "3.11"}, {[]int{2, 9, 9}, "3.12"}, {[]int{2, 9, 10}, "3.13"}, {[]int{2, 9, 11}, "3.14"}},
	"asyncpg":         {{[]int{0, 28}, "3.11"}, {[]int{0, 29}, "3.12"}, {[]int{0, 30}, "3.13"}, {[]int{0, 31}, "3.14"}},
	"numpy":           {{[]int{1, 24}, "3.11"}, {[]int{1, 26}, "3.12"}, {[]int{2, 0}, "3.12"}, {[]int{2, 1}, "3.13"}, {[]int{2, 2}, "3.13"}},
	"pandas":          {{[]int{2, 0}, "3.11"}, {[]int{2, 1}, "3.12"}, {[]int{2, 2}, "3.12"}, {[]int{2, 2, 3}, "3.13"}},
	"pillow":          {{[]int{9, 5}, "3.11"}, {[]int{10, 0}, "3.12"}, {[]int{11, 0}, "3.13"}},
}

// pinRow says which Python a release series supports at most.
type pinRow struct {
	series []int
	python string
}

// boundByPins lowers a default Python version that a release the
// dependencies pin cannot run or install without a compiler (Django 3.2
// on Python 3.14), to the lowest such bound, and says why. A version the
// project states itself is never changed.
func (p *state) boundByPins() {
	f := p.f
	if f.Sources["languageVersion"] != "" {
		return
	}
	bound, why, from := "", "", ""
	for _, d := range p.deps {
		rows, ok := pinPythons[strings.ToLower(d.Req.Name)]
		if !ok || d.Req.Spec == "" || allowsSeries(d.Req.Spec, []int{99, 0}) {
			continue // unpinned, or a newer release than the table knows is allowed
		}
		for i := len(rows) - 1; i >= 0; i-- {
			if !allowsSeries(d.Req.Spec, rows[i].series) {
				continue
			}
			if bound == "" || compareRelease(splitRelease(rows[i].python), splitRelease(bound)) < 0 {
				bound, why, from = rows[i].python, d.Req.Name+" "+joinRelease(rows[i].series), d.From
			}
			break
		}
	}
	if bound == "" || compareRelease(splitRelease(bound), splitRelease(f.LanguageVersion)) >= 0 {
		return
	}
	f.Warnf("%s pins %s, which supports Python up to %s: using Python %s (pass --lang-version to choose another)", from, why, bound, bound)
	f.LanguageVersion = bound
	f.Likely("languageVersion", from) // the newest the pins allow, not a stated version
}

// allowsSeries reports whether spec admits a release of the series
// (3.2 → some 3.2.x): its first and a late patch are tried, and every
// release the specifier names within the series.
func allowsSeries(spec string, series []int) bool {
	alts, err := parseSpecifier(spec, false)
	if err != nil {
		return true // unknown: do not bound
	}
	tries := [][]int{append(slices.Clone(series), 0), append(slices.Clone(series), 99)}
	for _, alt := range alts {
		for _, c := range alt {
			if compareRelease(truncRelease(c.release, len(series)), series) == 0 {
				tries = append(tries, c.release)
			}
		}
	}
	for _, v := range tries {
		for _, alt := range alts {
			if satisfiesAll(alt, v) {
				return true
			}
		}
	}
	return false
}

// satisfiesAll reports whether release v meets every clause.
func satisfiesAll(clauses []clause, v []int) bool {
	for _, c := range clauses {
		if !satisfies(c, v) {
			return false
		}
	}
	return true
}

func satisfies(c clause, v []int) bool {
	cmp := compareRelease(v, c.release)
	prefix := compareRelease(truncRelease(v, len(c.release)), c.release) == 0
	switch c.op {
	case "==", "===":
		if c.wildcard {
			return prefix
		}
		return cmp == 0
	case "!=":
		if c.wildcard {
			return !prefix
		}
		return cmp != 0
	case "<":
		return cmp < 0
	case "<=":
		return cmp <= 0 || c.wildcard && prefix
	case ">":
		return cmp > 0
	case ">=":
		return cmp >= 0
	case "~=":
		if len(c.release) < 2 {
			return cmp >= 0
		}
		return cmp >= 0 && compareRelease(truncRelease(v, len(c.release)-1), c.release[:len(c.release)-1]) == 0
	}
	return true
}
