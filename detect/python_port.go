package detect

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
)

// pyPortREs find a port literal in Python code; the earliest match in a
// file wins. They are narrow on purpose: a bare `port=5432` in a database
// call must not become the container's port.
var pyPortREs = []*regexp.Regexp{
	// app.run(port=5001), uvicorn.run(app, port=8001), web.run_app(…, port=…), waitress serve(…)
	regexp.MustCompile(`\b(?:run|run_app|serve)\((?:[^()]|\([^()]*\)){0,400}?\bport\s*=\s*(\d{2,5})\b`),
	// PORT = int(os.environ.get("PORT", 8080)), os.getenv("PORT", "8080")
	regexp.MustCompile(`(?:environ\.get|getenv|environ\.setdefault)\(\s*['"]PORT['"]\s*,\s*['"]?(\d{2,5})`),
	// HTTPServer(("", 8080), Handler), socketserver.TCPServer(("", PORT_LITERAL), …)
	regexp.MustCompile(`(?:HTTPServer|TCPServer)\(\s*\(\s*(?:['"][^'"\n]*['"]|[\w.]+)\s*,\s*(\d{2,5})\s*\)`),
	// PORT = 8080 at module level
	regexp.MustCompile(`(?m)^PORT\s*(?::\s*int\s*)?=\s*(\d{2,5})\b`),
}

// pyGunicornBindRE is a gunicorn config's bind = "0.0.0.0:9000" (or a
// list of them).
var pyGunicornBindRE = regexp.MustCompile(`(?m)^bind\s*=\s*\[?\s*['"][^'"\n]*:(\d{2,5})['"]`)

// pyGunicornConfigs are where gunicorn's settings usually live; gunicorn
// reads ./gunicorn.conf.py by itself.
var pyGunicornConfigs = []string{"gunicorn.conf.py", "gunicorn_config.py", "gunicorn.config.py", "config/gunicorn.conf.py", "config/gunicorn.py"}

// port sets port from a literal: the Procfile's web command when start
// comes from it, a gunicorn config (for a gunicorn start), the entry
// file, then the root's entry-looking files; else 8000 (SPEC §4), with
// no source.
func (p *pyState) port(e pyEntry, proc pyProc) {
	p.f.Port = 8000
	if proc.argv != nil && proc.port > 0 {
		p.f.Port = proc.port
		p.f.source("port", proc.from)
		return
	}
	var files []string
	if e.file != "" {
		files = append(files, e.file)
	}
	for _, name := range pyEntryNames[:len(pyEntryNames)-1] {
		if p.r.has(name) && !slices.Contains(files, name) {
			files = append(files, name)
		}
	}
	// A gunicorn config only matters to a gunicorn start; it is read
	// before the other files because it is what gunicorn binds.
	if e.server == "gunicorn" || proc.argv != nil && proc.argv[0] == "gunicorn" {
		for _, c := range pyGunicornConfigs {
			if !p.r.has(c) {
				continue
			}
			if data, err := p.src.get(c); err == nil {
				if m := pyGunicornBindRE.FindSubmatchIndex(data); m != nil && p.setPort(data, c, m) {
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
		for _, re := range pyPortREs {
			if m := re.FindSubmatchIndex(data); m != nil && (best == nil || m[0] < best[0]) {
				best = m
			}
		}
		if best != nil && p.setPort(data, f, best) {
			return
		}
	}
}

// setPort records the port captured by match m in file f, when valid.
func (p *pyState) setPort(data []byte, f string, m []int) bool {
	n, err := strconv.Atoi(string(data[m[2]:m[3]]))
	if err != nil || n < 1 || n > 65535 {
		return false
	}
	p.f.Port = n
	p.f.source("port", fmt.Sprintf("%s:%d", f, pyLineAt(data, m[0])))
	return true
}
