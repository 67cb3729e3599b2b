package cmd

import (
	"context"

	"github.com/spf13/cobra"
)

// CheckOptions are the inputs of `dockslim check`.
type CheckOptions struct {
	IO      *IOStreams
	Getenv  func(string) string
	Version string
	Dir     string

	JSON   bool
	Latest bool
	// All checks every .dockslim.yaml at or below Dir (a workspace's apps).
	All bool
}

// NewCmdCheck builds `dockslim check`. runF replaces checkRun in tests.
func NewCmdCheck(f *Factory, runF func(context.Context, *CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: f.IO, Getenv: f.Getenv, Version: f.Version}
	c := &cobra.Command{
		Use:   "check [DIR]",
		Short: "Report drift between the Dockerfile on disk and what .dockslim.yaml renders",
		Long: `Check re-renders the Dockerfile and .dockerignore of the project in DIR (default:
the current directory) from the answers recorded in its .dockslim.yaml — no
detection — with the template pack it records (at its recorded commit), or
dockslim's embedded templates when it records none. It compares them with the
files on disk and prints a unified diff per file that drifted.

Exit status: 0 when every file matches, 1 on drift (a hand edit, a missing
file, or a dockslim or pack version that renders differently), 2 when nothing
can be rendered (no or malformed .dockslim.yaml, a pack that cannot be
fetched or rendered).

--latest also reports a newer version tag of the recorded pack, without
changing the exit status.`,
		Example: `  dockslim check
  dockslim check services/api --json | jq '.[] | select(.status != "unchanged")'
  dockslim check --latest
  dockslim check --all          # every app of a workspace, from its root`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = dirArg(args)
			if runF != nil {
				return runF(c.Context(), opts)
			}
			if opts.All {
				return checkAll(c.Context(), opts)
			}
			return checkRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print a JSON list of {file, status, diff} instead of diffs")
	c.Flags().BoolVar(&opts.Latest, "latest", false, "also report a newer version tag of the recorded template pack")
	c.Flags().BoolVar(&opts.All, "all", false, "check every .dockslim.yaml at or below DIR (a workspace's apps); one exit status for all")
	return c
}
