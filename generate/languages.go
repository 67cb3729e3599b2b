package generate

import (
	"fmt"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/detect/golang"
	"github.com/dockslim/dockslim/detect/node"
	"github.com/dockslim/dockslim/detect/python"
	"github.com/dockslim/dockslim/internal/versions"
)

// language is what generate knows of one language: how its answers come
// from its detected details, its view, and sample answers `pack lint`
// renders a pack with. Adding a language adds its view_<name>.go and one
// entry to views (docs/architecture.md).
type language struct {
	// answers fills a's language section from the language's Details.
	answers func(details any, a *Answers)
	// view computes the language's part of the template model.
	view func(v *View, a *Answers, tab *versions.Table) error
	// samples are small projects of the language, named.
	samples func() []Sample
}

var views = map[string]language{
	node.Name: {
		answers: func(d any, a *Answers) { a.Node = nodeAnswers(d.(*node.Details)) },
		view:    nodeView,
		samples: nodeSamples,
	},
	python.Name: {
		answers: func(d any, a *Answers) { a.Python = pythonAnswers(d.(*python.Details)) },
		view:    pythonView,
		samples: pythonSamples,
	},
	golang.Name: {
		answers: func(d any, a *Answers) { a.Go = goAnswers(d.(*golang.Details)) },
		view:    goView,
		samples: goSamples,
	},
}

// Sample is a small project's answers, for checking that a template pack
// renders every language (`dockslim pack lint`).
type Sample struct {
	Name    string
	Answers *Answers
}

// Samples lists sample answers of every language, in registry order.
func Samples() []Sample {
	var out []Sample
	for _, l := range detect.Languages() {
		if v, ok := views[l.Name]; ok {
			out = append(out, v.samples()...)
		}
	}
	return out
}

func viewOf(lang string) (language, error) {
	v, ok := views[lang]
	if !ok {
		return language{}, fmt.Errorf("unknown language %q", lang)
	}
	return v, nil
}
