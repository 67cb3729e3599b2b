package cmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/pack"
	"github.com/dockslim/dockslim/project"
)

// InitOptions are the inputs of `dockslim init`.
type InitOptions struct {
	IO      *IOStreams
	Version string
	Dir     string

	Lang        string
	LangVersion string
	PM          string
	Flavour     string
	Native      bool
	NoNative    bool
	Main        string
	Port        int
	Build       string
	BuildSet    bool
	Start       string
	Env         []string
	BuildEnv    []string
	Static      string
	// Healthcheck is --healthcheck PATH; HealthcheckSet tells
	// --healthcheck "" (none) from not given.
	Healthcheck    string
	HealthcheckSet bool

	// Pack is --pack SOURCE[@REF]; Sets are --set KEY=VALUE (pack
	// variables).
	Pack string
	Sets []string

	// Apps are the workspace apps --app names (folders from Dir); All
	// is --all, every deployable one.
	Apps []string
	All  bool

	Yes    bool
	DryRun bool
	Force  bool

	// Getenv reads ACCESSIBLE, NO_COLOR and TERM for the form.
	Getenv func(string) string
}

// NewCmdInit builds `dockslim init`. runF replaces initRun in tests.
func NewCmdInit(f *Factory, runF func(context.Context, *InitOptions) error) *cobra.Command {
	opts := &InitOptions{IO: f.IO, Version: f.Version, Getenv: f.Getenv}
	c := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Write a multi-stage Dockerfile, .dockerignore and .dockslim.yaml for a project",
		Long: `Init detects the project in DIR (default: the current directory), applies the
flags given, renders a multi-stage Dockerfile and .dockerignore, validates them
with BuildKit's parser and writes them with .dockslim.yaml, which records the
answers so 'dockslim check' can render the same bytes again.

Every flag overrides what was detected. An existing file that differs is never
replaced silently: init stops with exit status 1 unless --force; --dry-run
shows the changes as a unified diff and writes nothing.

In a terminal, init first asks what the flags left open, each answer pre-filled
with what was detected, and for an existing file that differs shows the diff
and offers keep (the default), overwrite or writing it beside. ACCESSIBLE=1
asks line by line, also from a pipe; --yes never asks.`,
		Example: `  dockslim init --yes
  dockslim init --dry-run examples/node-express
  dockslim init --main ./cmd/api --flavour distroless
  dockslim init --yes --app apps/api      # a workspace app, built from the root
  dockslim init --yes --all               # every deployable app of the workspace
  dockslim init --start "node --enable-source-maps dist/main.js" --port 8080
  dockslim init --yes --healthcheck /healthz   # a HEALTHCHECK that needs no shell or curl`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = dirArg(args)
			opts.BuildSet = c.Flags().Changed("build")
			opts.HealthcheckSet = c.Flags().Changed("healthcheck")
			if err := opts.validateFlags(); err != nil {
				return err
			}
			if runF != nil {
				return runF(c.Context(), opts)
			}
			return initApps(c.Context(), opts)
		},
	}
	fl := c.Flags()
	fl.StringVar(&opts.Lang, "lang", "", "language: "+strings.Join(detect.LanguageNames(), ", "))
	fl.StringVar(&opts.LangVersion, "lang-version", "", "runtime version (22, 3.12, 1.24.3)")
	fl.StringVar(&opts.PM, "pm", "", "package manager: "+strings.Join(managerNames(), ", "))
	fl.StringVar(&opts.Flavour, "flavour", "", "base image flavour: "+strings.Join(detect.FlavourNames(), ", "))
	fl.StringVar(&opts.Flavour, "flavor", "", "alias of --flavour")
	fl.BoolVar(&opts.Native, "native", false, "build with a compiler toolchain (native addons, C extensions, cgo)")
	fl.BoolVar(&opts.NoNative, "no-native", false, "no native dependencies: drop the toolchain")
	fl.StringVar(&opts.Main, "main", "", "Go main package to build, e.g. ./cmd/api")
	fl.IntVar(&opts.Port, "port", 0, "port the app listens on (EXPOSE)")
	fl.StringVar(&opts.Build, "build", "", "build command, one line for the build stage's shell")
	fl.StringVar(&opts.Start, "start", "", "start command, split into an exec-form CMD (no shell operators)")
	fl.StringVar(&opts.Static, "static", "", "serve the folder the build writes with nginx (a static site), e.g. dist")
	fl.StringVar(&opts.Healthcheck, "healthcheck", "", `add a HEALTHCHECK that asks PATH on the app's port, e.g. /healthz (needs no shell or curl; "" removes one)`)
	fl.StringArrayVar(&opts.Env, "env", nil, "set NAME=value in the final stage's environment (repeatable)")
	fl.StringArrayVar(&opts.BuildEnv, "build-env", nil, "set NAME=value in the build stage only, never the image (repeatable; no secret names)")
	fl.StringArrayVar(&opts.Apps, "app", nil, "a workspace app to write files for, a folder of DIR (repeatable)")
	fl.BoolVar(&opts.All, "all", false, "write files for every deployable app of the workspace in DIR")
	fl.BoolVarP(&opts.Yes, "yes", "y", false, "accept detected values, never prompt")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "print the changes as a unified diff; write nothing")
	fl.BoolVar(&opts.Force, "force", false, "replace existing files that differ")
	fl.StringVar(&opts.Pack, "pack", "", "template pack: a directory, or a git repository (https://, git@host:path, file://) with an optional @REF")
	fl.StringArrayVar(&opts.Sets, "set", nil, "set a template-pack variable, KEY=VALUE (repeatable)")
	return c
}

// validateFlags checks what can be checked before reading the project.
func (o *InitOptions) validateFlags() error {
	if o.Native && o.NoNative {
		return usageError{errors.New("--native and --no-native contradict each other")}
	}
	if len(o.Apps) > 0 && o.All {
		return usageError{errors.New("--app and --all contradict each other: name the apps, or take them all")}
	}
	if len(o.Apps) > 1 || o.All {
		// One value cannot fit several apps.
		for flag, set := range map[string]bool{"--start": o.Start != "", "--port": o.Port != 0, "--build": o.BuildSet, "--main": o.Main != "", "--static": o.Static != ""} {
			if set {
				return usageError{fmt.Errorf("%s applies to one app; with several (--all, --app twice) init each with its own", flag)}
			}
		}
	}
	in, err := o.inputs()
	if err != nil {
		return err
	}
	return in.Check()
}

// inputs are the flags as the pipeline's Inputs.
func (o *InitOptions) inputs() (project.Inputs, error) {
	sets, err := pack.ParseSets(o.Sets)
	if err != nil {
		return project.Inputs{}, err
	}
	in := project.Inputs{
		Lang: o.Lang, PM: o.PM, Main: o.Main,
		LangVersion: o.LangVersion,
		Flavour:     o.Flavour,
		Port:        o.Port,
		Start:       o.Start,
		Static:      o.Static,
		Env:         o.Env,
		BuildEnv:    o.BuildEnv,
		Sets:        sets,
	}
	switch {
	case o.Native:
		in.Native = ptr(true)
	case o.NoNative:
		in.Native = ptr(false)
	}
	if o.BuildSet {
		in.Build = ptr(o.Build)
	}
	if o.HealthcheckSet {
		in.Healthcheck = ptr(o.Healthcheck)
	}
	return in, nil
}

// managerNames lists every language's package managers.
func managerNames() []string {
	var out []string
	for _, l := range detect.Languages() {
		out = append(out, l.ManagerNames()...)
	}
	return out
}

func ptr[T any](v T) *T { return &v }
