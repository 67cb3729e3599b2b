package pack

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/yamlstrict"
)

// UserConfig is $XDG_CONFIG_HOME/dockslim/config.yaml.
type UserConfig struct {
	// Pack is the SOURCE[@REF] of the pack for projects that name none.
	Pack string `yaml:"pack"`
}

// ReadUserConfig reads the user config strictly; a missing file is an
// empty config.
func ReadUserConfig(path string) (UserConfig, error) {
	var c UserConfig
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	if err := yamlstrict.Decode(data, &c); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// Choice is the pack a command renders with, and why.
type Choice struct {
	// Spec is a SOURCE[@REF] to Open; empty with Recorded or the
	// embedded pack.
	Spec string
	// Recorded is the pack .dockslim.yaml records, opened at its commit.
	Recorded *Ref
	// From names where the choice came from, for messages: --pack,
	// DOCKSLIM_PACK, .dockslim.yaml, the user config's path, or "".
	From string
}

// Choose applies the precedence of docs/packs.md for `dockslim init`: --pack,
// then DOCKSLIM_PACK, then — for a project rendered before — the pack
// its .dockslim.yaml records (at the recorded commit, so a re-run
// renders what check expects), then the user config's pack:, then the
// embedded pack.
func Choose(flag, env string, recorded *Ref, user UserConfig, userPath string) Choice {
	switch {
	case flag != "":
		return Choice{Spec: flag, From: "--pack"}
	case env != "":
		return Choice{Spec: env, From: "DOCKSLIM_PACK"}
	case recorded != nil:
		return Choice{Recorded: recorded, From: generate.ConfigFile}
	case user.Pack != "":
		return Choice{Spec: user.Pack, From: userPath}
	}
	return Choice{}
}

// OpenChoice opens what Choose chose.
func OpenChoice(ctx context.Context, c Choice, opts Options) (*Pack, error) {
	var p *Pack
	var err error
	switch {
	case c.Spec != "":
		p, err = Open(ctx, c.Spec, opts)
	case c.Recorded != nil:
		p, err = OpenRef(ctx, c.Recorded, opts)
	default:
		return Embedded()
	}
	if err != nil && c.From != "" && c.From != "--pack" {
		return nil, fmt.Errorf("%w (the pack comes from %s)", err, c.From)
	}
	return p, err
}
