package pack

import (
	"fmt"
	"path"
	"regexp"

	"github.com/dockslim/dockslim/detect"
)

// Policy is what an organisation requires of every Dockerfile its
// repositories build (dockslim-pack.yaml `policy:`, docs/packs.md):
// `dockslim audit` and `dockslim check` report what breaks it, under the
// category policy.
type Policy struct {
	// AllowedBases are path.Match globs of the images a final stage may
	// start FROM ("registry.acme.example/*", "node:*-slim"); empty allows
	// any.
	AllowedBases []string `yaml:"allowedBases"`
	// MinVersions are the lowest runtime versions by language
	// (node: "22", python: "3.12", go: "1.24"), read from the final
	// base's tag.
	MinVersions map[string]string `yaml:"minVersions"`
	// RequiredLabels are LABEL keys the final stage must set.
	RequiredLabels []string `yaml:"requiredLabels"`
	// NonRoot requires a non-root USER in the final stage.
	NonRoot bool `yaml:"nonRoot"`
	// Healthcheck requires a HEALTHCHECK in the final stage.
	Healthcheck bool `yaml:"healthcheck"`
}

// minVersionRE is a runtime version a policy may name.
var minVersionRE = regexp.MustCompile(`^\d+(\.\d+){0,2}$`)

// labelKeyRE is a LABEL key.
var labelKeyRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func (m *Manifest) checkPolicy() error {
	p := m.Policy
	if p == nil {
		return nil
	}
	for _, g := range p.AllowedBases {
		if _, err := path.Match(g, ""); err != nil || g == "" {
			return m.errorf("policy.allowedBases", "policy: allowedBases %q is not a glob like registry.example.com/*", g)
		}
	}
	for _, lang := range sortedKeys(p.MinVersions) {
		if _, ok := detect.Lookup(lang); !ok {
			return m.errorf("policy.minVersions", "policy: minVersions: %q is not a language (%s)", lang, detect.LanguageNames())
		}
		if !minVersionRE.MatchString(p.MinVersions[lang]) {
			return m.errorf("policy.minVersions", "policy: minVersions.%s %q is not a version like 22 or 3.12", lang, p.MinVersions[lang])
		}
	}
	for _, l := range p.RequiredLabels {
		if !labelKeyRE.MatchString(l) {
			return m.errorf("policy.requiredLabels", "policy: requiredLabels %q is not a label key like org.opencontainers.image.source", l)
		}
	}
	return nil
}

// Policy returns the pack's policy; nil when it declares none.
func (p *Pack) Policy() *Policy {
	if p.Manifest == nil {
		return nil
	}
	return p.Manifest.Policy
}

// String describes a policy in one line, for messages.
func (p *Policy) String() string {
	return fmt.Sprintf("allowedBases %v, minVersions %v, requiredLabels %v, nonRoot %v, healthcheck %v",
		p.AllowedBases, p.MinVersions, p.RequiredLabels, p.NonRoot, p.Healthcheck)
}
