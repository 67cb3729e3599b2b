package pack

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/dockslim/dockslim/generate"
)

// Options are what opening a pack needs from its caller.
type Options struct {
	// CacheDir holds mirrors and snapshots
	// ($XDG_CACHE_HOME/dockslim/packs).
	CacheDir string
	// Token authenticates https fetches (DOCKSLIM_GIT_TOKEN); it is
	// never written down or printed.
	Token string
	// Version is the running dockslim's, checked against requires.
	Version string
	// Warn hears what the caller should tell the person (offline use of
	// the cache, a rebuilt cache entry, an unchecked requires).
	Warn func(string)
	// ProjectDir is the project whose .dockslim.yaml records the pack: a
	// local path is recorded relative to it, and a recorded relative path
	// is read relative to it. Empty: the current directory.
	ProjectDir string
}

func (o Options) warn(msg string) {
	if o.Warn != nil {
		o.Warn(msg)
	}
}

// Open opens the pack a --pack value (or DOCKSLIM_PACK, or the user
// config) names: a directory as it is, or a git repository resolved to a
// commit — fetched when the remote answers, else from the cache with a
// warning. The pack's requires is checked against opts.Version.
func Open(ctx context.Context, spec string, opts Options) (*Pack, error) {
	src, err := ParseSource(spec, false)
	if err != nil {
		return nil, err
	}
	src.Display = opts.recordable(src)
	if src.Kind == Dir {
		return openDir(src, opts)
	}
	if commitRE.MatchString(src.Ref) {
		// A full commit never moves: its snapshot needs no fetch.
		if p, err := fromSnapshot(src, src.Ref, opts); err == nil {
			return p, nil
		}
	}
	m, err := openMirror(opts.CacheDir, src, opts.warn)
	if err != nil {
		return nil, err
	}
	ferr := m.fetch(ctx, opts.Token)
	if ferr != nil {
		if errors.Is(ferr, context.Canceled) || ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	rs, err := m.refs()
	if err != nil {
		return nil, err
	}
	if ferr != nil {
		if len(rs.tags) == 0 && len(rs.branches) == 0 {
			return nil, fmt.Errorf("cannot fetch pack %s: %v; and the cache holds no copy of it", src, ferr)
		}
		opts.warn(fmt.Sprintf("cannot fetch pack %s (%v); using the cached copy, which may be out of date", src.Display, ferr))
	}
	r, err := resolveRef(rs, src.Ref, m.commitsWithPrefix)
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", src, err)
	}
	return openCommit(ctx, src, m, r.commit.String(), opts)
}

// OpenRef opens the pack .dockslim.yaml records: its snapshot at the
// recorded commit when the cache has one (no network at all), else from
// the mirror, else fetched. A record without a commit is a directory.
func OpenRef(ctx context.Context, ref *Ref, opts Options) (*Pack, error) {
	source := opts.resolveRecorded(ref.Source)
	if ref.Commit == "" {
		src, err := ParseSource(source, false)
		if err != nil {
			return nil, err
		}
		if src.Kind != Dir {
			return nil, fmt.Errorf("%s: pack %s has no commit recorded", generate.ConfigFile, src.Display)
		}
		src.Display = ref.Source
		opts.warn(fmt.Sprintf("pack %s is a directory, not pinned to a commit: rendering its files as they are now", src.Display))
		return openDir(src, opts)
	}
	if !commitRE.MatchString(ref.Commit) {
		return nil, fmt.Errorf("%s: pack commit %q is not a full 40-hex commit", generate.ConfigFile, ref.Commit)
	}
	src, err := ParseSource(source, true)
	if err != nil {
		return nil, err
	}
	src.Display = ref.Source
	if src.Kind != Git {
		return nil, fmt.Errorf("%s: pack %s is not a git repository", generate.ConfigFile, src.Display)
	}
	src.Ref = ref.Ref
	if p, err := fromSnapshot(src, ref.Commit, opts); err == nil {
		return p, nil
	}
	m, err := openMirror(opts.CacheDir, src, opts.warn)
	if err != nil {
		return nil, err
	}
	if !m.hasCommit(plumbing.NewHash(ref.Commit)) {
		if ferr := m.fetch(ctx, opts.Token); ferr != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("pack %s at commit %s is not in the cache, and fetching it failed: %v", src.Display, ref.Commit, ferr)
		}
		if !m.hasCommit(plumbing.NewHash(ref.Commit)) {
			return nil, fmt.Errorf("pack %s has no commit %s (was it rewritten or deleted?)", src.Display, ref.Commit)
		}
	}
	return openCommit(ctx, src, m, ref.Commit, opts)
}

func openDir(src Source, opts Options) (*Pack, error) {
	p, err := LoadDir(src.Location)
	if err != nil {
		return nil, err
	}
	p.ref = &Ref{Source: src.Display}
	return finish(p, opts)
}

// fromSnapshot opens commit's verified snapshot; a damaged one is removed
// (with a warning) so the caller rebuilds it.
func fromSnapshot(src Source, commit string, opts Options) (*Pack, error) {
	files, err := loadSnapshot(opts.CacheDir, commit)
	if errors.Is(err, errCorrupt) {
		opts.warn(fmt.Sprintf("the cached copy of pack %s at %s was damaged (%v); rebuilding it", src.Display, commit[:12], err))
		_ = os.RemoveAll(snapshotDir(opts.CacheDir, commit))
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	return fromFiles(src, commit, files, opts)
}

// openCommit opens commit from the snapshot, or builds the snapshot from
// the mirror first.
func openCommit(ctx context.Context, src Source, m *mirror, commit string, opts Options) (*Pack, error) {
	if p, err := fromSnapshot(src, commit, opts); err == nil {
		return p, nil
	} else if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, errCorrupt) {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	files, err := m.readTree(plumbing.NewHash(commit), src.String())
	if err != nil {
		return nil, err
	}
	if err := writeSnapshot(opts.CacheDir, commit, files); err != nil {
		return nil, err
	}
	return fromFiles(src, commit, files, opts)
}

func fromFiles(src Source, commit string, files memFS, opts Options) (*Pack, error) {
	base, err := Embedded()
	if err != nil {
		return nil, err
	}
	p, err := newPack(files, base)
	if err != nil {
		return nil, &LoadError{Where: src.String(), Err: err}
	}
	p.ref = &Ref{Source: src.Display, Ref: src.Ref, Commit: commit}
	return finish(p, opts)
}

// finish checks requires: a mismatch is an error, a development build a
// warning.
func finish(p *Pack, opts Options) (*Pack, error) {
	w, err := p.Manifest.CheckRequires(opts.Version)
	if err != nil {
		return nil, err
	}
	if w != "" {
		opts.warn(w)
	}
	return p, nil
}

// recordable is how .dockslim.yaml records src: URLs as they are
// (credentials stripped), local paths relative to the project, so the
// record works from any working directory.
func (o Options) recordable(src Source) string {
	local := src.Kind == Dir || !strings.Contains(src.Display, "://") && filepath.IsAbs(src.Location)
	if !local {
		return src.Display
	}
	abs, err := filepath.Abs(src.Display)
	if err != nil {
		return src.Display
	}
	base, err := filepath.Abs(o.ProjectDir)
	if err != nil {
		return src.Display
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(rel)
}

// resolveRecorded reads a recorded relative path against the project.
func (o Options) resolveRecorded(source string) string {
	if strings.Contains(source, "://") || scpLike.MatchString(source) && !exists(source) || filepath.IsAbs(source) || o.ProjectDir == "" {
		return source
	}
	return filepath.Join(o.ProjectDir, filepath.FromSlash(source))
}
