package pack

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"
)

// Finding is one problem `dockslim pack lint` reports.
type Finding struct {
	// Where is "file:line:col", or a file, or "" for the pack as a whole.
	Where string
	Msg   string
}

func (f Finding) String() string {
	if f.Where == "" {
		return f.Msg
	}
	return f.Where + ": " + f.Msg
}

// Lint checks a directory pack beyond what loading does: every template
// file parses (loading checked that), every block it defines is an
// override point or used by its own templates, no override is empty
// (text/template keeps the original for an empty definition), every
// .Vars.NAME is declared in the manifest (and every declared variable is
// used), every {{template}} names a template that exists, no template
// file sits where dockslim never reads it, and the pack renders a set of
// sample projects in every flavour.
func Lint(ctx context.Context, p *Pack) []Finding {
	var out []Finding
	add := func(where, format string, args ...any) {
		out = append(out, Finding{Where: where, Msg: fmt.Sprintf(format, args...)})
	}
	base, err := Embedded()
	if err != nil {
		return []Finding{{Msg: err.Error()}}
	}
	baseDefs, baseUses := definitions(base.own)
	ownDefs, ownUses := definitions(p.own)
	used := map[string]bool{}
	for name := range baseUses {
		used[name] = true
	}
	for name := range ownUses {
		used[name] = true
	}
	for _, name := range sortedKeys(ownDefs) {
		if p.embedded {
			break // the embedded pack defines the blocks others override
		}
		d := ownDefs[name]
		_, inBase := baseDefs[name]
		switch {
		case parse.IsEmptyTree(d.tree.Root) && inBase:
			add(d.where, "the override of %q is empty and has no effect (text/template keeps the embedded definition); to print nothing, write {{ \"\" }} in it", name)
		case parse.IsEmptyTree(d.tree.Root):
			add(d.where, "block %q is empty", name)
		case IsBlock(name):
		case inBase:
			add(d.where, "%q is not an override point but an internal template of the embedded pack; it may change in any dockslim release (override points: %s)", name, strings.Join(blockNames(), ", "))
		case !used[name]:
			add(d.where, "unknown block %q: no template uses it (override points: %s)", name, strings.Join(blockNames(), ", "))
		}
	}
	for _, name := range sortedKeys(ownUses) {
		if _, ok := ownDefs[name]; ok {
			continue
		}
		if _, ok := baseDefs[name]; ok {
			continue
		}
		if _, ok := p.fsys[name]; ok {
			continue
		}
		add(ownUses[name], "template %q is not defined anywhere", name)
	}
	declared := p.Manifest.Vars
	usedVars := map[string]bool{}
	for _, file := range sortedKeys(p.own) {
		if file == ManifestFile {
			continue
		}
		for _, ref := range varRefs(file, p.own[file]) {
			usedVars[ref.name] = true
			if _, ok := declared[ref.name]; !ok {
				add(ref.where, "undefined variable %q: declare it under vars: in %s", ref.name, ManifestFile)
			}
		}
	}
	for _, name := range sortedKeys(declared) {
		if !usedVars[name] {
			add(ManifestFile, "variable %q is declared but no template uses it", name)
		}
	}
	if p.dir != "" {
		for _, f := range strayTemplates(p.dir) {
			add(f, "dockslim never reads this file (templates are _partials/*.tmpl and <go|node|python>/{Dockerfile,dockerignore}.tmpl)")
		}
	}
	// Render sample projects; one finding per distinct error, naming
	// the samples that hit it.
	var errs []string
	failed := map[string][]string{}
	for _, s := range samples() {
		a := s.answers()
		vars, _, err := p.ResolveVars(nil, nil, true)
		if err != nil {
			add(ManifestFile, "%v", err)
			break
		}
		a.Vars = vars
		if s.flavour == "" {
			if w := p.ApplyFlavour(a); w != "" {
				add(ManifestFile, "%s", w)
			}
		} else {
			a.Flavour = s.flavour
		}
		if _, err := p.Render(ctx, a); err != nil {
			msg := err.Error()
			if _, seen := failed[msg]; !seen {
				errs = append(errs, msg)
			}
			desc := s.name + " " + a.Flavour
			if !slices.Contains(failed[msg], desc) {
				failed[msg] = append(failed[msg], desc)
			}
		}
	}
	for _, msg := range errs {
		add("", "rendering sample projects (%s): %s", strings.Join(failed[msg], ", "), msg)
	}
	return out
}

