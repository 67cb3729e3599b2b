package generate

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"text/template"

	"github.com/dockslim/dockslim/internal/versions"
)

// File is one rendered output. Name is fixed by dockslim, never by a
// template, so a pack cannot write outside the project.
type File struct {
	Name string
	Data []byte
}

// Output names, in the order they are written and shown.
const (
	Dockerfile   = "Dockerfile"
	DockerIgnore = ".dockerignore"
	ConfigFile   = ".dockslim.yaml"
	// MemberIgnore is a workspace member's .dockerignore: beside its
	// Dockerfile, which BuildKit reads in place of the context root's, so
	// each app of a workspace keeps its own.
	MemberIgnore = Dockerfile + DockerIgnore
)

// IgnoreFile is the name the .dockerignore is written under for a.
func IgnoreFile(a *Answers) string {
	if a.AppDir != "" {
		return MemberIgnore
	}
	return DockerIgnore
}

// outputs maps each output to its template file name inside
// <language>/ of a pack.
var outputs = []struct{ name, tmpl string }{
	{Dockerfile, "Dockerfile.tmpl"},
	{DockerIgnore, "dockerignore.tmpl"},
}

// TemplateFiles lists, for lang, the template files a pack may provide
// for the fixed outputs (relative to the pack's root).
func TemplateFiles(lang string) []string {
	out := make([]string, 0, len(outputs))
	for _, o := range outputs {
		out = append(out, path.Join(lang, o.tmpl))
	}
	return out
}

// RenderOptions are what a template pack adds to rendering beyond its
// files (see package pack, which builds them from a pack's manifest).
type RenderOptions struct {
	// Images replace versions.yaml's image patterns by role; a pattern
	// may use {version} and {major} like versions.yaml.
	Images map[string]string
	// Vars are the pack variables as templates see them (.Vars), typed;
	// nil shows answers.vars as strings.
	Vars map[string]any
	// Partials lists the partial templates in parse order: a later
	// {{define}} of a name replaces an earlier one. Nil means every
	// _partials/*.tmpl in name order.
	Partials []string
}

// Render renders the Dockerfile and .dockerignore for answers from pack
// (a template pack's file system: the embedded templates, or a layered
// pack), then validates them together (see Validate).
func Render(ctx context.Context, a *Answers, pack fs.FS) ([]File, error) {
	return RenderWith(ctx, a, pack, RenderOptions{})
}

// RenderWith is Render with what a pack's manifest adds.
func RenderWith(ctx context.Context, a *Answers, pack fs.FS, opt RenderOptions) ([]File, error) {
	tab, err := versions.Load()
	if err != nil {
		return nil, err
	}
	for role, pattern := range opt.Images {
		img, ok := tab.Images[role]
		if !ok {
			return nil, fmt.Errorf("template pack: no image role %q", role)
		}
		img.Ref = pattern
		tab.Images[role] = img
	}
	if err := a.Check(); err != nil {
		return nil, err
	}
	view, err := newView(a, tab)
	if err != nil {
		return nil, err
	}
	if opt.Vars != nil {
		view.Vars = opt.Vars
	}
	partials := opt.Partials
	if partials == nil {
		if partials, err = fs.Glob(pack, "_partials/*.tmpl"); err != nil {
			return nil, err
		}
		sort.Strings(partials)
	}
	var files []File
	for _, out := range outputs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		main := path.Join(a.Language, out.tmpl)
		data, err := execute(pack, main, partials, view)
		if err != nil {
			return nil, err
		}
		name := out.name
		if out.name == DockerIgnore {
			data = appendKeep(data, view.Keep)
			name = IgnoreFile(a)
		}
		files = append(files, File{Name: name, Data: data})
	}
	if err := Validate(files); err != nil {
		return nil, err
	}
	return files, nil
}

// appendKeep ends a rendered .dockerignore with a ! line for each path
// the build reads (a committed .env.production, what //go:embed names):
// last, so no pattern above — the pack's included — hides them.
func appendKeep(ignore []byte, keep []string) []byte {
	if len(keep) == 0 {
		return ignore
	}
	var b bytes.Buffer
	b.Write(ignore)
	b.WriteString("# Read by the build: never ignored (dockslim)\n")
	for _, p := range keep {
		b.WriteString("!" + p + "\n")
	}
	return b.Bytes()
}

// maxIncludeDepth bounds include's recursion: a template that includes
// itself fails instead of exhausting the stack.
const maxIncludeDepth = 32

// NewTemplate returns an empty template set named name with the curated
// functions, include bound to the set itself, and missingkey=error: the
// one way dockslim builds templates (rendering and `pack lint`).
func NewTemplate(name string) *template.Template {
	t := template.New(name).Option("missingkey=error")
	depth := 0
	include := func(name string, data any) (string, error) {
		if depth >= maxIncludeDepth {
			return "", fmt.Errorf("include %q: nested more than %d deep", name, maxIncludeDepth)
		}
		depth++
		defer func() { depth-- }()
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, name, data); err != nil {
			return "", err
		}
		return b.String(), nil
	}
	fm := FuncMap()
	fm["include"] = include
	return t.Funcs(fm)
}

// execute parses the main template, then the partials in order, into one
// set, and runs the main one. Partials come after the main template so a
// pack's redefinition of a block wins over any earlier definition.
func execute(pack fs.FS, main string, partials []string, view *View) ([]byte, error) {
	t := NewTemplate(main)
	for _, name := range append([]string{main}, partials...) {
		src, err := fs.ReadFile(pack, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("template pack: no %s", name)
			}
			return nil, fmt.Errorf("template pack: %w", err)
		}
		// The main template is the set's root; partials only add defines.
		target := t
		if name != main {
			target = t.New(name)
		}
		if _, err := target.Parse(string(src)); err != nil {
			return nil, fmt.Errorf("template pack: %w", err)
		}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, view); err != nil {
		return nil, fmt.Errorf("template pack: rendering %s: %s", main, innermost(err))
	}
	out := bytes.TrimLeft(buf.Bytes(), "\n")
	out = append(bytes.TrimRight(out, "\n"), '\n')
	return out, nil
}

// innermost shortens an execution error to where it happened: inside a
// block called through include, that block's file and line, not the
// chain of templates that led there.
func innermost(err error) string {
	msg := err.Error()
	const marker = "error calling include: "
	if i := strings.LastIndex(msg, marker); i >= 0 {
		msg = msg[i+len(marker):]
	}
	return strings.TrimPrefix(msg, "template: ")
}
