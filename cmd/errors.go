package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// Exit codes (docs/init.md#exit-codes, README).
const (
	ExitOK          = 0
	ExitDrift       = 1 // drift, or an overwrite refused in non-interactive mode
	ExitBadInput    = 2 // bad usage or bad input
	ExitInterrupted = 130
)

// ExitError carries an explicit exit code. A nil Err means the command
// has already said everything it wanted to say.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// usageError marks an error in how dockslim was called (flags, arguments).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitCode maps an error to dockslim's exit codes. Anything not known to be
// drift or an interruption is exit 2: dockslim could not do what was asked
// with the input it was given.
func exitCode(err error) int {
	var ee *ExitError
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ee):
		return ee.Code
	case errors.Is(err, context.Canceled):
		return ExitInterrupted
	}
	return ExitBadInput
}

// report prints err as one line on w, prefixed with the program name.
// Typed errors from detect already name the file and position.
func report(w io.Writer, err error) {
	var ee *ExitError
	if errors.As(err, &ee) && ee.Err == nil {
		return
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(w, "dockslim: interrupted; nothing was written")
		return
	}
	fmt.Fprintf(w, "dockslim: %v\n", err)
}
