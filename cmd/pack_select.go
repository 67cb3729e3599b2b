package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/pack"
)

// packOptions are what opening a pack needs from the environment: the
// cache under $XDG_CACHE_HOME, DOCKSLIM_GIT_TOKEN (never printed or
// written), the running version, and stderr for warnings.
func packOptions(io *IOStreams, getenv func(string) string, version, projectDir string) (pack.Options, error) {
	cache, err := xdgDir(getenv, "XDG_CACHE_HOME", os.UserCacheDir)
	if err != nil {
		return pack.Options{}, fmt.Errorf("no cache directory for template packs: %w (set XDG_CACHE_HOME)", err)
	}
	return pack.Options{
		CacheDir:   filepath.Join(cache, "dockslim", "packs"),
		Token:      getenvOr(getenv, "DOCKSLIM_GIT_TOKEN"),
		Version:    version,
		Warn:       func(msg string) { fmt.Fprintf(io.ErrOut, "warning: %s\n", msg) },
		ProjectDir: projectDir,
	}, nil
}

// userConfigPath is $XDG_CONFIG_HOME/dockslim/config.yaml.
func userConfigPath(getenv func(string) string) (string, error) {
	dir, err := xdgDir(getenv, "XDG_CONFIG_HOME", os.UserConfigDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "dockslim", "config.yaml"), nil
}

// xdgDir is $key when it is an absolute path (the XDG rule), else the
// platform's default.
func xdgDir(getenv func(string) string, key string, fallback func() (string, error)) (string, error) {
	if v := getenvOr(getenv, key); filepath.IsAbs(v) {
		return v, nil
	}
	return fallback()
}

func getenvOr(getenv func(string) string, key string) string {
	if getenv == nil {
		return os.Getenv(key)
	}
	return getenv(key)
}

// openInitPack opens the pack init renders with (pack.Choose's
// precedence) and parses --set.
func openInitPack(ctx context.Context, opts *InitOptions) (*pack.Pack, error) {
	popts, err := packOptions(opts.IO, opts.Getenv, opts.Version, opts.Dir)
	if err != nil {
		return nil, err
	}
	var recorded *generate.PackRef
	if cfg := recordedConfig(opts.Dir); cfg != nil {
		recorded = cfg.Pack
	}
	var user pack.UserConfig
	var userPath string
	if opts.Pack == "" && getenvOr(opts.Getenv, "DOCKSLIM_PACK") == "" && recorded == nil {
		if userPath, err = userConfigPath(opts.Getenv); err == nil {
			if user, err = pack.ReadUserConfig(userPath); err != nil {
				return nil, err
			}
		}
	}
	choice := pack.Choose(opts.Pack, getenvOr(opts.Getenv, "DOCKSLIM_PACK"), recorded, user, userPath)
	p, err := pack.OpenChoice(ctx, choice, popts)
	if err != nil {
		return nil, err
	}
	if !p.IsEmbedded() {
		fmt.Fprintf(opts.IO.ErrOut, "using %s\n", p.Describe())
	}
	return p, nil
}

// recordedConfig is the project's .dockslim.yaml, or nil when it is
// missing or unreadable (init reports that where it reads the answers).
func recordedConfig(dir string) *generate.Config {
	data, err := os.ReadFile(filepath.Join(dir, generate.ConfigFile))
	if err != nil {
		return nil
	}
	cfg, err := generate.ParseConfig(data)
	if err != nil {
		return nil
	}
	return cfg
}

// applyPack gives resolved answers what the pack adds: its default
// flavour when no one chose one (no --flavour, no recorded answers) and
// its variables (--set, else recorded, else defaults), type-checked.
func applyPack(opts *InitOptions, p *pack.Pack, a *generate.Answers) error {
	if p == nil {
		var err error
		if p, err = pack.Embedded(); err != nil {
			return err
		}
	}
	cfg := recordedConfig(opts.Dir)
	recorded := cfg != nil && cfg.Answers.Language == a.Language
	if opts.Flavour == "" && !recorded {
		if w := p.ApplyFlavour(a); w != "" {
			fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
		}
	}
	sets, err := pack.ParseSets(opts.Sets)
	if err != nil {
		return err
	}
	vars, warnings, err := p.ResolveVars(a.Vars, sets, false)
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}
	a.Vars = vars
	return nil
}

// withPack is applyPack for resolveAnswers' returns.
func withPack(opts *InitOptions, a *generate.Answers, f *detect.Facts) (*generate.Answers, *detect.Facts, error) {
	if err := applyPack(opts, opts.TemplatePack, a); err != nil {
		return nil, nil, err
	}
	return a, f, nil
}

// openRecordedPack opens the pack .dockslim.yaml records for check: its
// recorded commit (from the cache, else fetched), or the embedded pack.
// The environment's DOCKSLIM_PACK and the user config play no part.
func openRecordedPack(ctx context.Context, opts *CheckOptions, cfg *generate.Config) (*pack.Pack, pack.Options, error) {
	popts, err := packOptions(opts.IO, opts.Getenv, opts.Version, opts.Dir)
	if err != nil {
		return nil, popts, err
	}
	if cfg.Pack == nil {
		p, err := pack.Embedded()
		return p, popts, err
	}
	p, err := pack.OpenRef(ctx, cfg.Pack, popts)
	return p, popts, err
}

// reportLatest prints what `check --latest` found: on stdout, or on
// stderr when stdout carries JSON.
func reportLatest(ctx context.Context, opts *CheckOptions, p *pack.Pack, popts pack.Options) {
	w := opts.IO.Out
	if opts.JSON {
		w = opts.IO.ErrOut
	}
	l, err := p.Latest(ctx, popts)
	switch {
	case errors.Is(err, pack.ErrNotGit) && p.IsEmbedded():
		fmt.Fprintf(w, "latest: this project uses dockslim's embedded templates, which change with dockslim itself\n")
	case errors.Is(err, pack.ErrNotGit):
		fmt.Fprintf(w, "latest: %s is a directory, not a git repository: it has no versions to compare\n", p.Describe())
	case err != nil:
		fmt.Fprintf(opts.IO.ErrOut, "warning: cannot check for a newer pack version: %v\n", err)
	case l.Newest == "":
		fmt.Fprintf(w, "latest: pack %s has no version tags\n", p.Manifest.Name)
	case l.Newer:
		ref := p.Ref()
		current := l.Current
		if current == "" {
			current = "commit " + ref.Commit[:12]
		}
		fmt.Fprintf(w, "latest: pack %s %s is available (this project uses %s); update with: dockslim init --yes --force --pack %s@%s\n",
			p.Manifest.Name, l.Newest, current, ref.Source, l.Newest)
	default:
		fmt.Fprintf(w, "latest: pack %s %s is the newest version\n", p.Manifest.Name, l.Current)
	}
}
