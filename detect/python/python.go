package python

import (
	"context"
	"regexp"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/versions"
)

// state carries one Python detection: the parsed manifests and what
// later steps derive from earlier ones.
type state struct {
	ctx  context.Context
	r    *repo.Repo
	opts core.Options
	tab  *versions.Table
	f    *core.Facts
	d    *Details // f.Details.Lang

	pp     *pyproject // nil without pyproject.toml
	ppData []byte
	pf     *pipfile // nil without a Pipfile
	reqs   *reqTree // requirements.txt and its includes; nil without one

	// deps are the direct runtime dependencies of the chosen manager's
	// manifests, in manifest order; installed adds the lock's runtime
	// packages (transitive ones included) to their names.
	deps      []dependency
	installed map[string]bool
	lockFile  string
	locked    map[string]bool // runtime packages of the lock; nil without one
	dev       map[string]bool // names in any dev, test or optional group
	local     []string        // local paths the install needs
	install   bool            // the project itself is installed

	src      *sources
	appCache []string // appFiles, computed once
	appDone  bool
	// procStart is true when the Procfile's web command is start.
	procStart bool
}

// detect fills in the facts of a Python project (pyproject.toml,
// requirements.txt, Pipfile or setup.py at the root).
func detect(ctx context.Context, r *repo.Repo, opts core.Options, tab *versions.Table) (*core.Facts, error) {
	d := &Details{}
	p := &state{ctx: ctx, r: r, opts: opts, tab: tab, f: core.NewFacts(Name, d), d: d, src: newPySources(r)}
	f := p.f
	for _, m := range manifests {
		if r.Has(m) {
			f.Source("language", m)
			break
		}
	}
	if err := p.readManifests(); err != nil {
		return nil, err
	}
	if err := p.packageManager(); err != nil {
		return nil, err
	}
	p.uvWorkspace()
	p.privateIndexes()
	if err := p.languageVersion(); err != nil {
		return nil, err
	}
	if err := p.dependencies(); err != nil {
		return nil, err
	}
	p.boundByPins()
	p.details()
	p.nativeDeps()
	if err := p.framework(); err != nil {
		return nil, err
	}
	if err := p.startAndPort(); err != nil {
		return nil, err
	}
	p.compileTranslations()
	p.dataDirs()
	p.testCommand()
	p.testExtras()
	p.d.Dependencies = core.SortedUnique(p.d.Dependencies)
	return f, nil
}

// readManifests parses the root manifests that exist. A malformed one is
// an error even when another manifest decides the package manager: the
// person must fix it either way, and results stay predictable.
func (p *state) readManifests() error {
	var err error
	if p.r.Has("pyproject.toml") {
		if p.pp, p.ppData, err = readProject(p.r); err != nil {
			return err
		}
	}
	if p.r.Has("Pipfile") {
		if p.pf, err = readPipfile(p.r); err != nil {
			return err
		}
	}
	if p.r.Has("requirements.txt") {
		if p.reqs, err = readRequirements(p.ctx, p.r, "requirements.txt"); err != nil {
			return err
		}
		p.f.Warnings = append(p.f.Warnings, p.reqs.Warnings...)
	}
	return nil
}

// projectName is [project] name, else [tool.poetry] name, if it is a
// valid distribution name (it becomes an OCI label).
func (p *state) projectName() string {
	if p.pp == nil {
		return ""
	}
	name, from := "", ""
	switch {
	case p.pp.Project != nil && p.pp.Project.Name != "":
		name, from = p.pp.Project.Name, "pyproject.toml#project.name"
	case p.pp.Tool.Poetry != nil:
		name, _ = asString(p.pp.Tool.Poetry.Name)
		from = "pyproject.toml#tool.poetry.name"
	}
	if name != "" && !nameRE.MatchString(name) {
		p.f.Warnf("%s %q is not a valid project name; it is not used", from, clipStr(name, 60))
		return ""
	}
	return name
}

// identRE is one component of a dotted Python module path.
var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
