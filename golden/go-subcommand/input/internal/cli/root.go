package cli

import "github.com/spf13/cobra"

var rootCmd = &cobra.Command{Use: "ledger", Short: "a small ledger"}

// Execute runs the command line.
func Execute() {
	rootCmd.AddCommand(serveCmd, webCmd, importCmd)
	_ = rootCmd.Execute()
}

var importCmd = &cobra.Command{Use: "import FILE"}
