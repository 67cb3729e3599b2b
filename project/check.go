package project

import (
	"context"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/pack"
)

// Drift statuses of a file, as `dockslim check --json` names them.
const (
	StatusUnchanged = "unchanged"
	StatusModified  = "modified"
	StatusMissing   = "missing"
)

// FileDrift is one file `dockslim check` compared.
type FileDrift struct {
	File string `json:"file"`
	// Status is unchanged, modified or missing.
	Status string `json:"status"`
	// Diff is a unified diff from the file on disk to the rendered one
	// ("" when unchanged).
	Diff string `json:"diff"`
	// Cause tells, for a modified file the record has a digest of, a hand
	// edit (CauseEdited) from a rendering that changed (CauseRerendered).
	Cause string `json:"-"`
}

// Causes of a modified file.
const (
	CauseEdited     = "edited"     // its bytes are not what dockslim wrote
	CauseRerendered = "rerendered" // dockslim wrote it; the answers or templates now render otherwise
)

// Drift is what check found.
type Drift struct {
	Files []FileDrift
	// Drifted names the files that are not unchanged.
	Drifted []string
	// VersionChanged is true when another dockslim version wrote the
	// record and the rendering differs from what it recorded: the drift
	// may come from the new version's templates.
	VersionChanged bool
}

// Check renders the Dockerfile and .dockerignore from the record alone —
// its answers, no detection — with pk (the recorded pack), and compares
// them with the files on disk.
func Check(ctx context.Context, dir string, r *Record, pk *pack.Pack, version string) (*Drift, error) {
	if _, _, err := pk.ResolveVars(r.Answers.Vars, nil, true); err != nil {
		return nil, err
	}
	files, err := pk.Render(ctx, r.Answers)
	if err != nil {
		return nil, err
	}
	plan, err := generate.Plan(dir, files)
	if err != nil {
		return nil, err
	}
	d := &Drift{}
	changed := false
	for _, f := range files {
		if r.Files[f.Name] != Digest(f.Data) {
			changed = true
		}
	}
	d.VersionChanged = r.Dockslim != version && changed
	for _, p := range plan {
		fd := FileDrift{File: p.Name, Status: StatusUnchanged}
		switch p.Status {
		case generate.New:
			fd.Status = StatusMissing
		case generate.Differs:
			if m, ok := r.Merged[p.Name]; ok && Digest(p.Current) == m && Digest(p.Data) == r.Files[p.Name] {
				break // update merged it with local edits; nothing changed since
			}
			fd.Status = StatusModified
			if recorded, ok := r.Files[p.Name]; ok {
				fd.Cause = CauseEdited
				if Digest(p.Current) == recorded {
					fd.Cause = CauseRerendered
				}
			}
		}
		if fd.Status != StatusUnchanged {
			fd.Diff = generate.UnifiedDiff(p.Name, p.Current, p.Data, p.Status == generate.Differs)
			d.Drifted = append(d.Drifted, p.Name)
		}
		d.Files = append(d.Files, fd)
	}
	return d, nil
}
