package core

import (
	"fmt"
	"path"
	"regexp"
	"sort"
)

// NewFacts returns Facts for lang with every collection allocated, its
// language-specific details set to lang.
func NewFacts(lang string, details any) *Facts {
	f := &Facts{Language: lang, Sources: map[string]string{}, Confidence: map[string]string{}}
	f.Details.Lang = details
	f.Normalize()
	return f
}

// Source records where a detected value came from, which the project
// states (its confidence is certain); "" is not recorded (defaults are
// absent from sources). Likely records an inferred one.
func (f *Facts) Source(key, from string) {
	if from != "" {
		f.Sources[key] = from
		delete(f.Confidence, key) // certain, unless Likely says otherwise later
	}
}

// Warnf adds a warning for the person reading the output.
func (f *Facts) Warnf(format string, args ...any) {
	f.Warnings = append(f.Warnings, fmt.Sprintf(format, args...))
}

// SortedUnique sorts s and drops duplicates and empty strings.
func SortedUnique(s []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(s))
	for _, x := range s {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}

// Normalize makes every slice and map non-nil so JSON shows [] and {}.
func (f *Facts) Normalize() {
	for _, s := range []*[]string{&f.Start, &f.Flavours, &f.NativeDeps, &f.Mains, &f.Warnings} {
		if *s == nil {
			*s = []string{}
		}
	}
	if f.Sources == nil {
		f.Sources = map[string]string{}
	}
	if f.Confidence == nil {
		f.Confidence = map[string]string{}
	}
	if f.Apps == nil {
		f.Apps = []App{}
	}
}

// MinPort and MaxPort bound a TCP port: the one rule for ports found in
// code, given as flags or recorded in .dockslim.yaml.
const (
	MinPort = 1
	MaxPort = 65535
)

// ValidPort reports whether n is a TCP port.
func ValidPort(n int) bool { return n >= MinPort && n <= MaxPort }

// SetMemberOf records that the project is built from the workspace root
// back (its path from the project, "../..") as the member rel, declared
// by from (a file of the root, as the root names it).
func (f *Facts) SetMemberOf(back, rel, from string) {
	f.WorkspaceRoot = back
	f.Details.WorkspaceRoot, f.Details.AppDir = back, rel
	f.Source("workspaceRoot", path.Join(back, from))
}

// secretNameRE is a variable name that says it holds a secret, as
// BuildKit's SecretsUsedInArgOrEnv check reads names (`_`-separated
// words such as KEY, TOKEN, PASSWORD, SECRET, AUTH).
var secretNameRE = regexp.MustCompile(`(?i)(?:_|^)(?:apikey|auth|credentials?|key|password|pass|pword|passwd|secret|token)(?:_|$)`)

// SecretName reports whether an ENV or ARG of that name would hold a
// secret: never in a layer, and BuildKit's checks refuse it.
func SecretName(name string) bool { return secretNameRE.MatchString(name) }
