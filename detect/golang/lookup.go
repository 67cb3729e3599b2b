package golang

import (
	"bytes"
	"go/ast"
	"go/token"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// assigned is an expression a name is given; result > 0 when the name
// is that result of a call returning several (network, addr := f()).
type assigned struct {
	e      ast.Expr
	result int
}

// localValues returns, in source order, what a local name is given in
// body: assignments, var declarations and flag bindings (flag.IntVar(&name, …)).
func localValues(body *ast.BlockStmt, name string) []assigned {
	var out []assigned
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if identName(l) != name {
					continue
				}
				if len(n.Rhs) == len(n.Lhs) {
					out = append(out, assigned{e: n.Rhs[i]})
				} else if len(n.Rhs) == 1 {
					out = append(out, assigned{e: n.Rhs[0], result: i}) // v, ok := lookup(…)
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if id.Name == name && i < len(n.Values) {
					out = append(out, assigned{e: n.Values[i]})
				}
			}
		case *ast.CallExpr:
			if isFlagBinding(n, func(e ast.Expr) bool { return identName(e) == name }) {
				out = append(out, assigned{e: n})
			}
		}
		return true
	})
	return out
}

// isFlagBinding reports whether c is flag.XVar(&v, …) with target(v).
func isFlagBinding(c *ast.CallExpr, target func(ast.Expr) bool) bool {
	m := flagFuncRE.FindStringSubmatch(identOrSel(c.Fun))
	if m == nil || m[1] == "" || len(c.Args) < 3 {
		return false
	}
	u, ok := c.Args[0].(*ast.UnaryExpr)
	return ok && u.Op == token.AND && target(u.X)
}

// paramIndex is the index of the parameter called name of fn, or -1.
func paramIndex(fn *ast.FuncDecl, name string) int {
	if fn == nil || fn.Type.Params == nil {
		return -1
	}
	i := 0
	for _, field := range fn.Type.Params.List {
		if len(field.Names) == 0 {
			i++
			continue
		}
		for _, id := range field.Names {
			if id.Name == name {
				return i
			}
			i++
		}
	}
	return -1
}

// callerArg follows argument i of the calls to fn: in its package, and
// anywhere in the module when fn is exported (server.New(":8080") in main).
func (s *addrSearch) callerArg(dir string, fn *ast.FuncDecl, i, depth int) (value, bool) {
	name := fn.Name.Name
	var found value
	ok := false
	s.eachFile(name, dir, ast.IsExported(name), func(p *parsedFile) bool {
		walkFuncs(p.ast, func(n ast.Node, caller *ast.FuncDecl, body *ast.BlockStmt) bool {
			c, isCall := n.(*ast.CallExpr)
			if ok || !isCall || identOrSel(c.Fun) != name || i >= len(c.Args) || caller == fn {
				return !ok
			}
			if v, good := s.eval(c.Args[i], scope{file: p, fn: caller, body: body, at: c.Pos()}, depth+1); good {
				found, ok = v, true
			}
			return !ok
		})
		return ok
	})
	return found, ok
}

// packageValue follows a package-level constant or variable of the
// package in dir: its declared value, else a flag bound to it in one of
// the package's functions (flag.StringVar(&addr, …) in init or main).
func (s *addrSearch) packageValue(name, dir string, depth int) (value, bool) {
	if key := "pkg " + dir + " " + name; s.enter(key) {
		defer s.leave(key)
	} else {
		return value{}, false
	}
	var found value
	ok := false
	s.eachFile(name, dir, false, func(p *parsedFile) bool {
		for _, d := range p.ast.Decls {
			g, isGen := d.(*ast.GenDecl)
			if !isGen || (g.Tok != token.CONST && g.Tok != token.VAR) {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, id := range vs.Names {
					if id.Name != name || i >= len(vs.Values) {
						continue
					}
					if v, good := s.eval(vs.Values[i], scope{file: p}, depth+1); good {
						found, ok = v, true
						return true
					}
				}
			}
		}
		walkFuncs(p.ast, func(n ast.Node, fn *ast.FuncDecl, body *ast.BlockStmt) bool {
			c, isCall := n.(*ast.CallExpr)
			if ok || !isCall || !isFlagBinding(c, func(e ast.Expr) bool { return identName(e) == name }) {
				return !ok
			}
			found, ok = s.eval(c, scope{file: p, fn: fn, body: body, at: c.Pos()}, depth+1)
			return !ok
		})
		return ok
	})
	return found, ok
}

