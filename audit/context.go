package audit

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// Context is what the audit knows of the build context: nil when only a
// Dockerfile was given (rules that need the context then say nothing).
type Context struct {
	// Dir is the context's folder.
	Dir string
	// HasIgnore is true when it holds a .dockerignore (or the
	// Dockerfile's own <name>.dockerignore); Ignore matches its
	// patterns (nil when there is none or it cannot be read).
	HasIgnore bool
	Ignore    *patternmatcher.PatternMatcher
}

// OpenContext describes the build context in dir for the Dockerfile at
// dockerfile.
func OpenContext(dir, dockerfile string) *Context {
	c := &Context{Dir: dir}
	// BuildKit reads the Dockerfile's own ignore file in place of the
	// context's.
	for _, p := range []string{dockerfile + ".dockerignore", filepath.Join(dir, ".dockerignore")} {
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() || st.Size() > 1<<20 {
			continue
		}
		c.HasIgnore = true
		if data, err := os.ReadFile(p); err == nil {
			if patterns, err := ignorefile.ReadAll(bytes.NewReader(data)); err == nil {
				c.Ignore, _ = patternmatcher.New(patterns)
			}
		}
		break
	}
	return c
}

// maxSizeWalk bounds how many files a size estimate looks at.
const maxSizeWalk = 200_000

// devDependenciesMB is what the context's node_modules holds for the
// package's direct devDependencies, in MB, and how many it found: a lower
// bound of what a production install leaves out (their own dependencies
// are not counted). ok is false without a package.json or node_modules.
func (c *Context) devDependenciesMB() (mb, pkgs int, ok bool) {
	if c == nil {
		return 0, 0, false
	}
	data, err := os.ReadFile(filepath.Join(c.Dir, "package.json"))
	if err != nil || len(data) > 4<<20 {
		return 0, 0, false
	}
	var pkg struct {
		DevDependencies map[string]any `json:"devDependencies"`
	}
	if json.Unmarshal(data, &pkg) != nil || len(pkg.DevDependencies) == 0 {
		return 0, 0, false
	}
	nm := filepath.Join(c.Dir, "node_modules")
	if st, err := os.Stat(nm); err != nil || !st.IsDir() {
		return 0, 0, false
	}
	var bytes int64
	seen := 0
	for name := range pkg.DevDependencies {
		if strings.Contains(name, "..") {
			continue
		}
		dir := filepath.Join(nm, filepath.FromSlash(name))
		if st, err := os.Lstat(dir); err != nil || !st.IsDir() {
			continue
		}
		pkgs++
		_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if seen++; seen > maxSizeWalk {
				return fs.SkipAll
			}
			if d.Type().IsRegular() {
				if info, err := d.Info(); err == nil {
					bytes += info.Size()
				}
			}
			return nil
		})
	}
	return int(bytes >> 20), pkgs, pkgs > 0
}

// junkDirs are folders of a repository that never belong in an image's
// build context.
var junkDirs = []string{".git", "node_modules"}

// leakedMB lists, with their sizes in MB, the junk folders the context
// holds that its .dockerignore does not leave out (all of them without
// one).
func (c *Context) leaked() (names []string, mb int) {
	if c == nil {
		return nil, 0
	}
	var total int64
	for _, d := range junkDirs {
		p := filepath.Join(c.Dir, d)
		if st, err := os.Lstat(p); err != nil || !st.IsDir() {
			continue
		}
		if c.Ignore != nil {
			if ignored, err := c.Ignore.MatchesOrParentMatches(d); err == nil && ignored {
				continue
			}
		}
		names = append(names, d)
		seen := 0
		_ = filepath.WalkDir(p, func(_ string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if seen++; seen > maxSizeWalk {
				return fs.SkipAll
			}
			if e.Type().IsRegular() {
				if info, err := e.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return names, int(total >> 20)
}
