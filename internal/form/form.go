package form

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
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
	qHealth   = "healthcheck"
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
