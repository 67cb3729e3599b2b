package detect

import (
	"errors"
	"fmt"
	"strings"
)

// NoProjectError means no supported project was found in Dir.
type NoProjectError struct {
	Dir string
	// Language is set when a language was asked for and its manifest is
	// missing.
	Language string
	// Nested lists sub-folders that do hold a project, as a hint.
	Nested []string
}

func (e *NoProjectError) Error() string {
	var b strings.Builder
	if e.Language != "" {
		fmt.Fprintf(&b, "no %s project in %s (looked for %s)", e.Language, e.Dir, strings.Join(manifestNames[e.Language], ", "))
	} else {
		fmt.Fprintf(&b, "no Node, Python or Go project in %s (looked for package.json, pyproject.toml, requirements.txt, Pipfile, setup.py, go.mod)", e.Dir)
	}
	if len(e.Nested) > 0 {
		fmt.Fprintf(&b, "; sub-folders with one: %s", strings.Join(e.Nested, ", "))
	}
	return b.String()
}

// FileError is a problem with one file of the project: malformed, too
// large, unreadable, or a symlink that leaves the project or loops.
// Path is relative to the project root; Line and Col (1-based) or Offset
// (0-based bytes) are set when known.
type FileError struct {
	Path   string
	Line   int
	Col    int
	Offset int64
	Err    error
}

func (e *FileError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %v", e.Path, e.Line, e.Col, e.Err)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	case e.Offset > 0:
		return fmt.Sprintf("%s: at byte %d: %v", e.Path, e.Offset, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// ErrTooLarge is wrapped by a FileError for a file over the read limit.
var ErrTooLarge = errors.New("file is too large to be a manifest")

// ErrOutside is wrapped by a FileError for a symlink that points out of
// the project.
var ErrOutside = errors.New("symlink points outside the project")

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, offset int64) (line, col int) {
	if offset < 0 {
		return 0, 0
	}
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	line, col = 1, 1
	for _, c := range data[:offset] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// ChoiceError means a value given to steer detection is not one of the
// candidates the project offers (for example a --main that is not a main
// package). Flag names the option that settles it.
type ChoiceError struct {
	Flag       string   // "--main"
	Value      string   // what was given
	What       string   // "Go main package"
	Candidates []string // what the project offers
}

func (e *ChoiceError) Error() string {
	return fmt.Sprintf("%s %q is not a %s of this project; candidates: %s", e.Flag, e.Value, e.What, strings.Join(e.Candidates, ", "))
}
