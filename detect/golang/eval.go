package golang

import (
	"go/ast"
	"go/token"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// value is an address expression followed to text.
type value struct {
	s string
	// bare is true for a number alone (8080, a flag's or an environment
	// variable's default), which the listener is given as a port.
	bare bool
	// likely is true when a step was a guess: a config struct field's
	// default, found by the field's name.
	likely bool
	file   string    // the file holding the literal the text came from
	pos    token.Pos // and its position
	// knobs are the settings that change it: an environment variable or
	// a flag whose default went into the text.
	knobs []knob
}

// knob is a setting a part of an address came from: an environment
// variable (kind "env") or a flag ("flag") and its default text.
type knob struct {
	kind, name, def string
}

// withKnob is v as the default of the setting kind name.
func (v value) withKnob(kind, name string) value {
	v.knobs = append(slices.Clone(v.knobs), knob{kind: kind, name: name, def: v.s})
	return v
}

// hasFlag reports whether a flag can change v.
func (v value) hasFlag() bool {
	return slices.ContainsFunc(v.knobs, func(k knob) bool { return k.kind == "flag" })
}

// scope is where an expression is evaluated: its file, the function
// declaration and the body it sits in (nil at package level), and the
// position it is used at.
type scope struct {
	file *parsedFile
	fn   *ast.FuncDecl
	body *ast.BlockStmt
	at   token.Pos
	// args binds the function's parameters to a call's arguments, when
	// the function is followed from that call.
	args map[string]arg
}

// arg is an argument of a call, and the scope it is evaluated in.
type arg struct {
	e  ast.Expr
	sc scope
}

// flagFuncRE matches the flag, pflag and cobra definitions that carry a
// default: String, IntVar, Uint64VarP…
var flagFuncRE = regexp.MustCompile(`^(?:String|Int|Int64|Uint|Uint64)(Var)?(P)?$`)

// keyedGetters read a configuration or flag value by its key.
var keyedGetters = map[string]bool{"GetString": true, "GetInt": true, "String": true, "Int": true, "Uint": true}

// envNameRE is an environment variable name as helper functions take it.
var envNameRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// eval follows e to its text. It fails (ok false) on anything it cannot
// read without running the program: an environment variable without a
// default, a value computed at run time.
func (s *addrSearch) eval(e ast.Expr, sc scope, depth int) (v value, ok bool) {
	if depth > maxEvalDepth || s.steps >= maxEvalSteps {
		return value{}, false
	}
	s.steps++
	switch e := e.(type) {
	case *ast.BasicLit:
		switch e.Kind {
		case token.STRING:
			text, err := strconv.Unquote(e.Value)
			return value{s: text, file: sc.file.src.rel, pos: e.Pos()}, err == nil
		case token.INT:
			return value{s: e.Value, bare: true, file: sc.file.src.rel, pos: e.Pos()}, true
		}
	case *ast.ParenExpr:
		return s.eval(e.X, sc, depth+1)
	case *ast.StarExpr: // *port, where port := flag.Int(…)
		return s.eval(e.X, sc, depth+1)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return s.eval(e.X, sc, depth+1)
		}
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return value{}, false
		}
		l, ok1 := s.eval(e.X, sc, depth+1)
		r, ok2 := s.eval(e.Y, sc, depth+1)
		if !ok1 || !ok2 {
			return value{}, false
		}
		return join(l.s+r.s, l, r), true
	case *ast.Ident:
		return s.evalIdent(e.Name, sc, depth)
	case *ast.SelectorExpr:
		if pkg := identName(e.X); pkg != "" {
			if dir := s.importedDir(sc.file, pkg); dir != "" {
				return s.packageValue(e.Sel.Name, dir, depth+1)
			}
		}
		return s.fieldDefault(selectorChain(e), depth+1)
	case *ast.CallExpr:
		return s.evalCall(e, sc, depth)
	}
	return value{}, false
}

