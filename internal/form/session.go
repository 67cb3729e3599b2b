package form

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/pack"
	"github.com/dockslim/dockslim/project"
)

// Config is what a form session needs.
type Config struct {
	Project *project.Project
	Pack    *pack.Pack
	// Flags are the inputs as given on the command line: a question whose
	// flag was given is not asked.
	Flags project.Inputs
	Style Style
	// In is where answers come from; Out is where the form draws (a
	// terminal, or plain lines in accessible mode); ErrOut hears warnings.
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// Session is one interactive run of init's form. The form never makes
// answers of its own: it fills in the Inputs the flags fill in, and
// every page resolves them with project.Resolve — the resolution behind
// --yes — so a form run writes exactly what the equivalent flags would.
// Detection is memoised by the project: pages that change nothing that
// steers it (the package manager, the main package) do not detect again.
type Session struct {
	cfg   Config
	cur   project.Inputs // the flags plus the answers given so far
	in    io.Reader
	lines *lineReader // accessible mode's input
	out   io.Writer

	mustMain  []string
	mustPM    []string
	mustStart bool
	intro     bool // the intro was shown
}

// startPlaceholder stands in for a start command nothing detected while
// the other answers are resolved; the form always asks for the real one.
const startPlaceholder = "./start"

// New starts a session; Close ends it.
func New(ctx context.Context, cfg Config) *Session {
	s := &Session{cfg: cfg, cur: cloneInputs(cfg.Flags), in: cfg.In, out: cfg.Out}
	if s.in == nil {
		s.in = strings.NewReader("")
	}
	if cfg.ErrOut == nil {
		s.cfg.ErrOut = io.Discard
	}
	if cfg.Style.Accessible {
		s.lines = newLineReader(ctx, s.in)
		s.in = s.lines
	}
	return s
}

// Close stops reading the input.
func (s *Session) Close() {
	if s.lines != nil {
		s.lines.Close()
	}
}

func cloneInputs(in project.Inputs) project.Inputs {
	in.Sets = maps.Clone(in.Sets)
	return in
}

// Ask asks, page by page, what the flags left open, each answer
// pre-filled with what the flags, the record and detection give, and
// returns the inputs the answers stand for with their resolution.
func (s *Session) Ask(ctx context.Context) (project.Inputs, *project.Resolution, error) {
	if err := s.askLanguage(ctx); err != nil {
		return s.cur, nil, err
	}
	res, err := s.resolve(ctx)
	if err != nil {
		return s.cur, nil, err
	}
	// Warnings of the first resolution (changes since .dockslim.yaml,
	// conflicting lockfiles…); later resolutions would only repeat them.
	for _, w := range res.Warnings {
		fmt.Fprintf(s.cfg.ErrOut, "warning: %s\n", w)
	}
	// Each page can change what the next one shows: the package manager
	// and the Go main package change the build command, native modules
	// and the start command change which flavours work.
	pages := []struct {
		heading   string
		questions func(formState) []question
	}{
		{"Runtime", runtimeQuestions},
		{"Build and run", commandQuestions},
		{"Base image", func(st formState) []question {
			if q := flavourQuestion(st); q != nil {
				return []question{*q}
			}
			return nil
		}},
		{"Template pack", func(st formState) []question {
			if s.cfg.Pack == nil {
				return nil
			}
			return packVarQuestions(s.cfg.Pack.Vars(), st.Answers.Vars, s.cur.Sets)
		}},
	}
	for _, p := range pages {
		st := s.state(res)
		if df, err := s.cfg.Project.Detect(ctx, detect.Options{Language: res.Answers.Language}); err == nil {
			st.Detected = df
		}
		qs := p.questions(st)
		if len(qs) == 0 {
			continue
		}
		fr, err := s.run(ctx, s.spec(p.heading, res.Answers, qs))
		if err != nil {
			return s.cur, nil, err
		}
		s.recap(p.heading, fr, qs)
		if err := s.take(fr, qs, res.Answers); err != nil {
			return s.cur, nil, err
		}
		s.cur.Sets = takeVars(fr, qs, res.Answers.Vars, s.cur.Sets)
		if res, err = s.resolve(ctx); err != nil {
			return s.cur, nil, err
		}
	}
	if s.lines != nil && s.lines.Starved() {
		fmt.Fprintln(s.cfg.ErrOut, "warning: the input ended before the last question; the questions after it kept their pre-filled answers")
	}
	return s.cur, res, nil
}

func (s *Session) state(res *project.Resolution) formState {
	return formState{
		Flags: s.cfg.Flags, Answers: res.Answers, Facts: res.Facts, Recorded: res.Recorded,
		MustMain: s.mustMain, MustPM: s.mustPM, MustStart: s.mustStart, Style: s.cfg.Style,
	}
}

// spec puts a page's questions under its heading; the first page shown
// also says what the form is and how to leave it.
func (s *Session) spec(heading string, a *generate.Answers, qs []question) formSpec {
	spec := formSpec{Heading: heading, Qs: qs}
	if !s.intro {
		s.intro = true
		dir := s.cfg.Project.Dir
		spec.Heading = "dockslim init in " + dir
		if a != nil {
			spec.Heading = fmt.Sprintf("dockslim init: a %s project in %s", a.Language, dir)
		}
		spec.Intro = "Answers are pre-filled (← where each came from): Enter keeps one, Ctrl-C stops\nwithout writing anything.\n\n" + heading
	}
	return spec
}

// run shows one form and waits for it. Ctrl-C (huh.ErrUserAborted in a
// terminal, a cancelled context in accessible mode) is context.Canceled:
// exit 130, nothing written.
func (s *Session) run(ctx context.Context, spec formSpec) (*formResult, error) {
	form, res := newForm(s.cfg.Style, spec)
	err := form.WithInput(s.in).WithOutput(s.out).RunWithContext(ctx)
	switch {
	case ctx.Err() != nil, errors.Is(err, huh.ErrUserAborted):
		return nil, context.Canceled
	case err != nil:
		return nil, err
	}
	if s.lines != nil {
		// huh swallows read errors and takes the default: look for them.
		switch err := s.lines.Err(); {
		case err == nil, err == io.EOF:
		case interrupted(err):
			return nil, context.Canceled
		default:
			return nil, fmt.Errorf("cannot read the answers: %w", err)
		}
	}
	return res, nil
}

// recap leaves a page's answers on the terminal, one line per page: the
// full form clears itself when it is done (accessible mode already shows
// them).
func (s *Session) recap(heading string, res *formResult, qs []question) {
	if s.cfg.Style.Accessible {
		return
	}
	var parts []string
	for _, q := range qs {
		label := recapLabel(q)
		if strings.EqualFold(label, heading) {
			parts = append(parts, answerText(res, q))
			continue
		}
		parts = append(parts, label+" "+answerText(res, q))
	}
	fmt.Fprintf(s.out, "  %s: %s\n", heading, strings.Join(parts, " · "))
}

func recapLabel(q question) string {
	switch q.Key {
	case qLang:
		return "language"
	case qVersion:
		return "version"
	case qPM:
		return "package manager"
	case qMain:
		return "main package"
	case qNative:
		return strings.ToLower(q.Title)
	}
	if name, ok := strings.CutPrefix(q.Key, qFileKeep+":"); ok {
		return name
	}
	return q.Key
}

// answerText is how an answer reads in the recap.
func answerText(res *formResult, q question) string {
	if q.Kind == askMulti {
		var out []string
		for _, v := range *res.Multi[q.Key] {
			if v == toolchainOption {
				v = "compiler toolchain"
			}
			out = append(out, v)
		}
		if len(out) == 0 {
			return "none"
		}
		return strings.Join(out, ", ")
	}
	v := strings.TrimSpace(res.value(q.Key))
	if v == "" {
		return "(none)"
	}
	return v
}

// askLanguage asks which project to build when the repository holds
// several and no --lang was given.
func (s *Session) askLanguage(ctx context.Context) error {
	if s.cfg.Flags.Lang != "" {
		return nil
	}
	f, err := s.cfg.Project.Detect(ctx, detect.Options{})
	if err != nil || len(f.Details.Candidates) < 2 {
		return nil // resolve reports errors with the flag path's words
	}
	def := f.Language
	if rec, _ := s.cfg.Project.Record(); rec != nil && slices.Contains(f.Details.Candidates, rec.Answers.Language) {
		def = rec.Answers.Language
	}
	q := languageQuestion(f.Details.Candidates, def, map[string]string{f.Language: f.Sources["language"]})
	res, err := s.run(ctx, s.spec("Language", nil, []question{q}))
	if err != nil {
		return err
	}
	s.recap("Language", res, []question{q})
	// A settled ambiguity, like --lang: detection no longer warns about
	// the other project (and a recorded answer for the same language
	// still applies).
	if v := res.value(qLang); v != "" {
		s.cur.Lang = v
	}
	return nil
}

// resolve resolves the current inputs as --yes would. An ambiguity the
// form can settle (several Go main packages, lockfiles of several
// package managers) or a start command nothing found becomes a question
// that must be asked; resolution goes on with a provisional value that
// the answer replaces.
func (s *Session) resolve(ctx context.Context) (*project.Resolution, error) {
	for {
		res, err := s.cfg.Project.Resolve(ctx, s.cur, s.cfg.Pack)
		var amb *project.AmbiguousError
		var miss *project.MissingError
		switch {
		case err == nil:
			return res, nil
		case errors.As(err, &amb) && amb.Flag == "--main" && s.cur.Main == "" && len(amb.Candidates) > 0:
			s.mustMain = slices.Clone(amb.Candidates)
			s.cur.Main = amb.Candidates[0]
		case errors.As(err, &amb) && amb.Flag == "--pm" && s.cur.PM == "" && len(amb.Candidates) > 0:
			s.mustPM = slices.Clone(amb.Candidates)
			s.cur.PM = amb.Candidates[0]
		case errors.As(err, &miss) && miss.Flag == "--start" && s.cur.Start == "":
			s.mustStart = true
			s.cur.Start = startPlaceholder
		default:
			return nil, err
		}
	}
}

// Files asks, for each existing file that differs from what dockslim
// renders, whether to keep it (the default), overwrite it or write
// dockslim's version beside it, after showing the diff. With force,
// nothing is asked: every such file is overwritten.
func (s *Session) Files(ctx context.Context, plan []generate.Planned, force bool) (func(string) project.Choice, error) {
	choices := map[string]project.Choice{}
	for _, p := range plan {
		if p.Status != generate.Differs || p.Name == project.RecordFile {
			continue
		}
		if force {
			choices[p.Name] = project.Overwrite
			continue
		}
		fmt.Fprint(s.out, generate.UnifiedDiff(p.Name, p.Current, p.Data, true))
		q := fileQuestion(p.Name)
		res, err := s.run(ctx, formSpec{Qs: []question{q}})
		if err != nil {
			return nil, err
		}
		s.recap("Files", res, []question{q})
		choices[p.Name] = fileChoices[res.value(q.Key)]
	}
	return func(name string) project.Choice { return choices[name] }, nil
}
