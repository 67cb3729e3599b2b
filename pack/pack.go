package pack

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/templates"
)

// Pack is a loaded template pack, layered over the embedded one.
type Pack struct {
	Manifest *Manifest

	// own are the pack's own files; fsys is own over the embedded pack.
	own  memFS
	fsys memFS
	// partials are _partials/*.tmpl in parse order: the embedded pack's
	// (a same-named file of the pack in its place), then the pack's
	// others, so a pack's {{define}} of a block wins.
	partials []string
	// images are the manifest's replacements of base images by role.
	images map[string]string

	ref      *Ref
	embedded bool
	// dir is the directory a directory pack was loaded from.
	dir string
}

var embedded struct {
	once sync.Once
	pack *Pack
	err  error
}

// Embedded returns dockslim's own pack (package templates), loaded by the
// same code as any other: the last layer under every pack.
func Embedded() (*Pack, error) {
	embedded.once.Do(func() {
		own, err := loadFS(templates.FS, "embedded")
		if err != nil {
			embedded.err = err
			return
		}
		embedded.pack, embedded.err = newPack(own, nil)
		if embedded.err == nil {
			embedded.pack.embedded = true
		}
	})
	return embedded.pack, embedded.err
}

// newPack layers own over base (nil for the embedded pack itself).
func newPack(own memFS, base *Pack) (*Pack, error) {
	m, err := ParseManifest(own[ManifestFile])
	if err != nil {
		return nil, err
	}
	p := &Pack{Manifest: m, own: own, fsys: memFS{}}
	var basePartials []string
	if base != nil {
		for name, data := range base.fsys {
			p.fsys[name] = data
		}
		basePartials = base.partials
	}
	for name, data := range own {
		p.fsys[name] = data
	}
	p.partials = append(p.partials, basePartials...)
	var extra []string
	for name := range own {
		if strings.HasPrefix(name, "_partials/") && !slices.Contains(basePartials, name) {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	p.partials = append(p.partials, extra...)
	for _, lang := range detect.LanguageNames() {
		for _, name := range generate.TemplateFiles(lang) {
			if _, ok := p.fsys[name]; !ok {
				return nil, fmt.Errorf("template pack %s: no %s", m.Name, name)
			}
		}
	}
	if p.images, err = m.resolveImages(); err != nil {
		return nil, err
	}
	return p, nil
}

// LoadDir loads the pack in a directory as it is on disk (uncommitted
// edits included), layered over the embedded pack: `pack lint`, `pack
// test` and a plain-directory --pack.
func LoadDir(dir string) (*Pack, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, &LoadError{Where: dir, Err: unwrapPath(err)}
	}
	if !st.IsDir() {
		return nil, &LoadError{Where: dir, Err: fmt.Errorf("not a directory")}
	}
	own, err := loadFS(os.DirFS(dir), dir)
	if err != nil {
		return nil, err
	}
	base, err := Embedded()
	if err != nil {
		return nil, err
	}
	p, err := newPack(own, base)
	if err != nil {
		return nil, &LoadError{Where: dir, Err: err}
	}
	p.dir = dir
	return p, nil
}

// Render renders answers with the pack: its files over the embedded ones,
// its block definitions last, its base images, and answers.vars typed by
// its manifest.
func (p *Pack) Render(ctx context.Context, a *generate.Answers) ([]generate.File, error) {
	vars, err := p.typedVars(a.Vars)
	if err != nil {
		return nil, err
	}
	return generate.RenderWith(ctx, a, p.fsys, generate.RenderOptions{Images: p.images, Vars: vars, Partials: p.partials})
}

// Ref is what .dockslim.yaml records for the pack: nil for the embedded
// pack.
func (p *Pack) Ref() *Ref {
	if p.ref == nil {
		return nil
	}
	r := *p.ref
	return &r
}

// IsEmbedded reports whether this is dockslim's own pack.
func (p *Pack) IsEmbedded() bool { return p.embedded }

// Describe names the pack for messages: "dockslim's embedded templates",
// or its name, source, ref and short commit.
func (p *Pack) Describe() string {
	if p.embedded {
		return "dockslim's embedded templates"
	}
	s := "pack " + p.Manifest.Name
	if p.ref == nil {
		return s
	}
	s += " (" + p.ref.Source
	if p.ref.Ref != "" {
		s += "@" + p.ref.Ref
	}
	if p.ref.Commit != "" {
		s += ", commit " + p.ref.Commit[:min(12, len(p.ref.Commit))]
	}
	return s + ")"
}
