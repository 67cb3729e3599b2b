package generate

import (
	"github.com/dockslim/dockslim/detect"
)

// traits are the answers' flavour traits: the policy decides from these
// (detect.AllowedFlavours), exactly as it decided for detection.
func traits(a *Answers) detect.Traits {
	return detect.Traits{Framework: a.Framework, Native: a.Native, NativeDeps: a.NativeDeps, Start: a.Start}
}

// AllowedFlavours lists the flavours that work for the answers, the
// recommended one first; nothing for an unknown language.
func AllowedFlavours(a *Answers) []string {
	l, ok := detect.Lookup(a.Language)
	if !ok {
		return nil
	}
	return detect.AllowedFlavours(l, traits(a))
}

// FlavourReason says why flavour f does not work for the answers, as a
// clause to end a message with (": scratch has no …"); "" when it works.
func FlavourReason(a *Answers, f string) string {
	l, ok := detect.Lookup(a.Language)
	if !ok {
		return ""
	}
	if why := detect.WhyNotFlavour(l, traits(a), f); why != "" {
		return ": " + why
	}
	return ""
}