// def is one {{define}} of a pack file.
type def struct {
	tree  *parse.Tree
	where string
}

// definitions parses each template file alone and returns what it
// defines and which template names it calls ({{template}} and include),
// each with where.
func definitions(files memFS) (map[string]def, map[string]string) {
	defs := map[string]def{}
	uses := map[string]string{}
	for _, file := range sortedKeys(files) {
		if file == ManifestFile {
			continue
		}
		t, err := parseAlone(file, files[file])
		if err != nil {
			continue // loading reported it
		}
		for _, tt := range t.Templates() {
			if tt.Tree == nil {
				continue
			}
			if tt.Name() != file {
				defs[tt.Name()] = def{tt.Tree, location(tt.Tree, tt.Tree.Root)}
			}
			walk(tt.Tree.Root, func(n parse.Node) {
				switch n := n.(type) {
				case *parse.TemplateNode:
					if _, ok := uses[n.Name]; !ok {
						uses[n.Name] = location(tt.Tree, n)
					}
				case *parse.CommandNode:
					if len(n.Args) >= 2 {
						if id, ok := n.Args[0].(*parse.IdentifierNode); ok && id.Ident == "include" {
							if s, ok := n.Args[1].(*parse.StringNode); ok {
								if _, seen := uses[s.Text]; !seen {
									uses[s.Text] = location(tt.Tree, n)
								}
							}
						}
					}
				}
			})
		}
	}
	return defs, uses
}

func parseAlone(name string, src []byte) (*template.Template, error) {
	return NewTemplateForLint(name).Parse(string(src))
}

// varRef is a use of .Vars.NAME.
type varRef struct{ name, where string }

// varRefs finds .Vars.NAME, $.Vars.NAME, .Answers.Vars.NAME and
// index .Vars "NAME" in a template file.
func varRefs(file string, src []byte) []varRef {
	t, err := parseAlone(file, src)
	if err != nil {
		return nil
	}
	var out []varRef
	fromIdent := func(tree *parse.Tree, n parse.Node, ident []string) {
		for i := 0; i+1 < len(ident); i++ {
			if ident[i] == "Vars" && (i == 0 || ident[i-1] == "$" || ident[i-1] == "Answers") {
				out = append(out, varRef{ident[i+1], location(tree, n)})
				return
			}
		}
	}
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		tree := tt.Tree
		walk(tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.FieldNode:
				fromIdent(tree, n, n.Ident)
			case *parse.VariableNode:
				fromIdent(tree, n, n.Ident)
			case *parse.CommandNode:
				if len(n.Args) >= 3 {
					id, ok1 := n.Args[0].(*parse.IdentifierNode)
					f, ok2 := n.Args[1].(*parse.FieldNode)
					s, ok3 := n.Args[2].(*parse.StringNode)
					if ok1 && ok2 && ok3 && id.Ident == "index" && len(f.Ident) > 0 && f.Ident[len(f.Ident)-1] == "Vars" {
						out = append(out, varRef{s.Text, location(tree, n)})
					}
				}
			}
		})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].where < out[j].where })
	return out
}

// location is "file:line:col" of n.
func location(tree *parse.Tree, n parse.Node) string {
	loc, _ := tree.ErrorContext(n)
	return loc
}

// walk calls fn on n and everything under it.
func walk(n parse.Node, fn func(parse.Node)) {
	if n == nil {
		return
	}
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walk(c, fn)
		}
	case *parse.ActionNode:
		walk(n.Pipe, fn)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, v := range n.Decl {
			walk(v, fn)
		}
		for _, c := range n.Cmds {
			walk(c, fn)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walk(a, fn)
		}
	case *parse.ChainNode:
		walk(n.Node, fn)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		walk(n.Pipe, fn)
	}
}

func walkBranch(b *parse.BranchNode, fn func(parse.Node)) {
	walk(b.Pipe, fn)
	if b.List != nil {
		walk(b.List, fn)
	}
	if b.ElseList != nil {
		walk(b.ElseList, fn)
	}
}

// strayTemplates lists *.tmpl files of a directory pack that dockslim
// never reads (a typo in a folder or file name).
func strayTemplates(dir string) []string {
	var out []string
	_ = fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == ".git" || p == "golden") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".tmpl") && !loadable(p) {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out
}
