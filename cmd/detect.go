package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/project"
)

// DetectOptions are the inputs of `dockslim detect`.
type DetectOptions struct {
	IO   *IOStreams
	Dir  string
	JSON bool
}

// NewCmdDetect builds `dockslim detect`. runF replaces detectRun in tests.
func NewCmdDetect(f *Factory, runF func(context.Context, *DetectOptions) error) *cobra.Command {
	opts := &DetectOptions{IO: f.IO}
	c := &cobra.Command{
		Use:   "detect [DIR]",
		Short: "Show what dockslim detects in a project, and where each value came from",
		Long: `Detect reads the project in DIR (default: the current directory) and prints
what a Dockerfile for it needs: language and version, package manager,
framework, build and start commands, port, native dependencies, Go main
packages and cgo — each value with the file it came from. It writes nothing.

Exit status is 2 when DIR holds no Node.js, Python or Go project or a manifest
cannot be read.`,
		Example: `  dockslim detect
  dockslim detect examples/node-express --json | jq .start`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = dirArg(args)
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return detectRun(c.Context(), opts)
		},
	}
	c.Flags().BoolVar(&opts.JSON, "json", false, "print one JSON object (docs/detect-json.md) instead of a table")
	return c
}

func detectRun(ctx context.Context, opts *DetectOptions) error {
	t := project.Locate(ctx, opts.Dir, "")
	if t.Note != "" {
		fmt.Fprintf(opts.IO.ErrOut, "note: %s\n", t.Note)
	}
	facts, err := detect.Detect(ctx, t.Dir, detect.Options{Main: t.Main})
	if err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(facts)
	}
	if err := printFacts(opts.IO.Out, facts); err != nil {
		return err
	}
	for _, w := range facts.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}
	return nil
}

// printFacts writes the human table: one row per fact, its value, and
// where it came from ("default" when nothing in the project said).
func printFacts(w io.Writer, f *detect.Facts) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(label, key, value string) {
		if value == "" {
			fmt.Fprintf(tw, "%s\t—\t\n", label)
			return
		}
		fmt.Fprintf(tw, "%s\t%s\t← %s\n", label, value, f.Provenance(key))
	}
	fmt.Fprintf(tw, "project\t%s\t\n", f.Dir)
	row("language", "language", f.Language)
	row("version", "languageVersion", f.LanguageVersion)
	pm := f.PackageManager
	if f.PackageManagerVersion != "" {
		pm += " " + f.PackageManagerVersion
	}
	row("package manager", "packageManager", pm)
	if l, _ := detect.Lookup(f.Language); l != nil && l.MainPackages {
		row("main package", "main", f.Main)
		if len(f.Mains) > 1 {
			row("main packages", "mains", strings.Join(f.Mains, ", "))
		}
		row("cgo", "cgo", strconv.FormatBool(f.CGO))
	} else {
		row("framework", "framework", f.Framework)
	}
	row("build", "buildCommand", f.BuildCommand)
	row("start", "start", shellwords.Join(f.Start))
	port := ""
	if f.Port != 0 {
		port = strconv.Itoa(f.Port)
	}
	row("port", "port", port)
	row("native deps", "nativeDeps", strings.Join(f.NativeDeps, ", "))
	if f.WorkspaceRoot != "" {
		row("workspace root", "workspaceRoot", f.WorkspaceRoot+" (the build context)")
	}
	if f.Workspace {
		ws := "yes"
		if f.WorkspaceTool != "" {
			ws = f.WorkspaceTool
		}
		row("workspace", "workspaceTool", ws)
	}
	flavour := f.Flavour
	if len(f.Flavours) > 1 {
		flavour += " (works: " + strings.Join(f.Flavours, ", ") + ")"
	}
	fmt.Fprintf(tw, "flavour\t%s\t← recommended\n", flavour)
	if err := tw.Flush(); err != nil {
		return err
	}
	return printApps(w, f.Apps)
}

// printApps lists a workspace's members, deployable apps first: the
// folders `dockslim detect PATH` and `init PATH` take.
func printApps(w io.Writer, apps []detect.App) error {
	if len(apps) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\napps (%d):\n", len(apps))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, deployable := range []bool{true, false} {
		for _, a := range apps {
			if a.Deployable != deployable {
				continue
			}
			what := a.Language
			if a.Framework != "" {
				what += " " + a.Framework
			}
			if what == "" {
				what = "—"
			}
			status := "deployable"
			if !a.Deployable {
				status = a.Reason
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t← %s\n", a.Path, what, status, a.Source)
		}
	}
	return tw.Flush()
}
