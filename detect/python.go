package detect

import (
	"context"
	"regexp"

	"github.com/dockslim/dockslim/internal/versions"
)

// pyState carries one Python detection: the parsed manifests and what
// later steps derive from earlier ones.
type pyState struct {
	ctx  context.Context
	r    *repo
	opts Options
	tab  *versions.Table
	f    *Facts

	pp     *pyProject // nil without pyproject.toml
	ppData []byte
	pf     *pyPipfile // nil without a Pipfile
	reqs   *pyReqTree // requirements.txt and its includes; nil without one

	// deps are the direct runtime dependencies of the chosen manager's
	// manifests, in manifest order; installed adds the lock's runtime
	// packages (transitive ones included) to their names.
	deps      []pyDep
	installed map[string]bool
	lockFile  string
	locked    map[string]bool // runtime packages of the lock; nil without one
	dev       map[string]bool // names in any dev, test or optional group
	local     []string        // local paths the install needs
	install   bool            // the project itself is installed

	src      *pySources
	appCache []string // appFiles, computed once
	appDone  bool
	// procStart is true when the Procfile's web command is start.
	procStart bool
}

// detectPython fills in the facts of a Python project (pyproject.toml,
// requirements.txt, Pipfile or setup.py at the root).
func detectPython(ctx context.Context, r *repo, opts Options, tab *versions.Table) (*Facts, error) {
	p := &pyState{ctx: ctx, r: r, opts: opts, tab: tab, f: newFacts(Python), src: newPySources(r)}
	f := p.f
	for _, m := range manifestNames[Python] {
		if r.has(m) {
			f.source("language", m)
			break
		}
	}
	if err := p.readManifests(); err != nil {
		return nil, err
	}
	if err := p.packageManager(); err != nil {
		return nil, err
	}
	if err := p.languageVersion(); err != nil {
		return nil, err
	}
	if err := p.dependencies(); err != nil {
		return nil, err
	}
	p.details()
	p.nativeDeps()
	if err := p.framework(); err != nil {
		return nil, err
	}
	if err := p.startAndPort(); err != nil {
		return nil, err
	}
	p.testCommand()
	f.Details.Python.Dependencies = sortedUnique(f.Details.Python.Dependencies)
	normalize(f)
	return f, nil
}

// readManifests parses the root manifests that exist. A malformed one is
// an error even when another manifest decides the package manager: the
// person must fix it either way, and results stay predictable.
func (p *pyState) readManifests() error {
	var err error
	if p.r.has("pyproject.toml") {
		if p.pp, p.ppData, err = pyReadProject(p.r); err != nil {
			return err
		}
	}
	if p.r.has("Pipfile") {
		if p.pf, err = pyReadPipfile(p.r); err != nil {
			return err
		}
	}
	if p.r.has("requirements.txt") {
		if p.reqs, err = pyReadRequirements(p.ctx, p.r, "requirements.txt"); err != nil {
			return err
		}
		p.f.Warnings = append(p.f.Warnings, p.reqs.Warnings...)
	}
	return nil
}

// projectName is [project] name, else [tool.poetry] name, if it is a
// valid distribution name (it becomes an OCI label).
func (p *pyState) projectName() string {
	if p.pp == nil {
		return ""
	}
	name, from := "", ""
	switch {
	case p.pp.Project != nil && p.pp.Project.Name != "":
		name, from = p.pp.Project.Name, "pyproject.toml#project.name"
	case p.pp.Tool.Poetry != nil:
		name, _ = pyString(p.pp.Tool.Poetry.Name)
		from = "pyproject.toml#tool.poetry.name"
	}
	if name != "" && !pyNameRE.MatchString(name) {
		p.f.warnf("%s %q is not a valid project name; it is not used", from, pyClipStr(name, 60))
		return ""
	}
	return name
}

// pyIdentRE is one component of a dotted Python module path.
var pyIdentRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
