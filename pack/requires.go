package pack

import (
	"fmt"

	"github.com/Masterminds/semver/v3"

	"github.com/dockslim/dockslim/internal/buildinfo"
)

// RequiresError is a pack whose requires constraint the running dockslim
// does not meet.
type RequiresError struct {
	Pack, Requires, Version string
}

func (e *RequiresError) Error() string {
	return fmt.Sprintf("pack %s requires dockslim %s, and this is dockslim %s; install a matching release (go install github.com/dockslim/dockslim/cmd/dockslim@VERSION) or use another version of the pack",
		e.Pack, e.Requires, e.Version)
}

// CheckRequires checks the manifest's requires constraint against
// dockslim's version (buildinfo.Version's form). A development build —
// (devel) or a pseudo-version — passes every constraint, with a warning
// (docs/packs.md); an unreadable version fails like a mismatch.
func (m *Manifest) CheckRequires(version string) (warning string, err error) {
	if m.Requires == "" {
		return "", nil
	}
	if buildinfo.IsDevelopment(version) {
		return fmt.Sprintf("dockslim %s is a development build: not checked against pack %s's requires %q", version, m.Name, m.Requires), nil
	}
	c, err := semver.NewConstraint(m.Requires)
	if err != nil {
		return "", m.errorf("requires", "requires %q is not a semver constraint: %v", m.Requires, err)
	}
	v, err := semver.NewVersion(version)
	if err != nil || !c.Check(v) {
		return "", &RequiresError{Pack: m.Name, Requires: m.Requires, Version: version}
	}
	return "", nil
}
