package cmd

import (
	"context"

	"github.com/spf13/cobra"
)

// PackOptions are the inputs of `dockslim pack new|lint|test`.
type PackOptions struct {
	IO      *IOStreams
	Version string
	Dir     string
	// Update rewrites golden want/ files (pack test).
	Update bool
}

// NewCmdPack builds `dockslim pack`, the commands for template-pack
// authors: new, lint and test.
func NewCmdPack(f *Factory) *cobra.Command {
	c := &cobra.Command{
		Use:   "pack",
		Short: "Create, lint and test a template pack (for pack authors)",
		Long: `A template pack is a directory or git repository with dockslim-pack.yaml and
templates layered over dockslim's embedded ones (see docs/packs.md). These
commands are for the people who write one:

  dockslim pack new DIR      scaffold a pack with an override, a golden case and CI
  dockslim pack lint DIR     parse every template; report unknown blocks, empty
                             overrides and undefined variables
  dockslim pack test DIR     render every golden case and diff it with want/`,
	}
	c.AddCommand(newPackSub(f, "new DIR", "Scaffold a new template pack in DIR", `New writes a template pack into DIR (a new or empty directory): a manifest whose
requires accepts this dockslim, one block override using one variable, one
golden case (its want/ files rendered by this pack), a README and a CI
workflow that lints and tests the pack.`, cobra.ExactArgs(1), packNewRun, false))
	c.AddCommand(newPackSub(f, "lint [DIR]", "Check a template pack's templates, blocks and variables", `Lint loads the pack in DIR (default: the current directory) as dockslim would —
rejecting symlinks, oversized files and functions outside the allowlist —
then reports templates that reference undefined variables or templates,
blocks that are no override point or are never used, empty overrides
(which have no effect), template files dockslim never reads, and sample
projects of every language and flavour that fail to render.

Exit status: 0 clean, 1 findings, 2 the pack cannot be loaded.`, cobra.MaximumNArgs(1), packLintRun, false))
	c.AddCommand(newPackSub(f, "test [DIR]", "Render a template pack's golden cases and compare them with want/", `Test renders every golden case of the pack in DIR (default: the current
directory): DIR/golden/<case>/ holds input/ (a project), an optional
answers.yaml (the flags of 'dockslim init': lang, flavour, port, start…, and
set: for pack variables) and want/ (the expected Dockerfile and
.dockerignore). It prints a unified diff per mismatch.

Exit status: 0 every case matches, 1 a mismatch, 2 a case cannot be rendered.
--update rewrites want/ instead: review the change like code.`, cobra.MaximumNArgs(1), packTestRun, true))
	return c
}

func newPackSub(f *Factory, use, short, long string, args cobra.PositionalArgs, run func(context.Context, *PackOptions) error, update bool) *cobra.Command {
	opts := &PackOptions{IO: f.IO, Version: f.Version}
	c := &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args:  args,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = dirArg(args)
			return run(c.Context(), opts)
		},
	}
	if update {
		c.Flags().BoolVar(&opts.Update, "update", false, "rewrite every case's want/ files with what the pack renders")
	}
	return c
}
