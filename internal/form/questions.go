package form

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/project"
)

// This file builds init's forms as data and then as *huh.Form values,
// with no I/O: what to ask follows from the flags given, the answers
// resolved so far and the detected facts, so tests can check both the
// questions and a headless run of the form (huh's WithInput/WithOutput).

type questionKind int

const (
	askSelect questionKind = iota
	askInput
	askMulti
)

// Answer keys: the questions init can ask, each named after the flag
// whose input it fills in.
const (
	qLang     = "lang"
	qVersion  = "lang-version"
	qPM       = "pm"
	qMain     = "main"
	qNative   = "native"
	qStart    = "start"
	qBuild    = "build"
	qPort     = "port"
	qFlavour  = "flavour"
	qFileKeep = "file" // a file choice; keyed by file name in forms
)

type option struct{ Label, Value string }

// question is one field of a form as data: what is asked, what is
// pre-filled and where that value came from.
type question struct {
	Key    string
	Kind   questionKind
	Title  string
	Source string // where the pre-filled value came from: "22 ← .nvmrc"
	Help   string // one more line for the person (optional)

	Options  []option
	Default  string   // askSelect, askInput
	Defaults []string // askMulti

	Validate      func(string) error
	ValidateMulti func([]string) error
}

// Style is how forms look and read input.
type Style struct {
	// Accessible is huh's accessible mode: plain prompts, one line per
	// answer, fit for screen readers and pipes.
	Accessible bool
	// NoColor drops colour (NO_COLOR).
	NoColor bool
}

// formSpec is one page of questions.
type formSpec struct {
	Heading string
	Intro   string
	Qs      []question
}

// formResult holds a form's answers once it has run: Values for selects
// and inputs, Multi for multi-selects, by question key.
type formResult struct {
	Values map[string]*string
	Multi  map[string]*[]string
}

func (r *formResult) value(key string) string {
	if p := r.Values[key]; p != nil {
		return *p
	}
	return ""
}

// newForm builds the huh form for spec. It reads nothing and writes
// nothing: the caller gives it input and output and runs it.
func newForm(style Style, spec formSpec) (*huh.Form, *formResult) {
	res := &formResult{Values: map[string]*string{}, Multi: map[string]*[]string{}}
	fields := []huh.Field{}
	if spec.Heading != "" || spec.Intro != "" {
		fields = append(fields, huh.NewNote().Title(spec.Heading).Description(spec.Intro))
	}
	for _, q := range spec.Qs {
		fields = append(fields, newField(style, q, res))
	}
	form := huh.NewForm(huh.NewGroup(fields...)).
		WithAccessible(style.Accessible).
		WithShowHelp(!style.Accessible).
		WithTheme(formTheme(style))
	return form, res
}

func newField(style Style, q question, res *formResult) huh.Field {
	title, desc := q.Title, q.Source
	if q.Help != "" {
		desc = strings.TrimPrefix(desc+"\n"+q.Help, "\n")
	}
	switch q.Kind {
	case askInput:
		v := q.Default
		res.Values[q.Key] = &v
		validate := q.Validate
		if validate == nil {
			validate = func(string) error { return nil }
		}
		if style.Accessible {
			// Accessible mode shows neither the description nor the
			// pre-filled value, and an empty line means "keep it".
			title = accessibleTitle(q.Title, q.Source, q.Default)
			def := q.Default
			inner := validate
			validate = func(s string) error {
				if strings.TrimSpace(s) == "" && def != "" {
					return nil
				}
				return inner(s)
			}
		}
		return huh.NewInput().Key(q.Key).Title(title).Description(desc).Value(&v).Validate(validate)
	case askMulti:
		v := slices.Clone(q.Defaults)
		res.Multi[q.Key] = &v
		opts := make([]huh.Option[string], len(q.Options))
		for i, o := range q.Options {
			opts[i] = huh.NewOption(o.Label, o.Value)
		}
		m := huh.NewMultiSelect[string]().Key(q.Key).Title(title).Description(desc).Options(opts...).Value(&v).Filterable(false)
		if q.ValidateMulti != nil {
			m = m.Validate(q.ValidateMulti)
		}
		return m
	default:
		v := q.Default
		res.Values[q.Key] = &v
		opts := make([]huh.Option[string], len(q.Options))
		def := 0
		for i, o := range q.Options {
			opts[i] = huh.NewOption(o.Label, o.Value)
			if o.Value == q.Default {
				def = i
			}
		}
		if style.Accessible {
			// Accessible selects print the title and the numbered
			// options only: say which one Enter keeps, and why.
			// (One line: huh pads every line of a title to the longest.)
			title = q.Title
			if q.Source != "" {
				title += " (" + q.Source + ")"
			}
			if len(q.Options) > 0 {
				title += fmt.Sprintf(" [Enter keeps %d: %s]", def+1, q.Options[def].Value)
			}
		}
		return huh.NewSelect[string]().Key(q.Key).Title(title).Description(desc).Options(opts...).Value(&v)
	}
}

