package cmd

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/pack"
)

func initRun(ctx context.Context, opts *InitOptions) error {
	if opts.TemplatePack == nil {
		p, err := openInitPack(ctx, opts)
		if err != nil {
			return err
		}
		opts.TemplatePack = p
	}
	if show, style := opts.formMode(); show {
		return initInteractive(ctx, opts, style)
	}
	a, f, err := resolveAnswers(ctx, opts)
	if err != nil {
		return err
	}
	printAnswers(opts.IO.ErrOut, a, f)
	for _, w := range f.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}
	files, err := renderAll(ctx, opts.TemplatePack, opts.Version, a)
	if err != nil {
		return err
	}
	plan, err := generate.Plan(opts.Dir, files)
	if err != nil {
		return err
	}
	if opts.DryRun {
		return showPlan(opts.IO, plan)
	}
	return writePlan(ctx, opts, plan)
}

// resolveAnswers detects the project and applies, in rising precedence,
// the answers a previous run recorded and the flags. Flags that change
// what detection derives (--lang, --pm, --main) go to detect itself and
// start from fresh detection.
func resolveAnswers(ctx context.Context, opts *InitOptions) (*generate.Answers, *detect.Facts, error) {
	prev := previousAnswers(opts)
	req := generate.Request{
		Dir:       opts.Dir,
		Detect:    detect.Options{Language: opts.Lang, PackageManager: opts.PM, Main: opts.Main},
		Overrides: opts.overrides(),
	}
	if prev != nil {
		// Recorded choices steer detection like flags, unless a flag
		// says otherwise.
		if req.Detect.Language == "" {
			req.Detect.Language = prev.Language
		}
		if req.Detect.Language == prev.Language {
			if req.Detect.PackageManager == "" {
				req.Detect.PackageManager = prev.PackageManager
			}
			if req.Detect.Main == "" {
				req.Detect.Main = prev.Main
			}
		} else {
			prev = nil
		}
	}
	a, f, err := generate.Resolve(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	if prev == nil || opts.PM != "" || opts.Main != "" {
		return withPack(opts, a, f)
	}
	for _, c := range changedFacts(prev, generate.FromFacts(f)) {
		f.Warnings = append(f.Warnings, "detected "+c+" since "+generate.ConfigFile+" was written; keeping the recorded answer (pass the flag to change it)")
	}
	// The recorded answers win over detection; flags win over both.
	if err := generate.Apply(prev, req.Overrides); err != nil {
		return nil, nil, err
	}
	return withPack(opts, prev, f)
}

// previousAnswers returns the answers an earlier run recorded in
// .dockslim.yaml, or nil (an unreadable file is reported and ignored).
func previousAnswers(opts *InitOptions) *generate.Answers {
	data, err := os.ReadFile(filepath.Join(opts.Dir, generate.ConfigFile))
	if err != nil {
		return nil
	}
	cfg, err := generate.ParseConfig(data)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "warning: ignoring %v\n", err)
		return nil
	}
	return cfg.Answers
}

// changedFacts lists detected values that differ from recorded answers.
func changedFacts(prev, now *generate.Answers) []string {
	var out []string
	diff := func(what, a, b string) {
		if a != b {
			out = append(out, fmt.Sprintf("%s %q (recorded %q)", what, b, a))
		}
	}
	diff("version", prev.LanguageVersion, now.LanguageVersion)
	diff("package manager", prev.PackageManager, now.PackageManager)
	diff("framework", prev.Framework, now.Framework)
	diff("build command", prev.BuildCommand, now.BuildCommand)
	diff("start", shellwords.Join(prev.Start), shellwords.Join(now.Start))
	diff("port", strconv.Itoa(prev.Port), strconv.Itoa(now.Port))
	diff("native dependencies", strings.Join(prev.NativeDeps, ", "), strings.Join(now.NativeDeps, ", "))
	diff("main package", prev.Main, now.Main)
	return out
}

// renderAll renders the Dockerfile and .dockerignore with the template
// pack, and the .dockslim.yaml that records how (the pack's source, ref
// and commit included).
func renderAll(ctx context.Context, p *pack.Pack, version string, a *generate.Answers) ([]generate.File, error) {
	files, err := p.Render(ctx, a)
	if err != nil {
		return nil, err
	}
	cfg, err := generate.NewConfig(version, a, p.Ref(), files).Marshal()
	if err != nil {
		return nil, err
	}
	return append(files, generate.File{Name: generate.ConfigFile, Data: cfg}), nil
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

// writePlan writes new and changed files. A user's file that differs is
// replaced only with --force; otherwise nothing at all is written and
// the exit status is 1. .dockslim.yaml is dockslim's own record and is
// rewritten whenever the files it describes are in place.
func writePlan(ctx context.Context, opts *InitOptions, plan []generate.Planned) error {
	var refused []string
	for _, p := range plan {
		if p.Status == generate.Differs && p.Name != generate.ConfigFile && !opts.Force {
			refused = append(refused, p.Name)
		}
	}
	if len(refused) > 0 {
		return &ExitError{Code: ExitDrift, Err: fmt.Errorf("%s %s from what dockslim would write; left alone, nothing written (see the changes with --dry-run, replace with --force)",
			strings.Join(refused, " and "), pluralVerb(len(refused), "differs", "differ"))}
	}
	// Last chance to stop: an interrupt before this point writes nothing.
	if err := ctx.Err(); err != nil {
		return err
	}
	var wrote []string
	for _, p := range plan {
		if p.Status == generate.Unchanged {
			continue
		}
		if err := generate.WriteFile(opts.Dir, p.Name, p.Data, p.Mode); err != nil {
			return err
		}
		wrote = append(wrote, p.Name)
	}
	if len(wrote) == 0 {
		fmt.Fprintln(opts.IO.ErrOut, "everything is up to date; nothing written")
		return nil
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s\n", strings.Join(wrote, ", "))
	return nil
}

func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// printAnswers shows the choices a non-interactive run made, each with
// where it came from, so a CI log says what was decided.
func printAnswers(w io.Writer, a *generate.Answers, f *detect.Facts) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	src := func(key string, detected, answered string) string {
		switch {
		case detected != answered:
			return "answer"
		case f.Sources[key] != "":
			return f.Sources[key]
		}
		return "default"
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
	tw.Flush()
}
