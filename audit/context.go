package audit

import (
	"bytes"
	"os"
	"path/filepath"

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
