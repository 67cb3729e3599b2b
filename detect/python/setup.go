package python

import (
	"regexp"
	"strings"
)

// setup.py is code, so its dependencies are read best-effort: string
// literals of an `install_requires=[…]` list. Entries that are not valid
// PEP 508 (variables, f-strings) are skipped without a word.
var (
	setupRequiresRE = regexp.MustCompile(`install_requires\s*=\s*\[([^\]]*)\]`)
	stringLitRE     = regexp.MustCompile(`"([^"\\\n]*)"|'([^'\\\n]*)'`)
)

// setupDeps returns setup.py's and setup.cfg's install_requires.
func (p *state) setupDeps() []dependency {
	var out []dependency
	if p.r.Has("setup.py") {
		if data, err := p.src.get("setup.py"); err == nil {
			if m := setupRequiresRE.FindSubmatch(data); m != nil {
				for _, lit := range stringLitRE.FindAllStringSubmatch(string(m[1]), -1) {
					if req, err := parseRequirement(lit[1] + lit[2]); err == nil {
						out = append(out, dependency{Req: req, From: "setup.py"})
					}
				}
			}
		}
	}
	if p.r.Has("setup.cfg") {
		if data, err := p.src.get("setup.cfg"); err == nil {
			for _, s := range setupCfgRequires(string(data)) {
				if req, err := parseRequirement(s); err == nil {
					out = append(out, dependency{Req: req, From: "setup.cfg#options.install_requires"})
				}
			}
		}
	}
	return out
}

// setupCfgRequires returns the entries of [options] install_requires,
// a dangling (indented, one per line) or single-line INI value.
func setupCfgRequires(data string) []string {
	var out []string
	section, inValue := "", false
	for _, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		if inValue && line != "" && (line[0] == ' ' || line[0] == '\t') {
			if trimmed != "" && !strings.HasPrefix(trimmed, "#") && !strings.HasPrefix(trimmed, ";") {
				out = append(out, trimmed)
			}
			continue
		}
		inValue = false
		switch {
		case strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]"):
			section = strings.TrimSpace(trimmed[1 : len(trimmed)-1])
		case section == "options":
			k, v, ok := strings.Cut(trimmed, "=")
			if ok && strings.TrimSpace(k) == "install_requires" {
				inValue = true
				if v = strings.TrimSpace(v); v != "" {
					out = append(out, v)
				}
			}
		}
	}
	return out
}
