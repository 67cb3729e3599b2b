package detect

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// pyReq is one PEP 508 dependency specification. Only Name, Extras and
// the marker's verdict are used downstream; URL and Spec are kept for
// tests and are never copied into output (a URL may carry credentials).
type pyReq struct {
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

// pySyntaxError is a malformed PEP 508 string: Pos is the 0-based byte
// offset in the string where parsing stopped.
type pySyntaxError struct {
	Pos int
	Msg string
}

// Error returns the message without the position, which callers place.
func (e *pySyntaxError) Error() string { return e.Msg }

// pyNameRE is PEP 508's name rule.
var pyNameRE = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$`)

// pyNameRunRE matches the runs PEP 503 folds into one "-".
var pyNameRunRE = regexp.MustCompile(`[-_.]+`)

// pyNormalize returns the PEP 503 normalised form of a distribution
// name: lower case, runs of -, _ and . replaced by one -.
func pyNormalize(name string) string {
	return pyNameRunRE.ReplaceAllString(strings.ToLower(name), "-")
}

// pyParser is a cursor over one PEP 508 string.
type pyParser struct {
	s   string
	pos int
}

// ws skips blanks.
func (p *pyParser) ws() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

// peek returns the byte at the cursor, 0 at the end.
func (p *pyParser) peek() byte {
	if p.pos < len(p.s) {
		return p.s[p.pos]
	}
	return 0
}

// errf makes a *pySyntaxError at the cursor.
func (p *pyParser) errf(format string, args ...any) error {
	return &pySyntaxError{Pos: p.pos, Msg: fmt.Sprintf(format, args...)}
}

// pyParseRequirement parses a PEP 508 dependency specification such as
// `requests[socks] >= 2.31, < 3 ; python_version < "3.12"` or
// `pkg @ https://host/pkg.whl ; sys_platform == "linux"`.
func pyParseRequirement(s string) (*pyReq, error) {
	p := &pyParser{s: s}
	p.ws()
	start := p.pos
	for p.pos < len(s) && pyIsNameByte(s[p.pos]) {
		p.pos++
	}
	name := s[start:p.pos]
	if name == "" {
		return nil, p.errf("expected a package name")
	}
	if !pyNameRE.MatchString(name) {
		p.pos = start
		return nil, p.errf("%q is not a valid package name", pyClipStr(name, 40))
	}
	req := &pyReq{Name: pyNormalize(name), Linux: true}
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
		m := &pyMarkerParser{p: p}
		v, err := m.or()
		if err != nil {
			return nil, err
		}
		p.ws()
		req.Marker = strings.TrimSpace(s[mstart:p.pos])
		req.Linux = v != pyFalse
	}
	p.ws()
	if p.pos < len(s) {
		return nil, p.errf("unexpected %q", pyFirstRune(s[p.pos:]))
	}
	return req, nil
}

// pyIsNameByte reports whether c may appear in a distribution name.
func pyIsNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
}

// extras parses `[a, b]` at the cursor.
func (p *pyParser) extras() ([]string, error) {
	p.pos++ // [
	var out []string
	for {
		p.ws()
		if p.peek() == ']' {
			p.pos++
			return out, nil
		}
		start := p.pos
		for p.pos < len(p.s) && pyIsNameByte(p.s[p.pos]) {
			p.pos++
		}
		if e := p.s[start:p.pos]; pyNameRE.MatchString(e) {
			out = append(out, pyNormalize(e))
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

// pyVersionOps are PEP 440's comparison operators, longest first.
var pyVersionOps = []string{"===", "~=", "==", "!=", "<=", ">=", "<", ">"}

// versions parses a comma-separated version list up to stop (or the
// end), returning it without blanks.
func (p *pyParser) versions(stop byte) (string, error) {
	var parts []string
	for {
		p.ws()
		op := ""
		for _, o := range pyVersionOps {
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
		for p.pos < len(p.s) && pyIsVersionByte(p.s[p.pos]) {
			p.pos++
		}
		v := p.s[start:p.pos]
		if v == "" || !pyIsDigitOrStar(v[0]) && op != "===" {
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
		return "", p.errf("unexpected %q in the version list", pyFirstRune(p.s[p.pos:]))
	}
	return strings.Join(parts, ","), nil
}

// pyIsVersionByte reports whether c may appear in a PEP 440 version as
// PEP 508 spells it (local versions, wildcards and epochs included).
func pyIsVersionByte(c byte) bool {
	return pyIsNameByte(c) || c == '*' || c == '+' || c == '!'
}

// pyIsDigitOrStar reports whether c may start a version (v1.0 is tolerated).
func pyIsDigitOrStar(c byte) bool { return c >= '0' && c <= '9' || c == '*' || c == 'v' || c == 'V' }

// pyFirstRune returns the first character of s: error messages show no
// more than that of a line, which might carry a credential.
func pyFirstRune(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	return string(r)
}

// pyClipStr shortens s to n runes for a message.
func pyClipStr(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
