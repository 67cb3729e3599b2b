package detect

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// healthRoute matches a quoted health-check path in source code of any
// of the languages: "/healthz", '/health', `/api/health`, "/readyz",
// "/livez", "/ping"… A route is offered, never assumed: the form asks,
// and HEALTHCHECK is off until someone chooses (docs/dockerfiles.md).
var healthRoute = regexp.MustCompile("[\"'`](/(?:api/)?(?:healthz|health|healthcheck|livez|readyz|liveness|readiness|ready|live|ping)(?:/(?:live|ready|liveness|readiness))?/?)[\"'`]")

// healthRank orders routes by convention: Kubernetes-style probes and
// /health before /ready and /ping, shorter before longer.
var healthRank = []string{"healthz", "health", "livez", "liveness", "live", "healthcheck", "readyz", "readiness", "ready", "ping"}

// maxHealthFiles bounds the scan: a big repository's routes live in its
// first few hundred source files as well as anywhere.
const maxHealthFiles = 2000

// healthRoutes scans the language's source files (tests left out) for
// health-check routes; the first source is "file:line".
func healthRoutes(r *repo.Repo, exts []string) (routes []string, source string) {
	seen := map[string]string{}
	files := r.FilesWithExt(exts...)
	for _, f := range files[:min(len(files), maxHealthFiles)] {
		if isTestFile(f) {
			continue
		}
		data, err := r.Head(f, repo.MaxSource)
		if err != nil {
			continue // unreadable: no route from it
		}
		for _, m := range healthRoute.FindAllSubmatchIndex(data, -1) {
			route := strings.TrimSuffix(string(data[m[2]:m[3]]), "/")
			if _, ok := seen[route]; !ok {
				seen[route] = fmt.Sprintf("%s:%d", f, bytes.Count(data[:m[2]], []byte("\n"))+1)
			}
		}
	}
	for route := range seen {
		routes = append(routes, route)
	}
	slices.SortFunc(routes, func(a, b string) int {
		if ra, rb := rankOf(a), rankOf(b); ra != rb {
			return ra - rb
		}
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(a, b)
	})
	if len(routes) > 0 {
		source = seen[routes[0]]
	}
	return routes, source
}

// rankOf is a route's place in healthRank (by its first word).
func rankOf(route string) int {
	word := strings.Split(strings.TrimPrefix(strings.TrimPrefix(route, "/"), "api/"), "/")[0]
	if i := slices.Index(healthRank, word); i >= 0 {
		return i
	}
	return len(healthRank)
}

// isTestFile reports a test by its path: a test folder, *_test.go,
// *.test.js / *.spec.ts, test_*.py, conftest.py.
func isTestFile(p string) bool {
	for _, seg := range strings.Split(path.Dir(p), "/") {
		switch seg {
		case "test", "tests", "__tests__", "testdata", "e2e":
			return true
		}
	}
	base := path.Base(p)
	return strings.HasSuffix(base, "_test.go") || strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") ||
		strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py"
}
