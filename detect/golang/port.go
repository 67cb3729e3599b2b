package golang

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// maxPortFiles and maxPortBytes bound how much the port search reads.
const (
	maxPortFiles = 400
	maxPortBytes = 16 << 20
)

// maxPortHints bounds the places per rule and file where a match is
// attempted, so a pathological file (thousands of near-misses) stays
// cheap; real code states its port within the first few.
const maxPortHints = 64

// portWindow is how far past a hint a match may end: enough for a call
// spread over a few lines.
const portWindow = 600

// portRule is one way Go code states the address it listens on. The
// regexp is only run around the places where one of its hints occurs
// (from the start of the line before, or back bytes before when set), so
// the cost stays proportional to the hints, not the file. The first
// capture group is a key (an env var or flag name) when keyed is true;
// the value is the next non-empty group: a quoted address or a number.
type portRule struct {
	hints []string
	back  int
	re    *regexp.Regexp
	keyed bool
	// knob is the kind of setting the key names ("env", "flag"), so a
	// default a container cannot use can be changed through it; "" when
	// it is not one dockslim can set (a viper key).
	knob string
}

// portRules, tried together on each file; the earliest match wins.
var portRules = []portRule{
	// http.ListenAndServe(":8080", h), ListenAndServeTLS, gin r.Run(":8080"),
	// echo e.Start(":8080"), fiber app.Listen(":8080") and their TLS forms.
	{hints: []string{"ListenAndServe", "Listen(", "ListenTLS(", "Run(", "RunTLS(", "Start(", "StartTLS("},
		re: regexp.MustCompile(`\.(?:ListenAndServe|Listen|Run|Start)(?:TLS)?\(\s*"([^"\n]{0,80})"`)},
	// net.Listen("tcp", ":8080")
	{hints: []string{"net.Listen"}, re: regexp.MustCompile(`\bnet\.Listen\(\s*"tcp[46]?"\s*,\s*"([^"\n]{0,80})"`)},
	// http.Server{Addr: ":8080"} (only in a Server literal: redis.Options{Addr: …} is a client)
	{hints: []string{"Addr:"}, back: 450, re: regexp.MustCompile(`Server\s*\{[^{}]{0,400}?\bAddr:\s*"([^"\n]{0,80})"`)},
	// getEnv("PORT", "8080"), cmp.Or(os.Getenv("PORT"), "8080")
	{hints: []string{"PORT\""}, keyed: true, knob: "env", re: regexp.MustCompile(`"([A-Z0-9_]*PORT)"\)?\s*,\s*"(:?[0-9]{1,5})"`)},
	// port := os.Getenv("PORT"); if port == "" { port = "8080" }
	{hints: []string{"Getenv(", "LookupEnv("}, keyed: true, knob: "env",
		re: regexp.MustCompile(`(?:Getenv|LookupEnv)\("([A-Z0-9_]*PORT)"\)[^\n]*\n(?:[^\n]*\n){0,3}?[^\n"]*[^=!<>]=\s*"(:?[0-9]{1,5})"`)},
	// flag.Int("port", 8080, …), flag.StringVar(&addr, "addr", ":8080", …), cobra/pflag IntVarP.
	{hints: []string{"ort\"", "ORT\"", "ddr\"", "DDR\"", "ddress\"", "isten\"", "ind\""}, keyed: true, knob: "flag",
		re: regexp.MustCompile(`\.(?:String|Int|Uint)(?:64)?(?:Var)?P?\(\s*(?:&[\w.\[\]]+\s*,\s*)?"([\w.-]{1,40})"\s*,\s*(?:"\w"\s*,\s*)?(?:"([^"\n]{0,80})"|([0-9]{1,5})\b)`)},
	// A table of settings by environment variable:
	// "LISTEN_ADDR": {rawValue: "127.0.0.1:8080", …}.
	{hints: []string{"PORT\":", "ADDR\":", "ADDRESS\":", "LISTEN\":"}, keyed: true, knob: "env",
		re: regexp.MustCompile(`"([A-Z][A-Z0-9_]*(?:PORT|ADDR|ADDRESS|LISTEN))"\s*:\s*\{[^}]{0,300}?"([^"\n]{0,60}:[0-9]{1,5})"`)},
	// viper.SetDefault("server.port", 8080)
	{hints: []string{"SetDefault("}, keyed: true,
		re: regexp.MustCompile(`SetDefault\(\s*"([\w.-]{1,40})"\s*,\s*(?:"([^"\n]{0,80})"|([0-9]{1,5})\b)`)},
}

