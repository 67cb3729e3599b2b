package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/shellwords"
)

// formMode says whether init shows its form (SPEC §3): never with --yes;
// in huh's accessible mode when ACCESSIBLE is set, line by line and also
// from a pipe; otherwise when stdin and stdout are both terminals.
func (o *InitOptions) formMode() (bool, formStyle) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	style := formStyle{NoColor: getenv("NO_COLOR") != ""}
	switch {
	case o.Yes:
		return false, style
	case envOn(getenv("ACCESSIBLE")):
		style.Accessible = true
		return true, style
	case o.IO.StdinTTY && o.IO.StdoutTTY:
		// A dumb terminal cannot draw the full form: huh would switch to
		// accessible mode on its own, so say so here and feed it lines.
		style.Accessible = getenv("TERM") == "dumb"
		return true, style
	}
	return false, style
}

func envOn(v string) bool {
	v = strings.TrimSpace(strings.ToLower(v))
	return v != "" && v != "0" && v != "false" && v != "no"
}

// initSession is one interactive run of init. The form never writes
// answers of its own: it fills in the same options the flags fill in
// (the cli/cli pattern), and every resolution goes through
// resolveAnswers, the flag path's code, so a form run writes exactly
// what the equivalent flags would.
type initSession struct {
	opts  *InitOptions // the flags as given: a question whose flag was given is not asked
	cur   InitOptions  // the flags plus the answers given in the form
	style formStyle
	in    io.Reader
	lines *lineReader // accessible mode's input
	out   io.Writer   // where the form draws

	recorded  bool // .dockslim.yaml exists
	mustMain  []string
	mustPM    []string
	mustStart bool
	intro     bool // the intro was shown
}

// startPlaceholder stands in for a start command nothing detected while
// the other answers are resolved; the form always asks for the real one.
const startPlaceholder = "./start"

func initInteractive(ctx context.Context, opts *InitOptions, style formStyle) error {
	s := &initSession{opts: opts, cur: *opts, style: style, in: opts.IO.In, out: opts.IO.Out}
	if s.in == nil {
		s.in = strings.NewReader("")
	}
	if style.Accessible {
		s.lines = newLineReader(ctx, s.in)
		defer s.lines.Close()
		s.in = s.lines
	}
	if _, err := os.Stat(filepath.Join(opts.Dir, generate.ConfigFile)); err == nil {
		s.recorded = true
	}

	if err := s.askLanguage(ctx); err != nil {
		return err
	}
	a, f, err := s.resolve(ctx)
	if err != nil {
		return err
	}
	// Warnings of the first resolution (changes since .dockslim.yaml,
	// conflicting lockfiles…); later resolutions stay quiet.
	for _, w := range f.Warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}
	quiet := *opts.IO
	quiet.ErrOut = io.Discard
	s.cur.IO = &quiet

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
			if opts.TemplatePack == nil {
				return nil
			}
			return packVarQuestions(opts.TemplatePack.Vars(), st.Answers.Vars, s.cur.Sets)
		}},
	}
	for _, p := range pages {
		st := s.state(a, f)
		if df, err := detect.Detect(ctx, opts.Dir, detect.Options{Language: a.Language}); err == nil {
			st.Detected = df
		}
		qs := p.questions(st)
		if len(qs) == 0 {
			continue
		}
		res, err := s.run(ctx, s.spec(p.heading, a, qs))
		if err != nil {
			return err
		}
		s.recap(p.heading, res, qs)
		if err := s.take(res, qs, a); err != nil {
			return err
		}
		s.cur.Sets = takeVars(res, qs, a.Vars, s.cur.Sets)
		if a, f, err = s.resolve(ctx); err != nil {
			return err
		}
	}
	if s.lines != nil && s.lines.Starved() {
		fmt.Fprintln(opts.IO.ErrOut, "warning: the input ended before the last question; the questions after it kept their pre-filled answers")
	}
	return s.finish(ctx, a, f)
}

func (s *initSession) state(a *generate.Answers, f *detect.Facts) formState {
	return formState{
		Flags: s.opts, Answers: a, Facts: f, Recorded: s.recorded,
		MustMain: s.mustMain, MustPM: s.mustPM, MustStart: s.mustStart, Style: s.style,
	}
}

// spec puts a page's questions under its heading; the first page shown
// also says what the form is and how to leave it.
func (s *initSession) spec(heading string, a *generate.Answers, qs []question) formSpec {
	spec := formSpec{Heading: heading, Qs: qs}
	if !s.intro {
		s.intro = true
		spec.Heading = "dockslim init in " + s.opts.Dir
		if a != nil {
			spec.Heading = fmt.Sprintf("dockslim init: a %s project in %s", a.Language, s.opts.Dir)
		}
		spec.Intro = "Answers are pre-filled (← where each came from): Enter keeps one, Ctrl-C stops\nwithout writing anything.\n\n" + heading
	}
	return spec
}

