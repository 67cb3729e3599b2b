package generate

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/internal/shellwords"
)

// Overrides are values a person gave (flags, or a form) that replace
// detected ones. The zero value of each field means "not given". Choices
// that change other derived facts (language, package manager, Go main
// package) are not overrides: they go to detect.Options, so the build
// command and manifest list follow them.
type Overrides struct {
	LanguageVersion string
	Flavour         string
	// Native is nil when not given; true asks for a toolchain even when
	// nothing was detected, false drops detected native dependencies.
	Native *bool
	Port   int
	// Build replaces the build command; BuildSet distinguishes an explicit
	// empty --build "" (no build step) from not given.
	Build    string
	BuildSet bool
	// Start is the --start string, split per SPEC §3.
	Start string
	Vars  map[string]string
}

// InputError is bad input in a value a person gave; Flag names it.
type InputError struct {
	Flag string
	Err  error
}

func (e *InputError) Error() string { return fmt.Sprintf("%s: %v", e.Flag, e.Err) }
func (e *InputError) Unwrap() error { return e.Err }

// AmbiguousError is a choice that cannot be made safely without a person
// (SPEC §3): callers ask in a form, or exit 2 naming Flag.
type AmbiguousError struct {
	What       string   // "several Go main packages"
	Flag       string   // "--main"
	Candidates []string // the choices
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s: %s; choose one with %s", e.What, strings.Join(e.Candidates, ", "), e.Flag)
}

// MissingError is an answer nothing could decide (no start command, no
// main package); Flag names the option that supplies it.
type MissingError struct {
	What string
	Flag string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("%s; pass %s", e.What, e.Flag)
}

var (
	versionRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
	managers  = map[string][]string{
		detect.Node:   {"npm", "yarn", "yarn-berry", "pnpm", "bun"},
		detect.Python: {"pip", "poetry", "uv", "pipenv", "pdm"},
		detect.Go:     {"go"},
	}
)

// ValidManagers lists the package managers SPEC §4 names for lang.
func ValidManagers(lang string) []string { return slices.Clone(managers[lang]) }

// CheckPackageManager validates a --pm value for lang.
func CheckPackageManager(lang, pm string) error {
	if !slices.Contains(managers[lang], pm) {
		return &InputError{Flag: "--pm", Err: fmt.Errorf("%q is not a %s package manager (want one of: %s)", pm, lang, strings.Join(managers[lang], ", "))}
	}
	return nil
}

// Apply overrides a's values with o, validating each per SPEC §3. It does
// not decide ambiguities: see Complete.
func Apply(a *Answers, o Overrides) error {
	if o.LanguageVersion != "" {
		v := strings.TrimPrefix(o.LanguageVersion, "v")
		if !versionRE.MatchString(v) {
			return &InputError{Flag: "--lang-version", Err: fmt.Errorf("%q is not a version like 22, 3.12 or 1.24.3", o.LanguageVersion)}
		}
		a.LanguageVersion = v
	}
	if o.Native != nil {
		a.Native = *o.Native
		if !*o.Native {
			a.NativeDeps, a.BuildPackages, a.RuntimePackages, a.AlpinePackages = []string{}, []string{}, []string{}, []string{}
		}
	}
	if o.Port != 0 {
		if o.Port < 1 || o.Port > 65535 {
			return &InputError{Flag: "--port", Err: fmt.Errorf("%d is not a TCP port (1-65535)", o.Port)}
		}
		a.Port = o.Port
	}
	if o.BuildSet {
		cmd := strings.TrimSpace(o.Build)
		if err := shellwords.CheckBuild(cmd); err != nil {
			return &InputError{Flag: "--build", Err: fmt.Errorf("%w; a build command is one line for the build stage's shell", err)}
		}
		a.BuildCommand = cmd
	}
	if o.Start != "" {
		argv, err := shellwords.Split(o.Start)
		if err != nil {
			return &InputError{Flag: "--start", Err: fmt.Errorf("%w; the container's command is exec-form: put shell logic in a script file and start that", err)}
		}
		if env, _ := shellwords.LeadingAssignments(argv); len(env) > 0 {
			return &InputError{Flag: "--start", Err: fmt.Errorf("%q starts with the variable assignment %s, which exec form cannot run; drop it or set it in a script", o.Start, env[0])}
		}
		a.Start = argv
	}
	for k, v := range o.Vars {
		a.Vars[k] = v
	}
	// Flavour last: what works depends on the native answer above.
	works := AllowedFlavours(a)
	if o.Flavour != "" {
		f := o.Flavour
		if !slices.Contains(works, f) {
			return &InputError{Flag: "--flavour", Err: fmt.Errorf("%q does not work for this project (works: %s)%s", f, strings.Join(works, ", "), flavourReason(a, f))}
		}
		a.Flavour = f
	} else if !slices.Contains(works, a.Flavour) && len(works) > 0 {
		a.Flavour = works[0]
	}
	return nil
}

