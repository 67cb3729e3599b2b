package detect

import "strings"

// pyTri is a three-valued truth: a marker may be decidable for the image
// (sys_platform is always "linux") or not (python_version, unknown here).
type pyTri int

const (
	pyUnknown pyTri = iota
	pyFalse
	pyTrue
)

// pyMarkerEnv is what is known of the image's environment: Linux and
// CPython. Anything else (Python version, machine) stays unknown. `extra`
// is "" because runtime dependencies are installed without extras.
var pyMarkerEnv = map[string]string{
	"sys_platform": "linux", "sys.platform": "linux",
	"platform_system": "Linux",
	"os_name":         "posix", "os.name": "posix",
	"platform_python_implementation": "CPython", "platform.python_implementation": "CPython",
	"python_implementation": "CPython",
	"implementation_name":   "cpython",
	"extra":                 "",
}

// pyMarkerVars are every environment marker variable PEP 508 (and its
// legacy dotted spellings, PEP 685 and PEP 735) defines.
var pyMarkerVars = map[string]bool{
	"python_version": true, "python_full_version": true, "os_name": true, "sys_platform": true,
	"platform_release": true, "platform_system": true, "platform_version": true,
	"platform_machine": true, "platform_python_implementation": true, "implementation_name": true,
	"implementation_version": true, "extra": true, "extras": true, "dependency_groups": true,
	"os.name": true, "sys.platform": true, "platform.version": true, "platform.machine": true,
	"platform.python_implementation": true, "python_implementation": true,
}

// pyMarkerParser parses and evaluates an environment marker in one pass.
type pyMarkerParser struct {
	p     *pyParser
	depth int
}

// or parses `and ('or' and)*`.
func (m *pyMarkerParser) or() (pyTri, error) {
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
		case v == pyTrue || w == pyTrue:
			v = pyTrue
		case v == pyFalse && w == pyFalse:
			v = pyFalse
		default:
			v = pyUnknown
		}
	}
	return v, nil
}

// and parses `expr ('and' expr)*`.
func (m *pyMarkerParser) and() (pyTri, error) {
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
		case v == pyFalse || w == pyFalse:
			v = pyFalse
		case v == pyTrue && w == pyTrue:
			v = pyTrue
		default:
			v = pyUnknown
		}
	}
	return v, nil
}

// keyword consumes kw when it stands as a word at the cursor.
func (m *pyMarkerParser) keyword(kw string) bool {
	p := m.p
	save := p.pos
	p.ws()
	if strings.HasPrefix(p.s[p.pos:], kw) {
		end := p.pos + len(kw)
		if end == len(p.s) || !pyIsWordByte(p.s[end]) {
			p.pos = end
			return true
		}
	}
	p.pos = save
	return false
}

// pyIsWordByte reports whether c may appear in a marker variable or keyword.
func pyIsWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
}

// expr parses `( marker )` or `value op value` and evaluates it.
func (m *pyMarkerParser) expr() (pyTri, error) {
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
		return pyUnknown, nil
	}
	switch op {
	case "==":
		return pyBool(lhs == rhs), nil
	case "!=":
		return pyBool(lhs != rhs), nil
	case "in":
		return pyBool(strings.Contains(rhs, lhs)), nil
	case "not in":
		return pyBool(!strings.Contains(rhs, lhs)), nil
	}
	return pyUnknown, nil
}

// pyBool turns a Go bool into a known pyTri.
func pyBool(b bool) pyTri {
	if b {
		return pyTrue
	}
	return pyFalse
}

// value parses a quoted string or a marker variable; known reports
// whether its value in the image is known.
func (m *pyMarkerParser) value() (string, bool, error) {
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
	for p.pos < len(p.s) && pyIsWordByte(p.s[p.pos]) {
		p.pos++
	}
	name := p.s[start:p.pos]
	if !pyMarkerVars[name] {
		p.pos = start
		if name == "" {
			return "", false, p.errf("expected a marker variable or a quoted string")
		}
		return "", false, p.errf("%q is not an environment marker variable", name)
	}
	v, known := pyMarkerEnv[name]
	return v, known, nil
}

// op parses a marker comparison operator.
func (m *pyMarkerParser) op() (string, error) {
	p := m.p
	p.ws()
	for _, o := range pyVersionOps {
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
