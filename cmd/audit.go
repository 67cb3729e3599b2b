package cmd

import (
	"context"
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/dockslim/dockslim/audit"
)

// AuditOptions are the inputs of `dockslim audit`.
type AuditOptions struct {
	IO      *IOStreams
	Getenv  func(string) string
	Version string
	// Target is the Dockerfile, or a folder holding one ("" = ".").
	Target string
	// Context is --context, the build context ("" = the Dockerfile's
	// folder).
	Context string
	Format  string
	FailOn  string
	// Diff is --diff: show the Dockerfile dockslim would write as a diff.
	Diff bool
}

// auditFormats are the report formats --format takes.
var auditFormats = []string{"text", "json", "sarif"}

// NewCmdAudit builds `dockslim audit`. runF replaces auditRun in tests.
func NewCmdAudit(f *Factory, runF func(context.Context, *AuditOptions) error) *cobra.Command {
	opts := &AuditOptions{IO: f.IO, Getenv: f.Getenv, Version: f.Version}
	c := &cobra.Command{
		Use:   "audit [DOCKERFILE|DIR]",
		Short: "Say what makes an existing Dockerfile's image big, slow to rebuild or unsafe",
		Long: `Audit reads a Dockerfile (default: ./Dockerfile; a folder means its
Dockerfile) and reports what makes its image big, slow to rebuild or unsafe:
BuildKit's own checks, run offline, then dockslim's rules (docs/audit.md),
each with a category, a severity, its lines, what is wrong and the fix. The
build context (--context, default the Dockerfile's folder) is read too, for
rules about what reaches the build. It builds and pulls nothing.

Exit status: 1 when a finding reaches --fail-on (default: error), 0 otherwise,
2 when the Dockerfile cannot be read or parsed.`,
		Example: `  dockslim audit
  dockslim audit services/api/Dockerfile --fail-on warning
  dockslim audit --format json | jq '.findings[] | select(.severity == "error")'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Target = args[0]
			}
			if !slices.Contains(auditFormats, opts.Format) {
				return usageError{fmt.Errorf("--format %q is not one of text, json, sarif", opts.Format)}
			}
			if _, err := audit.ParseSeverity(opts.FailOn); err != nil {
				return usageError{fmt.Errorf("--fail-on: %w", err)}
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return auditRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "text", "report format: text, json, or sarif (SARIF 2.1.0, for code scanning; docs/audit.md)")
	c.Flags().StringVar(&opts.FailOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, warning or info")
	c.Flags().StringVar(&opts.Context, "context", "", "the build context the Dockerfile is built with (default: its folder)")
	c.Flags().BoolVar(&opts.Diff, "diff", false, "show the Dockerfile dockslim would write instead, as a diff against this one")
	return c
}
