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
// whose own detection, in f's language, lists dir among its members —
// and lets the language complete f with the root's facts (its
// AsMember). A language without AsMember, or a dir in no workspace,
// leaves f as it is.
func asWorkspaceMember(ctx context.Context, dir string, f *Facts) error {
	l, ok := Lookup(f.Language)
	if !ok || l.AsMember == nil || f.Workspace {
		return nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	rel := ""
	for i, cur := 0, abs; i < maxAbove; i++ {
		parent := filepath.Dir(cur)
		if parent == cur {
			return nil
		}
		rel = path.Join(filepath.Base(cur), rel)
		back := strings.TrimSuffix(strings.Repeat("../", i+1), "/") // the root, from dir
		up := filepath.Join(dir, back)
		if slices.ContainsFunc(l.Manifests, func(m string) bool { return isFile(filepath.Join(parent, m)) }) {
			root, err := detectDir(ctx, up, Options{Language: f.Language}, false)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
			} else if root.Workspace && slices.ContainsFunc(root.Details.Members, func(m Member) bool { return m.Dir == rel }) {
				rr, err := repo.Open(ctx, up)
				if err != nil {
					return err
				}
				f.WorkspaceRoot = back
				f.Details.WorkspaceRoot, f.Details.AppDir = f.WorkspaceRoot, rel
				f.Source("workspaceRoot", path.Join(f.WorkspaceRoot, root.Sources["workspace"]))
				return l.AsMember(ctx, rr, root, f, rel)
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