// accessibleTitle is an input's prompt in accessible mode, where the
// pre-filled value is not shown otherwise.
func accessibleTitle(title, source, def string) string {
	switch {
	case def != "" && source != "":
		return fmt.Sprintf("%s [%s; Enter keeps it]:", title, source)
	case def != "":
		return fmt.Sprintf("%s [%s; Enter keeps it]:", title, def)
	case source != "":
		return fmt.Sprintf("%s [%s]:", title, source)
	}
	return title + " [none; Enter keeps it]:"
}

// formTheme is huh's Charm theme, or a plain one for NO_COLOR and for
// accessible mode (a screen reader has no use for colour, and a pipe
// should get plain text).
func formTheme(style Style) *huh.Theme {
	if !style.NoColor && !style.Accessible {
		return huh.ThemeCharm()
	}
	t := huh.ThemeBase()
	plain := lipgloss.NewStyle()
	button := plain.Padding(0, 2).MarginRight(1)
	for _, fs := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
		fs.FocusedButton = button.Reverse(true)
		fs.BlurredButton = button
		fs.TextInput.Placeholder = plain
	}
	t.Help.Ellipsis = plain
	t.Help.ShortKey = plain
	t.Help.ShortDesc = plain
	t.Help.ShortSeparator = plain
	t.Help.FullKey = plain
	t.Help.FullDesc = plain
	t.Help.FullSeparator = plain
	return t
}

// --- the questions -------------------------------------------------------

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

func sourceOf(f *detect.Facts, key string) string {
	if src := f.Sources[key]; src != "" {
		return src
	}
	return "default"
}

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

// Values of the native question.
const (
	nativeYes       = "yes"
	nativeNo        = "no"
	toolchainOption = "\x00toolchain" // the multi-select's toolchain entry
)

// nativeQuestion lists the native modules found and whether a compiler
// toolchain is needed. In a terminal it is a multi-select of the modules
// plus "needs a compiler toolchain"; the toolchain builds every module, so
// the valid answers are all of them (--native) or none (--no-native). In
// accessible mode, where huh's multi-select cannot be confirmed with an
// empty line, it is the equivalent two-way select.
func nativeQuestion(s formState) question {
	a, f := s.Answers, s.Facts
	deps := slices.Clone(f.NativeDeps)
	for _, d := range a.NativeDeps {
		if !slices.Contains(deps, d) {
			deps = append(deps, d)
		}
	}
	toolchain := "needs " + row(a.Language).Toolchain
	title := row(a.Language).NativeTitle
	src := "none detected"
	if len(deps) > 0 {
		src = strings.Join(deps, ", ") + " ← " + s.detectedSource("nativeDeps")
	} else if a.Native {
		switch {
		case f.CGO:
			src = "cgo ← " + s.detectedSource("cgo")
		case s.Recorded:
			src = "a toolchain ← " + project.RecordFile
		default:
			src = "a toolchain"
		}
	}
	q := question{Key: qNative, Title: title, Source: src}
	if !s.Style.Accessible {
		q.Kind = askMulti
		for _, d := range deps {
			q.Options = append(q.Options, option{d, d})
			if a.Native && slices.Contains(a.NativeDeps, d) {
				q.Defaults = append(q.Defaults, d)
			}
		}
		q.Options = append(q.Options, option{toolchain, toolchainOption})
		if a.Native {
			q.Defaults = append(q.Defaults, toolchainOption)
		}
		q.Help = "x or space toggles; clear them all to build without a toolchain"
		q.ValidateMulti = func(sel []string) error { _, err := nativeAnswer(sel, deps); return err }
		return q
	}
	q.Default = nativeNo
	if a.Native {
		q.Default = nativeYes
	}
	if len(deps) > 0 {
		q.Options = []option{
			{"build them: a compiler toolchain in the build stage", nativeYes},
			{"none: no toolchain, no native modules", nativeNo},
		}
	} else {
		q.Options = []option{{"no compiler toolchain", nativeNo}, {toolchain, nativeYes}}
	}
	return q
}

