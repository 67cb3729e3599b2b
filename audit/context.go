package audit

import (
	"os"
	"path/filepath"
)

// Context is what the audit knows of the build context: nil when only a
// Dockerfile was given (rules that need the context then say nothing).
type Context struct {
	// Dir is the context's folder.
	Dir string
	// HasIgnore is true when it holds a .dockerignore (or the
	// Dockerfile's own <name>.dockerignore).
	HasIgnore bool
}

// OpenContext describes the build context in dir for the Dockerfile at
// dockerfile.
func OpenContext(dir, dockerfile string) *Context {
	c := &Context{Dir: dir}
	for _, p := range []string{filepath.Join(dir, ".dockerignore"), dockerfile + ".dockerignore"} {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			c.HasIgnore = true
		}
	}
	return c
}
