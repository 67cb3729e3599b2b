package cmd

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockslim/dockslim/audit"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/pack"
	"github.com/dockslim/dockslim/project"
)

func checkRun(ctx context.Context, opts *CheckOptions) error {
	proj, err := project.Open(opts.Dir)
	if err != nil {
		return fmt.Errorf("cannot read %s: not a directory", opts.Dir)
	}
	rec, err := proj.Record()
	switch {
	case err != nil:
		return err
	case rec == nil:
		if st, serr := os.Stat(opts.Dir); serr != nil || !st.IsDir() {
			return fmt.Errorf("cannot read %s: not a directory", opts.Dir)
		}
		return fmt.Errorf("%s has no %s: run `dockslim init` there first", opts.Dir, project.RecordFile)
	}
	popts, err := packOptions(opts.IO, opts.Getenv, opts.Version)
	if err != nil {
		return err
	}
	p, err := project.OpenRecordedPack(ctx, rec, opts.Dir, popts)
	if err != nil {
		return err
	}
	drift, err := project.Check(ctx, opts.Dir, rec, p, opts.Version)
	if err != nil {
		return err
	}
	if opts.Latest {
		reportLatest(ctx, opts, p, popts)
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(drift.Files); err != nil {
			return err
		}
	} else {
		for _, f := range drift.Files {
			fmt.Fprint(opts.IO.Out, f.Diff)
		}
	}
	violations := policyViolations(opts, p)
	if len(drift.Drifted) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "no drift: %s match what %s renders with %s\n", joinNames(drift.Files), project.RecordFile, p.Describe())
		if violations > 0 {
			return &ExitError{Code: ExitDrift}
		}
		return nil
	}
	for _, f := range drift.Files {
		if f.Status == project.StatusUnchanged {
			continue
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s: %s%s\n", f.File, f.Status, causeText[f.Cause])
	}
	if drift.VersionChanged {
		fmt.Fprintf(opts.IO.ErrOut, "the dockslim version changed: %s was written by dockslim %s, this is dockslim %s, whose templates render differently\n",
			project.RecordFile, rec.Dockslim, opts.Version)
	}
	dirArg := ""
	if opts.Dir != "." {
		dirArg = " " + opts.Dir
	}
	fmt.Fprintf(opts.IO.ErrOut, "drift: %s %s from what %s renders with %s; review with `dockslim init --dry-run%s`, re-render with `dockslim init --force%s`\n",
		strings.Join(drift.Drifted, " and "), pluralVerb(len(drift.Drifted), "differs", "differ"), project.RecordFile, p.Describe(), dirArg, dirArg)
	return &ExitError{Code: ExitDrift}
}

var causeText = map[string]string{
	project.CauseEdited:     " (edited since dockslim wrote it)",
	project.CauseRerendered: " (as dockslim wrote it; it now renders differently)",
}

func joinNames(files []project.FileDrift) string {
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, f.File)
	}
	return strings.Join(names, " and ")
}

// policyViolations reports, on stderr, what the Dockerfile on disk breaks
// of the recorded pack's policy (docs/packs.md), and how many.
func policyViolations(opts *CheckOptions, p *pack.Pack) int {
	pol := p.Policy()
	if pol == nil {
		return 0
	}
	path := filepath.Join(opts.Dir, generate.Dockerfile)
	data, err := os.ReadFile(path)
	if err != nil {
		return 0 // missing: the drift report says so
	}
	df, err := audit.Parse(path, data)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "policy: %v\n", err)
		return 1
	}
	found := audit.PolicyFindings(df, pol)
	for _, f := range found {
		fmt.Fprintf(opts.IO.ErrOut, "policy: %s:%d: %s [%s]; %s\n", generate.Dockerfile, f.Line, f.Message, f.Rule, f.Fix)
	}
	return len(found)
}