// nativeAnswer turns the multi-select's selection into the native answer.
func nativeAnswer(sel, deps []string) (string, error) {
	n := 0
	for _, d := range deps {
		if slices.Contains(sel, d) {
			n++
		}
	}
	tool := slices.Contains(sel, toolchainOption)
	switch {
	case n > 0 && n < len(deps):
		return "", errors.New("the toolchain builds every native module: keep them all selected, or clear them all (--no-native)")
	case n > 0 && !tool:
		return "", errors.New("native modules need the compiler toolchain: keep it selected, or clear them all (--no-native)")
	case n > 0 || tool:
		return nativeYes, nil
	}
	return nativeNo, nil
}

// commandQuestions: native modules, start, build and port, each
// validated like its flag.
func commandQuestions(s formState) []question {
	a, f, flags := s.Answers, s.Facts, s.Flags
	var qs []question
	if flags.Native == nil {
		qs = append(qs, nativeQuestion(s))
	}
	cur := *a
	if flags.Start == "" {
		start := shellwords.Join(a.Start)
		def, src := start, s.source("start", start, shellwords.Join(f.Start))
		if s.MustStart || len(a.Start) == 0 {
			def, src = "", "not found: the command that starts the app"
		}
		qs = append(qs, question{
			Key: qStart, Kind: askInput, Title: "Start command (the container's CMD, exec form)",
			Default: def, Source: src,
			Validate: func(v string) error {
				if strings.TrimSpace(v) == "" {
					return errors.New("the container needs a command to start")
				}
				return project.CheckAnswer(&cur, project.Inputs{Start: v})
			},
		})
	}
	if flags.Build == nil {
		qs = append(qs, question{
			Key: qBuild, Kind: askInput, Title: "Build command (one line for the build stage's shell)",
			Default: a.BuildCommand, Source: s.source("buildCommand", a.BuildCommand, f.BuildCommand),
			Validate: func(v string) error {
				return project.CheckAnswer(&cur, project.Inputs{Build: &v})
			},
		})
	}
	if flags.Port == 0 {
		port := ""
		if a.Port != 0 {
			port = strconv.Itoa(a.Port)
		}
		detected := ""
		if f.Port != 0 {
			detected = strconv.Itoa(f.Port)
		}
		qs = append(qs, question{
			Key: qPort, Kind: askInput, Title: "Port (EXPOSE)",
			Default: port, Source: s.source("port", port, detected),
			Validate: func(v string) error {
				v = strings.TrimSpace(v)
				if v == "" {
					return nil
				}
				n, err := strconv.Atoi(v)
				if err != nil {
					return fmt.Errorf("%q is not a number", v)
				}
				if err := generate.CheckPort(n); err != nil {
					return err
				}
				return project.CheckAnswer(&cur, project.Inputs{Port: n})
			},
		})
	}
	return qs
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
