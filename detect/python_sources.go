package detect

import (
	"path"
	"slices"
	"sort"
	"strings"
)

// pyMaxScan bounds how many .py files one search reads, so a huge
// repository cannot slow detect down; entry-looking files come first.
const pyMaxScan = 400

// pySources reads Python sources once per detection (their heads only).
type pySources struct {
	r     *repo
	cache map[string][]byte
}

// newPySources returns an empty cache over r.
func newPySources(r *repo) *pySources {
	return &pySources{r: r, cache: map[string][]byte{}}
}

// get returns the first maxSource bytes of rel.
func (s *pySources) get(rel string) ([]byte, error) {
	if b, ok := s.cache[rel]; ok {
		return b, nil
	}
	b, err := s.r.head(rel, maxSource)
	if err != nil {
		return nil, err
	}
	s.cache[rel] = b
	return b, nil
}

// pyEntryNames are the file names an application's entry tends to have,
// most likely first.
var pyEntryNames = []string{"app.py", "main.py", "wsgi.py", "asgi.py", "server.py", "run.py", "application.py", "api.py", "__init__.py"}

// pySkipParts are folders whose code is never the application: tests,
// migrations, docs, examples, build output.
var pySkipParts = map[string]bool{
	"tests": true, "test": true, "testing": true, "migrations": true, "docs": true, "doc": true,
	"examples": true, "example": true, "build": true, "env": true, "node_modules": true,
}

// appFiles lists the .py files that may hold the application object:
// shallow first (a src/ prefix does not count), entry-looking names
// first within a depth, at most pyMaxScan of them. Tests, migrations,
// setup scripts and committed virtualenvs are left out.
func (p *pyState) appFiles() []string {
	if !p.appDone {
		p.appCache, p.appDone = p.listAppFiles(), true
	}
	return p.appCache
}

// listAppFiles does appFiles' work.
func (p *pyState) listAppFiles() []string {
	var venvs []string
	for _, cfg := range p.r.filesNamed("pyvenv.cfg") {
		venvs = append(venvs, path.Dir(cfg)+"/")
	}
	var out []string
	for _, f := range p.r.filesWithExt(".py") {
		if pyIsTestFile(f) || slices.Contains([]string{"setup.py", "noxfile.py", "fabfile.py", "conftest.py", "gunicorn.conf.py"}, path.Base(f)) {
			continue
		}
		skip := false
		for _, part := range strings.Split(path.Dir(f), "/") {
			skip = skip || pySkipParts[part]
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
		i := slices.Index(pyEntryNames, path.Base(f))
		if i < 0 {
			i = len(pyEntryNames)
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
	if len(out) > pyMaxScan {
		out = out[:pyMaxScan]
	}
	return out
}

// pyIsTestFile reports whether f is a test module by its name.
func pyIsTestFile(f string) bool {
	b := path.Base(f)
	return strings.HasPrefix(b, "test_") && strings.HasSuffix(b, ".py") || strings.HasSuffix(b, "_test.py") || b == "tests.py"
}

// pyKeywords are Python's reserved words, which cannot name a module.
var pyKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// pyModuleOf turns a .py file path, relative to base ("" for the root),
// into a dotted module name; "src/" layouts are relative to src. It
// returns the folder the module is relative to (what gunicorn --chdir or
// uvicorn --app-dir needs, "" for the root) and ok=false when the path
// does not spell valid Python identifiers (my-app/main.py).
func pyModuleOf(file, base string) (module, dir string, ok bool) {
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
		if !pyIdentRE.MatchString(part) || pyKeywords[part] {
			return "", "", false
		}
	}
	return strings.Join(parts, "."), dir, true
}
