package python

import (
	"encoding/json"
	"errors"
	"slices"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// uVLock is the part of uv.lock detection reads.
type uVLock struct {
	Package []struct {
		Name                 string             `toml:"name"`
		Source               map[string]any     `toml:"source"`
		Dependencies         []uVDep            `toml:"dependencies"`
		OptionalDependencies map[string][]uVDep `toml:"optional-dependencies"`
	} `toml:"package"`
}

// uVDep is one dependency edge of uv.lock.
type uVDep struct {
	Name  string   `toml:"name"`
	Extra []string `toml:"extra"`
}

// poetryLock is the part of poetry.lock detection reads.
type poetryLock struct {
	Package []struct {
		Name         string         `toml:"name"`
		Optional     bool           `toml:"optional"`
		Category     string         `toml:"category"` // Poetry < 1.5: main or dev
		Groups       []string       `toml:"groups"`   // Poetry ≥ 2
		Dependencies map[string]any `toml:"dependencies"`
	} `toml:"package"`
}

// pdmLock is the part of pdm.lock detection reads.
type pdmLock struct {
	Package []struct {
		Name   string   `toml:"name"`
		Groups []string `toml:"groups"`
	} `toml:"package"`
}

// readLock reads the chosen manager's lockfile and keeps the names of
// the packages a production install gets (dev groups left out), for
// native-dependency detection. A lock over the size limit is skipped with
// a warning; a malformed one (often a merge conflict) is a *repo.FileError.
func (p *state) readLock() error {
	lf := lockOf(p.f.PackageManager)
	if lf == "" || !p.r.Has(lf) {
		return nil
	}
	data, err := p.r.Read(lf, repo.MaxLockfile)
	if errors.Is(err, repo.ErrTooLarge) {
		p.f.Warnf("%s is too large to read; native dependencies are detected from the direct dependencies only", lf)
		return nil
	}
	if err != nil {
		return err
	}
	var names []string
	switch lf {
	case "uv.lock":
		names, err = uVPackages(data)
	case "poetry.lock":
		names, err = poetryPackages(data, p.deps)
	case "pdm.lock":
		var l pdmLock
		if err = decodeTOML(lf, data, &l); err == nil {
			for _, pkg := range l.Package {
				if len(pkg.Groups) == 0 || slices.Contains(pkg.Groups, "default") {
					names = append(names, pkg.Name)
				}
			}
		}
	case "Pipfile.lock":
		names, err = pipfileLockPackages(data)
	}
	if err != nil {
		return err
	}
	p.lockFile = lf
	p.locked = map[string]bool{}
	for _, n := range names {
		if nameRE.MatchString(n) {
			p.locked[normalizeName(n)] = true
		}
	}
	return nil
}

// uVPackages returns what `uv sync --no-dev` installs: everything
// reachable from the project's own entries (source virtual or editable)
// through dependencies and requested extras. Without such an entry, every
// package is kept.
func uVPackages(data []byte) ([]string, error) {
	var l uVLock
	if err := decodeTOML("uv.lock", data, &l); err != nil {
		return nil, err
	}
	byName := map[string][]int{}
	var queue []uVDep
	for i, pkg := range l.Package {
		n := normalizeName(pkg.Name)
		byName[n] = append(byName[n], i)
		_, virtual := pkg.Source["virtual"]
		_, editable := pkg.Source["editable"]
		if virtual || editable {
			queue = append(queue, uVDep{Name: pkg.Name})
		}
	}
	if len(queue) == 0 {
		var all []string
		for _, pkg := range l.Package {
			all = append(all, pkg.Name)
		}
		return all, nil
	}
	seen := map[string]bool{}
	var out []string
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		n := normalizeName(d.Name)
		key := n + "\x00" + normalizeName(joinExtras(d.Extra))
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, n)
		for _, i := range byName[n] {
			queue = append(queue, l.Package[i].Dependencies...)
			for _, e := range d.Extra {
				queue = append(queue, l.Package[i].OptionalDependencies[e]...)
			}
		}
	}
	return out, nil
}

// joinExtras is a stable key for a set of extras.
func joinExtras(e []string) string {
	s := slices.Clone(e)
	slices.Sort(s)
	out := ""
	for _, x := range s {
		out += x + ","
	}
	return out
}

// poetryPackages returns poetry.lock's packages a `--only main`
// install gets: reachable from the direct dependencies when they are
// known, else every non-optional package outside dev groups.
func poetryPackages(data []byte, direct []dependency) ([]string, error) {
	var l poetryLock
	if err := decodeTOML("poetry.lock", data, &l); err != nil {
		return nil, err
	}
	byName := map[string][]int{}
	for i, pkg := range l.Package {
		n := normalizeName(pkg.Name)
		byName[n] = append(byName[n], i)
	}
	var queue []string
	for _, d := range direct {
		if d.Req.Linux {
			queue = append(queue, d.Req.Name)
		}
	}
	if len(queue) == 0 {
		var out []string
		for _, pkg := range l.Package {
			main := (pkg.Category == "" || pkg.Category == "main") && (len(pkg.Groups) == 0 || slices.Contains(pkg.Groups, "main"))
			if main && !pkg.Optional {
				out = append(out, pkg.Name)
			}
		}
		return out, nil
	}
	seen := map[string]bool{}
	var out []string
	for len(queue) > 0 {
		n := normalizeName(queue[0])
		queue = queue[1:]
		if seen[n] {
			continue
		}
		seen[n] = true
		if _, ok := byName[n]; !ok {
			continue // a local path or a name the lock does not know
		}
		out = append(out, n)
		for _, i := range byName[n] {
			for dep := range l.Package[i].Dependencies {
				queue = append(queue, dep)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// pipfileLockPackages returns Pipfile.lock's "default" packages.
func pipfileLockPackages(data []byte) ([]string, error) {
	var l struct {
		Default map[string]json.RawMessage `json:"default"`
	}
	if err := json.Unmarshal(data, &l); err != nil {
		fe := &repo.FileError{Path: "Pipfile.lock", Err: errors.New("invalid JSON")}
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			fe.Line, fe.Col = repo.LineCol(data, se.Offset)
			fe.Err = errors.New("invalid JSON: " + se.Error())
		case errors.As(err, &te):
			fe.Line, fe.Col = repo.LineCol(data, te.Offset)
			fe.Err = errors.New("default must be an object of packages")
		}
		return nil, fe
	}
	out := make([]string, 0, len(l.Default))
	for n := range l.Default {
		out = append(out, n)
	}
	slices.Sort(out)
	return out, nil
}
