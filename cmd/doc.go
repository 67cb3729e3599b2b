// Package cmd is dockslim's command layer: one cobra command per file,
// each an options struct, a NewCmdX constructor and an xRun function (the
// cli/cli pattern), so tests can build a command, swap its run function
// and inspect the options flags produced. Only this package touches flags,
// terminals and exit codes; the work itself lives in detect and generate.
package cmd
