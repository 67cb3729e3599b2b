package golden

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/yamlstrict"
	"github.com/dockslim/dockslim/pack"
	"github.com/dockslim/dockslim/project"
)

// CaseAnswers is a case's answers.yaml: the flags of `dockslim init`.
type CaseAnswers struct {
	Lang        string  `yaml:"lang"`
	LangVersion string  `yaml:"langVersion"`
	PM          string  `yaml:"pm"`
	Flavour     string  `yaml:"flavour"`
	Native      *bool   `yaml:"native"`
	Main        string  `yaml:"main"`
	Port        int     `yaml:"port"`
	Build       *string `yaml:"build"`
	Start       string  `yaml:"start"`
	Healthcheck *string `yaml:"healthcheck"`
	// Set are pack variables (--set KEY=VALUE).
	Set map[string]string `yaml:"set"`
	// App is, for a workspace, the member folder under input/ that init
	// runs in (`dockslim init input/apps/api`).
	App string `yaml:"app"`
}

// Result is the outcome of one case.
type Result struct {
	Name string
	// Diffs holds a unified diff per expected file that did not match.
	Diffs []string
	// Files are what the case rendered.
	Files []generate.File
	// Updated is true when -update rewrote want/.
	Updated bool
	// Warnings are what resolving the case's answers had to say.
	Warnings []string
	// Upgrade is true for a case with previous/ (upgrade.go).
	Upgrade bool
}

// OK reports whether the case matched.
func (r Result) OK() bool { return len(r.Diffs) == 0 }

// Cases lists the case folders under dir (folders holding input/).
func Cases(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if st, err := os.Stat(filepath.Join(dir, e.Name(), "input")); err == nil && st.IsDir() {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// Run renders case dir/name with p as `dockslim init --yes` would with
// the case's flags — the same resolution (project.Resolve): detection, a
// .dockslim.yaml the input holds, the flags, the pack's default flavour
// and variables — and compares (or, with update, rewrites) its want/
// files.
func Run(ctx context.Context, p *pack.Pack, dir, name string, update bool) (Result, error) {
	res := Result{Name: name}
	caseDir := filepath.Join(dir, name)
	in, app, err := readInputs(caseDir)
	if err != nil {
		return res, err
	}
	proj, err := project.Open(filepath.Join(caseDir, "input", filepath.FromSlash(app)))
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	resolved, err := proj.Resolve(ctx, in, p)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	res.Warnings = resolved.Warnings
	files, err := p.Render(ctx, resolved.Answers)
	if err != nil {
		return res, fmt.Errorf("%s: %w", name, err)
	}
	res.Files = files
	want := filepath.Join(caseDir, "want")
	for _, f := range files {
		p := filepath.Join(want, f.Name)
		if update {
			if err := os.MkdirAll(want, 0o755); err != nil {
				return res, err
			}
			cur, _ := os.ReadFile(p)
			if !bytes.Equal(cur, f.Data) {
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					return res, err
				}
				res.Updated = true
			}
			continue
		}
		cur, err := os.ReadFile(p)
		exists := err == nil
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return res, err
		}
		if !bytes.Equal(cur, f.Data) {
			res.Diffs = append(res.Diffs, generate.UnifiedDiff(filepath.ToSlash(filepath.Join(name, "want", f.Name)), cur, f.Data, exists))
		}
	}
	if err := upgrade(caseDir, name, files, update, &res); err != nil {
		return res, err
	}
	return res, nil
}

// readInputs reads a case's answers.yaml: the flags of `dockslim init`,
// as the Inputs they stand for, and the member folder it runs in.
func readInputs(caseDir string) (project.Inputs, string, error) {
	path := filepath.Join(caseDir, "answers.yaml")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return project.Inputs{}, "", nil
	}
	if err != nil {
		return project.Inputs{}, "", err
	}
	var ca CaseAnswers
	if err := yamlstrict.Decode(data, &ca); err != nil {
		return project.Inputs{}, "", fmt.Errorf("%s: %w", path, err)
	}
	return project.Inputs{
		Lang: ca.Lang, PM: ca.PM, Main: ca.Main,
		LangVersion: ca.LangVersion,
		Flavour:     ca.Flavour,
		Native:      ca.Native,
		Port:        ca.Port,
		Build:       ca.Build,
		Start:       ca.Start,
		Healthcheck: ca.Healthcheck,
		Sets:        ca.Set,
	}, ca.App, nil
}