// run shows one form and waits for it. Ctrl-C (huh.ErrUserAborted in a
// terminal, a cancelled context in accessible mode) is context.Canceled:
// exit 130, nothing written.
func (s *initSession) run(ctx context.Context, spec formSpec) (*formResult, error) {
	form, res := newForm(s.style, spec)
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
func (s *initSession) recap(heading string, res *formResult, qs []question) {
	if s.style.Accessible {
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
func (s *initSession) askLanguage(ctx context.Context) error {
	if s.opts.Lang != "" {
		return nil
	}
	f, err := detect.Detect(ctx, s.opts.Dir, detect.Options{})
	if err != nil || len(f.Details.Candidates) < 2 {
		return nil // resolve reports errors with the flag path's words
	}
	def := f.Language
	quiet := *s.opts
	quietIO := *s.opts.IO
	quietIO.ErrOut = io.Discard
	quiet.IO = &quietIO
	if prev := previousAnswers(&quiet); prev != nil && slices.Contains(f.Details.Candidates, prev.Language) {
		def = prev.Language
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

// resolve runs the flag path's resolution over the current options. An
// ambiguity the form can settle (several Go main packages, lockfiles of
// several package managers) or a start command nothing found becomes a
// question that must be asked; resolution goes on with a provisional
// value that the answer replaces.
func (s *initSession) resolve(ctx context.Context) (*generate.Answers, *detect.Facts, error) {
	for {
		a, f, err := resolveAnswers(ctx, &s.cur)
		var amb *generate.AmbiguousError
		var miss *generate.MissingError
		switch {
		case err == nil:
			return a, f, nil
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
			return nil, nil, err
		}
	}
}

// take copies a page's answers into the options, as the flags they stand
// for. Only answers that differ from what is pre-filled become flags (and
// the settled ambiguities), so recorded answers keep steering a re-run
// exactly as they do without the form. Values are validated again by the
// resolution that follows: accessible mode can hand back an invalid line
// when the input ends right after it.
func (s *initSession) take(res *formResult, qs []question, a *generate.Answers) error {
	// A new package manager or main package re-runs detection from
	// scratch, as the flag does, so a version recorded in .dockslim.yaml
	// and kept on the same page would be lost: it is kept as a flag.
	rederive := false
	for _, q := range qs {
		v := strings.TrimSpace(res.value(q.Key))
		rederive = rederive || q.Key == qPM && v != a.PackageManager || q.Key == qMain && v != a.Main
	}
	for _, q := range qs {
		v := strings.TrimSpace(res.value(q.Key))
		switch q.Key {
		case qVersion:
			if v == "" {
				v = a.LanguageVersion
			}
			if strings.TrimPrefix(v, "v") != a.LanguageVersion || rederive && s.recorded {
				s.cur.LangVersion = v
			}
		case qPM:
			if v != "" && v != a.PackageManager {
				s.cur.PM = v
			}
		case qMain:
			if v != "" && v != a.Main {
				s.cur.Main = v
			}
		case qNative:
			if q.Kind == askMulti {
				var deps []string
				for _, o := range q.Options {
					if o.Value != toolchainOption {
						deps = append(deps, o.Value)
					}
				}
				var err error
				if v, err = nativeAnswer(*res.Multi[q.Key], deps); err != nil {
					return &generate.InputError{Flag: "--native", Err: err}
				}
			}
			switch {
			case v == nativeYes && !a.Native:
				s.cur.Native, s.cur.NoNative = true, false
			case v == nativeNo && a.Native:
				s.cur.Native, s.cur.NoNative = false, true
			}
		case qStart:
			if v == "" {
				if s.mustStart {
					return &generate.MissingError{What: "could not find how to start the app", Flag: "--start"}
				}
				continue
			}
			argv, err := shellwords.Split(v)
			if err != nil || s.mustStart || !slices.Equal(argv, a.Start) {
				s.cur.Start = v // an invalid value is reported by resolve, naming --start
				s.mustStart = false
			}
		case qBuild:
			if v != a.BuildCommand {
				s.cur.Build, s.cur.BuildSet = v, true
			}
		case qPort:
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 65535 {
				return &generate.InputError{Flag: "--port", Err: fmt.Errorf("%q is not a TCP port (1-65535)", v)}
			}
			if n != a.Port {
				s.cur.Port = n
			}
		case qFlavour:
			if v != "" && v != a.Flavour {
				s.cur.Flavour = v
			}
		}
	}
	return nil
}

// finish renders, shows the summary, asks about each existing file that
// differs and writes what was chosen.
func (s *initSession) finish(ctx context.Context, a *generate.Answers, f *detect.Facts) error {
	errOut := s.opts.IO.ErrOut
	files, err := renderAll(ctx, s.opts.TemplatePack, s.opts.Version, a)
	if err != nil {
		return err
	}
	plan, err := generate.Plan(s.opts.Dir, files)
	if err != nil {
		return err
	}
	printAnswers(errOut, a, f)
	fmt.Fprintf(errOut, "same answers as flags: %s\n", shellwords.Join(s.cur.flagArgs()))
	printFiles(errOut, plan, s.opts.Force)
	if s.opts.DryRun {
		return showPlan(s.opts.IO, plan)
	}
	choices := map[string]string{}
	for _, p := range plan {
		if p.Status != generate.Differs || p.Name == generate.ConfigFile {
			continue
		}
		if s.opts.Force {
			choices[p.Name] = fileOverwrite
			continue
		}
		fmt.Fprint(s.out, generate.UnifiedDiff(p.Name, p.Current, p.Data, true))
		q := fileQuestion(p.Name)
		res, err := s.run(ctx, formSpec{Qs: []question{q}})
		if err != nil {
			return err
		}
		s.recap("Files", res, []question{q})
		choices[p.Name] = res.value(q.Key)
	}
	return writeChosen(ctx, s.opts, plan, choices)
}

// printFiles is the summary of what will happen to each file.
func printFiles(w io.Writer, plan []generate.Planned, force bool) {
	fmt.Fprintln(w, "files:")
	for _, p := range plan {
		what := "new"
		switch {
		case p.Status == generate.Unchanged:
			what = "unchanged"
		case p.Status == generate.Differs && p.Name == generate.ConfigFile:
			what = "updated (dockslim's record)"
		case p.Status == generate.Differs && force:
			what = "exists and differs: replaced (--force)"
		case p.Status == generate.Differs:
			what = "exists and differs: keep, overwrite or write " + besideName(p.Name) + "?"
		}
		fmt.Fprintf(w, "  %-15s %s\n", p.Name, what)
	}
}

// writeChosen writes new files and the existing ones the person chose to
// overwrite (or to write beside), then .dockslim.yaml when at least one
// generated file was written or already matches. Keeping a file is
// success. Nothing is written after an interrupt.
func writeChosen(ctx context.Context, opts *InitOptions, plan []generate.Planned, choices map[string]string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var wrote, kept []string
	placed := false
	var config *generate.Planned
	for i, p := range plan {
		if p.Name == generate.ConfigFile {
			config = &plan[i]
			continue
		}
		name := p.Name
		switch {
		case p.Status == generate.Unchanged:
			placed = true
			continue
		case p.Status == generate.Differs && choices[p.Name] == fileBeside:
			name = besideName(p.Name)
		case p.Status == generate.Differs && choices[p.Name] != fileOverwrite:
			kept = append(kept, p.Name)
			continue
		}
		if err := generate.WriteFile(opts.Dir, name, p.Data, p.Mode); err != nil {
			return err
		}
		wrote = append(wrote, name)
		placed = true
	}
	if config != nil && placed && config.Status != generate.Unchanged {
		if err := generate.WriteFile(opts.Dir, config.Name, config.Data, config.Mode); err != nil {
			return err
		}
		wrote = append(wrote, config.Name)
	}
	for _, k := range kept {
		fmt.Fprintf(opts.IO.ErrOut, "kept your %s; dockslim's version was not written (see it with --dry-run)\n", k)
	}
	switch {
	case len(wrote) > 0:
		fmt.Fprintf(opts.IO.ErrOut, "wrote %s\n", strings.Join(wrote, ", "))
	case len(kept) > 0:
		fmt.Fprintln(opts.IO.ErrOut, "nothing written")
	default:
		fmt.Fprintln(opts.IO.ErrOut, "everything is up to date; nothing written")
	}
	return nil
}

// flagArgs are the flags that give the same answers without the form.
func (o *InitOptions) flagArgs() []string {
	args := []string{"dockslim", "init", "--yes"}
	add := func(flag, v string) {
		if v != "" {
			args = append(args, flag, v)
		}
	}
	add("--lang", o.Lang)
	add("--lang-version", o.LangVersion)
	add("--pm", o.PM)
	add("--main", o.Main)
	switch {
	case o.Native:
		args = append(args, "--native")
	case o.NoNative:
		args = append(args, "--no-native")
	}
	add("--flavour", o.Flavour)
	if o.Port != 0 {
		add("--port", strconv.Itoa(o.Port))
	}
	if o.BuildSet {
		args = append(args, "--build", o.Build)
	}
	add("--start", o.Start)
	add("--pack", o.Pack)
	for _, kv := range o.Sets {
		args = append(args, "--set", kv)
	}
	if o.Force {
		args = append(args, "--force")
	}
	if o.Dir != "." && o.Dir != "" {
		args = append(args, o.Dir)
	}
	return args
}
