package golang

import (
	"bufio"
	"bytes"
	"fmt"
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
// have are made by a build before go build (a frontend's dist/): they
// are named in a warning, with the package.json that likely makes them.
func embedPaths(r *repo.Repo, files []sourceFile) (paths, warnings []string) {
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
			if !r.Has(p) && !r.HasDir(p) {
				warnings = append(warnings, missingEmbed(r, f.rel, p))
			}
		}
	}
	slices.Sort(paths)
	return paths, warnings
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

// missingEmbed says that src embeds p, which the repository does not
// have, and names the package.json of a folder above p that likely
// builds it.
func missingEmbed(r *repo.Repo, src, p string) string {
	for d := path.Dir(p); ; d = path.Dir(d) {
		if r.Has(path.Join(d, "package.json")) {
			return fmt.Sprintf("%s embeds %s, which the repository does not have: it is made by %s's build, which the Dockerfile does not run; build it before `docker build`, or add a stage that does", src, p, path.Join(d, "package.json"))
		}
		if d == "." || d == "/" {
			break
		}
	}
	return fmt.Sprintf("%s embeds %s, which the repository does not have: go build fails until something makes it", src, p)
}
