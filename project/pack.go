package project

import (
	"context"

	"github.com/dockslim/dockslim/pack"
)

// PackChoice is what decides the template pack init renders with, in
// precedence order (docs/packs.md): --pack, DOCKSLIM_PACK, the pack this
// project's .dockslim.yaml records (at its recorded commit), the user
// config's pack:, the embedded pack.
type PackChoice struct {
	Flag string // --pack SOURCE[@REF]
	Env  string // DOCKSLIM_PACK
	// UserConfig is $XDG_CONFIG_HOME/dockslim/config.yaml's path ("" for
	// none); it is read only when nothing before it decides.
	UserConfig string
}

// OpenPack opens the pack init renders this project with.
func (p *Project) OpenPack(ctx context.Context, c PackChoice, opts pack.Options) (*pack.Pack, error) {
	var recorded *pack.Ref
	if p.record != nil {
		recorded = p.record.Pack
	}
	var user pack.UserConfig
	if c.Flag == "" && c.Env == "" && recorded == nil && c.UserConfig != "" {
		var err error
		if user, err = pack.ReadUserConfig(c.UserConfig); err != nil {
			return nil, err
		}
	}
	opts.ProjectDir = p.Dir
	return pack.OpenChoice(ctx, pack.Choose(c.Flag, c.Env, recorded, user, c.UserConfig), opts)
}

// OpenRecordedPack opens the pack .dockslim.yaml records, for check: its
// recorded commit (from the cache, else fetched), or the embedded pack.
// The environment's DOCKSLIM_PACK and the user config play no part.
func OpenRecordedPack(ctx context.Context, r *Record, dir string, opts pack.Options) (*pack.Pack, error) {
	if r.Pack == nil {
		return pack.Embedded()
	}
	opts.ProjectDir = dir
	return pack.OpenRef(ctx, r.Pack, opts)
}
