package detect

import (
	"context"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// asWorkspaceMember finds the workspace f's folder dir is a member of —
// a folder above it (up to maxAbove, not past the repository's root)
// holding a manifest or workspace file of f's language whose language
// rules (its AsMember) claim dir — and lets the language complete f. A
// language without AsMember, or a dir in no workspace, leaves f as it
// is.
func asWorkspaceMember(ctx context.Context, dir string, f *Facts) error {
	l, ok := Lookup(f.Language)
	if !ok || l.AsMember == nil || f.Workspace {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	markers := append(slices.Clone(l.Manifests), l.WorkspaceRoots...)
	rel := ""
	for i, cur := 0, abs; i < maxAbove; i++ {
		parent := filepath.Dir(cur)
		if parent == cur {
			return nil
		}
		rel = path.Join(filepath.Base(cur), rel)
		back := strings.TrimSuffix(strings.Repeat("../", i+1), "/") // the root, from dir
		up := filepath.Join(dir, back)
		if slices.ContainsFunc(markers, func(m string) bool { return isFile(filepath.Join(parent, m)) }) {
			var root *Facts
			if slices.ContainsFunc(l.Manifests, func(m string) bool { return isFile(filepath.Join(parent, m)) }) {
				if root, err = detectDir(ctx, up, Options{Language: f.Language}, false); err != nil {
					if ctx.Err() != nil {
						return ctx.Err()
					}
					root = nil
				}
			}
			rr, err := repo.Open(ctx, up)
			if err != nil {
				return err
			}
			f.Details.WorkspaceRoot = back // for AsMember's paths; SetMemberOf records it
			member, err := l.AsMember(ctx, rr, root, f, rel)
			if f.WorkspaceRoot == "" {
				f.Details.WorkspaceRoot = "" // a member built on its own, or none
			}
			if err != nil || member {
				return err
			}
		}
		if isDir(filepath.Join(parent, ".git")) {
			return nil // the repository's root: nothing above belongs to it
		}
		cur = parent
	}
	return nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
