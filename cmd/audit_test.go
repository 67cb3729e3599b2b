package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/audit"
)

// Headings are coloured only when asked (a terminal without NO_COLOR).
func TestPrintAuditColour(t *testing.T) {
	rep := &audit.Report{Dockerfile: "Dockerfile", Findings: []audit.Finding{
		{Rule: "DS003", Category: "root-user", Severity: audit.Error, Line: 1, EndLine: 1, Message: "m", Fix: "f"},
	}}
	var plain, coloured bytes.Buffer
	printAudit(&plain, rep, false)
	printAudit(&coloured, rep, true)
	if strings.Contains(plain.String(), "\x1b[") {
		t.Errorf("plain output has escapes: %q", plain.String())
	}
	if !strings.Contains(coloured.String(), "\x1b[1;31mERROR\x1b[0m") {
		t.Errorf("coloured output: %q", coloured.String())
	}
}

// The auditRun decision: colour on a terminal, never with NO_COLOR.
func TestAuditColourFollowsNoColor(t *testing.T) {
	dir := t.TempDir()
	if err := writeFile(dir+"/Dockerfile", "FROM node:20\nCMD [\"node\"]\n"); err != nil {
		t.Fatal(err)
	}
	for env, want := range map[string]bool{"": true, "1": false} {
		var out bytes.Buffer
		opts := &AuditOptions{IO: &IOStreams{Out: &out, ErrOut: &bytes.Buffer{}, In: &bytes.Buffer{}, StdoutTTY: true},
			Getenv: func(k string) string {
				if k == "NO_COLOR" {
					return env
				}
				return ""
			}, Target: dir, Format: "text", FailOn: "error"}
		_ = auditRun(t.Context(), opts)
		if got := strings.Contains(out.String(), "\x1b["); got != want {
			t.Errorf("NO_COLOR=%q: escapes %v, want %v", env, got, want)
		}
	}
}

func writeFile(p, s string) error { return os.WriteFile(p, []byte(s), 0o644) }

// The JSON report has every key docs/audit.md documents, always.
func TestAuditJSONKeys(t *testing.T) {
	dir := t.TempDir()
	if err := writeFile(dir+"/Dockerfile", "FROM node:20\nRUN npm install\nCMD [\"node\"]\n"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	opts := &AuditOptions{IO: &IOStreams{Out: &out, ErrOut: &bytes.Buffer{}, In: &bytes.Buffer{}},
		Getenv: func(string) string { return "" }, Target: dir, Format: "json", FailOn: "error"}
	_ = auditRun(t.Context(), opts)
	var rep map[string]any
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, k := range []string{"dockerfile", "context", "findings", "saving", "regenerate"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("no %q key", k)
		}
	}
	findings, _ := rep["findings"].([]any)
	if len(findings) == 0 {
		t.Fatal("no findings")
	}
	for _, f := range findings {
		m := f.(map[string]any)
		for _, k := range []string{"rule", "category", "severity", "line", "endLine", "message", "fix", "saving"} {
			if _, ok := m[k]; !ok {
				t.Errorf("finding %v has no %q", m["rule"], k)
			}
		}
	}
}
