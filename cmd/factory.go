package cmd

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the process's standard streams and what they are
// connected to. Tests build one over buffers.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	// StdinTTY and StdoutTTY say whether In and Out are terminals.
	StdinTTY  bool
	StdoutTTY bool
}

// SystemIO returns the process's real streams.
func SystemIO() *IOStreams {
	return &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		StdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		StdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
	}
}

// Factory carries what every command needs from its environment, so a
// command never reaches for globals.
type Factory struct {
	IO *IOStreams
	// Getenv reads the environment (os.Getenv in the binary, a map in tests).
	Getenv func(string) string
	// Version is dockslim's version as buildinfo reports it.
	Version string
}
