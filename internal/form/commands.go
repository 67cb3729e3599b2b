package form

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/project"
)

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
	if q, ok := healthQuestion(s); ok {
		qs = append(qs, q)
	}
	return qs
}

// healthNone is the health question's "no HEALTHCHECK" value.
const healthNone = "none" // no route is named so: routes start with /

// healthQuestion offers a HEALTHCHECK when the code serves a health
// route (or one is recorded), off by default: a probe that fails marks a
// working container unhealthy, so a person chooses it. Not asked when
// --healthcheck was given, nor for a project no probe fits (a static
// site, no port).
func healthQuestion(s formState) (question, bool) {
	a, f := s.Answers, s.Facts
	routes := slices.Clone(f.Details.HealthRoutes)
	if a.Healthcheck != "" && !slices.Contains(routes, a.Healthcheck) {
		routes = append([]string{a.Healthcheck}, routes...)
	}
	if s.Flags.Healthcheck != nil || len(routes) == 0 {
		return question{}, false
	}
	probe := *a
	probe.Healthcheck = routes[0]
	if generate.CheckHealthcheckFor(&probe) != nil {
		return question{}, false
	}
	src := "found " + strings.Join(routes, ", ")
	if f.Details.HealthSource != "" {
		src += " ← " + f.Details.HealthSource
	}
	q := question{Key: qHealth, Kind: askSelect, Title: "Health check (HEALTHCHECK, no shell or curl needed)",
		Source: src, Default: healthNone, Options: []option{{"none", healthNone}}}
	if a.Healthcheck != "" {
		q.Default = a.Healthcheck
	}
	for _, r := range routes {
		q.Options = append(q.Options, option{"GET " + r + " on the app's port", r})
	}
	return q, true
}
