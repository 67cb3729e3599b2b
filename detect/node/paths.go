package node

import (
	"path"
	"strings"
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

// globMatch matches a slash path against a workspace or tsconfig glob:
// path.Match per segment, and "**" for any number of segments.
func globMatch(pattern, name string) bool {
	var pat []string
	stars := 0
	for _, seg := range strings.Split(pattern, "/") {
		if seg == "**" {
			if len(pat) > 0 && pat[len(pat)-1] == "**" {
				continue // a/**/**/b is a/**/b
			}
			stars++
		}
		pat = append(pat, seg)
	}
	if stars > 4 {
		return false // no real glob needs more; keeps matching linear-ish
	}
	return matchSegments(pat, strings.Split(name, "/"), 0)
}

// matchSegments is globMatch's recursion; depth bounds pathological
// patterns full of "**".
func matchSegments(pat, name []string, depth int) bool {
	if depth > 32 {
		return false
	}
	for len(pat) > 0 {
		if pat[0] == "**" {
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat[1:], name[i:], depth+1) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// cleanGlob normalises a glob from a manifest: no "./" prefix, no
// trailing slash.
func cleanGlob(g string) string {
	g = strings.TrimSpace(g)
	for strings.HasPrefix(g, "./") {
		g = g[2:]
	}
	return strings.TrimRight(g, "/")
}

// staticPrefix is the folder part of a glob before its first wildcard
// ("src/**/*.ts" → "src").
func staticPrefix(g string) string {
	var out []string
	for _, seg := range strings.Split(cleanGlob(g), "/") {
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
