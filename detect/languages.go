package detect

import (
	"slices"

	"github.com/dockslim/dockslim/detect/golang"
	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/detect/node"
	"github.com/dockslim/dockslim/detect/python"
)

// Languages dockslim supports, as Facts.Language spells them.
const (
	Node   = node.Name
	Python = python.Name
	Go     = golang.Name
)

// Languages returns the registry: one row per supported language, in
// detection order — when the manifests of several sit at a project's
// root and they fit equally well, the earlier row wins. Adding a
// language is one package under detect/ and one line here
// (docs/architecture.md).
func Languages() []*Language {
	return []*Language{node.Language(), python.Language(), golang.Language()}
}

// Lookup returns the row of the language named name.
func Lookup(name string) (*Language, bool) {
	i := slices.IndexFunc(Languages(), func(l *Language) bool { return l.Name == name })
	if i < 0 {
		return nil, false
	}
	return Languages()[i], true
}

// LanguageNames lists the supported languages' names, in registry order.
func LanguageNames() []string {
	var out []string
	for _, l := range Languages() {
		out = append(out, l.Name)
	}
	return out
}

// The shared core's types, as detect's API names them.
type (
	// Facts is what detection found (docs/detect-json.md).
	Facts = core.Facts
	// App is one workspace member in Facts.Apps.
	App = core.App
	// Member is a workspace member folder and what declares it.
	Member = core.Member
	// Details are facts rendering needs beyond the JSON.
	Details = core.Details
	// Options steer detection where the caller knows an answer.
	Options = core.Options
	// Language is one row of the registry.
	Language = core.Language
	// Manager is one package manager of a language.
	Manager = core.Manager
	// Packages are distribution packages native dependencies need.
	Packages = core.Packages
	// Traits are what decides which flavours can run a project.
	Traits = core.Traits
	// ChoiceError is a steering value that is not one of the project's
	// candidates (a --main that is no main package).
	ChoiceError = core.ChoiceError
)

// Flavours of base image.
const (
	Alpine     = core.Alpine
	Slim       = core.Slim
	Scratch    = core.Scratch
	Distroless = core.Distroless
)

// Ports: the range every port dockslim reads or writes is checked against.
const (
	MinPort = core.MinPort
	MaxPort = core.MaxPort
)

// ValidPort reports whether n is a TCP port.
func ValidPort(n int) bool { return core.ValidPort(n) }

// MovePort rewrites the port a start command names (gunicorn --bind
// 0.0.0.0:8000, uvicorn --port 8000) from old to new.
func MovePort(argv []string, old, new int) []string { return core.MovePort(argv, old, new) }

// FlavourNames lists the flavours in canonical order.
func FlavourNames() []string { return core.FlavourNames() }

// DescribeFlavour says in one line what a flavour is.
func DescribeFlavour(f string) string { return core.DescribeFlavour(f) }

// AllowedFlavours lists the flavours that can run a project of l with
// traits t, the recommended one first.
func AllowedFlavours(l *Language, t Traits) []string { return core.Allowed(l, t) }

// WhyNotFlavour says why flavour f cannot run a project of l with
// traits t ("" when it can).
func WhyNotFlavour(l *Language, t Traits, f string) string { return core.Why(l, t, f) }

// PossibleFlavours lists the flavours some project of l can use.
func PossibleFlavours(l *Language) []string { return core.Possible(l) }

// CheckDataDir validates a folder the runtime creates for the app's user
// (a recorded dataDirs entry): the rule detection applies.
func CheckDataDir(dir string) error { return core.CheckDataDir(dir) }

// SkippedDir reports whether detection never walks a folder of this name
// (node_modules, vendor, .git, dist, hidden folders…): the rule for
// anything else that walks a repository, such as `check --all`.
func SkippedDir(name string) bool { return repo.Skipped(name) }

// SecretName reports whether a variable of that name would hold a secret
// (BuildKit's SecretsUsedInArgOrEnv rule): the one rule for ENV lines.
func SecretName(name string) bool { return core.SecretName(name) }
