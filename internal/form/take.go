package form

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/project"
)

// take copies a page's answers into the inputs, as the flags they stand
// for. Only answers that differ from what is pre-filled become inputs
// (and the settled ambiguities), so answers recorded in .dockslim.yaml
// keep steering a re-run exactly as they do without the form. Values are
// validated again by the resolution that follows: accessible mode can
// hand back an invalid line when the input ends right after it.
func (s *Session) take(res *formResult, qs []question, a *generate.Answers) error {
	for _, q := range qs {
		v := strings.TrimSpace(res.value(q.Key))
		switch q.Key {
		case qVersion:
			if v != "" && strings.TrimPrefix(v, "v") != a.LanguageVersion {
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
				s.cur.Native = ptr(true)
			case v == nativeNo && a.Native:
				s.cur.Native = ptr(false)
			}
		case qStart:
			if v == "" {
				if s.mustStart {
					return &project.MissingError{What: "could not find how to start the app", Flag: "--start"}
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
				s.cur.Build = ptr(v)
			}
		case qPort:
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err == nil {
				err = generate.CheckPort(n)
			} else {
				err = fmt.Errorf("%q is not a number", v)
			}
			if err != nil {
				return &generate.InputError{Flag: "--port", Err: err}
			}
			if n != a.Port {
				s.cur.Port = n
			}
		case qFlavour:
			if v != "" && v != a.Flavour {
				s.cur.Flavour = v
			}
		case qHealth:
			if v == healthNone {
				v = ""
			}
			if v != a.Healthcheck {
				s.cur.Healthcheck = ptr(v)
			}
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
