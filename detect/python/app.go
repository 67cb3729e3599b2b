package python

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Top-level assignments and definitions that reveal the application
// object. Only unindented lines count: an `app = Flask(…)` inside
// create_app() is not importable as module:app.
var (
	flaskRE       = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=\s*(?:flask\.)?Flask\(`)
	fastAPIRE     = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=\s*(?:fastapi\.)?FastAPI\(`)
	factoryCallRE = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=\s*(?:[A-Za-z_][\w.]*\.)?(?:create_app|make_app)\(`)
	factoryDefRE  = regexp.MustCompile(`(?m)^(?:async\s+)?def\s+(create_app|make_app)\s*\(`)
)

// appHit is where an application object was found.
type appHit struct {
	module, dir, file string
	name              string // the variable or factory matched
	line              int
}

// findApp returns the first file (in appFiles order) where re matches,
// skipping files that mention none of needles (a cheap pre-filter). A
// file whose path is not a valid module name warns once and is skipped.
func (p *state) findApp(re *regexp.Regexp, needle string, warned map[string]bool) (appHit, bool) {
	for i, f := range p.appFiles() {
		if i%64 == 0 && p.ctx.Err() != nil {
			return appHit{}, false
		}
		data, err := p.src.get(f)
		if err != nil || !bytes.Contains(data, []byte(needle)) {
			continue
		}
		m := re.FindSubmatchIndex(data)
		if m == nil {
			continue
		}
		mod, dir, ok := moduleOf(f, "")
		if !ok {
			if !warned[f] {
				warned[f] = true
				p.f.Warnf("%s holds the application but its path is not a valid Python module name; it is not used", f)
			}
			continue
		}
		return appHit{module: mod, dir: dir, file: f, name: string(data[m[2]:m[3]]), line: lineAt(data, m[0])}, true
	}
	return appHit{}, false
}

// flaskEntry finds the Flask application gunicorn serves: a module-level
// `<var> = Flask(…)` → module:var; else an app built by a factory
// (`app = create_app()`) → module:app; else only `def create_app` →
// module:create_app().
func (p *state) flaskEntry() entry {
	warned := map[string]bool{}
	target := ""
	hit, ok := p.findApp(flaskRE, "Flask(", warned)
	if ok {
		target = hit.module + ":" + hit.name
	} else if hit, ok = p.findApp(factoryCallRE, "_app(", warned); ok {
		target = hit.module + ":" + hit.name
	} else if hit, ok = p.findApp(factoryDefRE, "_app", warned); ok {
		target = hit.module + ":" + hit.name + "()"
	}
	if !ok {
		p.guessWarnf("no Flask application found (a module-level app = Flask(…) or create_app); start falls back to the plain Python rules")
		return entry{}
	}
	p.d.AppModule = target
	return entry{server: "gunicorn", target: target, file: hit.file, dir: hit.dir, from: fmt.Sprintf("%s:%d", hit.file, hit.line)}
}

// fastapiFactoryRE is a top-level def annotated to return FastAPI.
var fastapiFactoryRE = regexp.MustCompile(`(?m)^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\([^)]*\)\s*->\s*(?:fastapi\.)?FastAPI\s*:`)

// fastapiFactoryCallRE matches a top-level `app = factory(…)` where the
// factory is one of the conventional names or a def annotated `->
// FastAPI` in the project's application files.
func (p *state) fastapiFactoryCallRE() *regexp.Regexp {
	names := []string{"create_app", "make_app", "create_application", "get_application", "get_app"}
	for _, f := range p.appFiles() {
		data, err := p.src.get(f)
		if err != nil || !bytes.Contains(data, []byte("FastAPI")) {
			continue
		}
		for _, m := range fastapiFactoryRE.FindAllSubmatch(data, 16) {
			names = append(names, regexp.QuoteMeta(string(m[1])))
		}
	}
	return regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]*)?=\s*(?:[A-Za-z_][\w.]*\.)?(?:` + strings.Join(names, "|") + `)\(`)
}

// fastapiEntry finds the module-level `<var> = FastAPI(…)` uvicorn serves,
// else a module-level app a factory returns (`app = create_application()`).
// fastapi[standard] brings uvicorn along; otherwise uvicorn must be a
// dependency, or the person is told.
func (p *state) fastapiEntry() entry {
	warned := map[string]bool{}
	hit, ok := p.findApp(fastAPIRE, "FastAPI(", warned)
	if !ok {
		// app = create_application(): a factory that returns the app.
		hit, ok = p.findApp(p.fastapiFactoryCallRE(), "(", warned)
	}
	if !ok {
		p.guessWarnf("no FastAPI application found (a module-level app = FastAPI(…)); start falls back to the plain Python rules")
		return entry{}
	}
	target := hit.module + ":" + hit.name
	p.d.AppModule = target
	return entry{server: "uvicorn", target: target, file: hit.file, dir: hit.dir, from: fmt.Sprintf("%s:%d", hit.file, hit.line)}
}
