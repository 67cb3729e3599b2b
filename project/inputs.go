package project

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/detect/node"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/shellwords"
)

// Inputs are what a person said: the flags of `dockslim init`, the
// answers given in its form, or a golden case's answers.yaml all fill
// this one struct, and Resolve turns it into answers the same way for
// each. The zero value of a field means "not given".
type Inputs struct {
	// Lang, PM and Main steer detection itself (--lang, --pm, --main):
	// the facts derived from them (build command, lockfiles to copy…)
	// follow.
	Lang string
	PM   string
	Main string

	LangVersion string // --lang-version
	Flavour     string // --flavour
	// Native is --native (true) or --no-native (false); nil when neither.
	Native *bool
	Port   int // --port
	// Build is --build; nil when not given, so --build "" (no build
	// step) differs from not given.
	Build *string
	// Start is --start, split as a POSIX shell splits words.
	Start string
	// Sets are template-pack variables (--set KEY=VALUE).
	Sets map[string]string
	// Env are settings of the final stage (--env NAME=value), each
	// replacing a detected one of the same name.
	Env []string
	// BuildEnv are settings of the build stage only (--build-env
	// NAME=value): what a build reads that the image must not keep.
	BuildEnv []string
	// Static is --static DIR: a Node build's folder that nginx serves.
	Static string
	// Healthcheck is --healthcheck PATH: the path a HEALTHCHECK asks;
	// nil when not given, "" for none.
	Healthcheck *string
}

// Check validates what can be checked before the project is read: known
// names, ranges, and flags that only fit one language.
func (in Inputs) Check() error {
	flavours := detect.FlavourNames()
	l, known := detect.Lookup(in.Lang)
	switch {
	case in.Lang != "" && !known:
		return &generate.InputError{Flag: "--lang", Err: fmt.Errorf("%q is not %s", in.Lang, orList(detect.LanguageNames()))}
	case in.Flavour != "" && !slices.Contains(flavours, in.Flavour):
		return &generate.InputError{Flag: "--flavour", Err: fmt.Errorf("%q is not one of %s", in.Flavour, strings.Join(flavours, ", "))}
	case in.Static != "" && known && in.Lang != node.Name:
		return &generate.InputError{Flag: "--static", Err: fmt.Errorf("serves the folder a Node build writes, not a %s project's", l.Title)}
	case in.Main != "" && known && !l.MainPackages:
		return &generate.InputError{Flag: "--main", Err: fmt.Errorf("applies to projects with main packages (Go), not %s", l.Title)}
	}
	if in.Port != 0 {
		if err := generate.CheckPort(in.Port); err != nil {
			return &generate.InputError{Flag: "--port", Err: err}
		}
	}
	if in.Healthcheck != nil && *in.Healthcheck != "" {
		if err := generate.CheckHealthcheck(*in.Healthcheck); err != nil {
			return &generate.InputError{Flag: "--healthcheck", Err: err}
		}
	}
	for _, e := range in.Env {
		if err := generate.CheckEnv(e); err != nil {
			return &generate.InputError{Flag: "--env", Err: err}
		}
	}
	for _, e := range in.BuildEnv {
		if err := generate.CheckBuildEnv(e); err != nil {
			return &generate.InputError{Flag: "--build-env", Err: err}
		}
	}
	if in.PM != "" && in.Lang != "" {
		return generate.CheckPackageManager(in.Lang, in.PM)
	}
	return nil
}