// callResult follows result i of a call to a function of the module
// (split(addr) in this package, conf.Addr() of another): the last
// statement of its body must return it, and its parameters are bound
// to the call's arguments.
func (s *addrSearch) callResult(c *ast.CallExpr, i int, sc scope, depth int) (value, bool) {
	name, recv := callName(c)
	dir := sc.file.src.dir
	if recv != "" {
		dir = s.importedDir(sc.file, recv)
	}
	if name == "" || dir == "" || (recv == "" && !isIdentCall(c)) {
		return value{}, false
	}
	var found value
	ok := false
	s.eachFile(name, dir, false, func(p *parsedFile) bool {
		for _, d := range p.ast.Decls {
			fn, isFn := d.(*ast.FuncDecl)
			if !isFn || fn.Recv != nil || fn.Name.Name != name || fn.Body == nil || len(fn.Body.List) == 0 {
				continue
			}
			ret, isRet := fn.Body.List[len(fn.Body.List)-1].(*ast.ReturnStmt)
			if !isRet || i >= len(ret.Results) {
				return true
			}
			args := map[string]arg{}
			n := 0
			for _, field := range fn.Type.Params.List {
				for _, id := range field.Names {
					if n < len(c.Args) {
						args[id.Name] = arg{e: c.Args[n], sc: sc}
					}
					n++
				}
				if len(field.Names) == 0 {
					n++
				}
			}
			found, ok = s.eval(ret.Results[i], scope{file: p, fn: fn, body: fn.Body, at: ret.Pos(), args: args}, depth+1)
			return true
		}
		return false
	})
	return found, ok
}

// isIdentCall reports whether c calls a plain name (f(…), not x.f(…)).
func isIdentCall(c *ast.CallExpr) bool {
	_, ok := c.Fun.(*ast.Ident)
	return ok
}

// importedDir maps a package name used in p (its import's last element
// or alias) to the directory of a package of this module, "" otherwise.
func (s *addrSearch) importedDir(p *parsedFile, pkg string) string {
	for _, imp := range p.ast.Imports {
		ip, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		local := ip[strings.LastIndex(ip, "/")+1:]
		if imp.Name != nil {
			local = imp.Name.Name
		}
		if local == pkg {
			return s.packageDir(ip)
		}
	}
	return ""
}

// eachFile calls fn on the parsed files that mention name: those of the
// package in dir, then, when wide, every other file of the module, in
// path order, until fn returns true.
func (s *addrSearch) eachFile(name, dir string, wide bool, fn func(*parsedFile) bool) {
	dirs := []string{dir}
	if wide {
		for d := range s.byDir {
			if d != dir {
				dirs = append(dirs, d)
			}
		}
		sort.Strings(dirs[1:])
	}
	word := []byte(name)
	for _, d := range dirs {
		for _, f := range s.byDir[d] {
			if f.pkg == "" || (d != dir && strings.HasSuffix(f.rel, "_test.go")) {
				continue
			}
			data := s.source(f)
			if !bytes.Contains(data, word) {
				continue // only files that name it are parsed
			}
			p := s.parse(f, data)
			if p == nil {
				continue
			}
			if fn(p) {
				return
			}
		}
	}
}

