package python

import "strings"

// tri is a three-valued truth: a marker may be decidable for the image
// (sys_platform is always "linux") or not (python_version, unknown here).
type tri int

const (
	triUnknown tri = iota
	triFalse
	triTrue
)

// markerEnv is what is known of the image's environment: Linux and
// CPython. Anything else (Python version, machine) stays unknown. `extra`
// is "" because runtime dependencies are installed without extras.
var markerEnv = map[string]string{
	"sys_platform": "linux", "sys.platform": "linux",
	"platform_system": "Linux",
	"os_name":         "posix", "os.name": "posix",
	"platform_python_implementation": "CPython", "platform.python_implementation": "CPython",
	"python_implementation": "CPython",
	"implementation_name":   "cpython",
	"extra":                 "",
}

// markerVars are every environment marker variable PEP 508 (and its
// legacy dotted spellings, PEP 685 and PEP 735) defines.
var markerVars = map[string]bool{
	"python_version": true, "python_full_version": true, "os_name": true, "sys_platform": true,
	"platform_release": true, "platform_system": true, "platform_version": true,
	"platform_machine": true, "platform_python_implementation": true, "implementation_name": true,
	"implementation_version": true, "extra": true, "extras": true, "dependency_groups": true,
	"os.name": true, "sys.platform": true, "platform.version": true, "platform.machine": true,
	"platform.python_implementation": true, "python_implementation": true,
}

// markerParser parses and evaluates an environment marker in one pass.
type markerParser struct {
	p     *parser
	depth int
}

// or parses `and ('or' and)*`.
func (m *markerParser) or() (tri, error) {
	v, err := m.and()
	if err != nil {
		return 0, err
	}
	for m.keyword("or") {
		w, err := m.and()
		if err != nil {
			return 0, err
		}
		switch {
		case v == triTrue || w == triTrue:
			v = triTrue
		case v == triFalse && w == triFalse:
			v = triFalse
		default:
			v = triUnknown
		}
	}
	return v, nil
}

// and parses `expr ('and' expr)*`.
func (m *markerParser) and() (tri, error) {
	v, err := m.expr()
	if err != nil {
		return 0, err
	}
	for m.keyword("and") {
		w, err := m.expr()
		if err != nil {
			return 0, err
		}
		switch {
		case v == triFalse || w == triFalse:
			v = triFalse
		case v == triTrue && w == triTrue:
			v = triTrue
		default:
			v = triUnknown
		}
	}
	return v, nil
}

// keyword consumes kw when it stands as a word at the cursor.
func (m *markerParser) keyword(kw string) bool {
	p := m.p
	save := p.pos
	p.ws()
	if strings.HasPrefix(p.s[p.pos:], kw) {
		end := p.pos + len(kw)
		if end == len(p.s) || !isWordByte(p.s[end]) {
			p.pos = end
			return true
		}
	}
	p.pos = save
	return false
}

// isWordByte reports whether c may appear in a marker variable or keyword.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}

// expr parses `( marker )` or `value op value` and evaluates it.
func (m *markerParser) expr() (tri, error) {
	p := m.p
	p.ws()
	if p.peek() == '(' {
		if m.depth > 50 {
			return 0, p.errf("markers are nested too deeply")
		}
		p.pos++
		m.depth++
		v, err := m.or()
		m.depth--
		if err != nil {
			return 0, err
		}
		p.ws()
		if p.peek() != ')' {
			return 0, p.errf("expected ) in the marker")
		}
		p.pos++
		return v, nil
	}
	lhs, lknown, err := m.value()
	if err != nil {
		return 0, err
	}
	op, err := m.op()
	if err != nil {
		return 0, err
	}
	rhs, rknown, err := m.value()
	if err != nil {
		return 0, err
	}
	if !lknown || !rknown {
		return triUnknown, nil
	}
	switch op {
	case "==":
		return triOf(lhs == rhs), nil
	case "!=":
		return triOf(lhs != rhs), nil
	case "in":
		return triOf(strings.Contains(rhs, lhs)), nil
	case "not in":
		return triOf(!strings.Contains(rhs, lhs)), nil
	}
	return triUnknown, nil
}

// triOf turns a Go bool into a known tri.
func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// value parses a quoted string or a marker variable; known reports
// whether its value in the image is known.
func (m *markerParser) value() (string, bool, error) {
	p := m.p
	p.ws()
	if c := p.peek(); c == '"' || c == '\'' {
		end := strings.IndexByte(p.s[p.pos+1:], c)
		if end < 0 {
			return "", false, p.errf("unterminated string in the marker")
		}
		v := p.s[p.pos+1 : p.pos+1+end]
		p.pos += end + 2
		return v, true, nil
	}
	start := p.pos
	for p.pos < len(p.s) && isWordByte(p.s[p.pos]) {
		p.pos++
	}
	name := p.s[start:p.pos]
	if !markerVars[name] {
		p.pos = start
		if name == "" {
			return "", false, p.errf("expected a marker variable or a quoted string")
		}
		return "", false, p.errf("%q is not an environment marker variable", name)
	}
	v, known := markerEnv[name]
	return v, known, nil
}

// op parses a marker comparison operator.
func (m *markerParser) op() (string, error) {
	p := m.p
	p.ws()
	for _, o := range versionOps {
		if strings.HasPrefix(p.s[p.pos:], o) {
			p.pos += len(o)
			return o, nil
		}
	}
	if m.keyword("in") {
		return "in", nil
	}
	if m.keyword("not") && m.keyword("in") {
		return "not in", nil
	}
	return "", p.errf("expected a comparison operator in the marker")
}
