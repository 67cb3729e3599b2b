package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockslim/dockslim/audit"
	"github.com/dockslim/dockslim/pack"
)

// maxDockerfile bounds what audit reads: no real Dockerfile is 1 MiB.
const maxDockerfile = 1 << 20

func auditRun(ctx context.Context, opts *AuditOptions) error {
	path, err := dockerfilePath(opts.Target)
	if err != nil {
		return err
	}
	data, err := readDockerfile(path)
	if err != nil {
		return err
	}
	df, err := audit.Parse(path, data)
	if err != nil {
		return err
	}
	dir := opts.Context
	if dir == "" {
		dir = filepath.Dir(path)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("--context %s is not a folder", dir)
	}
	// The pack: its policy applies, and it renders the fix.
	proj, pk, perr := auditPack(ctx, opts, dir)
	if perr != nil && proj != nil && proj.HasRecord() {
		return perr // the recorded pack cannot be opened: its policy cannot be checked
	}
	var pol *pack.Policy
	if pk != nil {
		pol = pk.Policy()
	}
	rep, err := audit.Run(ctx, data, df, audit.OpenContext(dir, path), pol)
	if err != nil {
		return err
	}
	// The fix: what dockslim init would write for the context, when it
	// can (SARIF carries findings only).
	var reg *Regeneration
	why := ""
	if opts.Format != "sarif" {
		reg, why = regenerate(ctx, opts, proj, pk, dir, path, data)
	}
	switch opts.Format {
	case "sarif":
		data, err := rep.SARIF(opts.Version)
		if err != nil {
			return err
		}
		if _, err := opts.IO.Out.Write(append(data, '\n')); err != nil {
			return err
		}
	case "json":
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		out := struct {
			*audit.Report
			Regenerate *Regeneration `json:"regenerate"`
		}{rep, reg}
		if err := enc.Encode(out); err != nil {
			return err
		}
	default:
		colour := opts.IO.StdoutTTY && getenvOr(opts.Getenv, "NO_COLOR") == "" && getenvOr(opts.Getenv, "TERM") != "dumb"
		printAudit(opts.IO.Out, rep, colour)
		printRegeneration(opts, reg, why)
	}
	failOn, _ := audit.ParseSeverity(opts.FailOn)
	if rep.Fails(failOn) {
		return &ExitError{Code: ExitDrift}
	}
	return nil
}

// dockerfilePath is the Dockerfile a target names: the file itself, or
// a folder's Dockerfile.
func dockerfilePath(target string) (string, error) {
	if target == "" {
		target = "."
	}
	st, err := os.Stat(target)
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %w", target, unwrapPath(err))
	}
	if st.IsDir() {
		p := filepath.Join(target, "Dockerfile")
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%s has no Dockerfile: name the file to audit", target)
		}
		return p, nil
	}
	return target, nil
}

// readDockerfile reads a regular file of at most maxDockerfile bytes.
func readDockerfile(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", p, unwrapPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", p)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxDockerfile+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", p, err)
	}
	if len(data) > maxDockerfile {
		return nil, fmt.Errorf("%s is larger than 1 MiB: not a Dockerfile", p)
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// severityColours are the headings' ANSI colours on a terminal.
var severityColours = map[audit.Severity]string{audit.Error: "\x1b[1;31m", audit.Warning: "\x1b[1;33m", audit.Info: "\x1b[1;36m"}

// printAudit writes the text report: findings grouped by severity, each
// with its lines, category, rule, message and fix, then a count. colour
// colours the headings (a terminal, without NO_COLOR).
func printAudit(w io.Writer, rep *audit.Report, colour bool) {
	if len(rep.Findings) == 0 {
		fmt.Fprintf(w, "%s: no findings\n", rep.Dockerfile)
		return
	}
	counts := map[audit.Severity]int{}
	for _, sev := range audit.Severities {
		first := true
		for _, f := range rep.Findings {
			if f.Severity != sev {
				continue
			}
			if first {
				heading := strings.ToUpper(string(sev))
				if colour {
					heading = severityColours[sev] + heading + "\x1b[0m"
				}
				fmt.Fprintf(w, "%s\n", heading)
				first = false
			}
			counts[sev]++
			where := rep.Dockerfile
			switch {
			case f.Line > 0 && f.EndLine > f.Line:
				where = fmt.Sprintf("%s:%d-%d", rep.Dockerfile, f.Line, f.EndLine)
			case f.Line > 0:
				where = fmt.Sprintf("%s:%d", rep.Dockerfile, f.Line)
			}
			fmt.Fprintf(w, "  %s  %s [%s]\n    %s\n    fix: %s\n", where, f.Category, f.Rule, f.Message, f.Fix)
			if s := f.Saving; s != nil {
				fmt.Fprintf(w, "    saves ≈ %s (an estimate from %s)\n", mbRange(s), s.From)
			}
		}
	}
	if s := rep.Saving; s != nil {
		fmt.Fprintf(w, "fixing them saves ≈ %s of the image (estimated)\n", mbRange(s))
	}
	fmt.Fprintf(w, "%d %s, %d %s, %d info\n", counts[audit.Error], pluralVerb(counts[audit.Error], "error", "errors"),
		counts[audit.Warning], pluralVerb(counts[audit.Warning], "warning", "warnings"), counts[audit.Info])
}

// mbRange is an estimate's range: "740-960 MB", or "4 MB".
func mbRange(s *audit.Saving) string {
	if s.LowMB == s.HighMB {
		return fmt.Sprintf("%d MB", s.LowMB)
	}
	return fmt.Sprintf("%d-%d MB", s.LowMB, s.HighMB)
}
