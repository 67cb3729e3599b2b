package golden

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/merge3"
)

// An upgrade case proves that a pack release merges cleanly into
// repositories that edited what an older release wrote (docs/packs.md,
// "Upgrade cases"). Beside input/ and want/, the case holds:
//
//	previous/      the files as the older release rendered them
//	edited/        the same files as a repository holds them, edited (a
//	               file absent here is the previous one, unedited)
//	want-updated/  what `dockslim update` must write: each edit merged
//	               into this release's rendering
//
// A three-way merge needs the older rendering as its base, so previous/
// keeps it as written and edited/ the repository's copy.

// upgrade merges each rendered file with the case's previous and edited
// copies and compares the result with want-updated/ (or rewrites it).
func upgrade(caseDir, name string, files []generate.File, update bool, res *Result) error {
	prevDir := filepath.Join(caseDir, "previous")
	if st, err := os.Stat(prevDir); err != nil || !st.IsDir() {
		return nil
	}
	res.Upgrade = true
	wantDir := filepath.Join(caseDir, "want-updated")
	for _, f := range files {
		base, err := os.ReadFile(filepath.Join(prevDir, f.Name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // new in this release: nothing to merge
		} else if err != nil {
			return err
		}
		ours, err := os.ReadFile(filepath.Join(caseDir, "edited", f.Name))
		if errors.Is(err, fs.ErrNotExist) {
			ours = base
		} else if err != nil {
			return err
		}
		merged := f.Data
		if !bytes.Equal(ours, base) {
			m, err := merge3.Merge(base, ours, f.Data, merge3.Labels{Ours: "edited", Base: "previous", Theirs: "this release"})
			if err != nil {
				return fmt.Errorf("%s: %s: %w", name, f.Name, err)
			}
			if m.Conflicts > 0 {
				res.Diffs = append(res.Diffs, fmt.Sprintf("%s: %s: the edit does not merge into this release (%d conflict(s)):\n%s", name, f.Name, m.Conflicts, m.Text))
				continue
			}
			merged = m.Text
		}
		p := filepath.Join(wantDir, f.Name)
		cur, err := os.ReadFile(p)
		exists := err == nil
		if update {
			if !bytes.Equal(cur, merged) {
				if err := os.MkdirAll(wantDir, 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(p, merged, 0o644); err != nil {
					return err
				}
				res.Updated = true
			}
			continue
		}
		if !bytes.Equal(cur, merged) {
			res.Diffs = append(res.Diffs, generate.UnifiedDiff(filepath.ToSlash(filepath.Join(name, "want-updated", f.Name)), cur, merged, exists))
		}
	}
	return nil
}
