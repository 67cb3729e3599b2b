package node

import (
	"path"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
)

// safeRelPath cleans a path read from the repository (outDir, main,
// yarnPath, build.outDir…) and reports whether it may be used in a
// Dockerfile: relative, inside the project, and made only of characters
// that need no quoting anywhere (letters, digits, . _ - + @ /).
func safeRelPath(p string) (string, bool) {
	p = strings.TrimSpace(p)
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) {
		return "", false
	}
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-+@/", r)) {
			return "", false
		}
	}
	c := path.Clean(p)
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return "", false
	}
	return c, true
}

// staticPrefix is the folder part of a glob before its first wildcard
// ("src/**/*.ts" → "src").
func staticPrefix(g string) string {
	var out []string
	for _, seg := range strings.Split(core.CleanGlob(g), "/") {
		if strings.ContainsAny(seg, "*?[") {
			break
		}
		out = append(out, seg)
	}
	return strings.Join(out, "/")
}

// under reports whether p is dir or inside it ("" and "." hold everything).
func under(p, dir string) bool {
	return dir == "" || dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}
