package pack

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/generate"
)

// ApplyFlavour gives answers the pack's default flavour for their
// language. Callers use it only when no one chose a flavour (no
// --flavour, no recorded answer). A default that does not work for this
// project (scratch for a cgo binary…) leaves the recommended flavour and
// returns a warning saying why.
func (p *Pack) ApplyFlavour(a *generate.Answers) (warning string) {
	want, ok := p.Manifest.Flavours[a.Language]
	if !ok || want == a.Flavour {
		return ""
	}
	works := generate.AllowedFlavours(a)
	if !slices.Contains(works, want) {
		return fmt.Sprintf("pack %s's default %s flavour %s does not work for this project (works: %s); using %s",
			p.Manifest.Name, a.Language, want, strings.Join(works, ", "), a.Flavour)
	}
	a.Flavour = want
	return ""
}
