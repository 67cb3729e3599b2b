package pack

import (
	"text/template"

	"github.com/dockslim/dockslim/generate"
)

// NewTemplateForLint is generate.NewTemplate: lint parses with exactly
// the functions rendering offers.
func NewTemplateForLint(name string) *template.Template { return generate.NewTemplate(name) }

// sample is a small project `pack lint` renders a pack with.
type sample struct {
	name    string
	flavour string // "" for the pack's default (or the recommended one)
	answers func() *generate.Answers
}

// samples are generate's samples of every language, each in the pack's
// default flavour and then in every flavour that works for it.
func samples() []sample {
	var out []sample
	for i, s := range generate.Samples() {
		// Rendering changes answers (flavour, vars): each render gets
		// its own copy.
		fresh := func() *generate.Answers { return generate.Samples()[i].Answers }
		out = append(out, sample{name: s.Name, answers: fresh})
		for _, fl := range generate.AllowedFlavours(s.Answers) {
			out = append(out, sample{name: s.Name, flavour: fl, answers: fresh})
		}
	}
	return out
}
