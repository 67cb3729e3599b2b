package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockslim/dockslim/generate"
)

// CheckResult is one file in `dockslim check --json`.
type CheckResult struct {
	File string `json:"file"`
	// Status is unchanged, modified or missing.
	Status string `json:"status"`
	// Diff is a unified diff from the file on disk to the rendered one
	// ("" when unchanged).
	Diff string `json:"diff"`
}

// Check statuses.
const (
	checkUnchanged = "unchanged"
	checkModified  = "modified"
	checkMissing   = "missing"
)

func checkRun(ctx context.Context, opts *CheckOptions) error {
	cfg, err := readProjectConfig(opts.Dir)
	if err != nil {
		return err
	}
	p, popts, err := openRecordedPack(ctx, opts, cfg)
	if err != nil {
		return err
	}
	if _, _, err := p.ResolveVars(cfg.Answers.Vars, nil, true); err != nil {
		return err
	}
	files, err := p.Render(ctx, cfg.Answers)
	if err != nil {
		return err
	}
	plan, err := generate.Plan(opts.Dir, files)
	if err != nil {
		return err
	}
	results, drifted := compare(plan)
	if opts.Latest {
		reportLatest(ctx, opts, p, popts)
	}
	versionChanged := cfg.Dockslim != opts.Version && renderedChanged(cfg, files)
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(results); err != nil {
			return err
		}
	} else {
		for _, r := range results {
			fmt.Fprint(opts.IO.Out, r.Diff)
		}
	}
	if len(drifted) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "no drift: %s match what %s renders with %s\n", joinNames(results), generate.ConfigFile, p.Describe())
		return nil
	}
	for i, r := range results {
		if r.Status == checkUnchanged {
			continue
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s: %s%s\n", r.File, r.Status, driftReason(cfg, plan[i]))
	}
	if versionChanged {
		fmt.Fprintf(opts.IO.ErrOut, "the dockslim version changed: %s was written by dockslim %s, this is dockslim %s, whose templates render differently\n",
			generate.ConfigFile, cfg.Dockslim, opts.Version)
	}
	dirArg := ""
	if opts.Dir != "." {
		dirArg = " " + opts.Dir
	}
	fmt.Fprintf(opts.IO.ErrOut, "drift: %s %s from what %s renders with %s; review with `dockslim init --dry-run%s`, re-render with `dockslim init --force%s`\n",
		strings.Join(drifted, " and "), pluralVerb(len(drifted), "differs", "differ"), generate.ConfigFile, p.Describe(), dirArg, dirArg)
	return &ExitError{Code: ExitDrift}
}

// readProjectConfig reads DIR/.dockslim.yaml strictly.
func readProjectConfig(dir string) (*generate.Config, error) {
	path := filepath.Join(dir, generate.ConfigFile)
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
			return nil, fmt.Errorf("cannot read %s: not a directory", dir)
		}
		return nil, fmt.Errorf("%s has no %s: run `dockslim init` there first", dir, generate.ConfigFile)
	case err != nil:
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	cfg, err := generate.ParseConfig(data)
	if err != nil {
		// ParseConfig names the file; name it with its directory.
		return nil, fmt.Errorf("%s%s", filepath.Dir(path)+string(filepath.Separator), err.Error())
	}
	return cfg, nil
}

// compare turns a plan into check results and the names that drifted.
func compare(plan []generate.Planned) ([]CheckResult, []string) {
	var results []CheckResult
	var drifted []string
	for _, p := range plan {
		r := CheckResult{File: p.Name, Status: checkUnchanged}
		switch p.Status {
		case generate.New:
			r.Status = checkMissing
		case generate.Differs:
			r.Status = checkModified
		}
		if r.Status != checkUnchanged {
			r.Diff = generate.UnifiedDiff(p.Name, p.Current, p.Data, p.Status == generate.Differs)
			drifted = append(drifted, p.Name)
		}
		results = append(results, r)
	}
	return results, drifted
}

// renderedChanged reports whether any rendered file differs from the
// digest .dockslim.yaml recorded when it was written.
func renderedChanged(cfg *generate.Config, files []generate.File) bool {
	for _, f := range files {
		if cfg.Files[f.Name] != generate.Digest(f.Data) {
			return true
		}
	}
	return false
}

// driftReason tells a hand edit from a change in what dockslim renders,
// using the digests .dockslim.yaml recorded.
func driftReason(cfg *generate.Config, p generate.Planned) string {
	recorded, ok := cfg.Files[p.Name]
	if p.Status != generate.Differs || !ok {
		return ""
	}
	if generate.Digest(p.Current) == recorded {
		return " (as dockslim wrote it; it now renders differently)"
	}
	return " (edited since dockslim wrote it)"
}

func joinNames(results []CheckResult) string {
	names := make([]string, 0, len(results))
	for _, r := range results {
		names = append(names, r.File)
	}
	return strings.Join(names, " and ")
}
