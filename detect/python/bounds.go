package python

import (
	"slices"
)

// frameworkPythons bounds the default Python by the framework release
// a project pins: the newest Python each Django line supports (Django's
// release notes; taken on trust, no PyPI here). A project that allows a
// Django newer than the table's newest row is not bounded.
var frameworkPythons = map[string][]struct {
	series []int
	python string
}{
	"django": {
		{[]int{3, 2}, "3.10"}, {[]int{4, 0}, "3.10"}, {[]int{4, 1}, "3.11"}, {[]int{4, 2}, "3.12"},
		{[]int{5, 0}, "3.12"}, {[]int{5, 1}, "3.13"}, {[]int{5, 2}, "3.14"}, // 3.14 since 5.2.8
	},
}

// boundByFramework lowers a default Python version that the framework
// release the dependencies pin cannot run (Django 3.2 on Python 3.14),
// and says so. A version the project states itself is never changed.
func (p *state) boundByFramework() {
	f := p.f
	if f.Sources["languageVersion"] != "" {
		return
	}
	for _, d := range p.deps {
		rows, ok := frameworkPythons[d.Req.Name]
		if !ok || d.Req.Spec == "" {
			continue
		}
		if allowsSeries(d.Req.Spec, []int{99, 0}) {
			return // a newer release than the table knows is allowed
		}
		for i := len(rows) - 1; i >= 0; i-- {
			if !allowsSeries(d.Req.Spec, rows[i].series) {
				continue
			}
			if compareRelease(splitRelease(rows[i].python), splitRelease(f.LanguageVersion)) < 0 {
				f.Warnf("%s pins %s %s, which supports Python up to %s: using Python %s (pass --lang-version to choose another)",
					d.From, d.Req.Name, joinRelease(rows[i].series), rows[i].python, rows[i].python)
				f.LanguageVersion = rows[i].python
				f.Likely("languageVersion", d.From) // the newest the pin allows, not a stated version
			}
			return
		}
	}
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
