package cmd

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/form"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/pack"
	"github.com/dockslim/dockslim/project"
)

// initRun is `dockslim init`: open the project, choose the pack, resolve
// the answers (from the flags alone, or through the form), render, and
// show (--dry-run) or write.
func initRun(ctx context.Context, opts *InitOptions) error {
	if opts.Lang == "" || opts.Lang == "go" {
		if t := project.Locate(ctx, opts.Dir, opts.Main); t.Note != "" {
			fmt.Fprintf(opts.IO.ErrOut, "note: %s\n", t.Note)
			opts.Dir, opts.Main = t.Dir, t.Main
		}
	}
	in, err := opts.inputs()
	if err != nil {
		return err
	}
	proj, err := project.Open(opts.Dir)
	if err != nil {
		return err
	}
	if _, rerr := proj.Record(); rerr != nil {
		fmt.Fprintf(opts.IO.ErrOut, "warning: ignoring %v\n", rerr)
	}
	pk, err := openInitPack(ctx, opts, proj)
	if err != nil {
		return err
	}
	show, style := opts.formMode()
	var sess *form.Session
	var res *project.Resolution
	if show {
		sess = form.New(ctx, form.Config{Project: proj, Pack: pk, Flags: in, Style: style, In: opts.IO.In, Out: opts.IO.Out, ErrOut: opts.IO.ErrOut})
		defer sess.Close()
		if in, res, err = sess.Ask(ctx); err != nil {
			return err
		}
	} else if res, err = proj.Resolve(ctx, in, pk); err != nil {
		return err
	}
	files, err := project.Render(ctx, pk, opts.Version, res.Answers)
	if err != nil {
		return err
	}
	plan, err := proj.Plan(files)
	if err != nil {
		return err
	}
	printAnswers(opts.IO.ErrOut, res)
	if show {
		fmt.Fprintf(opts.IO.ErrOut, "same answers as flags: %s\n", shellwords.Join(opts.flagsFor(in)))
		printFiles(opts.IO.ErrOut, plan, opts.Force)
	} else {
		for _, w := range res.Warnings {
			fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
		}
	}
	if opts.DryRun {
		return showPlan(opts.IO, plan)
	}
	choose := func(string) project.Choice { return project.Overwrite }
	switch {
	case show:
		if choose, err = sess.Files(ctx, plan, opts.Force); err != nil {
			return err
		}
	case !opts.Force:
		if refused := project.Differing(plan); len(refused) > 0 {
			return &ExitError{Code: ExitDrift, Err: fmt.Errorf("%s %s from what dockslim would write; left alone, nothing written (see the changes with --dry-run, replace with --force)",
				strings.Join(refused, " and "), pluralVerb(len(refused), "differs", "differ"))}
		}
	}
	w, err := proj.Write(ctx, plan, choose)
	if err != nil {
		return err
	}
	for _, k := range w.Kept {
		fmt.Fprintf(opts.IO.ErrOut, "kept your %s; dockslim's version was not written (see it with --dry-run)\n", k)
	}
	switch {
	case len(w.Wrote) > 0:
		fmt.Fprintf(opts.IO.ErrOut, "wrote %s\n", strings.Join(w.Wrote, ", "))
	case len(w.Kept) > 0:
		fmt.Fprintln(opts.IO.ErrOut, "nothing written")
	default:
		fmt.Fprintln(opts.IO.ErrOut, "everything is up to date; nothing written")
	}
	return nil
}

// showPlan prints a unified diff per file that would change (--dry-run).
func showPlan(io *IOStreams, plan []generate.Planned) error {
	for _, p := range plan {
		if p.Status == generate.Unchanged {
			fmt.Fprintf(io.ErrOut, "%s: unchanged\n", p.Name)
			continue
		}
		fmt.Fprint(io.Out, generate.UnifiedDiff(p.Name, p.Current, p.Data, p.Status == generate.Differs))
	}
	fmt.Fprintln(io.ErrOut, "dry run: nothing written")
	return nil
}

