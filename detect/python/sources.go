package python

import (
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// maxScan bounds how many .py files one search reads, so a huge
// repository cannot slow detect down; entry-looking files come first.
const maxScan = 400

// sources reads Python sources once per detection (their heads only).
type sources struct {
	r     *repo.Repo
	cache map[string][]byte
}

// newPySources returns an empty cache over r.
func newPySources(r *repo.Repo) *sources {
	return &sources{r: r, cache: map[string][]byte{}}
}

// get returns the first repo.MaxSource bytes of rel.
func (s *sources) get(rel string) ([]byte, error) {
	if b, ok := s.cache[rel]; ok {
		return b, nil
	}
	b, err := s.r.Head(rel, repo.MaxSource)
	if err != nil {
		return nil, err
	}
	s.cache[rel] = b
	return b, nil
}

// entryNames are the file names an application's entry tends to have,
// most likely first.
var entryNames = []string{"app.py", "main.py", "wsgi.py", "asgi.py", "server.py", "run.py", "application.py", "api.py", "__init__.py"}

// skipParts are folders whose code is never the application: tests,
// migrations, docs, examples, build output.
var skipParts = map[string]bool{
	"tests": true, "test": true, "testing": true, "migrations": true, "docs": true, "doc": true,
	"examples": true, "example": true, "build": true, "env": true, "node_modules": true,
}

// appFiles lists the .py files that may hold the application object:
// shallow first (a src/ prefix does not count), entry-looking names
// first within a depth, at most maxScan of them. Tests, migrations,
// setup scripts and committed virtualenvs are left out.
func (p *state) appFiles() []string {
	if !p.appDone {
		p.appCache, p.appDone = p.listAppFiles(), true
	}
	return p.appCache
}

// listAppFiles does appFiles' work.
func (p *state) listAppFiles() []string {
	var venvs []string
	for _, cfg := range p.r.FilesNamed("pyvenv.cfg") {
		venvs = append(venvs, path.Dir(cfg)+"/")
	}
	var out []string
	for _, f := range p.r.FilesWithExt(".py") {
		if isTestFile(f) || slices.Contains([]string{"setup.py", "noxfile.py", "fabfile.py", "conftest.py", "gunicorn.conf.py"}, path.Base(f)) {
			continue
		}
		skip := false
		for _, part := range strings.Split(path.Dir(f), "/") {
			skip = skip || skipParts[part]
		}
		for _, v := range venvs {
			skip = skip || strings.HasPrefix(f, v)
		}
		if !skip {
			out = append(out, f)
		}
	}
	rank := func(f string) (int, int) {
		depth := strings.Count(strings.TrimPrefix(f, "src/"), "/")
		i := slices.Index(entryNames, path.Base(f))
		if i < 0 {
			i = len(entryNames)
		}
		return depth, i
	}
	sort.SliceStable(out, func(i, j int) bool {
		di, ni := rank(out[i])
		dj, nj := rank(out[j])
		if di != dj {
			return di < dj
		}
		if ni != nj {
			return ni < nj
		}
		return out[i] < out[j]
	})
	if len(out) > maxScan {
		out = out[:maxScan]
	}
	return out
}

// isTestFile reports whether f is a test module by its name.
func isTestFile(f string) bool {
	b := path.Base(f)
	return strings.HasPrefix(b, "test_") && strings.HasSuffix(b, ".py") || strings.HasSuffix(b, "_test.py") || b == "tests.py"
}

// keywords are Python's reserved words, which cannot name a module.
var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// moduleOf turns a .py file path, relative to base ("" for the root),
// into a dotted module name; "src/" layouts are relative to src. It
// returns the folder the module is relative to (what gunicorn --chdir or
// uvicorn --app-dir needs, "" for the root) and ok=false when the path
// does not spell valid Python identifiers (my-app/main.py).
func moduleOf(file, base string) (module, dir string, ok bool) {
	rel := file
	if base != "" {
		rel = strings.TrimPrefix(file, base+"/")
		dir = base
	} else if strings.HasPrefix(file, "src/") {
		rel, dir = strings.TrimPrefix(file, "src/"), "src"
	}
	rel = strings.TrimSuffix(rel, ".py")
	rel = strings.TrimSuffix(rel, "/__init__")
	parts := strings.Split(rel, "/")
	for _, part := range parts {
		if !identRE.MatchString(part) || keywords[part] {
			return "", "", false
		}
	}
	return strings.Join(parts, "."), dir, true
}