// join is the value made of parts: the text given, the place of the
// part that holds the port (else of the first with digits), a guess if
// any part was one.
func join(text string, parts ...value) value {
	v := value{s: text}
	for _, p := range parts {
		if p.file != "" && holdsPort(p.s) {
			v.file, v.pos = p.file, p.pos
			break
		}
	}
	for _, p := range parts {
		if v.file == "" && p.file != "" && (strings.ContainsAny(p.s, "0123456789")) {
			v.file, v.pos = p.file, p.pos
		}
		v.likely = v.likely || p.likely
		v.knobs = append(v.knobs, p.knobs...)
	}
	if v.file == "" && len(parts) > 0 {
		v.file, v.pos = parts[0].file, parts[0].pos
	}
	return v
}

// evalIdent follows a name: a local variable's assignments (the first
// that can be followed, so `port := os.Getenv("PORT"); if port == "" {
// port = "8080" }` gives 8080), a parameter through the function's
// callers, then the package's constants and variables.
func (s *addrSearch) evalIdent(name string, sc scope, depth int) (value, bool) {
	if a, ok := sc.args[name]; ok {
		return s.eval(a.e, a.sc, depth+1)
	}
	if sc.body != nil {
		for _, x := range localValues(sc.body, name) {
			v, ok := value{}, false
			if x.result > 0 { // network, addr := split(…): the second result
				if c, isCall := x.e.(*ast.CallExpr); isCall {
					v, ok = s.callResult(c, x.result, sc, depth+1)
				}
			} else {
				v, ok = s.eval(x.e, sc, depth+1)
			}
			if ok {
				return v, true
			}
		}
		if i := paramIndex(sc.fn, name); i >= 0 {
			if v, ok := s.callerArg(sc.file.src.dir, sc.fn, i, depth+1); ok {
				return v, true
			}
		}
	}
	return s.packageValue(name, sc.file.src.dir, depth+1)
}

// evalCall reads the calls that make addresses: fmt.Sprintf,
// net.JoinHostPort, strconv.Itoa, cmp.Or and getEnv("PORT", "8080")
// style helpers (the default), flag definitions (their default), and a
// function of the module that returns one expression.
func (s *addrSearch) evalCall(c *ast.CallExpr, sc scope, depth int) (value, bool) {
	name, recv := callName(c)
	args := c.Args
	switch {
	case recv == "os" && (name == "Getenv" || name == "LookupEnv"):
		return value{}, false // no default: the environment decides
	case recv == "fmt" && name == "Sprintf" && len(args) >= 1:
		return s.sprintf(args, sc, depth)
	case recv == "net" && name == "JoinHostPort" && len(args) == 2:
		h, ok1 := s.eval(args[0], sc, depth+1)
		if !ok1 && hostLike(args[0]) {
			h, ok1 = value{likely: true}, true // as in sprintf
		}
		p, ok2 := s.eval(args[1], sc, depth+1)
		if !ok1 || !ok2 {
			return value{}, false
		}
		return join(h.s+":"+p.s, h, p), true
	case len(args) >= 1 && (recv == "strconv" && (name == "Itoa" || name == "FormatInt") ||
		recv == "fmt" && name == "Sprint" || recv == "" && name == "string"):
		return s.eval(args[0], sc, depth+1)
	case len(args) == 1 && keyedGetters[name]:
		// viper.GetString("server.addr"), urfave's c.String("addr"): the
		// default set for that key.
		if key, ok := stringLit(args[0]); ok {
			return s.keyedDefault(key, depth+1)
		}
		return value{}, false
	case recv == "cmp" && name == "Or":
		for _, a := range args { // the first that is set: an unset variable is skipped
			if v, ok := s.eval(a, sc, depth+1); ok {
				return v, true
			}
		}
		return value{}, false
	case flagFuncRE.MatchString(name) && recv != "strconv":
		return s.flagDefault(c, sc, depth)
	case len(args) >= 2:
		// getEnv("PORT", "8080"), envOr("ADDR", ":8080"): a helper given an
		// environment variable's name and a default.
		if key, ok := stringLit(args[0]); ok && envNameRE.MatchString(key) {
			v, ok := s.eval(args[len(args)-1], sc, depth+1)
			return v.withKnob("env", key), ok
		}
	}
	return s.callResult(c, 0, sc, depth+1)
}

