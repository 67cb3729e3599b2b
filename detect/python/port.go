package python

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"

	"github.com/dockslim/dockslim/detect/internal/core"
)

// portREs find a port literal in Python code; the earliest match in a
// file wins. They are narrow on purpose: a bare `port=5432` in a database
// call must not become the container's port.
var portREs = []*regexp.Regexp{
	// app.run(port=5001), uvicorn.run(app, port=8001), web.run_app(…, port=…), waitress serve(…)
	regexp.MustCompile(`\b(?:run|run_app|serve)\((?:[^()]|\([^()]*\)){0,400}?\bport\s*=\s*(\d{2,5})\b`),
	// PORT = int(os.environ.get("PORT", 8080)), os.getenv("PORT", "8080")
	regexp.MustCompile(`(?:environ\.get|getenv|environ\.setdefault)\(\s*['"]PORT['"]\s*,\s*['"]?(\d{2,5})`),
	// HTTPServer(("", 8080), Handler), socketserver.TCPServer(("", PORT_LITERAL), …)
	regexp.MustCompile(`(?:HTTPServer|TCPServer)\(\s*\(\s*(?:['"][^'"\n]*['"]|[\w.]+)\s*,\s*(\d{2,5})\s*\)`),
	// PORT = 8080 at module level
	regexp.MustCompile(`(?m)^PORT\s*(?::\s*int\s*)?=\s*(\d{2,5})\b`),
}

// gunicornBindRE is a gunicorn config's bind = "0.0.0.0:9000" (or a
// list of them).
var gunicornBindRE = regexp.MustCompile(`(?m)^bind\s*=\s*\[?\s*['"][^'"\n]*:(\d{2,5})['"]`)

// gunicornConfigs are where gunicorn's settings usually live; gunicorn
// reads ./gunicorn.conf.py by itself.
var gunicornConfigs = []string{"gunicorn.conf.py", "gunicorn_config.py", "gunicorn.config.py", "config/gunicorn.conf.py", "config/gunicorn.py"}

// port sets port from a literal: the Procfile's web command when start
// comes from it, a gunicorn config (for a gunicorn start), the entry
// file, then the root's entry-looking files; else 8000 (docs/detect.md), with
// no source.
func (p *state) port(e entry, proc procfile) {
	p.f.Port = 8000
	if proc.argv != nil && proc.port > 0 {
		p.f.Port = proc.port
		p.f.Source("port", proc.from)
		return
	}
	var files []string
	if e.file != "" {
		files = append(files, e.file)
	}
	for _, name := range entryNames[:len(entryNames)-1] {
		if p.r.Has(name) && !slices.Contains(files, name) {
			files = append(files, name)
		}
	}
	// A gunicorn config only matters to a gunicorn start; it is read
	// before the other files because it is what gunicorn binds.
	if e.server == "gunicorn" || proc.argv != nil && proc.argv[0] == "gunicorn" {
		for _, c := range gunicornConfigs {
			if !p.r.Has(c) {
				continue
			}
			if data, err := p.src.get(c); err == nil {
				if m := gunicornBindRE.FindSubmatchIndex(data); m != nil && p.setPort(data, c, m) {
					return
				}
			}
		}
	}
	for _, f := range files {
		data, err := p.src.get(f)
		if err != nil {
			continue
		}
		best := []int(nil)
		for _, re := range portREs {
			if m := re.FindSubmatchIndex(data); m != nil && (best == nil || m[0] < best[0]) {
				best = m
			}
		}
		if best != nil && p.setPort(data, f, best) {
			if p.f.Port < 1024 && proc.argv == nil && e.server != "" {
				// The code's own (dev) server port; the server dockslim
				// starts binds where it is told, so not where a non-root
				// user may be refused.
				p.f.Warnf("%s listens on port %d, below 1024, which the image's non-root user cannot bind everywhere: %s binds 8000 instead (pass --port to choose)", p.f.Sources["port"], p.f.Port, e.server)
				p.f.Port = 8000
				delete(p.f.Sources, "port")
			}
			return
		}
	}
}

// setPort records the port captured by match m in file f, when valid.
func (p *state) setPort(data []byte, f string, m []int) bool {
	n, err := strconv.Atoi(string(data[m[2]:m[3]]))
	if err != nil || !core.ValidPort(n) {
		return false
	}
	p.f.Port = n
	p.f.Source("port", fmt.Sprintf("%s:%d", f, lineAt(data, m[0])))
	return true
}
