package cmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/dockslim/dockslim/golden"
	"github.com/dockslim/dockslim/pack"
)

func packNewRun(ctx context.Context, opts *PackOptions) error {
	written, err := pack.Scaffold(opts.Dir, opts.Version)
	if err != nil {
		return err
	}
	p, err := pack.LoadDir(opts.Dir)
	if err != nil {
		return err
	}
	// The golden case's want/ files are what this pack renders.
	res, err := golden.Run(ctx, p, filepath.Join(opts.Dir, "golden"), pack.ScaffoldCase, true)
	if err != nil {
		return err
	}
	for _, f := range res.Files {
		written = append(written, filepath.ToSlash(filepath.Join("golden", pack.ScaffoldCase, "want", f.Name)))
	}
	for _, w := range written {
		fmt.Fprintf(opts.IO.Out, "%s\n", filepath.ToSlash(filepath.Join(opts.Dir, w)))
	}
	fmt.Fprintf(opts.IO.ErrOut, "new pack %s in %s; next: edit _partials/, then `dockslim pack lint %s` and `dockslim pack test %s`\n",
		p.Manifest.Name, opts.Dir, opts.Dir, opts.Dir)
	return nil
}

func packLintRun(ctx context.Context, opts *PackOptions) error {
	p, err := pack.LoadDir(opts.Dir)
	if err != nil {
		return err
	}
	findings := pack.Lint(ctx, p)
	for _, f := range findings {
		fmt.Fprintln(opts.IO.Out, f.String())
	}
	if len(findings) > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "pack lint: %d %s in pack %s\n", len(findings), plural(len(findings), "finding", "findings"), p.Manifest.Name)
		return &ExitError{Code: ExitDrift}
	}
	fmt.Fprintf(opts.IO.ErrOut, "pack lint: pack %s is clean\n", p.Manifest.Name)
	return nil
}

func packTestRun(ctx context.Context, opts *PackOptions) error {
	p, err := pack.LoadDir(opts.Dir)
	if err != nil {
		return err
	}
	dir := filepath.Join(opts.Dir, "golden")
	cases, err := golden.Cases(dir)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(cases) == 0 {
		return fmt.Errorf("pack %s has no golden cases: add %s/<case>/input/ (a project) and run `dockslim pack test --update`", p.Manifest.Name, filepath.ToSlash(dir))
	}
	if err != nil {
		return err
	}
	var failed, broken []string
	for _, name := range cases {
		res, err := golden.Run(ctx, p, dir, name, opts.Update)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fmt.Fprintf(opts.IO.Out, "ERROR %s: %v\n", name, err)
			broken = append(broken, name)
		case !res.OK():
			// With --update only an upgrade case's conflicts remain.
			fmt.Fprintf(opts.IO.Out, "FAIL  %s\n", name)
			for _, d := range res.Diffs {
				fmt.Fprint(opts.IO.Out, d)
			}
			failed = append(failed, name)
		case opts.Update && res.Updated:
			fmt.Fprintf(opts.IO.Out, "updated %s\n", name)
		case res.Upgrade:
			fmt.Fprintf(opts.IO.Out, "ok    %s (and its upgrade from previous/)\n", name)
		default:
			fmt.Fprintf(opts.IO.Out, "ok    %s\n", name)
		}
		for _, w := range res.Warnings {
			fmt.Fprintf(opts.IO.ErrOut, "warning: %s: %s\n", name, w)
		}
	}
	switch {
	case len(broken) > 0:
		return fmt.Errorf("pack test: %d of %d cases could not be rendered", len(broken), len(cases))
	case len(failed) > 0:
		fmt.Fprintf(opts.IO.ErrOut, "pack test: %d of %d cases differ from want/ (after a deliberate change, `dockslim pack test --update %s` rewrites them)\n", len(failed), len(cases), opts.Dir)
		return &ExitError{Code: ExitDrift}
	}
	fmt.Fprintf(opts.IO.ErrOut, "pack test: %d %s of pack %s pass\n", len(cases), plural(len(cases), "case", "cases"), p.Manifest.Name)
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
