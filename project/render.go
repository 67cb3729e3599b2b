package project

import (
	"context"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/pack"
)

// Render renders the Dockerfile and .dockerignore for answers with the
// pack, and the .dockslim.yaml that records how (the dockslim version,
// the pack's source, ref and commit, the files' digests). version is the
// running dockslim's.
func Render(ctx context.Context, pk *pack.Pack, version string, a *generate.Answers) ([]generate.File, error) {
	files, err := pk.Render(ctx, a)
	if err != nil {
		return nil, err
	}
	rec, err := NewRecord(version, a, pk.Ref(), files).Marshal()
	if err != nil {
		return nil, err
	}
	return append(files, generate.File{Name: RecordFile, Data: rec}), nil
}

// Plan compares rendered files with the project's files on disk.
func (p *Project) Plan(files []generate.File) ([]generate.Planned, error) {
	return generate.Plan(p.Dir, files)
}
