package golang

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// embedPaths finds the //go:embed patterns of the kept files that import
// "embed" and returns what they name, as slash paths from the root: the
// folder or file each pattern starts in (static/* → static). A build
// fails when the .dockerignore hides one (**/bin/ against //go:embed
// bin/*), so those paths are let through. Paths the repository does not
// have, or has only as a placeholder (a dist/ holding a .gitkeep), are
// made by a build before go build: when a package.json in a folder above
// one may make it, it is a frontend for the registry to detect
// (docs/detect.md, "Embedded frontends"); otherwise a warning says go
// build fails.
func embedPaths(r *repo.Repo, files []sourceFile) (paths []string, frontends []*Frontend, warnings []string) {
	for _, f := range files {
		if !slices.ContainsFunc(f.imports, func(i importSpec) bool { return i.path == "embed" }) {
			continue
		}
		data, err := r.Head(f.rel, repo.MaxSource)
		if err != nil {
			continue
		}
		for _, pat := range embedPatterns(data) {
			p, ok := embedRoot(f.dir, pat)
			if !ok || slices.Contains(paths, p) {
				continue
			}
			paths = append(paths, p)
			if r.Has(p) || r.HasDir(p) && !placeholderDir(r, p) {
				continue
			}
			if dir, ok := packageAbove(r, p); ok {
				i := slices.IndexFunc(frontends, func(fe *Frontend) bool { return fe.Dir == dir })
				if i < 0 {
					frontends = append(frontends, &Frontend{Dir: dir, From: f.rel})
					i = len(frontends) - 1
				}
				frontends[i].Outputs = append(frontends[i].Outputs, p)
				continue
			}
			warnings = append(warnings, fmt.Sprintf("%s embeds %s, which the repository does not have: go build fails until something makes it", f.rel, p))
		}
	}
	slices.Sort(paths)
	return paths, frontends, warnings
}

// placeholders are the files a folder holds only to exist in git.
var placeholders = setOf(".gitkeep", ".keep", ".gitignore", ".placeholder", ".empty")

// placeholderDir reports whether dir holds nothing but placeholders (a
// build output committed empty). A folder too large to list quickly is
// real content.
func placeholderDir(r *repo.Repo, dir string) bool {
	f, err := os.Open(r.Abs(dir))
	if err != nil {
		return false
	}
	defer f.Close()
	names, err := f.Readdirnames(16)
	if err != nil && len(names) == 0 {
		return true // empty
	}
	if len(names) == 16 {
		return false
	}
	for _, n := range names {
		if !placeholders[n] {
			return false
		}
	}
	return true
}

// packageAbove is the folder of the nearest package.json at or above p
// (inside the project): the Node project whose build likely makes p.
func packageAbove(r *repo.Repo, p string) (string, bool) {
	for d := path.Dir(p); ; d = path.Dir(d) {
		if r.Has(path.Join(d, "package.json")) {
			return d, true
		}
		if d == "." || d == "/" {
			return "", false
		}
	}
}

// embedPatterns lists the patterns of every //go:embed line of src
// (space separated, optionally quoted, all: prefix dropped).
func embedPatterns(src []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		rest, ok := strings.CutPrefix(line, "//go:embed ")
		if !ok {
			continue
		}
		for _, word := range strings.Fields(rest) {
			if u, err := strconv.Unquote(word); err == nil {
				word = u
			}
			out = append(out, strings.TrimPrefix(word, "all:"))
		}
	}
	return out
}

// embedRoot is the folder (or file) a pattern of a file in dir starts
// in: its part before the first glob character, joined to dir. ok is
// false for a pattern that leaves the module or is not a plain path.
func embedRoot(dir, pattern string) (string, bool) {
	if i := strings.IndexAny(pattern, "*?["); i >= 0 {
		pattern = path.Dir(pattern[:i] + "x")
	}
	p := path.Clean(path.Join(dir, pattern))
	if p == "." || p == ".." || strings.HasPrefix(p, "../") || path.IsAbs(p) || strings.ContainsAny(p, " \t!#\\") {
		return "", false
	}
	return p, true
}