// apply overrides a's values with the inputs that replace answers (not
// Lang, PM and Main, which steer detection), validating each as its flag
// is validated. The flavour comes last: what works depends on the native
// answer.
func (in Inputs) apply(a *generate.Answers) error {
	if in.LangVersion != "" {
		v, err := generate.CheckVersion(in.LangVersion)
		if err != nil {
			return &generate.InputError{Flag: "--lang-version", Err: err}
		}
		a.LanguageVersion = v
	}
	if in.Native != nil {
		a.Native = *in.Native
		if !*in.Native {
			a.NativeDeps = []string{}
		}
	}
	if in.Port != 0 {
		if err := generate.CheckPort(in.Port); err != nil {
			return &generate.InputError{Flag: "--port", Err: err}
		}
		if in.Start == "" {
			// A start command made from the port follows it.
			a.Start = detect.MovePort(a.Start, a.Port, in.Port)
		}
		a.Port = in.Port
	}
	if in.Build != nil {
		cmd := strings.TrimSpace(*in.Build)
		if err := shellwords.CheckBuild(cmd); err != nil {
			return &generate.InputError{Flag: "--build", Err: fmt.Errorf("%w; a build command is one line for the build stage's shell", err)}
		}
		a.BuildCommand = cmd
	}
	for _, e := range in.Env {
		if err := generate.CheckEnv(e); err != nil {
			return &generate.InputError{Flag: "--env", Err: err}
		}
		a.Env = generate.SetEnv(slices.Clone(a.Env), e)
	}
	for _, e := range in.BuildEnv {
		if err := generate.CheckBuildEnv(e); err != nil {
			return &generate.InputError{Flag: "--build-env", Err: err}
		}
		a.BuildEnv = generate.SetEnv(slices.Clone(a.BuildEnv), e)
	}
	if in.Static != "" {
		if err := generate.ServeStatic(a, in.Static); err != nil {
			return &generate.InputError{Flag: "--static", Err: err}
		}
	}
	if in.Port != 0 {
		if err := generate.CheckStaticPort(a, in.Port); err != nil {
			return &generate.InputError{Flag: "--port", Err: err}
		}
	}
	if in.Start != "" {
		argv, err := shellwords.Split(in.Start)
		if err != nil {
			return &generate.InputError{Flag: "--start", Err: fmt.Errorf("%w; the container's command is exec-form: put shell logic in a script file and start that", err)}
		}
		if env, _ := shellwords.LeadingAssignments(argv); len(env) > 0 {
			return &generate.InputError{Flag: "--start", Err: fmt.Errorf("%q starts with the variable assignment %s, which exec form cannot run; drop it or set it in a script", in.Start, env[0])}
		}
		a.Start = argv
	}
	if in.Healthcheck != nil {
		a.Healthcheck = *in.Healthcheck
	}
	if in.Healthcheck != nil || in.Port != 0 || in.Static != "" {
		// The path, and what it needs: a port, a runtime that can ask.
		if err := generate.CheckHealthcheckFor(a); err != nil {
			return &generate.InputError{Flag: "--healthcheck", Err: err}
		}
	}
	works := generate.AllowedFlavours(a)
	switch {
	case in.Flavour != "":
		if !slices.Contains(works, in.Flavour) {
			return &generate.InputError{Flag: "--flavour", Err: fmt.Errorf("%q does not work for this project (works: %s)%s", in.Flavour, strings.Join(works, ", "), generate.FlavourReason(a, in.Flavour))}
		}
		a.Flavour = in.Flavour
	case !slices.Contains(works, a.Flavour) && len(works) > 0:
		a.Flavour = works[0]
	}
	return nil
}

// CheckAnswer validates one answer the way its flag is validated, on a
// copy of a: the form calls it while a person types, so the error under
// a question is the error the flag would give. It returns the error
// without the flag's name.
func CheckAnswer(a *generate.Answers, in Inputs) error {
	c := *a
	err := in.apply(&c)
	var ie *generate.InputError
	if errors.As(err, &ie) {
		return ie.Err
	}
	return err
}

// Args are the inputs as `dockslim init` flags, in a fixed order (pack
// variables sorted by name): what the form prints as "same answers as
// flags".
func (in Inputs) Args() []string {
	var args []string
	add := func(flag, v string) {
		if v != "" {
			args = append(args, flag, v)
		}
	}
	add("--lang", in.Lang)
	add("--lang-version", in.LangVersion)
	add("--pm", in.PM)
	add("--main", in.Main)
	switch {
	case in.Native == nil:
	case *in.Native:
		args = append(args, "--native")
	default:
		args = append(args, "--no-native")
	}
	add("--flavour", in.Flavour)
	if in.Port != 0 {
		add("--port", strconv.Itoa(in.Port))
	}
	if in.Build != nil {
		args = append(args, "--build", *in.Build)
	}
	add("--start", in.Start)
	add("--static", in.Static)
	if in.Healthcheck != nil {
		args = append(args, "--healthcheck", *in.Healthcheck)
	}
	for _, e := range in.Env {
		args = append(args, "--env", e)
	}
	for _, e := range in.BuildEnv {
		args = append(args, "--build-env", e)
	}
	for _, k := range slices.Sorted(maps.Keys(in.Sets)) {
		args = append(args, "--set", k+"="+in.Sets[k])
	}
	return args
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
