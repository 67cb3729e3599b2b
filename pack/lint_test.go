package pack

import (
	"context"
	"strings"
	"testing"
)

func TestLintCleanPacks(t *testing.T) {
	e, err := Embedded()
	must(t, err)
	if f := Lint(context.Background(), e); len(f) != 0 {
		t.Errorf("the embedded pack lints with findings: %v", f)
	}
	p, err := LoadDir(acmeDir(t))
	must(t, err)
	if f := Lint(context.Background(), p); len(f) != 1 || !strings.Contains(f[0].Msg, `variable "port" is declared but no template uses it`) {
		t.Errorf("acme findings: %v", f)
	}
}

func TestLintFindings(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		ManifestFile: "name: x\nversion: 1.0.0\nvars:\n  team: {type: string}\n",
		"_partials/x.tmpl": `{{ define "runtime-extras" }}HEALTHCHECK NONE{{ end }}
{{ define "header" }}{{/* nothing */}}{{ end }}
{{ define "labels-extra" }}LABEL team={{ json .Vars.team }} owner={{ json .Vars.owner }}{{ end }}
{{ define "run-step" }}RUN true{{ end }}
{{ define "runtime-env" }}{{ template "helper" . }}{{ template "nowhere" . }}{{ index .Vars "cost" }}{{ end }}
{{ define "helper" }}ENV A=1{{ end }}
`,
		"_partials/nested/deeper.tmpl": "x",
	})
	p, err := LoadDir(dir)
	must(t, err)
	var got []string
	for _, f := range Lint(context.Background(), p) {
		got = append(got, f.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		`_partials/x.tmpl:1:`, `unknown block "runtime-extras": no template uses it`,
		`the override of "header" is empty and has no effect`,
		`undefined variable "owner"`,
		`undefined variable "cost"`,
		`"run-step" is not an override point`,
		`template "nowhere" is not defined anywhere`,
		`_partials/nested/deeper.tmpl: dockslim never reads this file`,
		`rendering sample projects (node alpine, node slim, node distroless, node native slim`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("lint lacks %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, `"helper"`) {
		t.Errorf("a helper block the pack uses itself was reported:\n%s", all)
	}
	t.Log(all)
}
