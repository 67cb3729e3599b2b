package core

import (
	"path"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// GlobMatch matches a slash path against a workspace or tsconfig glob:
// path.Match per segment, and "**" for any number of segments.
func GlobMatch(pattern, name string) bool {
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

// matchSegments is GlobMatch's recursion; depth bounds pathological
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

// CleanGlob normalises a glob from a manifest: no "./" prefix, no
// trailing slash.
func CleanGlob(g string) string {
	g = strings.TrimSpace(g)
	for strings.HasPrefix(g, "./") {
		g = g[2:]
	}
	return strings.TrimRight(g, "/")
}

// MatchesAny reports whether name matches one of the globs.
func MatchesAny(globs []string, name string) bool {
	for _, g := range globs {
		if GlobMatch(g, name) {
			return true
		}
	}
	return false
}

// MemberDirs lists the folders below the root holding a file named
// manifest that match the workspace globs (npm's workspaces, pnpm's
// packages, uv's members; a glob starting with "!" excludes), sorted.
// The root itself is never a member.
func MemberDirs(r *repo.Repo, manifest string, globs []string) []string {
	var include, exclude []string
	for _, g := range globs {
		if neg, ok := strings.CutPrefix(strings.TrimSpace(g), "!"); ok {
			exclude = append(exclude, CleanGlob(neg))
		} else if c := CleanGlob(g); c != "" && c != "." {
			include = append(include, c)
		}
	}
	var out []string
	for _, f := range r.FilesNamed(manifest) {
		dir := path.Dir(f)
		if dir != "." && MatchesAny(include, dir) && !MatchesAny(exclude, dir) {
			out = append(out, dir)
		}
	}
	return SortedUnique(out)
}