// flagDefault is the default of a flag definition: flag.Int("port", 8080,
// …), StringVar(&addr, "addr", ":8080", …), cobra's IntVarP(&p, "port",
// "p", 8080, …).
func (s *addrSearch) flagDefault(c *ast.CallExpr, sc scope, depth int) (value, bool) {
	m := flagFuncRE.FindStringSubmatch(identOrSel(c.Fun))
	i := 0
	if m[1] != "" {
		i++ // &v
	}
	nameAt := i
	i++
	if m[2] != "" {
		i++ // the shorthand letter
	}
	if i >= len(c.Args) {
		return value{}, false
	}
	flagName, ok := stringLit(c.Args[nameAt])
	if !ok {
		return value{}, false
	}
	v, ok := s.eval(c.Args[i], sc, depth+1)
	if !ok {
		return value{}, false
	}
	v = v.withKnob("flag", flagName)
	if _, isNum := c.Args[i].(*ast.BasicLit); isNum {
		v.bare = true
	}
	v.bare = v.bare || !strings.Contains(v.s, ":")
	return v, true
}

// sprintf formats a literal format with the %d, %s and %v verbs.
func (s *addrSearch) sprintf(args []ast.Expr, sc scope, depth int) (value, bool) {
	format, ok := s.eval(args[0], sc, depth+1)
	if !ok {
		return value{}, false
	}
	var out strings.Builder
	parts := []value{format}
	next := 1
	for i := 0; i < len(format.s); i++ {
		ch := format.s[i]
		if ch != '%' {
			out.WriteByte(ch)
			continue
		}
		if i+1 >= len(format.s) {
			return value{}, false
		}
		i++
		switch format.s[i] {
		case '%':
			out.WriteByte('%')
		case 'd', 's', 'v':
			if next >= len(args) {
				return value{}, false
			}
			v, ok := s.eval(args[next], sc, depth+1)
			if !ok && format.s[i] == 's' && hostLike(args[next]) {
				// A listen host nothing sets (Sprintf("%s:%d", cfg.Host, port)):
				// Go's zero value, "", is every interface.
				v, ok = value{likely: true}, true
			}
			if !ok {
				return value{}, false
			}
			next++
			out.WriteString(v.s)
			parts = append(parts, v)
		default:
			return value{}, false
		}
	}
	v := join(out.String(), parts[1:]...)
	if len(parts) == 1 {
		v = join(out.String(), format)
	}
	return v, true
}

// callName returns a call's function name and, for pkg.F(…), pkg; for a
// method call x.M(…), M and "".
func callName(c *ast.CallExpr) (name, recv string) {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return f.Name, ""
	case *ast.SelectorExpr:
		return f.Sel.Name, identName(f.X)
	}
	return "", ""
}

// identOrSel is the last name of a function expression.
func identOrSel(e ast.Expr) string {
	switch f := e.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		return f.Sel.Name
	}
	return ""
}

// stringLit returns the text of a string literal.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// selectorChain is a.b.c as [a b c]; nil when a part is not a name.
func selectorChain(e ast.Expr) []string {
	switch e := e.(type) {
	case *ast.Ident:
		return []string{e.Name}
	case *ast.SelectorExpr:
		if head := selectorChain(e.X); head != nil {
			return append(head, e.Sel.Name)
		}
	case *ast.CallExpr: // cfg.Get().Port
		if sel, ok := e.Fun.(*ast.SelectorExpr); ok {
			return selectorChain(sel.X)
		}
	case *ast.StarExpr:
		return selectorChain(e.X)
	}
	return nil
}

// holdsPort reports whether text is a port (8080) or ends in one (:8080).
func holdsPort(text string) bool {
	i := strings.LastIndexByte(text, ':')
	digits := text[i+1:]
	if digits == "" {
		return false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// hostLike reports whether an expression names a listen host or address
// (cfg.ListenAddr, host, bindIP) rather than a port.
func hostLike(e ast.Expr) bool {
	chain := selectorChain(e)
	if len(chain) == 0 {
		return false
	}
	words := strings.Fields(splitWords(chain[len(chain)-1]))
	if len(words) == 0 || slices.Contains(words, "port") {
		return false
	}
	last := words[len(words)-1]
	return last == "host" || last == "addr" || last == "address" || last == "bind" || last == "ip" || last == "listen"
}
