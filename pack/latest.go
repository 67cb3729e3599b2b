package pack

import (
	"context"
	"errors"
	"fmt"

	"github.com/Masterminds/semver/v3"
)

// Latest is what `dockslim check --latest` reports about a git pack.
type Latest struct {
	// Current is the highest version tag on the recorded commit (or the
	// recorded ref when it is a version), "" when none is.
	Current string
	// Newest is the repository's highest release version tag, "" when it
	// has none.
	Newest string
	// Newer is true when Newest is a later version than Current (or the
	// recorded commit carries no version tag and Newest is elsewhere).
	Newer bool
	// Versions are every release version tag, highest first (Newest
	// first).
	Versions []string
}

// ErrNotGit is returned by Latest for the embedded pack and directories.
var ErrNotGit = errors.New("not a git pack: there are no versions to compare")

// Latest fetches the pack's repository and compares its version tags with
// the recorded commit. It needs the remote: offline it fails.
func (p *Pack) Latest(ctx context.Context, opts Options) (Latest, error) {
	if p.ref == nil || p.ref.Commit == "" {
		return Latest{}, ErrNotGit
	}
	src, err := ParseSource(p.ref.Source, true)
	if err != nil {
		return Latest{}, err
	}
	m, err := openMirror(opts.CacheDir, src, opts.warn)
	if err != nil {
		return Latest{}, err
	}
	if err := m.fetch(ctx, opts.Token); err != nil {
		return Latest{}, fmt.Errorf("cannot reach %s: %v", src.Display, err)
	}
	rs, err := m.refs()
	if err != nil {
		return Latest{}, err
	}
	var l Latest
	if tags := versionTags(rs, false); len(tags) > 0 {
		l.Newest, l.Versions = tags[0], tags
	}
	for _, tag := range versionTags(rs, true) {
		if rs.tags[tag].String() == p.ref.Commit {
			l.Current = tag
			break
		}
	}
	if l.Current == "" {
		if _, err := semver.NewVersion(p.ref.Ref); err == nil {
			l.Current = p.ref.Ref
		}
	}
	switch {
	case l.Newest == "":
	case l.Current == "":
		l.Newer = rs.tags[l.Newest].String() != p.ref.Commit
	default:
		cur, _ := semver.NewVersion(l.Current)
		newest, _ := semver.NewVersion(l.Newest)
		l.Newer = newest.GreaterThan(cur)
	}
	return l, nil
}
