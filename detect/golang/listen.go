package golang

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"path"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// The listen search reads the address a server is given the way a person
// would: from the call that listens (http.ListenAndServe(addr, h),
// e.Start(addr), net.Listen("tcp", addr), http.Server{Addr: addr}) back
// through what addr is made of — constants, local variables, fmt.Sprintf,
// flag and environment defaults, function arguments and the defaults of
// config struct fields. The regexp rules of port.go only see literals
// written at the call; this follows the value. Both are bounded: the
// files are the ones findPort already reads, plus, for a constant or a
// struct field, the files of the module's packages that name it.

// listenMethods are the methods and functions whose first argument is a
// listen address (gin Run, echo Start, fiber Listen, net/http and
// fasthttp ListenAndServe, and their TLS forms).
var listenMethods = map[string]bool{
	"ListenAndServe": true, "ListenAndServeTLS": true, "Listen": true, "ListenTLS": true,
	"Run": true, "RunTLS": true, "Start": true, "StartTLS": true,
}

// listenHints are what a file must contain for the listen search to
// parse it.
var listenHints = [][]byte{[]byte("Listen"), []byte("Run("), []byte("RunTLS("), []byte("Start("), []byte("StartTLS("), []byte("Addr")}

// maxEvalDepth bounds how many steps an address is followed through.
const maxEvalDepth = 8

// maxParsed bounds the files the listen search parses, maxEvalSteps the
// expressions it follows in all (a module of mutually assigned names
// would otherwise branch at every step).
const (
	maxParsed    = 300
	maxEvalSteps = 4000
)

// addrSearch is one listen search over a module.
type addrSearch struct {
	r       *repo.Repo
	fset    *token.FileSet
	modPath string
	// files are every source file of the module by directory (the scan's),
	// for constants and fields found outside the files searched first.
	byDir  map[string][]sourceFile
	parsed map[string]*parsedFile
	texts  map[string][]byte // sources read by the search (not kept by the scan)
	nParse int
	steps  int
	// active are the lookups under way (a flag whose default is the field
	// it is bound to): one is never re-entered.
	active map[string]bool
}

// parsedFile is one parsed source file and what it is.
type parsedFile struct {
	src  sourceFile
	ast  *ast.File
	data []byte
}

func newAddrSearch(r *repo.Repo, files []sourceFile, modPath string) *addrSearch {
	s := &addrSearch{r: r, fset: token.NewFileSet(), modPath: modPath, byDir: map[string][]sourceFile{}, parsed: map[string]*parsedFile{}, texts: map[string][]byte{}, active: map[string]bool{}}
	for _, f := range files {
		s.byDir[f.dir] = append(s.byDir[f.dir], f)
	}
	return s
}

// enter marks a lookup as under way; it returns false when it already is
// (the caller then gives up on it), and leave ends it.
func (s *addrSearch) enter(key string) bool {
	if s.active[key] {
		return false
	}
	s.active[key] = true
	return true
}

func (s *addrSearch) leave(key string) { delete(s.active, key) }

// source returns f's text: as the scan kept it, or read (and kept) now;
// nil when it cannot be read.
func (s *addrSearch) source(f sourceFile) []byte {
	if f.src != nil {
		return f.src
	}
	if data, ok := s.texts[f.rel]; ok {
		return data
	}
	data, err := s.r.Head(f.rel, repo.MaxSource)
	if err != nil {
		data = nil
	}
	s.texts[f.rel] = data
	return data
}

// parse returns f parsed, or nil when it cannot be read or parsed or the
// budget is spent. data is f's source when the caller already has it.
func (s *addrSearch) parse(f sourceFile, data []byte) *parsedFile {
	if p, ok := s.parsed[f.rel]; ok {
		return p
	}
	s.parsed[f.rel] = nil
	if s.nParse >= maxParsed {
		return nil
	}
	s.nParse++
	if data == nil {
		data = s.source(f)
	}
	if data == nil {
		return nil
	}
	file, err := parser.ParseFile(s.fset, f.rel, data, parser.SkipObjectResolution)
	if err != nil && file == nil {
		return nil
	}
	p := &parsedFile{src: f, ast: file, data: data}
	s.parsed[f.rel] = p
	return p
}

