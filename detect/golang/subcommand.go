package golang

import (
	"bytes"
	"fmt"
	"go/ast"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/dockslim/dockslim/detect/internal/dockerfiles"
)

// Many Go services are one binary of several commands (`shiori server`,
// `chisel server`, `pocketbase serve`); run bare they print their usage
// and exit. The subcommand a container needs is found, in order, in what
// the repository runs itself — its Procfile's web line, the final stage
// of its own Dockerfile — and else in the commands the chosen main
// defines (cobra, urfave/cli, go-flags, kong, kingpin, flag.NewFlagSet,
// a switch over os.Args), where the first serving name wins
// (docs/detect.md, "Go subcommands").

// serveWords are the command names that start a service, preferred in
// this order: a program with both "serve" and "run" serves with "serve".
var serveWords = []string{"serve", "server", "start", "web", "daemon", "http", "api", "run"}

// plainWord is what a subcommand name looks like.
var plainWord = regexp.MustCompile(`^[a-z][a-z0-9-]{0,30}$`)

// wrappers are init programs a Dockerfile puts before the real one.
var wrappers = setOf("tini", "dumb-init", "catatonit", "--", "exec")

// notBinary are programs that are not the service's binary: shells,
// interpreters, the go command.
var notBinary = setOf("sh", "bash", "ash", "dash", "go", "python", "python3", "node", "env")

// subcommandHints are what a file must contain for the command search
// to parse it.
var subcommandHints = [][]byte{[]byte("cobra"), []byte("urfave/cli"), []byte("go-flags"), []byte("kong"),
	[]byte("kingpin"), []byte("NewFlagSet"), []byte("Args")}

// subcommand is the command a container runs the program with.
type subcommand struct {
	name string
	from string // "Dockerfile:31", "Procfile:1", "internal/cmd/server.go:16"
	// ran is true when the repository runs it (Procfile, Dockerfile),
	// false when it was chosen among the commands the code defines.
	ran bool
	// defined are the serving commands the code defines, for the warning.
	defined []string
}

// command is one subcommand the code defines.
type command struct {
	name, from string
	hidden     bool // cobra Deprecated or Hidden: never chosen
}

// findSubcommand returns the subcommand the program needs, if any: what
// the repository runs (when the code defines that command, or defines no
// commands dockslim can read), else the first of serveWords the code
// defines. bin is the binary's name (the cobra root is not a command).
func (s *addrSearch) findSubcommand(files []sourceFile, bin, procfile, procFrom string, own []dockerfiles.File) (subcommand, bool) {
	defined := s.definedCommands(files, bin)
	names := map[string]bool{}
	var serving []string
	for _, c := range defined {
		names[c.name] = true
		if slices.Contains(serveWords, c.name) && !c.hidden && !slices.Contains(serving, c.name) {
			serving = append(serving, c.name)
		}
	}
	accept := func(word string) bool { return plainWord.MatchString(word) && (len(defined) == 0 || names[word]) }
	if w := strings.Fields(procfile); len(w) > 1 && !notBinary[path.Base(w[0])] && accept(w[1]) {
		return subcommand{name: w[1], from: procFrom, ran: true, defined: serving}, true
	}
	for _, df := range own {
		argv := df.Argv
		for len(argv) > 0 && wrappers[path.Base(argv[0])] {
			argv = argv[1:]
		}
		if len(argv) > 1 && !notBinary[path.Base(argv[0])] && !strings.Contains(path.Base(argv[0]), ".") && accept(argv[1]) {
			return subcommand{name: argv[1], from: df.From(df.ArgvLine), ran: true, defined: serving}, true
		}
	}
	for _, w := range serveWords {
		for _, c := range defined {
			if c.name == w && !c.hidden {
				return subcommand{name: w, from: c.from, defined: serving}, true
			}
		}
	}
	return subcommand{}, false
}

// definedCommands lists the subcommands the files define, in file order.
func (s *addrSearch) definedCommands(files []sourceFile, bin string) []command {
	var out []command
	for _, f := range files {
		data := s.source(f)
		if data == nil || !containsAny(data, subcommandHints) {
			continue
		}
		p := s.parse(f, data)
		if p == nil {
			continue
		}
		out = append(out, s.commandsIn(p, bin)...)
	}
	return out
}

// commandsIn reads one file's command definitions.
func (s *addrSearch) commandsIn(p *parsedFile, bin string) []command {
	imports := map[string]string{} // local name → import path
	for _, imp := range p.ast.Imports {
		ip, _ := strconv.Unquote(imp.Path.Value)
		name := projectName(ip) // github.com/urfave/cli/v2 is cli
		if imp.Name != nil {
			name = imp.Name.Name
		}
		imports[name] = ip
	}
	from := func(n ast.Node) string { return fmt.Sprintf("%s:%d", p.src.rel, s.fset.Position(n.Pos()).Line) }
	var out []command
	add := func(name string, n ast.Node, hidden bool) {
		if name != "" && name != bin {
			out = append(out, command{name: name, from: from(n), hidden: hidden})
		}
	}
	for _, d := range p.ast.Decls {
		owner := ""
		if fn, ok := d.(*ast.FuncDecl); ok {
			owner = fn.Name.Name
		}
		ast.Inspect(d, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.ValueSpec:
				if len(n.Names) == 1 && strings.Contains(strings.ToLower(n.Names[0].Name), "root") {
					return false // var rootCmd = &cobra.Command{…}: the program itself
				}
			case *ast.AssignStmt:
				if len(n.Lhs) == 1 && strings.Contains(strings.ToLower(identOrSel(n.Lhs[0])), "root") {
					return false
				}
			case *ast.CompositeLit:
				if name, hidden, ok := commandLit(n, imports, strings.Contains(strings.ToLower(owner), "root")); ok {
					add(name, n, hidden)
				}
			case *ast.Field:
				if name, ok := taggedCommand(n, imports); ok {
					add(name, n, false)
				}
			case *ast.CallExpr:
				if name, ok := commandCall(n, imports); ok {
					add(name, n, false)
				}
			case *ast.SwitchStmt:
				if readsArgs(n.Tag) {
					for _, c := range n.Body.List {
						for _, e := range c.(*ast.CaseClause).List {
							if w, ok := stringLit(e); ok && plainWord.MatchString(w) {
								add(w, e, false)
							}
						}
					}
				}
			}
			return true
		})
	}
	return out
}

