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

// samples cover each language, its flavours and a native build.
func samples() []sample {
	node := func(native bool) func() *generate.Answers {
		return func() *generate.Answers {
			a := &generate.Answers{
				Language: "node", LanguageVersion: "22", PackageManager: "npm", Flavour: "alpine",
				Port: 3000, BuildCommand: "npm run build", Start: []string{"node", "dist/server.js"},
				TestCommand: "npm test", ProjectName: "sample", ManifestFiles: []string{"package-lock.json", "package.json"},
				Node: &generate.NodeAnswers{HasBuildScript: true, OutputDirs: []string{"dist"}},
			}
			if native {
				a.Native, a.Flavour, a.NativeDeps = true, "slim", []string{"bcrypt"}
			}
			return a
		}
	}
	python := func() *generate.Answers {
		return &generate.Answers{
			Language: "python", LanguageVersion: "3.12", PackageManager: "pip", Flavour: "slim",
			Port: 8000, Start: []string{"gunicorn", "app:app"}, ManifestFiles: []string{"requirements.txt"},
			Python: &generate.PythonAnswers{RequirementsFiles: []string{"requirements.txt"}},
		}
	}
	golang := func(cgo bool) func() *generate.Answers {
		return func() *generate.Answers {
			a := &generate.Answers{
				Language: "go", LanguageVersion: "1.24", PackageManager: "go", Flavour: "scratch", Main: ".",
				Port: 8080, BuildCommand: `go build -trimpath -ldflags="-s -w" -o /out/app .`, Start: []string{"/app"},
				TestCommand: "go test ./...", ManifestFiles: []string{"go.mod", "go.sum"},
				Go: &generate.GoAnswers{Module: "example.com/sample"},
			}
			if cgo {
				a.Native, a.Flavour = true, "slim"
			}
			return a
		}
	}
	var out []sample
	add := func(name string, f func() *generate.Answers) {
		// The pack's default flavour first, then every flavour that works.
		out = append(out, sample{name: name, answers: f})
		for _, fl := range generate.AllowedFlavours(f()) {
			out = append(out, sample{name: name, flavour: fl, answers: f})
		}
	}
	add("node", node(false))
	add("node native", node(true))
	add("python", python)
	add("go", golang(false))
	add("go cgo", golang(true))
	return out
}