// listenIn returns the first listen address in data (the source of f)
// that can be followed to a port.
func (s *addrSearch) listenIn(f sourceFile, data []byte) (found, bool) {
	if !containsAny(data, listenHints) {
		return found{}, false
	}
	p := s.parse(f, data)
	if p == nil {
		return found{}, false
	}
	var best found
	ok := false
	walkFuncs(p.ast, func(n ast.Node, fn *ast.FuncDecl, body *ast.BlockStmt) bool {
		if ok {
			return false
		}
		addr := listenAddrExpr(n)
		if addr == nil {
			return true
		}
		sc := scope{file: p, fn: fn, body: body, at: n.Pos()}
		v, good := s.eval(addr, sc, 0)
		if !good {
			return true
		}
		h, port, valid := parseListenAddr(v.s, v.bare)
		if !valid {
			return true
		}
		best, ok = found{port: port, host: h, val: v}, true
		return false
	})
	return best, ok
}

// found is a listen address followed to its port.
type found struct {
	port int
	host string
	val  value
}

// listenAddrExpr returns the address expression n passes to a listener,
// or nil: the first argument of a listen method, net.Listen's second,
// a Server literal's Addr, or srv.Addr = x.
func listenAddrExpr(n ast.Node) ast.Expr {
	switch n := n.(type) {
	case *ast.CallExpr:
		sel, ok := n.Fun.(*ast.SelectorExpr)
		if !ok || len(n.Args) == 0 {
			return nil
		}
		if sel.Sel.Name == "Listen" && len(n.Args) > 1 {
			// net.Listen("tcp", addr), tls.Listen("tcp", addr, cfg),
			// net.ListenConfig's Listen(ctx, network, addr); fiber's
			// Listen(addr) is a listen method below. A "unix" socket has
			// no port.
			_, lit := stringLit(n.Args[0])
			switch {
			case isNetwork(n.Args[0]), !lit && len(n.Args) == 2:
				return n.Args[1]
			case !lit && len(n.Args) == 3 && !isUnix(n.Args[1]):
				return n.Args[2]
			}
			return nil
		}
		if listenMethods[sel.Sel.Name] {
			return n.Args[0]
		}
	case *ast.CompositeLit:
		if !strings.HasSuffix(typeName(n.Type), "Server") {
			return nil
		}
		for _, el := range n.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok && identName(kv.Key) == "Addr" {
				return kv.Value
			}
		}
	case *ast.AssignStmt:
		if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
			if sel, ok := n.Lhs[0].(*ast.SelectorExpr); ok && sel.Sel.Name == "Addr" {
				return n.Rhs[0]
			}
		}
	}
	return nil
}

// isNetwork reports whether e is a stream network's name ("tcp").
func isNetwork(e ast.Expr) bool {
	s, ok := stringLit(e)
	return ok && (s == "tcp" || s == "tcp4" || s == "tcp6")
}

// isUnix reports whether e is the "unix" network's name.
func isUnix(e ast.Expr) bool {
	s, ok := stringLit(e)
	return ok && s == "unix"
}

// walkFuncs calls visit for every node of file, with the function
// declaration and the innermost function body (a FuncDecl's or a
// FuncLit's) it sits in; nil outside functions. visit returning false
// skips the node's children.
func walkFuncs(file *ast.File, visit func(n ast.Node, fn *ast.FuncDecl, body *ast.BlockStmt) bool) {
	for _, d := range file.Decls {
		fn, _ := d.(*ast.FuncDecl)
		var walk func(n ast.Node, body *ast.BlockStmt)
		walk = func(n ast.Node, body *ast.BlockStmt) {
			ast.Inspect(n, func(c ast.Node) bool {
				if c == nil {
					return false
				}
				if lit, ok := c.(*ast.FuncLit); ok && c != n {
					walk(lit, lit.Body)
					return false
				}
				return visit(c, fn, body)
			})
		}
		var body *ast.BlockStmt
		if fn != nil {
			body = fn.Body
		}
		walk(d, body)
	}
}

// typeName is the name of a composite literal's type: Server for
// http.Server, &Server and Server.
func typeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.StarExpr:
		return typeName(e.X)
	}
	return ""
}

// identName is the name of an identifier expression, "" for others.
func identName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

func containsAny(data []byte, hints [][]byte) bool {
	for _, h := range hints {
		if bytes.Contains(data, h) {
			return true
		}
	}
	return false
}

// packageDir maps an import path of the module to its directory ("" when
// it is not the module's).
func (s *addrSearch) packageDir(importPath string) string {
	switch {
	case importPath == s.modPath:
		return "."
	case strings.HasPrefix(importPath, s.modPath+"/"):
		return path.Clean(strings.TrimPrefix(importPath, s.modPath+"/"))
	}
	return ""
}
