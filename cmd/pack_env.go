package cmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dockslim/dockslim/pack"
)

// packOptions are what opening a pack needs from the environment: the
// cache under $XDG_CACHE_HOME, DOCKSLIM_GIT_TOKEN (never printed or
// written), the running version, and stderr for warnings.
func packOptions(io *IOStreams, getenv func(string) string, version string) (pack.Options, error) {
	cache, err := xdgDir(getenv, "XDG_CACHE_HOME", os.UserCacheDir)
	if err != nil {
		return pack.Options{}, fmt.Errorf("no cache directory for template packs: %w (set XDG_CACHE_HOME)", err)
	}
	return pack.Options{
		CacheDir: filepath.Join(cache, "dockslim", "packs"),
		Token:    getenvOr(getenv, "DOCKSLIM_GIT_TOKEN"),
		Version:  version,
		Warn:     func(msg string) { fmt.Fprintf(io.ErrOut, "warning: %s\n", msg) },
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