// AllowedFlavours lists the flavours that work for the answers, the
// recommended one first (detect.Flavours' rules, re-applied because the
// native answer may have changed).
func AllowedFlavours(a *Answers) []string {
	works := detect.Flavours(detect.FlavourInput{
		Language: a.Language,
		Native:   a.Native,
		Static:   a.Node != nil && a.Node.StaticDir != "",
	})
	// Distroless Node images run `node` as their entrypoint: a start
	// command that is not `node …` cannot run there.
	// Distroless has no package manager: runtime system packages cannot
	// be installed there (its base already carries OpenSSL and the CA
	// bundle).
	if a.Language == detect.Node && len(a.Start) > 0 && a.Start[0] != "node" || len(distrolessMissing(a.RuntimePackages)) > 0 {
		works = slices.DeleteFunc(works, func(f string) bool { return f == detect.Distroless })
	}
	return works
}

func flavourReason(a *Answers, f string) string {
	switch {
	case f == detect.Scratch && a.Language == detect.Go && a.Native:
		return ": a cgo binary needs a C library at run time, and scratch has none"
	case f == detect.Alpine && a.Language == detect.Python && a.Native:
		return ": manylinux wheels and native builds need glibc"
	case f == detect.Distroless && a.Language == detect.Python:
		return ": distroless ships one fixed Python version"
	case f == detect.Distroless && a.Language == detect.Node && len(a.Start) > 0 && a.Start[0] != "node":
		return ": distroless Node images can only run `node …` commands"
	case f == detect.Distroless && len(distrolessMissing(a.RuntimePackages)) > 0:
		return ": distroless cannot install the runtime packages " + strings.Join(distrolessMissing(a.RuntimePackages), ", ")
	case f == detect.Scratch:
		return ": scratch has no runtime for interpreted code"
	}
	return ""
}

// Complete checks that nothing a Dockerfile needs is still undecided.
// It returns an *AmbiguousError for a choice a person must make, or a
// *MissingError for a value only a flag can give.
// pmChosen says a person picked the package manager (--pm or the form).
func Complete(a *Answers, f *detect.Facts, pmChosen bool) error {
	if a.Language == detect.Go {
		switch {
		case a.Main == "" && len(f.Mains) > 1:
			return &AmbiguousError{What: "several Go main packages", Flag: "--main", Candidates: f.Mains}
		case a.Main == "":
			return &MissingError{What: "this module has no main package to build", Flag: "--main"}
		}
	}
	if a.Language == detect.Node && len(f.Details.ConflictingManagers) > 1 && f.Sources["packageManager"] != "package.json#packageManager" && !pmChosen {
		return &AmbiguousError{What: "lockfiles of several package managers", Flag: "--pm", Candidates: f.Details.ConflictingManagers}
	}
	if len(a.Start) == 0 {
		return &MissingError{What: "could not find how to start the app", Flag: "--start"}
	}
	return nil
}

// distrolessMissing lists runtime packages a distroless base lacks.
func distrolessMissing(pkgs []string) []string {
	return slices.DeleteFunc(slices.Clone(pkgs), func(p string) bool {
		return p == "openssl" || p == "ca-certificates"
	})
}
