package form

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/project"
)

// The questions, as data built from a formState by pure functions: what
// to ask follows from the flags given, the answers resolved so far and the
// detected facts.

// formState is what the questions are built from: the flags as given
// (a question whose flag was given is not asked), the answers resolved
// from detection, .dockslim.yaml and the form so far, and the facts.
type formState struct {
	Flags   project.Inputs
	Answers *generate.Answers
	Facts   *detect.Facts
	// Recorded is true when .dockslim.yaml exists: an answer that differs
	// from detection came from it.
	Recorded bool
	// MustMain and MustPM are ambiguities a person has to settle: the
	// select is asked even though its pre-filled value is only the first
	// candidate.
	MustMain []string
	MustPM   []string
	// MustStart is true when no start command was found: the person has
	// to type one.
	MustStart bool
	Style     Style
	// Detected is detection with only the language chosen (nil: use
	// Facts), for the sources of the package manager and main package.
	Detected *detect.Facts
}

// source describes where a pre-filled value came from, the way detect
// prints it: "22 ← .nvmrc", "24 ← .dockslim.yaml (detected now: 22 ← .nvmrc)".
func (s formState) source(key, value, detected string) string {
	return s.sourceIn(s.Facts, key, value, detected)
}

// sourceIn is source against the facts df.
func (s formState) sourceIn(df *detect.Facts, key, value, detected string) string {
	switch {
	case value == "":
		return ""
	case value == detected:
		return value + " ← " + sourceOf(df, key)
	case !s.Recorded:
		return value
	case detected == "":
		return value + " ← " + project.RecordFile
	}
	return fmt.Sprintf("%s ← %s (detected now: %s ← %s)", value, project.RecordFile, detected, sourceOf(df, key))
}

func (s formState) detectedSource(key string) string { return sourceOf(s.Facts, key) }

func sourceOf(f *detect.Facts, key string) string { return f.Provenance(key) }

// unsteered is detection left to itself (only the language chosen): what
// the package manager and main package would be without the answers
// recorded in .dockslim.yaml or given in the form.
func (s formState) unsteered() *detect.Facts {
	if s.Detected != nil {
		return s.Detected
	}
	return s.Facts
}

// row is the language's row of detect's registry (every language in
// answers has one: they were checked before the form sees them).
func row(lang string) *detect.Language {
	l, _ := detect.Lookup(lang)
	return l
}

// languageQuestion asks which language to build when the repository
// holds several; candidates come from detection (its choice first) and
// def is the current answer.
func languageQuestion(candidates []string, def string, sources map[string]string) question {
	q := question{Key: qLang, Title: "Language", Default: def, Source: "the repository holds several projects"}
	for _, c := range candidates {
		label := c
		if src := sources[c]; src != "" {
			label += " ← " + src
		}
		q.Options = append(q.Options, option{label, c})
	}
	return q
}

// runtimeQuestions: version, package manager and Go main package.
// Changing the package manager or the main package re-runs detection, so
// they come before the questions whose answers derive from them (native
// modules and cgo, the build command).
func runtimeQuestions(s formState) []question {
	a, f, flags := s.Answers, s.Facts, s.Flags
	var qs []question
	if flags.LangVersion == "" {
		cur := *a
		qs = append(qs, question{
			Key: qVersion, Kind: askInput, Title: row(a.Language).Title + " version",
			Default: a.LanguageVersion, Source: s.source("languageVersion", a.LanguageVersion, f.LanguageVersion),
			Validate: func(v string) error {
				return project.CheckAnswer(&cur, project.Inputs{LangVersion: strings.TrimSpace(v)})
			},
		})
	}
	if managers := row(a.Language).ManagerNames(); flags.PM == "" && len(managers) > 1 {
		q := question{Key: qPM, Title: "Package manager", Default: a.PackageManager}
		first := slices.Clone(s.MustPM)
		if len(first) == 0 {
			first = []string{a.PackageManager}
		}
		order := first
		for _, m := range managers {
			if !slices.Contains(order, m) {
				order = append(order, m)
			}
		}
		df := s.unsteered()
		for _, m := range order {
			label := managerLabel(a.Language, m)
			if m == df.PackageManager && len(s.MustPM) == 0 {
				label += " ← " + sourceOf(df, "packageManager")
			} else if slices.Contains(s.MustPM, m) {
				label += " (lockfile found)"
			}
			q.Options = append(q.Options, option{label, m})
		}
		if len(s.MustPM) > 0 {
			q.Source = "lockfiles of several package managers: choose one"
		} else {
			q.Source = s.sourceIn(df, "packageManager", a.PackageManager, df.PackageManager)
		}
		qs = append(qs, q)
	}
	if flags.Main == "" && len(f.Mains) > 1 {
		q := question{Key: qMain, Title: "Go main package to build", Default: a.Main}
		for _, m := range f.Mains {
			q.Options = append(q.Options, option{m, m})
		}
		if len(s.MustMain) > 0 {
			q.Source = fmt.Sprintf("%d main packages ← %s: choose one", len(f.Mains), s.detectedSource("mains"))
		} else {
			q.Source = s.sourceIn(s.unsteered(), "main", a.Main, s.unsteered().Main)
		}
		qs = append(qs, q)
	}
	return qs
}

func managerLabel(lang, name string) string {
	if m, ok := row(lang).Manager(name); ok && m.Label != "" {
		return m.Label
	}
	return name
}

// flavourQuestion offers only the flavours that work for the answers so
// far, the recommended one first; nil when only one works.
func flavourQuestion(s formState) *question {
	a := s.Answers
	works := generate.AllowedFlavours(a)
	if s.Flags.Flavour != "" || len(works) < 2 {
		return nil
	}
	q := question{Key: qFlavour, Title: "Base image flavour", Default: a.Flavour}
	width := 0
	for _, w := range works {
		width = max(width, len(w))
	}
	for i, w := range works {
		label := fmt.Sprintf("%-*s  %s", width, w, detect.DescribeFlavour(w))
		if i == 0 {
			label += " (recommended)"
		}
		q.Options = append(q.Options, option{label, w})
	}
	switch {
	case a.Flavour == works[0]:
		q.Source = a.Flavour + " ← recommended"
	case s.Recorded:
		q.Source = a.Flavour + " ← " + project.RecordFile
	default:
		q.Source = a.Flavour
	}
	return &q
}

// File choices for an existing file that differs, as the select's
// values.
const (
	fileKeep      = "keep"
	fileOverwrite = "overwrite"
	fileBeside    = "beside"
)

var fileChoices = map[string]project.Choice{fileKeep: project.Keep, fileOverwrite: project.Overwrite, fileBeside: project.Beside}

// fileQuestion asks what to do with an existing file that differs from
// what dockslim renders: keep it (the default), overwrite it, or write
// dockslim's version beside it.
func fileQuestion(name string) question {
	return question{
		Key: qFileKeep + ":" + name, Title: name + " exists and differs (diff above)", Default: fileKeep,
		Options: []option{
			{"keep yours (nothing is written over it)", fileKeep},
			{"overwrite it with dockslim's version", fileOverwrite},
			{"write dockslim's version to " + project.BesideName(name), fileBeside},
		},
	}
}