// commandLit reads a cobra.Command (Use:) or urfave cli.Command (Name:)
// literal, also one whose type is elided in a []cli.Command. inRoot is
// true inside a function named for the root command, whose cobra
// literal is the program, not a subcommand.
func commandLit(n *ast.CompositeLit, imports map[string]string, inRoot bool) (name string, hidden, ok bool) {
	lib := ""
	switch t := n.Type.(type) {
	case *ast.SelectorExpr:
		if t.Sel.Name != "Command" {
			return "", false, false
		}
		lib = imports[identName(t.X)]
	case nil: // {Name: "serve"} inside a []cli.Command{…}
	default:
		return "", false, false
	}
	cobraLit := lib == "github.com/spf13/cobra"
	cliLit := strings.HasPrefix(lib, "github.com/urfave/cli") || strings.HasPrefix(lib, "gopkg.in/urfave/cli")
	// Any struct with a Name field looks like an elided one: only a
	// serving name, in a file that uses urfave/cli, is taken from it.
	elided := n.Type == nil && (hasImport(imports, "github.com/urfave/cli") || hasImport(imports, "gopkg.in/urfave/cli"))
	if !cobraLit && !cliLit && !elided || cobraLit && inRoot {
		return "", false, false
	}
	for _, e := range n.Elts {
		kv, isKV := e.(*ast.KeyValueExpr)
		if !isKV {
			continue
		}
		switch key := identName(kv.Key); {
		case key == "Use" && cobraLit:
			if use, isStr := stringLit(kv.Value); isStr {
				if w := strings.Fields(use); len(w) > 0 {
					name = w[0]
				}
			}
		case key == "Name" && !cobraLit:
			name, _ = stringLit(kv.Value)
		case key == "Deprecated":
			d, _ := stringLit(kv.Value)
			hidden = hidden || d != ""
		case key == "Hidden":
			hidden = hidden || identName(kv.Value) == "true"
		}
	}
	if elided && !slices.Contains(serveWords, name) {
		return "", false, false
	}
	return name, hidden, plainWord.MatchString(name)
}

// taggedCommand reads a go-flags `command:"server"` or a kong `cmd:""`
// field of an options struct.
func taggedCommand(f *ast.Field, imports map[string]string) (string, bool) {
	if f.Tag == nil {
		return "", false
	}
	raw, err := strconv.Unquote(f.Tag.Value)
	if err != nil {
		return "", false
	}
	tag := reflect.StructTag(raw)
	if c, ok := tag.Lookup("command"); ok && hasImport(imports, "github.com/jessevdk/go-flags") {
		return c, plainWord.MatchString(c)
	}
	if _, ok := tag.Lookup("cmd"); ok && hasImport(imports, "github.com/alecthomas/kong") && len(f.Names) == 1 {
		name := tag.Get("name")
		if name == "" {
			name = kebab(f.Names[0].Name)
		}
		return name, plainWord.MatchString(name)
	}
	return "", false
}

// commandCall reads kingpin's app.Command("serve", …) and the standard
// library's flag.NewFlagSet("server", …).
func commandCall(c *ast.CallExpr, imports map[string]string) (string, bool) {
	name, recv := callName(c)
	if len(c.Args) == 0 {
		return "", false
	}
	word, ok := stringLit(c.Args[0])
	if !ok {
		return "", false
	}
	switch {
	case name == "NewFlagSet" && imports[recv] == "flag":
	case name == "Command" && (hasImport(imports, "github.com/alecthomas/kingpin") || hasImport(imports, "gopkg.in/alecthomas/kingpin")):
	default:
		return "", false
	}
	return word, plainWord.MatchString(word)
}

// readsArgs reports whether a switch's tag is a program argument:
// os.Args[1], flag.Arg(0), args[0], a name like subcmd or command.
func readsArgs(tag ast.Expr) bool {
	if tag == nil {
		return false
	}
	var text bytes.Buffer
	ast.Inspect(tag, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			text.WriteString(strings.ToLower(id.Name) + " ")
		}
		return true
	})
	t := text.String()
	for _, w := range []string{"args", "arg ", "subcmd", "subcommand", "command", "cmd ", "action", "mode "} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return false
}

func hasImport(imports map[string]string, prefix string) bool {
	for _, ip := range imports {
		if strings.HasPrefix(ip, prefix) {
			return true
		}
	}
	return false
}

// kebab turns a Go field name into kong's command name: ServeHTTP →
// serve-http.
func kebab(name string) string {
	var b strings.Builder
	prevUpper := true
	for _, r := range name {
		upper := unicode.IsUpper(r)
		if upper && !prevUpper {
			b.WriteByte('-')
		}
		b.WriteRune(unicode.ToLower(r))
		prevUpper = upper
	}
	return b.String()
}
