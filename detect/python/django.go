package python

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

var (
	settingsModuleRE = regexp.MustCompile(`DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([A-Za-z_][\w.]*)['"]`)
	wSGIAppRE        = regexp.MustCompile(`(?m)^WSGI_APPLICATION\s*(?::[^=\n]*)?=\s*['"]([A-Za-z_][\w.]*)['"]`)
	staticRootRE     = regexp.MustCompile(`(?m)^STATIC_ROOT\s*(?::[^=\n]*)?=\s*(\S[^\n]*)`)
	// safePathRE is a relative path a shell line may hold unquoted.
	safePathRE = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._/-]*$`)
)

// compressOfflineRE is django-compressor's offline mode switched on.
var compressOfflineRE = regexp.MustCompile(`(?m)^COMPRESS_OFFLINE\s*=\s*True\b`)

// djangoEntry finds the WSGI module gunicorn serves: WSGI_APPLICATION in
// the settings (the module manage.py names first, then every *settings*.py
// and settings/ package), else the folder beside manage.py holding
// wsgi.py. It also sets buildCommand to collectstatic when STATIC_ROOT is
// set. The server is gunicorn, or uvicorn on asgi.py when only uvicorn is
// a dependency.
func (p *state) djangoEntry() entry {
	manage := p.managePy()
	dir := path.Dir(manage)
	if dir == "." {
		dir = ""
	}
	settings := p.settingsFiles(manage, dir)
	var e entry
	compressFrom := ""
	for _, s := range settings {
		data, err := p.src.get(s)
		if err != nil {
			continue
		}
		if m := compressOfflineRE.FindIndex(data); m != nil && compressFrom == "" {
			compressFrom = fmt.Sprintf("%s:%d", s, lineAt(data, m[0]))
		}
		if m := wSGIAppRE.FindSubmatchIndex(data); m != nil && e.target == "" {
			value := string(data[m[2]:m[3]])
			mod, attr := value, "application"
			if i := strings.LastIndexByte(value, '.'); i > 0 {
				mod, attr = value[:i], value[i+1:]
			}
			if file := p.moduleFile(mod, dir); file != "" {
				e = entry{target: mod, file: file, dir: dir, from: fmt.Sprintf("%s:%d", s, lineAt(data, m[0]))}
				if attr != "application" {
					e.target = mod + ":" + attr
				}
			} else {
				p.f.Warnf("%s:%d: WSGI_APPLICATION names %s, which has no module in the project; it is not used", s, lineAt(data, m[0]), clipStr(value, 80))
			}
		}
		if m := staticRootRE.FindSubmatchIndex(data); m != nil && !p.d.CollectStatic {
			if v := strings.TrimSpace(string(data[m[2]:m[3]])); v != "None" && !strings.HasPrefix(v, "None ") && !strings.HasPrefix(v, "None#") {
				p.collectStatic(manage, fmt.Sprintf("%s:%d", s, lineAt(data, m[0])))
			}
		}
	}
	if compressFrom != "" && p.d.CollectStatic && p.installed["django-compressor"] {
		// COMPRESS_OFFLINE pages fail until the bundles are made, which
		// `compress` does after collectstatic, at build time.
		// --force: COMPRESS_ENABLED follows DEBUG, which many settings
		// default to True; the offline manifest must be made anyway.
		p.f.BuildCommand += " && python " + manage + " compress --force"
		p.f.Warnf("%s: COMPRESS_OFFLINE is on; the build runs manage.py compress after collectstatic", compressFrom)
	}
	p.productionSettings(manage, dir)
	p.debugOff(settings)
	if e.target == "" {
		e = p.djangoWSGIFallback(manage, dir)
	}
	if e.target == "" {
		p.guessWarnf("no Django WSGI module found (WSGI_APPLICATION in the settings, or a wsgi.py beside %s); pass --start", manage)
		return entry{}
	}
	e.server = "gunicorn"
	if !p.hasServer("gunicorn") {
		proj := strings.TrimSuffix(strings.SplitN(e.target, ":", 2)[0], ".wsgi")
		asgi := p.moduleFile(proj+".asgi", dir)
		if p.hasServer("uvicorn") && asgi != "" && strings.HasSuffix(strings.SplitN(e.target, ":", 2)[0], ".wsgi") {
			e.server, e.target, e.file = "uvicorn", proj+".asgi:application", asgi
		}
	}
	p.d.AppModule = e.target
	return e
}

// settingsFiles lists the settings modules to read, most likely first.
func (p *state) settingsFiles(manage, dir string) []string {
	var out []string
	if data, err := p.src.get(manage); err == nil {
		if m := settingsModuleRE.FindSubmatch(data); m != nil {
			mod := string(m[1])
			if f := p.moduleFile(mod, dir); f != "" {
				out = append(out, f)
			}
			pkg := strings.TrimSuffix(path.Join(dir, strings.ReplaceAll(mod, ".", "/")), "/")
			for _, f := range p.r.FilesWithExt(".py") {
				if path.Dir(f) == pkg || path.Dir(f) == path.Dir(pkg) && strings.Contains(path.Base(f), "settings") {
					out = append(out, f)
				}
			}
		}
	}
	for _, f := range p.appFiles() {
		if strings.Contains(path.Base(f), "settings") || path.Base(path.Dir(f)) == "settings" {
			out = append(out, f)
		}
	}
	var uniq []string
	for _, f := range out {
		if !slices.Contains(uniq, f) && (dir == "" || strings.HasPrefix(f, dir+"/")) {
			uniq = append(uniq, f)
		}
	}
	return uniq
}

// djangoWSGIFallback looks for <pkg>/wsgi.py beside manage.py, preferring
// the package manage.py's DJANGO_SETTINGS_MODULE names.
func (p *state) djangoWSGIFallback(manage, dir string) entry {
	want := ""
	if data, err := p.src.get(manage); err == nil {
		if m := settingsModuleRE.FindSubmatch(data); m != nil {
			want = strings.SplitN(string(m[1]), ".", 2)[0]
		}
	}
	var cands []entry
	for _, w := range p.r.FilesNamed("wsgi.py") {
		pkgDir := path.Dir(w)
		parent := path.Dir(pkgDir)
		if parent == "." {
			parent = ""
		}
		if parent != dir {
			continue
		}
		mod, _, ok := moduleOf(w, dir)
		if !ok {
			p.f.Warnf("%s is not importable as a Python module; it is not used", w)
			continue
		}
		e := entry{target: mod, file: w, dir: dir, from: w}
		if path.Base(pkgDir) == want {
			return e
		}
		cands = append(cands, e)
	}
	if len(cands) > 0 {
		return cands[0]
	}
	return entry{}
}

// moduleFile returns the file of dotted module mod relative to dir
// (mod.py or mod/__init__.py), or "" when there is none.
func (p *state) moduleFile(mod, dir string) string {
	for _, part := range strings.Split(mod, ".") {
		if !identRE.MatchString(part) || keywords[part] {
			return ""
		}
	}
	base := path.Join(dir, strings.ReplaceAll(mod, ".", "/"))
	for _, f := range []string{base + ".py", base + "/__init__.py"} {
		if p.r.Has(f) {
			return f
		}
	}
	return ""
}

// collectStatic sets the Django collectstatic build command.
func (p *state) collectStatic(manage, from string) {
	if !safePathRE.MatchString(manage) {
		p.f.Warnf("%s: the path of %q needs shell quoting; buildCommand (collectstatic) is left empty", from, clipStr(manage, 60))
		return
	}
	p.f.BuildCommand = "python " + manage + " collectstatic --noinput"
	p.f.Source("buildCommand", from)
	p.d.CollectStatic = true
}

// lineAt is the 1-based line of byte offset i in data.
func lineAt(data []byte, i int) int {
	line, _ := repo.LineCol(data, int64(i))
	return line
}

// devSettingsNames are the last part of a settings module meant for a
// developer's machine; prodSettingsNames the sibling for a deployment.
var (
	devSettingsNames  = []string{"dev", "development", "develop", "local"}
	prodSettingsNames = []string{"production", "prod"}
)

// productionSettings points the image at the production settings when
// manage.py defaults to development ones (bakerydemo.settings.dev, with
// bakerydemo/settings/production.py beside it): ENV DJANGO_SETTINGS_MODULE
// in the final stage (Details.Env), with a warning. The build's
// collectstatic keeps manage.py's default, which needs no deployment
// secrets.
func (p *state) productionSettings(manage, dir string) {
	data, err := p.src.get(manage)
	if err != nil {
		return
	}
	m := settingsModuleRE.FindSubmatch(data)
	if m == nil {
		return
	}
	mod := string(m[1])
	i := strings.LastIndexByte(mod, '.')
	if i < 0 || !slices.Contains(devSettingsNames, mod[i+1:]) {
		return
	}
	for _, name := range prodSettingsNames {
		if prod := mod[:i] + "." + name; p.moduleFile(prod, dir) != "" {
			env := "DJANGO_SETTINGS_MODULE=" + prod
			p.f.Details.Env = append(p.f.Details.Env, env)
			p.f.Warnf("%s defaults to the development settings %s; the image runs %s (ENV %s), which may need its own environment (SECRET_KEY, a database URL)", manage, mod, prod, env)
			return
		}
	}
}

// debugFromEnvRE is a settings line that reads DEBUG from the
// environment (os.getenv, os.environ.get, django-environ, decouple,
// a helper such as healthchecks' envbool): group 1 is the rest of it.
var debugFromEnvRE = regexp.MustCompile(`(?m)^DEBUG\s*=\s*(.*\(\s*["']DEBUG["'].*)$`)

// truthyDefaultRE is a default that turns DEBUG on.
var truthyDefaultRE = regexp.MustCompile(`(?i)(?:,\s*(?:default\s*=\s*)?["']?(?:true|1|yes|on)["']?\s*[,)])`)

// debugOff sets ENV DEBUG in the final stage when the settings read it
// from the environment with a default that turns it on: Django's debug
// pages would otherwise show settings and stack traces to anyone.
// "False" is what the common readers accept; a setting parsed with
// int() gets "0".
func (p *state) debugOff(settings []string) {
	for _, s := range settings {
		data, err := p.src.get(s)
		if err != nil {
			continue
		}
		m := debugFromEnvRE.FindSubmatchIndex(data)
		if m == nil || !truthyDefaultRE.Match(data[m[2]:m[3]]) {
			continue
		}
		value := "False"
		if strings.Contains(string(data[m[2]:m[3]]), "int(") {
			value = "0"
		}
		p.f.Details.Env = append(p.f.Details.Env, "DEBUG="+value)
		p.f.Warnf("%s:%d turns DEBUG on unless the environment says otherwise; the image sets DEBUG=%s", s, lineAt(data, m[0]), value)
		return
	}
}
