package golang

import (
	"fmt"
	"go/ast"
	"path"
	"slices"
	"strings"
)

// A Go image holds the binary alone, but many servers read files beside
// it at run time: templates (gin's LoadHTMLGlob("templates/*")), a static
// folder (http.Dir("./static"), echo's Static("/", "public")), a UI
// folder named by a flag's default (--ui-path=./ui). Paths the chosen
// main's code names that way, and that the repository has, are copied
// into the runtime's working directory, where the relative path finds
// them (docs/dockerfiles.md).

// pathArgs are the calls whose argument names a path read at run time,
// by function name: the index of that argument. The flag functions'
// index is their default's.
var pathArgs = map[string]int{
	"Dir": 0, "DirFS": 0, "ParseGlob": 0, "ParseFiles": 0, "LoadHTMLGlob": 0, "LoadHTMLFiles": 0,
	"Static": 1, "StaticFS": 1, "File": 1, "ReadFile": 0, "ReadDir": 0, "Open": 0,
	"String": 1, "StringVar": 2, "StringP": 2, "StringVarP": 3,
}

// pathHints are what a file must contain for the search to parse it.
var pathHints = [][]byte{[]byte(`"./`), []byte(`("`), []byte(`, "`)}

// flagName are the flag functions and the index of their name.
var flagName = map[string]int{"String": 0, "StringVar": 1, "StringP": 0, "StringVarP": 1}

// outputWords mark a flag whose path is written, not read (--out=docs).
var outputWords = []string{"out", "dest", "target", "write", "export", "dump", "save", "log"}

// writtenFlag reports whether a flag call names a path the program
// writes (its name says so).
func writtenFlag(fn string, args []ast.Expr) bool {
	i, ok := flagName[fn]
	if !ok || i >= len(args) {
		return false
	}
	name, _ := stringLit(args[i])
	name = strings.ToLower(name)
	for _, w := range outputWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// runtimeFile is one path the program reads, and where the code says so.
type runtimeFile struct{ path, from string }

// runtimeFiles lists the files and folders of the repository that the
// compiled files read at run time by a relative path, sorted. Embedded
// paths (in the binary already), hidden and secret-shaped names,
// testdata and the whole project are never taken.
func (s *addrSearch) runtimeFiles(compiled []sourceFile, embedded []string) []runtimeFile {
	var out []runtimeFile
	seen := map[string]bool{}
	for _, f := range compiled {
		data := s.source(f)
		if data == nil || f.generated || !containsAny(data, pathHints) {
			continue
		}
		p := s.parse(f, data)
		if p == nil {
			continue
		}
		ast.Inspect(p.ast, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			name, _ := callName(c)
			i, ok := pathArgs[name]
			if !ok || i >= len(c.Args) {
				return true
			}
			lit, ok := stringLit(c.Args[i])
			if !ok || writtenFlag(name, c.Args) {
				return true
			}
			rel, ok := s.repoPath(lit, embedded)
			if ok && !seen[rel] {
				seen[rel] = true
				out = append(out, runtimeFile{path: rel, from: fmt.Sprintf("%s:%d", f.rel, s.fset.Position(c.Pos()).Line)})
			}
			return true
		})
	}
	slices.SortFunc(out, func(a, b runtimeFile) int { return strings.Compare(a.path, b.path) })
	return out
}

// repoPath turns a literal into a path of the repository the program
// would find from its working directory ("./ui" → ui, "templates/*" →
// templates), when the repository has it and it may be copied.
func (s *addrSearch) repoPath(lit string, embedded []string) (string, bool) {
	if lit == "" || strings.ContainsAny(lit, "\x00\n:") || path.IsAbs(lit) {
		return "", false
	}
	rel, ok := embedRoot(".", lit)
	if !ok {
		return "", false
	}
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") || seg == "testdata" || seg == "vendor" || seg == "node_modules" {
			return "", false // .env, .git, .ssh…: never copied
		}
	}
	switch ext := path.Ext(rel); {
	case ext == ".go", ext == ".pem", ext == ".key", strings.HasPrefix(path.Base(rel), "id_rsa"):
		return "", false
	}
	for _, e := range embedded {
		if rel == e || strings.HasPrefix(rel, e+"/") || strings.HasPrefix(e, rel+"/") {
			return "", false
		}
	}
	if s.r.HasDir(rel) {
		if _, hasGo := s.byDir[rel]; hasGo {
			return "", false // a package of the module, not data
		}
		return rel, true
	}
	return rel, s.r.Has(rel)
}
