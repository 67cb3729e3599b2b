package project

import (
	"context"
	"io/fs"
	"path/filepath"

	"github.com/dockslim/dockslim/detect"
)

// maxRecordWalk bounds how many entries FindRecords looks at.
const maxRecordWalk = 200_000

// FindRecords lists the folders at or below root that hold a
// .dockslim.yaml (`dockslim check --all`), root first, then in path
// order. It walks no folder detection skips (node_modules, vendor, .git,
// hidden ones) and follows no symbolic link.
func FindRecords(ctx context.Context, root string) ([]string, error) {
	var out []string
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root {
				return err
			}
			return nil // an unreadable folder holds nothing to check
		}
		if n++; n > maxRecordWalk {
			return fs.SkipAll
		}
		if n%512 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if d.IsDir() && p != root && detect.SkippedDir(d.Name()) {
			return fs.SkipDir
		}
		if d.Type().IsRegular() && d.Name() == RecordFile {
			out = append(out, filepath.Dir(p))
		}
		return nil
	})
	return out, err // WalkDir's lexical order: root's record (".dockslim.yaml" sorts first), then its folders'
}
