package repo

import (
	"errors"
	"fmt"
)

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

// LineCol turns a byte offset into a 1-based line and column.
func LineCol(data []byte, offset int64) (line, col int) {
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
