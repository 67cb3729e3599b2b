package generate

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
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
)

// outputs maps each output to its template file name inside
// <language>/ of a pack.
var outputs = []struct{ name, tmpl string }{
	{Dockerfile, "Dockerfile.tmpl"},
	{DockerIgnore, "dockerignore.tmpl"},
}

// Render renders the Dockerfile and .dockerignore for answers from pack
// (a template pack's file system: the embedded templates, or a layered
// pack), then validates them together (see Validate).
func Render(ctx context.Context, a *Answers, pack fs.FS) ([]File, error) {
	tab, err := versions.Load()
	if err != nil {
		return nil, err
	}
	if err := a.Check(); err != nil {
		return nil, err
	}
	view, err := newView(a, tab)
	if err != nil {
		return nil, err
	}
	partials, err := fs.Glob(pack, "_partials/*.tmpl")
	if err != nil {
		return nil, err
	}
	sort.Strings(partials)
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
		files = append(files, File{Name: out.name, Data: data})
	}
	if err := Validate(files); err != nil {
		return nil, err
	}
	return files, nil
}

// execute parses the partials and the main template into one set and
// runs the main one with missingkey=error.
func execute(pack fs.FS, main string, partials []string, view *View) ([]byte, error) {
	t := template.New(path.Base(main)).Funcs(FuncMap()).Option("missingkey=error")
	for _, name := range append(partials, main) {
		src, err := fs.ReadFile(pack, name)
		if err != nil {
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
		return nil, fmt.Errorf("template pack: rendering %s: %w", main, err)
	}
	out := bytes.TrimLeft(buf.Bytes(), "\n")
	out = append(bytes.TrimRight(out, "\n"), '\n')
	return out, nil
}
