package cmd

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dockslim/dockslim/project"
)

// checkAll is `dockslim check --all`: check in every folder at or below
// Dir that holds a .dockslim.yaml, and one exit status for all of them —
// 2 when one could not be checked, else 1 when one drifted, else 0. With
// --json, one list of every file, each named from Dir.
func checkAll(ctx context.Context, opts *CheckOptions) error {
	dirs, err := project.FindRecords(ctx, opts.Dir)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", opts.Dir, err)
	}
	if len(dirs) == 0 {
		return fmt.Errorf("no %s at or below %s: run `dockslim init` in each app first", project.RecordFile, opts.Dir)
	}
	var all []project.FileDrift
	code, drifted, broken := ExitOK, 0, 0
	for _, dir := range dirs {
		o := *opts
		o.Dir, o.All = dir, false
		rel, _ := filepath.Rel(opts.Dir, dir)
		rel = filepath.ToSlash(rel)
		var out bytes.Buffer
		if opts.JSON {
			o.IO = &IOStreams{In: opts.IO.In, Out: &out, ErrOut: opts.IO.ErrOut}
		}
		fmt.Fprintf(opts.IO.ErrOut, "== %s\n", dir)
		err := checkRun(ctx, &o)
		if errors.Is(err, context.Canceled) {
			return err
		}
		switch c := exitCode(err); {
		case c == ExitDrift:
			drifted++
		case c != ExitOK:
			broken++
			report(opts.IO.ErrOut, err)
		}
		code = max(code, exitCode(err))
		if opts.JSON && out.Len() > 0 {
			var files []project.FileDrift
			if jerr := json.Unmarshal(out.Bytes(), &files); jerr == nil {
				for _, f := range files {
					f.File = filepath.ToSlash(filepath.Join(rel, f.File))
					all = append(all, f)
				}
			}
		}
	}
	if opts.JSON {
		if all == nil {
			all = []project.FileDrift{}
		}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(all); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("checked %d %s: %d drifted, %d could not be checked", len(dirs), pluralVerb(len(dirs), "project", "projects"), drifted, broken)
	if code == ExitOK {
		fmt.Fprintf(opts.IO.ErrOut, "%s\n", strings.Replace(summary, "0 drifted, 0 could not be checked", "no drift", 1))
		return nil
	}
	fmt.Fprintln(opts.IO.ErrOut, summary)
	return &ExitError{Code: code}
}
