// Command dockslim turns a Node, Python or Go repository into a
// production-grade multi-stage Dockerfile and .dockerignore.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/dockslim/dockslim/cmd"
	"github.com/dockslim/dockslim/internal/buildinfo"
)

func main() {
	osExit(run())
}

// osExit is os.Exit; named so the script tests' command reads the same.
var osExit = os.Exit

// run is main without os.Exit, so the script tests can call it.
func run() int {
	// Ctrl-C cancels the context: commands stop before writing anything
	// and the exit code is 130.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	f := &cmd.Factory{
		IO:      cmd.SystemIO(),
		Getenv:  os.Getenv,
		Version: buildinfo.Version(),
	}
	return cmd.Run(ctx, f, os.Args[1:])
}
