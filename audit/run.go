package audit

import (
	"context"
	"sort"

	"github.com/dockslim/dockslim/internal/dockerlint"
	"github.com/dockslim/dockslim/pack"
)

// Report is an audit's result.
type Report struct {
	// Dockerfile is the audited file as given; Context the build context
	// read ("" when none).
	Dockerfile string    `json:"dockerfile"`
	Context    string    `json:"context"`
	Findings   []Finding `json:"findings"`
	// Saving adds up the findings' estimates (nil when none has one).
	Saving *Saving `json:"saving"`
}

// covers are BuildKit checks that report what a dockslim rule does: at
// the same line the rule's finding, which names the category and the
// fix, stands for both.
var covers = map[string]string{
	"JSONArgsRecommended":   "shell-form",
	"SecretsUsedInArgOrEnv": "secret-in-env",
}

// Run audits df: dockslim's rules, BuildKit's checks (offline,
// in-process) and, when pol is not nil, the pack's policy; ctx, when not
// nil, is the build context. Findings
// come most severe first, then by line.
func Run(c context.Context, data []byte, df *Dockerfile, ctx *Context, pol *pack.Policy) (*Report, error) {
	rep := &Report{Dockerfile: df.Path, Findings: []Finding{}}
	if ctx != nil {
		rep.Context = ctx.Dir
	}
	// dockslim's rules first: a BuildKit finding they cover is dropped.
	covered := map[string]map[int]bool{}
	for _, r := range Rules() {
		for _, f := range r.check(df, ctx) {
			f.Rule, f.Category, f.Severity = r.ID, r.Category, r.Severity
			rep.Findings = append(rep.Findings, f)
			if covered[r.Category] == nil {
				covered[r.Category] = map[int]bool{}
			}
			covered[r.Category][f.Line] = true
		}
	}
	rep.Findings = append(rep.Findings, PolicyFindings(df, pol)...)
	bk, err := dockerlint.Lint(c, data)
	if err != nil {
		return nil, err
	}
	for _, f := range bk {
		if f.RuleName == "error" {
			return nil, &ParseError{Path: df.Path, Line: f.Line, Err: errString(f.Detail)}
		}
		if cat := covers[f.RuleName]; cat != "" && covered[cat][f.Line] {
			continue
		}
		rep.Findings = append(rep.Findings, Finding{
			Rule: "buildkit:" + f.RuleName, Category: "buildkit:" + f.RuleName, Severity: Warning,
			Line: f.Line, EndLine: f.Line, Message: f.Detail,
			Fix: "see https://docs.docker.com/go/dockerfile/rule/" + kebab(f.RuleName) + "/",
		})
	}
	for _, f := range rep.Findings {
		if f.Saving == nil {
			continue
		}
		if rep.Saving == nil {
			rep.Saving = &Saving{From: "the findings' estimates added up"}
		}
		rep.Saving.LowMB += f.Saving.LowMB
		rep.Saving.HighMB += f.Saving.HighMB
	}
	sort.SliceStable(rep.Findings, func(i, j int) bool {
		a, b := rep.Findings[i], rep.Findings[j]
		if a.Severity != b.Severity {
			return a.Severity.Rank() < b.Severity.Rank()
		}
		return a.Line < b.Line
	})
	return rep, nil
}

// Fails reports whether a finding reaches the --fail-on severity.
func (r *Report) Fails(at Severity) bool {
	for _, f := range r.Findings {
		if f.Severity.Rank() <= at.Rank() {
			return true
		}
	}
	return false
}

type errString string

func (e errString) Error() string { return string(e) }

// kebab is BuildKit's rule URL form of a rule name: JSONArgsRecommended →
// json-args-recommended.
func kebab(name string) string {
	var out []rune
	rs := []rune(name)
	for i, r := range rs {
		upper := r >= 'A' && r <= 'Z'
		if upper && i > 0 && (rs[i-1] >= 'a' && rs[i-1] <= 'z' || i+1 < len(rs) && rs[i+1] >= 'a' && rs[i+1] <= 'z') {
			out = append(out, '-')
		}
		if upper {
			r += 'a' - 'A'
		}
		out = append(out, r)
	}
	return string(out)
}