// fieldDefault is the default a config struct gives a field, found by
// the field's name (the last of chain, e.g. cfg.Server.Port): a struct
// literal's Port: 8090 or Addr: ":80", a struct tag default:"8080" (or
// envDefault, env-default), an assignment c.Port = 8090, or a flag bound
// to it. The field's name must be a listen one (Port, Addr, ListenAddr),
// and the struct's or the parent field's name must not be someone else's
// (DBConfig, Redis): the first such default in the module wins, and the
// value is only likely.
func (s *addrSearch) fieldDefault(chain []string, depth int) (value, bool) {
	if len(chain) < 2 {
		return value{}, false
	}
	field := chain[len(chain)-1]
	if !portKey(splitWords(field)) {
		return value{}, false
	}
	if key := "field " + strings.Join(chain[1:], "."); s.enter(key) {
		defer s.leave(key)
	} else {
		return value{}, false
	}
	parent := ""
	if len(chain) >= 3 {
		parent = strings.ToLower(chain[len(chain)-2])
	}
	fits := func(context string) bool {
		words := strings.Fields(splitWords(context))
		for _, w := range words {
			if portKeyDeny[w] {
				return false
			}
		}
		return parent == "" || strings.Contains(strings.ToLower(context), parent)
	}
	var found value
	ok := false
	s.eachFile(field, ".", true, func(p *parsedFile) bool {
		// keyOf names a literal nested without a type (Server: {Port: 80}
		// in a slice or map, or Server: ServerConfig{…}) by its key.
		keyOf := map[*ast.CompositeLit]string{}
		walkFuncs(p.ast, func(n ast.Node, fn *ast.FuncDecl, body *ast.BlockStmt) bool {
			if ok {
				return false
			}
			switch n := n.(type) {
			case *ast.TypeSpec:
				if st, isStruct := n.Type.(*ast.StructType); isStruct && fits(n.Name.Name) {
					found, ok = s.tagDefault(st, field, p)
				}
			case *ast.CompositeLit:
				context := strings.TrimSpace(typeName(n.Type) + " " + keyOf[n])
				for _, el := range n.Elts {
					kv, isKV := el.(*ast.KeyValueExpr)
					if !isKV {
						continue
					}
					if lit := compositeOf(kv.Value); lit != nil {
						keyOf[lit] = identName(kv.Key)
					}
					if !ok && identName(kv.Key) == field && fits(context) {
						found, ok = s.eval(kv.Value, scope{file: p, fn: fn, body: body, at: kv.Pos()}, depth+1)
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
					if c := selectorChain(n.Lhs[0]); len(c) >= 2 && c[len(c)-1] == field && fits(strings.Join(c[:len(c)-1], " ")) {
						found, ok = s.eval(n.Rhs[0], scope{file: p, fn: fn, body: body, at: n.Pos()}, depth+1)
					}
				}
			case *ast.CallExpr:
				if isFlagBinding(n, func(e ast.Expr) bool {
					c := selectorChain(e)
					return len(c) >= 2 && c[len(c)-1] == field
				}) {
					found, ok = s.eval(n, scope{file: p, fn: fn, body: body, at: n.Pos()}, depth+1)
				}
			}
			return !ok
		})
		return ok
	})
	if ok && !found.hasFlag() {
		found.likely = true
		// flag.StringVar(&cfg.Addr, "http", cfg.Addr, …): the field's
		// default is the flag's, and the flag can change it.
		// A lookup of its own: it starts again from depth 0.
		if k, bound := s.boundKnob(chain, 0); bound {
			found = found.withKnob(k.kind, k.name)
		}
	}
	return found, ok
}

// boundKnob finds a setting bound to the field (the last of chain,
// under the parent before it when there is one): a flag
// (flag.StringVar(&cfg.Addr, "addr", …)) or an environment variable a
// helper reads into it (parseInt(&c.Server.Port, EnvServerPort), the
// name a string or a constant). ok is false when there is none.
func (s *addrSearch) boundKnob(chain []string, depth int) (k knob, ok bool) {
	field := chain[len(chain)-1]
	parent := ""
	if len(chain) >= 3 {
		parent = chain[len(chain)-2]
	}
	target := func(e ast.Expr) bool {
		u, isAddr := e.(*ast.UnaryExpr)
		if !isAddr || u.Op != token.AND {
			return false
		}
		c := selectorChain(u.X)
		return len(c) >= 2 && c[len(c)-1] == field && (parent == "" || len(c) >= 3 && c[len(c)-2] == parent)
	}
	s.eachFile(field, ".", true, func(p *parsedFile) bool {
		walkFuncs(p.ast, func(n ast.Node, fn *ast.FuncDecl, body *ast.BlockStmt) bool {
			c, isCall := n.(*ast.CallExpr)
			if ok || !isCall || len(c.Args) < 2 || !target(c.Args[0]) {
				return !ok
			}
			if isFlagBinding(c, func(ast.Expr) bool { return true }) {
				if name, lit := stringLit(c.Args[1]); lit {
					k, ok = knob{kind: "flag", name: name}, true
				}
				return !ok
			}
			for _, a := range c.Args[1:] {
				v, good := s.eval(a, scope{file: p, fn: fn, body: body, at: c.Pos()}, depth+1)
				if good && envNameRE.MatchString(v.s) && strings.Contains(v.s, "_") {
					k, ok = knob{kind: "env", name: v.s}, true
					break
				}
			}
			return !ok
		})
		return ok
	})
	return k, ok
}

// compositeOf is the literal an expression is, or takes the address of.
func compositeOf(e ast.Expr) *ast.CompositeLit {
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = u.X
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// tagDefault reads a default from the struct tag of field in st.
func (s *addrSearch) tagDefault(st *ast.StructType, field string, p *parsedFile) (value, bool) {
	for _, f := range st.Fields.List {
		if f.Tag == nil {
			continue
		}
		for _, id := range f.Names {
			if id.Name != field {
				continue
			}
			raw, err := strconv.Unquote(f.Tag.Value)
			if err != nil {
				return value{}, false
			}
			tag := reflect.StructTag(raw)
			for _, key := range []string{"default", "envDefault", "env-default"} {
				if d, has := tag.Lookup(key); has && d != "" {
					v := value{s: d, bare: !strings.Contains(d, ":"), file: p.src.rel, pos: f.Tag.Pos()}
					if env, has := tag.Lookup("env"); has {
						name, _, _ := strings.Cut(env, ",")
						v = v.withKnob("env", name)
					} else if env, has := tag.Lookup("envconfig"); has {
						v = v.withKnob("env", env)
					}
					return v, true
				}
			}
		}
	}
	return value{}, false
}

// keyedDefault is the default given to a configuration key: viper's
// SetDefault("server.port", 8080), or an urfave/cli flag literal
// {Name: "addr", Value: ":8080"}.
func (s *addrSearch) keyedDefault(key string, depth int) (value, bool) {
	if k := "key " + key; s.enter(k) {
		defer s.leave(k)
	} else {
		return value{}, false
	}
	var found value
	ok := false
	s.eachFile(strconv.Quote(key), ".", true, func(p *parsedFile) bool {
		walkFuncs(p.ast, func(n ast.Node, fn *ast.FuncDecl, body *ast.BlockStmt) bool {
			if ok {
				return false
			}
			switch n := n.(type) {
			case *ast.CallExpr:
				if identOrSel(n.Fun) == "SetDefault" && len(n.Args) == 2 {
					if k, isLit := stringLit(n.Args[0]); isLit && k == key {
						found, ok = s.eval(n.Args[1], scope{file: p, fn: fn, body: body, at: n.Pos()}, depth+1)
					}
				}
				// flags.StringP("address", "a", "127.0.0.1", …), which viper
				// or cobra then reads by that name.
				if m := flagFuncRE.FindStringSubmatch(identOrSel(n.Fun)); m != nil && !ok {
					at := 0
					if m[1] != "" {
						at = 1
					}
					if at < len(n.Args) {
						if k, isLit := stringLit(n.Args[at]); isLit && k == key {
							found, ok = s.flagDefault(n, scope{file: p, fn: fn, body: body, at: n.Pos()}, depth+1)
						}
					}
				}
			case *ast.CompositeLit:
				var name, val ast.Expr
				for _, el := range n.Elts {
					if kv, isKV := el.(*ast.KeyValueExpr); isKV {
						switch identName(kv.Key) {
						case "Name":
							name = kv.Value
						case "Value":
							val = kv.Value
						}
					}
				}
				if k, isLit := stringLit(name); isLit && k == key && val != nil {
					found, ok = s.eval(val, scope{file: p, fn: fn, body: body, at: n.Pos()}, depth+1)
					found = found.withKnob("flag", key)
				}
			}
			return !ok
		})
		return ok
	})
	if ok {
		found.bare = found.bare || !strings.Contains(found.s, ":")
	}
	return found, ok
}

// splitWords turns a Go name into lower-case words: HTTPListenAddr →
// "http listen addr", DBConfig → "db config".
func splitWords(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			b.WriteByte(' ')
			continue
		}
		if i > 0 && unicode.IsUpper(r) && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1])) {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
