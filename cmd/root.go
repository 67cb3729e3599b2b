package cmd

import (
	"context"
	"errors"

	"github.com/spf13/cobra"
)

// NewCmdRoot builds the dockslim command tree.
func NewCmdRoot(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "dockslim",
		Short: "Generate small, secure, cache-friendly multi-stage Dockerfiles",
		Long: `dockslim reads a Node, Python or Go repository and writes a production-grade
multi-stage Dockerfile and .dockerignore for it.

Start with 'dockslim detect' to see what it found and where each value came from.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       f.Version,
	}
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetVersionTemplate("dockslim {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err: err}
	})
	root.AddCommand(
		NewCmdDetect(f, nil),
		NewCmdInit(f, nil),
		NewCmdCheck(f, nil),
		NewCmdAudit(f, nil),
		NewCmdUpdate(f, nil),
		NewCmdPack(f),
		NewCmdVersion(f),
	)
	return root
}

// Run executes dockslim with args and returns the process exit code.
// Errors are reported on f.IO.ErrOut as one line.
func Run(ctx context.Context, f *Factory, args []string) int {
	root := NewCmdRoot(f)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		if ctx.Err() != nil && !errors.Is(err, context.Canceled) {
			err = context.Canceled
		}
		report(f.IO.ErrOut, err)
	}
	return exitCode(err)
}

// dirArg is a command's optional DIR argument, "." when absent.
func dirArg(args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return "."
}
