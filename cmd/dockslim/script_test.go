package main

import (
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the script tests run this binary as the `dockslim`
// command, in-process, without building it first.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dockslim": func() { exitCode := run(); osExit(exitCode) },
	})
}

// TestScripts runs the CLI scenarios in testdata/script: flags, output,
// exit codes and messages, as a person or a CI job sees them.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// No terminal and no inherited accessibility settings.
			env.Setenv("ACCESSIBLE", "")
			env.Setenv("NO_COLOR", "1")
			// Template packs: a cache and a user config of the script's
			// own, and no pack or token from the machine running it.
			env.Setenv("XDG_CACHE_HOME", env.WorkDir+"/.cache")
			env.Setenv("XDG_CONFIG_HOME", env.WorkDir+"/.config")
			env.Setenv("DOCKSLIM_PACK", "")
			env.Setenv("DOCKSLIM_GIT_TOKEN", "")
			return nil
		},
		Cmds: gitCmds,
	})
}
