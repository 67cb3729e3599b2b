package audit

import (
	"fmt"
	"slices"
)

// Severity orders findings: an error makes the image wrong or unsafe, a
// warning big or slow, info is worth knowing.
type Severity string

// Severities, most severe first.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Severities lists them most severe first (the order reports use).
var Severities = []Severity{Error, Warning, Info}

// Rank is a severity's place: 0 for error.
func (s Severity) Rank() int { return slices.Index(Severities, s) }

// ParseSeverity reads a --fail-on value.
func ParseSeverity(s string) (Severity, error) {
	if i := slices.Index(Severities, Severity(s)); i >= 0 {
		return Severities[i], nil
	}
	return "", fmt.Errorf("%q is not a severity (want error, warning or info)", s)
}

// Finding is one thing the audit found.
type Finding struct {
	// Rule is the rule's stable id (DS001…, or buildkit:<RuleName>).
	Rule string `json:"rule"`
	// Category is one of Categories, or buildkit:<RuleName>.
	Category string   `json:"category"`
	Severity Severity `json:"severity"`
	// Line and EndLine are the Dockerfile lines it is about (1-based;
	// 0 when it is about the whole file or the build context).
	Line    int `json:"line"`
	EndLine int `json:"endLine"`
	// Message says what is wrong, in one sentence; Fix what to do.
	Message string `json:"message"`
	Fix     string `json:"fix"`
	// Saving estimates what the fix saves (nil when nothing says).
	Saving *Saving `json:"saving"`
}

// Categories is the fixed vocabulary of dockslim's rules (docs/audit.md).
var Categories = []string{
	"single-stage", "fat-base", "dev-dependencies", "cache-order", "root-user", "unpinned-base",
	"secret-in-env", "shell-form", "apt-hygiene", "toolchain-in-runtime", "add-instead-of-copy",
	"pip-cache", "npm-cache", "copy-whole-stage", "chown-layer", "npm-start", "libc-mismatch",
	"cgo-on-scratch", "missing-dockerignore", "ignored-copy",
	// provenance: the final stage does not say what it is built on;
	// policy: what breaks the template pack's policy (policy.go).
	"provenance", "policy",
}
