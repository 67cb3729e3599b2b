package cmd

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/pack"
	"github.com/dockslim/dockslim/project"
)

// Regeneration is the Dockerfile dockslim would write instead of the
// audited one (docs/audit.md, "The fix"): the commands that review and
// write it, and the diff.
type Regeneration struct {
	// Review and Write are `dockslim init` command lines: --dry-run, and
	// --force (the audited file is replaced).
	Review string `json:"review"`
	Write  string `json:"write"`
	// Diff is a unified diff from the audited Dockerfile to dockslim's;
	// "" unless --diff.
	Diff string `json:"diff"`
}

// regenerate renders what `dockslim init --yes` would write for the
// project in dir, the pack chosen as init chooses it. ok is false when
// dir holds no project dockslim detects or its answers need a person
// (a --main to choose): why says so.
func regenerate(ctx context.Context, opts *AuditOptions, proj *project.Project, pk *pack.Pack, dir, auditedPath string, audited []byte) (reg *Regeneration, why string) {
	if proj == nil || pk == nil {
		return nil, "no template pack to render with"
	}
	res, err := proj.Resolve(ctx, project.Inputs{}, pk)
	if err != nil {
		return nil, err.Error()
	}
	files, err := project.Render(ctx, pk, opts.Version, res.Answers)
	if err != nil {
		return nil, err.Error()
	}
	var df []byte
	for _, f := range files {
		if f.Name == generate.Dockerfile {
			df = f.Data
		}
	}
	dirArg := ""
	if dir != "." {
		dirArg = " " + dir
	}
	reg = &Regeneration{
		Review: "dockslim init --yes --dry-run" + dirArg,
		Write:  "dockslim init --yes --force" + dirArg,
	}
	if opts.Diff {
		reg.Diff = generate.UnifiedDiff(filepath.ToSlash(auditedPath), audited, df, true)
	}
	return reg, ""
}

// auditPack is the pack whose policy applies and that would render the
// fix: the one the context's .dockslim.yaml records, else the one init
// would choose (DOCKSLIM_PACK, the user config, the embedded pack).
func auditPack(ctx context.Context, opts *AuditOptions, dir string) (*project.Project, *pack.Pack, error) {
	proj, err := project.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	if rec, rerr := proj.Record(); rerr == nil && rec != nil {
		popts, err := packOptions(opts.IO, opts.Getenv, opts.Version)
		if err != nil {
			return proj, nil, err
		}
		pk, err := project.OpenRecordedPack(ctx, rec, dir, popts)
		return proj, pk, err
	}
	pk, err := openInitPack(ctx, &InitOptions{IO: opts.IO, Getenv: opts.Getenv, Version: opts.Version, Dir: dir}, proj)
	return proj, pk, err
}

// printRegeneration ends the text report with the fix.
func printRegeneration(opts *AuditOptions, reg *Regeneration, why string) {
	w := opts.IO.Out
	if reg == nil {
		fmt.Fprintf(w, "\ndockslim cannot write a Dockerfile for this context as it is (%s)\n", why)
		return
	}
	fmt.Fprintf(w, "\nthe Dockerfile dockslim would write instead: review it with `%s`, write it with `%s`\n", reg.Review, reg.Write)
	if reg.Diff != "" {
		fmt.Fprint(w, reg.Diff)
	}
}
