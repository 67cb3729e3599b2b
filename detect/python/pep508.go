package python

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// requirement is one PEP 508 dependency specification. Only Name, Extras and
// the marker's verdict are used downstream; URL and Spec are kept for
// tests and are never copied into output (a URL may carry credentials).
type requirement struct {
	Name   string   // normalised (PEP 503)
	Extras []string // normalised
	Spec   string   // version specifier as written, without spaces
	URL    string   // for `name @ url`
	Marker string   // environment marker as written
	// Linux is false when the marker can never hold on Linux/CPython
	// (`sys_platform == "win32"`): such a dependency is not installed in
	// the image.
	Linux bool
}

// syntaxError is a malformed PEP 508 string: Pos is the 0-based byte
// offset in the string where parsing stopped.
type syntaxError struct {
	Pos int
	Msg string
}

// Error returns the message without the position, which callers place.
func (e *syntaxError) Error() string { return e.Msg }

// nameRE is PEP 508's name rule.
var nameRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$`)

// nameRunRE matches the runs PEP 503 folds into one "-".
var nameRunRE = regexp.MustCompile(`[-_.]+`)

// normalizeName returns the PEP 503 normalised form of a distribution
// name: lower case, runs of -, _ and . replaced by one -.
func normalizeName(name string) string {
	return nameRunRE.ReplaceAllString(strings.ToLower(name), "-")
}

// parser is a cursor over one PEP 508 string.
type parser struct {
	s   string
	pos int
}

// ws skips blanks.
func (p *parser) ws() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

// peek returns the byte at the cursor, 0 at the end.
func (p *parser) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

// errf makes a *syntaxError at the cursor.
func (p *parser) errf(format string, args ...any) error {
	return &syntaxError{Pos: p.pos, Msg: fmt.Sprintf(format, args...)}
}

// parseRequirement parses a PEP 508 dependency specification such as
// `requests[socks] >= 2.31, < 3 ; python_version < "3.12"` or
// `pkg @ https://host/pkg.whl ; sys_platform == "linux"`.
func parseRequirement(s string) (*requirement, error) {
	p := &parser{s: s}
	p.ws()
	start := p.pos
	for p.pos < len(s) && isNameByte(s[p.pos]) {
		p.pos++
	}
	name := s[start:p.pos]
	if name == "" {
		return nil, p.errf("expected a package name")
	}
	if !nameRE.MatchString(name) {
		p.pos = start
		return nil, p.errf("%q is not a valid package name", clipStr(name, 40))
	}
	req := &requirement{Name: normalizeName(name), Linux: true}
	p.ws()
	if p.peek() == '[' {
		extras, err := p.extras()
		if err != nil {
			return nil, err
		}
		req.Extras = extras
		p.ws()
	}
	switch c := p.peek(); {
	case c == '@':
		p.pos++
		p.ws()
		start := p.pos
		for p.pos < len(s) && s[p.pos] != ' ' && s[p.pos] != '\t' {
			p.pos++
		}
		if start == p.pos {
			return nil, p.errf("expected a URL after @")
		}
		req.URL = s[start:p.pos]
		p.ws()
	case c == '(':
		p.pos++
		spec, err := p.versions(')')
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, p.errf("expected ) to close the version list")
		}
		p.pos++
		req.Spec = spec
		p.ws()
	case strings.IndexByte("<>=!~", c) >= 0 && c != 0:
		spec, err := p.versions(';')
		if err != nil {
			return nil, err
		}
		req.Spec = spec
	}
	if p.peek() == ';' {
		p.pos++
		p.ws()
		mstart := p.pos
		m := &markerParser{p: p}
		v, err := m.or()
		if err != nil {
			return nil, err
		}
		p.ws()
		req.Marker = strings.TrimSpace(s[mstart:p.pos])
		req.Linux = v != triFalse
	}
	p.ws()
	if p.pos < len(s) {
		return nil, p.errf("unexpected %q", firstRune(s[p.pos:]))
	}
	return req, nil
}

// isNameByte reports whether c may appear in a distribution name.
func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// extras parses `[a, b]` at the cursor.
func (p *parser) extras() ([]string, error) {
	p.pos++ // [
	var out []string
	for {
		p.ws()
		if p.peek() == ']' {
			p.pos++
			return out, nil
		}
		start := p.pos
		for p.pos < len(p.s) && isNameByte(p.s[p.pos]) {
			p.pos++
		}
		if e := p.s[start:p.pos]; nameRE.MatchString(e) {
			out = append(out, normalizeName(e))
		} else {
			p.pos = start
			return nil, p.errf("expected an extra name in [...]")
		}
		p.ws()
		switch p.peek() {
		case ',':
			p.pos++
		case ']':
		default:
			return nil, p.errf("expected , or ] in the extras list")
		}
	}
}

// versionOps are PEP 440's comparison operators, longest first.
var versionOps = []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"}

// versions parses a comma-separated version list up to stop (or the
// end), returning it without blanks.
func (p *parser) versions(stop byte) (string, error) {
	var parts []string
	for {
		p.ws()
		op := ""
		for _, o := range versionOps {
			if strings.HasPrefix(p.s[p.pos:], o) {
				op = o
				break
			}
		}
		if op == "" {
			return "", p.errf("expected a version operator (==, >=, ~=, …)")
		}
		p.pos += len(op)
		p.ws()
		start := p.pos
		for p.pos < len(p.s) && isVersionByte(p.s[p.pos]) {
			p.pos++
		}
		v := p.s[start:p.pos]
		if v == "" || !isDigitOrStar(v[0]) && op != "===" {
			p.pos = start
			return "", p.errf("expected a version after %s", op)
		}
		parts = append(parts, op+v)
		p.ws()
		if p.peek() != ',' {
			break
		}
		p.pos++
	}
	if c := p.peek(); c != 0 && c != stop && c != ';' {
		return "", p.errf("unexpected %q in the version list", firstRune(p.s[p.pos:]))
	}
	return strings.Join(parts, ","), nil
}

// isVersionByte reports whether c may appear in a PEP 440 version as
// PEP 508 spells it (local versions, wildcards and epochs included).
func isVersionByte(c byte) bool {
	return isNameByte(c) || c == '*' || c == '+' || c == '!'
}

// isDigitOrStar reports whether c may start a version (v1.0 is tolerated).
func isDigitOrStar(c byte) bool { return c >= '0' && c <= '9' || c == '*' || c == 'v' || c == 'V' }

// firstRune returns the first character of s: error messages show no
// more than that of a line, which might carry a credential.
func firstRune(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	return string(r)
}

// clipStr shortens s to n runes for a message.
func clipStr(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
