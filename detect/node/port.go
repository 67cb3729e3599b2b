package node

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// Default ports (docs/detect.md): Node servers 3000, a static site nginx's
// unprivileged 8080.
const (
	defaultPort       = 3000
	staticDefaultPort = 8080
	// maxPortScan bounds how many source files the port scan opens.
	maxPortScan = 200
)

// portPatterns find a literal port in server code. Each has one group:
// the number.
var portPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\.listen\(\s*['"]?(\d{1,6})\b`),
	regexp.MustCompile(`\b(?:listen|serve)\(\s*\{[^}]{0,200}?\bport\s*:\s*['"]?(\d{1,6})\b`),
	regexp.MustCompile(`\bPORT\b[^\n;]{0,60}?(?:\|\||\?\?)\s*['"]?(\d{1,6})\b`),
	regexp.MustCompile(`\b(?:const|let|var)\s+(?:PORT|port|Port)\s*(?::\s*number\s*)?=\s*['"]?(\d{1,6})\b`),
}

// port sets Port: a literal in the code (the entry first, then other
// sources), else the default.
func (n *project) port() {
	f := n.f
	switch {
	case n.isStatic():
		f.Port = staticDefaultPort
		return
	case n.scriptPort > 0:
		f.Port = n.scriptPort
		f.Source("port", n.portFrom)
		return
	}
	f.Port = defaultPort
	if (f.Framework == "next" || f.Framework == "nuxt") && f.Sources["start"] != "" && n.entry == "" {
		return // the framework's own server: no code of ours listens
	}
	for i, file := range n.portScanFiles() {
		if i%64 == 0 && n.ctx.Err() != nil {
			return
		}
		data, err := n.r.Head(file, repo.MaxSource)
		if err != nil {
			continue
		}
		if p, line := findPort(data); p > 0 {
			f.Port = p
			f.Source("port", fmt.Sprintf("%s:%d", file, line))
			return
		}
	}
}

// findPort returns the first literal port in data and its 1-based line,
// or 0, 0. Commented lines and numbers that are not TCP ports are skipped.
func findPort(data []byte) (port, line int) {
	if !bytes.Contains(data, []byte("listen")) && !bytes.Contains(data, []byte("PORT")) &&
		!bytes.Contains(data, []byte("port")) && !bytes.Contains(data, []byte("Port")) {
		return 0, 0
	}
	best, bestPort := -1, 0
	for _, re := range portPatterns {
		for _, loc := range re.FindAllSubmatchIndex(data, 16) {
			if best >= 0 && loc[0] >= best {
				break
			}
			if inLineComment(data, loc[0]) {
				continue
			}
			p, err := strconv.Atoi(string(data[loc[2]:loc[3]]))
			if err != nil || !core.ValidPort(p) {
				continue
			}
			best, bestPort = loc[0], p
			break
		}
	}
	if best < 0 {
		return 0, 0
	}
	return bestPort, bytes.Count(data[:best], []byte("\n")) + 1
}

// portScanFiles lists the files to scan: the entry first, then non-test
// sources at the root and under src/, server/, app/ — likely server
// files (server, index, app, main) and shallow ones first.
func (n *project) portScanFiles() []string {
	type cand struct {
		file  string
		rank  int
		depth int
	}
	var cands []cand
	for _, f := range n.r.Files() {
		if f == n.entry || !isPortScanSource(f) {
			continue
		}
		top, _, nested := strings.Cut(f, "/")
		if nested && top != "src" && top != "server" && top != "app" {
			continue
		}
		base := strings.TrimSuffix(path.Base(f), path.Ext(f))
		rank := 1
		switch base {
		case "server", "index", "app", "main", "http":
			rank = 0
		}
		cands = append(cands, cand{f, rank, strings.Count(f, "/")})
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].rank != cands[j].rank {
			return cands[i].rank < cands[j].rank
		}
		return cands[i].depth < cands[j].depth
	})
	out := []string{}
	if n.entry != "" {
		out = append(out, n.entry)
	}
	for _, c := range cands {
		if len(out) >= maxPortScan {
			break
		}
		out = append(out, c.file)
	}
	return out
}

// isPortScanSource reports whether f is a JS/TS source worth scanning:
// not a test, a declaration, a config file or a dotfile.
func isPortScanSource(f string) bool {
	switch path.Ext(f) {
	case ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts":
	default:
		return false
	}
	base := path.Base(f)
	for _, skip := range []string{".test.", ".spec.", ".config.", ".d.ts", ".d.mts", ".d.cts"} {
		if strings.Contains(base, skip) {
			return false
		}
	}
	if strings.HasPrefix(base, ".") || strings.Contains(f, "__tests__/") {
		return false
	}
	return true
}