// portKeyDeny are words that make a PORT-ish key someone else's port
// (a database, a broker, a metrics side server), not the app's.
var portKeyDeny = setOf("db", "database", "postgres", "postgresql", "pg", "mysql", "mariadb", "redis", "smtp",
	"mail", "mongo", "mongodb", "amqp", "rabbit", "rabbitmq", "kafka", "nats", "memcache", "memcached",
	"elastic", "elasticsearch", "es", "clickhouse", "cassandra", "etcd", "consul", "ldap", "ftp", "ssh",
	"proxy", "metrics", "debug", "pprof", "admin", "health", "prometheus", "statsd", "jaeger", "otel", "otlp")

// portKeyPrefix are what may stand before "port"/"addr" in one word
// (httpPort, listenAddr).
var portKeyPrefix = setOf("", "http", "https", "listen", "server", "app", "web", "api", "service", "bind")

// serverImports are imports that make a non-main file worth reading
// for a port: servers, flags, environment and config libraries.
var serverImports = []string{"net", "net/http", "os", "flag", "github.com/spf13/", "github.com/gin-gonic/gin",
	"github.com/labstack/echo", "github.com/gofiber/fiber", "github.com/valyala/fasthttp", "github.com/kataras/iris",
	"github.com/caarlos0/env", "github.com/kelseyhightower/envconfig"}

// portFiles orders the files to search: the chosen main package's files
// (all main packages' when none is chosen), main.go first in each; then
// other files of the module that import something server- or
// config-related, in path order.
func portFiles(files []sourceFile, mainDir string) []sourceFile {
	var first, rest []sourceFile
	for _, f := range files {
		switch {
		case mainDir != "" && f.dir == mainDir, mainDir == "" && f.pkg == "main":
			first = append(first, f)
		case !f.generated && importsAny(f, serverImports):
			rest = append(rest, f)
		}
	}
	isMain := func(f sourceFile) bool { return path.Base(f.rel) == "main.go" }
	sort.SliceStable(first, func(i, j int) bool {
		if first[i].dir != first[j].dir {
			return first[i].dir < first[j].dir
		}
		return isMain(first[i]) && !isMain(first[j])
	})
	return append(first, rest...)
}

// importsAny reports whether f imports one of pkgs (a trailing "/"
// matches everything below it; others match the package and below).
func importsAny(f sourceFile, pkgs []string) bool {
	for _, imp := range f.imports {
		for _, p := range pkgs {
			if imp.path == p || strings.HasPrefix(imp.path, strings.TrimSuffix(p, "/")+"/") {
				return true
			}
		}
	}
	return false
}

// listenPort is the port a server listens on and how it was found.
type listenPort struct {
	port   int
	from   string // "path:line" of the literal
	host   string // the address's host, "" for all interfaces
	likely bool   // found by a guess (a config field's default by its name)
	knobs  []knob // the environment variables and flags that set it
}

// findPort searches files in order and returns the first listen port:
// one followed from a listen call (listen.go), else one stated as a
// literal the regexp rules know. Its zero value means none was found.
// Sources cached by the scan are used as they are; others are read up
// to repo.MaxSource.
func findPort(ctx context.Context, r *repo.Repo, files []sourceFile, search *addrSearch) listenPort {
	read := 0
	for i, f := range files {
		if i == maxPortFiles || read > maxPortBytes || ctx.Err() != nil {
			break
		}
		data := f.src
		if data == nil {
			var err error
			if data, err = r.Head(f.rel, repo.MaxSource); err != nil {
				continue
			}
		}
		read += len(data)
		if fd, ok := search.listenIn(f, data); ok {
			pos := search.fset.Position(fd.val.pos)
			return listenPort{port: fd.port, host: fd.host, from: fmt.Sprintf("%s:%d", fd.val.file, pos.Line),
				likely: fd.val.likely, knobs: fd.val.knobs}
		}
		if m := portMatchIn(data); m.port > 0 {
			line, _ := repo.LineCol(data, int64(m.offset))
			lp := listenPort{port: m.port, host: m.host, from: fmt.Sprintf("%s:%d", f.rel, line)}
			if m.rule.knob != "" {
				lp.knobs = []knob{{kind: m.rule.knob, name: m.key, def: m.val}}
			}
			return lp
		}
	}
	return listenPort{}
}

