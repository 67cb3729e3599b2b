package cmd

import "testing"

func TestFormMode(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	tty := &IOStreams{StdinTTY: true, StdoutTTY: true}
	pipe := &IOStreams{}
	for _, tc := range []struct {
		name       string
		opts       InitOptions
		show, acc  bool
		noColorToo bool
	}{
		{"terminal", InitOptions{IO: tty, Getenv: env()}, true, false, false},
		{"--yes in a terminal", InitOptions{IO: tty, Yes: true, Getenv: env()}, false, false, false},
		{"--yes with ACCESSIBLE", InitOptions{IO: pipe, Yes: true, Getenv: env("ACCESSIBLE", "1")}, false, false, false},
		{"pipe", InitOptions{IO: pipe, Getenv: env()}, false, false, false},
		{"stdout only", InitOptions{IO: &IOStreams{StdoutTTY: true}, Getenv: env()}, false, false, false},
		{"ACCESSIBLE from a pipe", InitOptions{IO: pipe, Getenv: env("ACCESSIBLE", "1")}, true, true, false},
		{"ACCESSIBLE=0", InitOptions{IO: pipe, Getenv: env("ACCESSIBLE", "0")}, false, false, false},
		{"dumb terminal", InitOptions{IO: tty, Getenv: env("TERM", "dumb")}, true, true, false},
		{"NO_COLOR", InitOptions{IO: tty, Getenv: env("NO_COLOR", "1")}, true, false, true},
	} {
		show, style := tc.opts.formMode()
		if show != tc.show || show && style.Accessible != tc.acc || style.NoColor != tc.noColorToo {
			t.Errorf("%s: show %v, style %+v", tc.name, show, style)
		}
	}
}