func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// printAnswers shows the choices a run made, each with where it came
// from, so a CI log says what was decided.
func printAnswers(w io.Writer, res *project.Resolution) {
	a, f := res.Answers, res.Facts
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	src := func(key string, detected, answered string) string {
		switch {
		case detected != answered:
			return "answer"
		}
		return f.Provenance(key)
	}
	row := func(label, key, detected, answered string) {
		if answered == "" {
			return
		}
		fmt.Fprintf(tw, "  %s\t%s\t← %s\n", label, answered, src(key, detected, answered))
	}
	fmt.Fprintf(w, "%s project in %s:\n", a.Language, f.Dir)
	row("version", "languageVersion", f.LanguageVersion, a.LanguageVersion)
	row("package manager", "packageManager", f.PackageManager, a.PackageManager)
	row("framework", "framework", f.Framework, a.Framework)
	row("main package", "main", f.Main, a.Main)
	if a.Flavour == f.Flavour {
		fmt.Fprintf(tw, "  flavour\t%s\t← recommended\n", a.Flavour)
	} else {
		row("flavour", "flavour", f.Flavour, a.Flavour)
	}
	row("build", "buildCommand", f.BuildCommand, a.BuildCommand)
	row("start", "start", shellwords.Join(f.Start), shellwords.Join(a.Start))
	row("port", "port", strconv.Itoa(f.Port), strconv.Itoa(a.Port))
	row("native deps", "nativeDeps", strings.Join(f.NativeDeps, ", "), strings.Join(a.NativeDeps, ", "))
	if env := strings.Join(a.Env, " "); env != "" {
		from := "detected (see the warnings)"
		if env != strings.Join(f.Details.Env, " ") {
			from = "answer"
		}
		fmt.Fprintf(tw, "  env\t%s\t← %s\n", env, from)
	}
	tw.Flush()
}

// printFiles is the form's summary of what will happen to each file.
func printFiles(w io.Writer, plan []generate.Planned, force bool) {
	fmt.Fprintln(w, "files:")
	for _, p := range plan {
		what := "new"
		switch {
		case p.Status == generate.Unchanged:
			what = "unchanged"
		case p.Status == generate.Differs && p.Name == project.RecordFile:
			what = "updated (dockslim's record)"
		case p.Status == generate.Differs && force:
			what = "exists and differs: replaced (--force)"
		case p.Status == generate.Differs:
			what = "exists and differs: keep, overwrite or write " + project.BesideName(p.Name) + "?"
		}
		fmt.Fprintf(w, "  %-15s %s\n", p.Name, what)
	}
}

// flagsFor is the command line that gives the same answers without the
// form: the inputs as flags, and the flags that are not inputs.
func (o *InitOptions) flagsFor(in project.Inputs) []string {
	args := append([]string{"dockslim", "init", "--yes"}, in.Args()...)
	if o.Pack != "" {
		args = append(args, "--pack", o.Pack)
	}
	if o.Force {
		args = append(args, "--force")
	}
	if o.Dir != "." && o.Dir != "" {
		args = append(args, o.Dir)
	}
	return args
}

// openInitPack opens the pack init renders with (--pack, DOCKSLIM_PACK,
// the record, the user config, the embedded pack) and says which it is
// when it is not the embedded one.
func openInitPack(ctx context.Context, opts *InitOptions, proj *project.Project) (*pack.Pack, error) {
	popts, err := packOptions(opts.IO, opts.Getenv, opts.Version)
	if err != nil {
		return nil, err
	}
	choice := project.PackChoice{Flag: opts.Pack, Env: getenvOr(opts.Getenv, "DOCKSLIM_PACK")}
	if path, err := userConfigPath(opts.Getenv); err == nil {
		choice.UserConfig = path
	}
	p, err := proj.OpenPack(ctx, choice, popts)
	if err != nil {
		return nil, err
	}
	if !p.IsEmbedded() {
		fmt.Fprintf(opts.IO.ErrOut, "using %s\n", p.Describe())
	}
	return p, nil
}
