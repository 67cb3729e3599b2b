package audit

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"

	"github.com/dockslim/dockslim/pack"
)

// PolicyCategory is the category of what breaks a pack's policy.
const PolicyCategory = "policy"

// Policy rules: a template pack's `policy:` (docs/packs.md), checked on
// the final stage. Ids are stable like the rules'.
const (
	polBase    = "POL001"
	polVersion = "POL002"
	polLabel   = "POL003"
	polRoot    = "POL004"
	polHealth  = "POL005"
)

// runtimeImages map an official image to the language whose version its
// tag leads with.
var runtimeImages = map[string]string{"node": "node", "python": "python", "golang": "go"}

// leadingVersionRE is the version a tag starts with ("22" of 22-slim).
var leadingVersionRE = regexp.MustCompile(`^v?(\d+(?:\.\d+){0,2})`)

// PolicyFindings checks the final stage against pol (nil: none).
func PolicyFindings(d *Dockerfile, pol *pack.Policy) []Finding {
	if pol == nil {
		return nil
	}
	final := d.Final()
	img := d.Image(final)
	var out []Finding
	add := func(rule string, sev Severity, line int, msg, fix string) {
		out = append(out, Finding{Rule: rule, Category: PolicyCategory, Severity: sev, Line: line, EndLine: line, Message: msg, Fix: fix})
	}
	if len(pol.AllowedBases) > 0 && img != "scratch" && !matchesAnyGlob(pol.AllowedBases, img) {
		add(polBase, Error, final.Line, fmt.Sprintf("the final stage starts FROM %s, which the pack's policy does not allow", img),
			"use a base the policy allows: "+strings.Join(pol.AllowedBases, ", "))
	}
	name, tag := splitImage(img)
	if lang, ok := runtimeImages[path.Base(name)]; ok {
		if min, ok := pol.MinVersions[lang]; ok {
			if m := leadingVersionRE.FindStringSubmatch(tag); m != nil && versionBelow(m[1], min) {
				add(polVersion, Error, final.Line, fmt.Sprintf("the final stage runs %s %s, below the policy's minimum %s", lang, m[1], min),
					"move to "+lang+" "+min+" or newer")
			}
		}
	}
	labels := map[string]bool{}
	var user *instructions.UserCommand
	health := false
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.LabelCommand:
			for _, kv := range c.Labels {
				labels[kv.Key] = true
			}
		case *instructions.UserCommand:
			user = c
		case *instructions.HealthCheckCommand:
			health = true
		}
	}
	for _, l := range pol.RequiredLabels {
		if !labels[l] {
			add(polLabel, Error, final.Line, "the final stage has no "+l+" label, which the pack's policy requires", "add LABEL "+l+"=…")
		}
	}
	if pol.NonRoot && (user == nil || user.User == "root" || user.User == "0" || strings.HasPrefix(user.User, "0:")) {
		add(polRoot, Error, final.Line, "the final stage runs as root, and the pack's policy requires a non-root user", "add USER 1000:1000 (a numeric non-root user)")
	}
	if pol.Healthcheck && !health {
		add(polHealth, Error, final.Line, "the final stage has no HEALTHCHECK, which the pack's policy requires", "add a HEALTHCHECK (or the pack's runtime-extra block)")
	}
	return out
}

// matchesAnyGlob reports whether ref (with or without its tag) matches
// one of the globs.
func matchesAnyGlob(globs []string, ref string) bool {
	name, _ := splitImage(ref)
	for _, g := range globs {
		for _, s := range []string{ref, name} {
			if ok, _ := path.Match(g, s); ok {
				return true
			}
		}
	}
	return false
}

// versionBelow reports whether v < min, compared number by number.
func versionBelow(v, min string) bool {
	a, b := strings.Split(v, "."), strings.Split(min, ".")
	for i := range b {
		x, y := 0, 0
		if i < len(a) {
			x, _ = strconv.Atoi(a[i])
		} else {
			return false // 22 is not below 22.1 for a tag that names only the major
		}
		y, _ = strconv.Atoi(b[i])
		if x != y {
			return x < y
		}
	}
	return false
}