// portInSource returns the port of the earliest match of any rule in
// src, its byte offset and the host part of the address ("" for all
// interfaces).
func portInSource(src []byte) (port, offset int, host string) {
	m := portMatchIn(src)
	return m.port, m.offset, m.host
}

// portMatch is a rule's match: the port, where, the host, and for a
// keyed rule the key and the default's text.
type portMatch struct {
	port, offset int
	host         string
	key, val     string
	rule         *portRule
}

// portMatchIn returns the earliest match of any rule in src.
func portMatchIn(src []byte) portMatch {
	best := portMatch{offset: -1}
	for i := range portRules {
		if m := portRuleFirst(src, &portRules[i]); m.port > 0 && (best.offset < 0 || m.offset < best.offset) {
			best = m
		}
	}
	if best.offset < 0 {
		return portMatch{}
	}
	return best
}

// portRuleFirst returns rule's first valid match in src, trying the
// regexp in a window around each hint in order.
func portRuleFirst(src []byte, rule *portRule) portMatch {
	for _, at := range hintOffsets(src, rule.hints) {
		lo := max(0, at-rule.back)
		if rule.back == 0 {
			lo = lineStart(src, lineStart(src, at)-1)
		}
		hi := min(len(src), at+portWindow)
		win := src[lo:hi]
		for _, m := range rule.re.FindAllSubmatchIndex(win, 4) {
			if inLineComment(src, lo+m[0]) {
				continue // commented-out code or an example in a doc comment
			}
			groups := m[2:]
			key := ""
			if rule.keyed {
				key = string(win[groups[0]:groups[1]])
				if !portKey(key) {
					continue
				}
				groups = groups[2:]
			}
			val := ""
			for g := 0; g+1 < len(groups); g += 2 {
				if groups[g] >= 0 {
					val = string(win[groups[g]:groups[g+1]])
					break
				}
			}
			if h, p, ok := parseListenAddr(val, rule.keyed); ok {
				return portMatch{port: p, offset: lo + m[0], host: h, key: key, val: val, rule: rule}
			}
		}
	}
	return portMatch{}
}

// hintOffsets returns where the hints occur in src, ascending, at most
// maxPortHints of them.
func hintOffsets(src []byte, hints []string) []int {
	var out []int
	for _, h := range hints {
		for from, n := 0, 0; n < maxPortHints; n++ {
			i := bytes.Index(src[from:], []byte(h))
			if i < 0 {
				break
			}
			out = append(out, from+i)
			from += i + len(h)
		}
	}
	sort.Ints(out)
	if len(out) > maxPortHints {
		out = out[:maxPortHints]
	}
	return out
}

// inLineComment reports whether src[i] sits after a // on its line
// (outside a "…" or '…' literal).
func inLineComment(src []byte, i int) bool {
	var quote byte
	line := src[lineStart(src, i):i]
	for j := 0; j < len(line); j++ {
		c := line[j]
		switch {
		case quote != 0 && c == '\\':
			j++ // skip the escaped byte
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '/' && j+1 < len(line) && line[j+1] == '/':
			return true
		}
	}
	return false
}

// lineStart returns the offset of the start of the line holding src[i]
// (0 for i < 0).
func lineStart(src []byte, i int) int {
	if i < 0 {
		return 0
	}
	return bytes.LastIndexByte(src[:i], '\n') + 1
}

// portKey reports whether an env var or flag name names the app's own
// listen port or address: PORT, HTTP_PORT, port, listen-addr, server.port,
// httpPort — but not DB_PORT, redis-addr or metrics.port.
func portKey(key string) bool {
	words := strings.FieldsFunc(strings.ToLower(key), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if portKeyDeny[w] {
			return false
		}
	}
	last := words[len(words)-1]
	for _, suffix := range []string{"port", "address", "addr", "listen", "bind"} {
		if prefix, ok := strings.CutSuffix(last, suffix); ok {
			return portKeyPrefix[prefix]
		}
	}
	return false
}

