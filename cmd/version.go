package cmd

import (
	"fmt"

	"github.com/spf13/cobra"
)

// NewCmdVersion builds `dockslim version`.
func NewCmdVersion(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dockslim's version",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(f.IO.Out, "dockslim %s\n", f.Version)
			return err
		},
	}
}
