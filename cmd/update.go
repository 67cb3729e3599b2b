package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockslim/dockslim/internal/form"
	"github.com/dockslim/dockslim/internal/merge3"
	"github.com/dockslim/dockslim/pack"
	"github.com/dockslim/dockslim/project"
)

// UpdateOptions are the inputs of `dockslim update`.
type UpdateOptions struct {
	IO      *IOStreams
	Getenv  func(string) string
	Version string
	Dir     string

	// Pack is --pack SOURCE@REF, the version to move to; Latest moves to
	// the recorded pack's newest version tag.
	Pack   string
	Latest bool
	Sets   []string
	DryRun bool
	JSON   bool
	// Commit commits the updated files (--commit).
	Commit bool
}

// NewCmdUpdate builds `dockslim update`. runF replaces updateRun in tests.
func NewCmdUpdate(f *Factory, runF func(context.Context, *UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{IO: f.IO, Getenv: f.Getenv, Version: f.Version}
	c := &cobra.Command{
		Use:   "update [DIR]",
		Short: "Move a project to a newer template pack or dockslim, keeping its local edits",
		Long: `Update renders the project's recorded answers twice — with the pack version
.dockslim.yaml records (the base) and with the new one (--pack SOURCE@REF, or
--latest: the recorded pack's newest version tag; a project on dockslim's
embedded templates moves to this dockslim's) — and for each file: one nobody
edited is replaced; an edited one gets a three-way merge of the edit and the
new rendering; where both changed the same lines, git-style conflict markers,
exit status 1 and a list of the files. .dockslim.yaml moves to the new version
only when every file merged; after resolving the markers, run update again to
finish.

--dry-run prints the diff of what would be written; --json gives each file's
status (replaced, merged, conflict, unchanged, deleted) and diff.`,
		Example: `  dockslim update --latest
  dockslim update --pack https://git.example.com/platform/pack@v2.0.0 --dry-run
  dockslim update --latest --json | jq '.[] | select(.status == "conflict")'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = dirArg(args)
			if opts.Pack != "" && opts.Latest {
				return usageError{errors.New("--pack and --latest contradict each other: name the version, or take the newest")}
			}
			if opts.Commit && opts.DryRun {
				return usageError{errors.New("--commit and --dry-run contradict each other")}
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return updateRun(c.Context(), opts)
		},
	}
	c.Flags().StringVar(&opts.Pack, "pack", "", "the pack version to move to, SOURCE@REF")
	c.Flags().BoolVar(&opts.Latest, "latest", false, "move to the recorded pack's newest version tag")
	c.Flags().StringArrayVar(&opts.Sets, "set", nil, "a value for a variable the new version adds, KEY=VALUE (repeatable)")
	c.Flags().BoolVar(&opts.DryRun, "dry-run", false, "print the changes as a unified diff; write nothing")
	c.Flags().BoolVar(&opts.JSON, "json", false, "print a JSON list of {file, status, diff}")
	c.Flags().BoolVar(&opts.Commit, "commit", false, "commit the updated files to the project's git repository (author from git config)")
	return c
}

func updateRun(ctx context.Context, opts *UpdateOptions) error {
	proj, err := project.Open(opts.Dir)
	if err != nil {
		return err
	}
	rec, err := proj.Record()
	switch {
	case err != nil:
		return err
	case rec == nil:
		return fmt.Errorf("%s has no %s: run `dockslim init` there first", opts.Dir, project.RecordFile)
	}
	sets, err := pack.ParseSets(opts.Sets)
	if err != nil {
		return err
	}
	popts, err := packOptions(opts.IO, opts.Getenv, opts.Version)
	if err != nil {
		return err
	}
	base, err := project.OpenRecordedPack(ctx, rec, opts.Dir, popts)
	if err != nil {
		return err
	}
	next, err := updateTarget(ctx, opts, proj, rec, base, popts)
	if err != nil {
		return err
	}
	// The embedded templates of another dockslim release are not in this
	// binary: the base is then unknown (only unedited files move).
	if rec.Pack == nil && rec.Dockslim != opts.Version {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s was written by dockslim %s, whose templates this dockslim (%s) does not hold: files edited since are left for you to merge\n",
			project.RecordFile, rec.Dockslim, opts.Version)
		base = nil
	}
	if missing := project.MissingVars(rec, next, sets); len(missing) > 0 && !opts.JSON {
		if show, style := (&InitOptions{IO: opts.IO, Getenv: opts.Getenv}).formMode(); show {
			var infos []pack.VarInfo
			for _, v := range next.Vars() {
				if slices.Contains(missing, v.Name) {
					infos = append(infos, v)
				}
			}
			if sets, err = form.AskVars(ctx, style, opts.IO.In, opts.IO.Out, infos, sets); err != nil {
				return err
			}
		}
	}
	labels := merge3.Labels{Ours: "yours", Base: describeVersion(rec.Pack, rec.Dockslim), Theirs: next.Describe()}
	plan, err := project.PlanUpdate(ctx, opts.Dir, rec, base, next, opts.Version, sets, labels)
	if err != nil && plan == nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(plan.Files); err != nil {
			return err
		}
	} else if opts.DryRun {
		for _, f := range plan.Files {
			fmt.Fprint(opts.IO.Out, f.Diff)
		}
	}
	for _, f := range plan.Files {
		fmt.Fprintf(opts.IO.ErrOut, "%s: %s\n", f.Name, f.Status)
	}
	if err != nil {
		return err // a merge that is not a valid Dockerfile: nothing written
	}
	if opts.DryRun {
		fmt.Fprintln(opts.IO.ErrOut, "dry run: nothing written")
		if len(plan.Conflicts) > 0 {
			return &ExitError{Code: ExitDrift}
		}
		return nil
	}
	if opts.Commit && len(plan.Conflicts) == 0 {
		if err := project.CanCommit(opts.Dir); err != nil {
			return err // before anything is written
		}
	}
	if err := project.ApplyUpdate(opts.Dir, plan); err != nil {
		return err
	}
	if len(plan.Conflicts) > 0 {
		return &ExitError{Code: ExitDrift, Err: fmt.Errorf("%s %s in conflict: resolve the marked lines, then run `dockslim update` again (%s stays at the recorded version until then)",
			strings.Join(plan.Conflicts, " and "), pluralVerb(len(plan.Conflicts), "is", "are"), project.RecordFile)}
	}
	fmt.Fprintf(opts.IO.ErrOut, "updated to %s\n", next.Describe())
	if opts.Commit {
		var files []string
		for _, f := range plan.Files {
			if f.Status == project.UpdateReplaced || f.Status == project.UpdateMerged {
				files = append(files, f.Name)
			}
		}
		files = append(files, project.RecordFile)
		msg := fmt.Sprintf("build(docker): update to %s\n\nRendered with dockslim update; local edits merged (%s).", next.Describe(), strings.Join(files, ", "))
		h, err := project.Commit(opts.Dir, files, msg)
		if err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "committed %s\n", h[:12])
	}
	return nil
}

// updateTarget opens the version update moves to.
func updateTarget(ctx context.Context, opts *UpdateOptions, proj *project.Project, rec *project.Record, base *pack.Pack, popts pack.Options) (*pack.Pack, error) {
	switch {
	case opts.Pack != "":
		return proj.OpenPack(ctx, project.PackChoice{Flag: opts.Pack}, popts)
	case opts.Latest && rec.Pack != nil:
		l, err := base.Latest(ctx, popts)
		if err != nil {
			return nil, fmt.Errorf("cannot find the newest version of %s: %w", base.Describe(), err)
		}
		if l.Newest == "" {
			return nil, fmt.Errorf("pack %s has no version tags: name the version with --pack SOURCE@REF", base.Manifest.Name)
		}
		// The highest version whose requires this dockslim meets.
		var skipped []string
		for _, v := range l.Versions {
			next, err := proj.OpenPack(ctx, project.PackChoice{Flag: rec.Pack.Source + "@" + v}, popts)
			var re *pack.RequiresError
			if errors.As(err, &re) {
				skipped = append(skipped, v)
				continue
			}
			if len(skipped) > 0 {
				fmt.Fprintf(opts.IO.ErrOut, "note: %s %s that this dockslim does not meet; moving to %s\n", strings.Join(skipped, ", "), pluralVerb(len(skipped), "requires a dockslim", "require a dockslim"), v)
			}
			return next, err
		}
		return nil, fmt.Errorf("every version of pack %s requires another dockslim (%s)", base.Manifest.Name, strings.Join(skipped, ", "))
	case rec.Pack == nil:
		return pack.Embedded() // this dockslim's templates
	}
	return nil, usageError{errors.New("name the version to move to: --pack SOURCE@REF, or --latest")}
}

// describeVersion names the recorded version in conflict markers.
func describeVersion(ref *pack.Ref, dockslim string) string {
	if ref == nil {
		return "dockslim " + dockslim
	}
	if ref.Ref != "" {
		return ref.Source + "@" + ref.Ref
	}
	return ref.Source
}