// parseListenAddr reads ":8080", "0.0.0.0:8080", "[::1]:8080" or, when
// bare is allowed (env and flag defaults), "8080".
func parseListenAddr(s string, bare bool) (host string, port int, ok bool) {
	portStr := s
	if bare && !strings.Contains(s, ":") {
		host = ""
	} else {
		h, p, err := net.SplitHostPort(s)
		if err != nil {
			return "", 0, false
		}
		host, portStr = h, p
	}
	n, err := strconv.Atoi(portStr)
	if err != nil || !core.ValidPort(n) || portStr != strconv.Itoa(n) {
		return "", 0, false
	}
	for _, c := range host {
		if !(c == '.' || c == '-' || c == ':' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return "", 0, false
		}
	}
	return host, n, true
}

// isLoopback reports whether host only accepts connections from the
// same network namespace.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// unprivilegedPort is where a server that defaults to a port below 1024
// is moved: the image runs as a non-root user, which cannot bind those
// (with host networking, or an engine that does not lower
// net.ipv4.ip_unprivileged_port_start).
const unprivilegedPort = 8080

// setReachable makes a server listen where a container needs it: on every
// interface (a loopback default is unreachable from outside) and on a port
// a non-root user may bind. It changes the setting the default came from:
// an environment variable (Details.Env, preferred: the command stays as
// it is) or a flag (passed on the command); without one, a warning says
// what to change.
func setReachable(f *core.Facts, lp listenPort) {
	loopback, privileged := isLoopback(lp.host), lp.port > 0 && lp.port < 1024
	if !loopback && !privileged {
		return
	}
	was := net.JoinHostPort(lp.host, strconv.Itoa(lp.port))
	var why []string
	if loopback {
		why = append(why, "unreachable from outside the container")
	}
	if privileged {
		why = append(why, "below 1024, which the image's non-root user cannot bind")
	}
	// fixHost and fixPort are what is still to change.
	fixHost, fixPort := loopback, privileged
	var done []string
	for _, kind := range []string{"env", "flag"} {
		for _, k := range lp.knobs {
			if k.kind != kind || kind == "flag" && len(f.Start) == 0 {
				continue
			}
			def, host, port := reachableDefault(k.def, fixHost, fixPort, lp.port)
			if !host && !port {
				continue
			}
			fixHost, fixPort = fixHost && !host, fixPort && !port
			if kind == "env" {
				f.Details.Env = append(f.Details.Env, k.name+"="+def)
				done = append(done, "sets "+k.name+"="+def)
			} else {
				f.Start = append(f.Start, "--"+k.name+"="+def) // flag and pflag both take --name=value
				done = append(done, "passes --"+k.name+"="+def)
			}
			if port {
				f.Port = unprivilegedPort
			}
		}
	}
	msg := fmt.Sprintf("%s: the server listens on %s by default, %s", lp.from, was, strings.Join(why, " and "))
	if len(done) > 0 {
		msg += "; the image " + strings.Join(done, " and ")
	}
	if fixHost || fixPort {
		want, _, _ := reachableDefault(was, loopback, privileged, lp.port)
		msg += fmt.Sprintf("; no setting dockslim can see changes it: make it listen on %q", want)
	}
	f.Warnf("%s", msg)
}

// reachableDefault rewrites a setting's default text: a loopback host
// (alone or in an address) becomes 0.0.0.0 when fixHost, the port (alone
// or in an address) the unprivileged one when fixPort. host and port say
// which it changed.
func reachableDefault(def string, fixHost, fixPort bool, listenPort int) (out string, host, port bool) {
	if h, p, err := net.SplitHostPort(def); err == nil {
		if fixHost && isLoopback(h) {
			h, host = "0.0.0.0", true
		}
		if fixPort && p == strconv.Itoa(listenPort) {
			p, port = strconv.Itoa(unprivilegedPort), true
		}
		return net.JoinHostPort(h, p), host, port
	}
	switch {
	case fixPort && def == strconv.Itoa(listenPort):
		return strconv.Itoa(unprivilegedPort), false, true
	case fixHost && isLoopback(def):
		return "0.0.0.0", true, false
	}
	return def, false, false
}
