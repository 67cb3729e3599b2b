package node

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// Default ports (docs/detect.md): Node servers 3000, a static site nginx's
// unprivileged 8080.
const (
	defaultPort = 3000
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
		f.Port = StaticPort
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
	readsEnv := false
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
			if file == n.entry {
				f.Source("port", fmt.Sprintf("%s:%d", file, line))
			} else {
				// Another file than the one start runs: likely the server's,
				// but not read along the code that runs.
				f.Likely("port", fmt.Sprintf("%s:%d", file, line))
			}
			return
		}
		readsEnv = readsEnv || envPortRE.Match(data)
	}
	if readsEnv {
		// The code reads PORT without a default of its own: the sample
		// environment the repository ships says what it expects.
		if p, from := n.envFilePort(); p > 0 {
			f.Port = p
			f.Likely("port", from) // a sample, not what the code defaults to
		}
	}
}

// envPortRE finds code that reads the PORT environment variable.
var envPortRE = regexp.MustCompile(`\benv(?:\.PORT\b|\[\s*['"]PORT['"]\s*\])`)

// envSamples are committed sample environments, most specific first;
// .env itself holds a person's secrets and is never read.
var envSamples = []string{".env.example", ".env.sample", ".env.defaults", ".env.template"}

// envFileLineRE is a PORT assignment in a dotenv file.
var envFileLineRE = regexp.MustCompile(`(?m)^\s*(?:export\s+)?PORT\s*=\s*['"]?(\d{1,5})['"]?\s*(?:#.*)?$`)

// envFilePort reads PORT from the first sample environment that sets it.
func (n *project) envFilePort() (int, string) {
	for _, name := range envSamples {
		data, err := n.r.Head(name, repo.MaxSource)
		if err != nil {
			continue
		}
		if m := envFileLineRE.FindSubmatchIndex(data); m != nil {
			if p, err := strconv.Atoi(string(data[m[2]:m[3]])); err == nil && core.ValidPort(p) {
				return p, fmt.Sprintf("%s:%d", name, bytes.Count(data[:m[0]], []byte("\n"))+1)
			}
		}
	}
	return 0, ""
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

// portScanDirs are the top folders whose sources the port scan reads:
// where servers and their configuration live.
var portScanDirs = []string{"src", "server", "app", "api", "config", "lib", "bin"}

// portScanFiles lists the files to scan: the entry first, then non-test
// sources at the root and under portScanDirs — likely server files
// (server, index, app, main, www) and shallow ones first.
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
		if nested && !slices.Contains(portScanDirs, top) {
			continue
		}
		base := strings.TrimSuffix(path.Base(f), path.Ext(f))
		rank := 1
		switch base {
		case "server", "index", "app", "main", "http", "www":
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
	case "":
		// Scripts in bin/ often have no extension (express-generator's bin/www).
		if !strings.HasPrefix(f, "bin/") {
			return false
		}
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
