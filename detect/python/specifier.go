package python

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// clause is one comparison of a version specifier: op and the release
// numbers of its version (3.12.* → [3 12], wildcard set).
type clause struct {
	op       string
	release  []int
	wildcard bool
}

// specOps are the operators of PEP 440 and, for Poetry, ^ ~ and =;
// longest first so "~=" is not read as "~".
var specOps = []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">", "^", "~", "="}

// versionTokenRE is a version in a specifier: release numbers, an
// optional wildcard, and a pre/post/dev/local suffix that is ignored.
var versionTokenRE = regexp.MustCompile(`^v?(\d+(?:\.\d+)*)(\.\*)?(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|post|rev|r|dev)[-_.]?\d*)*(?:\+[A-Za-z0-9.]+)?`)

// orRE separates Poetry's alternatives (`||`, or a single `|`).
var orRE = regexp.MustCompile(`\|\|?`)

// parseSpecifier parses a version specifier into alternatives of
// clauses: PEP 440 (`>=3.9,<3.13`) or, with poetry set, Poetry's syntax
// (`^3.11`, `>=3.10 <4.0`, `^2.7 || ^3.6`).
func parseSpecifier(spec string, poetry bool) ([][]clause, error) {
	alts := []string{spec}
	if poetry {
		alts = orRE.Split(spec, -1)
	}
	var out [][]clause
	for _, alt := range alts {
		var clauses []clause
		s := alt
		for {
			s = strings.TrimLeft(s, " \t,")
			if s == "" {
				break
			}
			op := ""
			for _, o := range specOps {
				if strings.HasPrefix(s, o) {
					op = o
					break
				}
			}
			if !poetry && (op == "^" || op == "~" || op == "=") {
				return nil, fmt.Errorf("%q is not a PEP 440 operator", op)
			}
			s = strings.TrimLeft(s[len(op):], " \t")
			if strings.HasPrefix(s, "*") {
				s = s[1:]
				continue // any version
			}
			m := versionTokenRE.FindStringSubmatch(s)
			if m == nil {
				return nil, errors.New("expected a version")
			}
			s = s[len(m[0]):]
			if s != "" && !strings.ContainsRune(" \t,", rune(s[0])) {
				return nil, fmt.Errorf("unexpected %q after a version", firstRune(s))
			}
			if op == "" {
				op = "=="
			}
			c := clause{op: op, wildcard: m[2] != ""}
			for _, p := range strings.Split(m[1], ".") {
				n, err := strconv.Atoi(p)
				if err != nil || n > 1000 {
					return nil, errors.New("a version number is out of range")
				}
				c.release = append(c.release, n)
			}
			clauses = append(clauses, c)
		}
		out = append(out, clauses)
	}
	return out, nil
}

// lowerBound returns the Python version a specifier's lower bound
// names, for choosing an image: ">=3.10" → 3.10, "~=3.11.4" → 3.11,
// "==3.12.*" → 3.12, "==3.12.3" → 3.12.3, ">3.10" → 3.11 (the next
// minor), "^3.11" → 3.11. Ranges resolve to a minor line (whose newest
// patch satisfies them); an exact pin keeps its precision. "" with a nil
// error means the specifier sets no lower bound.
func lowerBound(spec string, poetry bool) (string, error) {
	alts, err := parseSpecifier(spec, poetry)
	if err != nil {
		return "", err
	}
	var best []int
	for _, clauses := range alts {
		var low []int
		for _, c := range clauses {
			var v []int
			switch c.op {
			case ">=", "~=", "^", "~":
				v = truncRelease(c.release, 2)
			case "==", "===", "=":
				v = c.release
			case ">":
				v = truncRelease(c.release, 2)
				if len(c.release) == 2 && !c.wildcard {
					v = []int{c.release[0], c.release[1] + 1}
				}
			}
			if v != nil && compareRelease(v, low) > 0 {
				low = v
			}
		}
		if low != nil && compareRelease(low, best) > 0 {
			best = low
		}
	}
	return joinRelease(best), nil
}

// excludes reports whether a specifier's upper bounds rule out version
// v (a release such as "3.14"); only plain comma lists are considered.
func excludes(spec string, poetry bool, v string) bool {
	alts, err := parseSpecifier(spec, poetry)
	if err != nil || len(alts) != 1 {
		return false
	}
	rel := splitRelease(v)
	for _, c := range alts[0] {
		switch cmp := compareRelease(rel, c.release); {
		case c.op == "<" && cmp >= 0, c.op == "<=" && cmp > 0 && !c.wildcard:
			return true
		}
	}
	return false
}

// truncRelease returns a copy of the first n numbers of release r.
func truncRelease(r []int, n int) []int {
	if len(r) > n {
		return append([]int(nil), r[:n]...)
	}
	return append([]int(nil), r...)
}

// compareRelease orders two releases; missing parts count as 0 and nil is
// lower than anything.
func compareRelease(a, b []int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case b == nil:
		return 1
	case a == nil:
		return -1
	}
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y int
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// joinRelease formats a release as 3.12.1 ("" for nil).
func joinRelease(r []int) string {
	parts := make([]string, len(r))
	for i, n := range r {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ".")
}

// splitRelease parses the leading numbers of a dotted version.
func splitRelease(v string) []int {
	var out []int
	for _, p := range strings.Split(v, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return out
		}
		out = append(out, n)
	}
	return out
}
