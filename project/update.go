package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/merge3"
	"github.com/dockslim/dockslim/pack"
)

// Update statuses of a file, as `dockslim update --json` names them.
const (
	UpdateUnchanged = "unchanged" // the new rendering is what is on disk
	UpdateReplaced  = "replaced"  // not edited on disk: the new rendering replaces it
	UpdateMerged    = "merged"    // edited on disk: the edit and the new rendering merged cleanly
	UpdateConflict  = "conflict"  // edited on disk where the new rendering changes it too
	UpdateDeleted   = "deleted"   // deleted on disk: left deleted
	UpdateRemoved   = "removed"   // the new version no longer produces it: left on disk, no longer recorded
)

// UpdatedFile is one file of an update.
type UpdatedFile struct {
	Name   string `json:"file"`
	Status string `json:"status"`
	// Diff is a unified diff from the file on disk to what update writes.
	Diff string `json:"diff"`
	// Data is what update writes (with conflict markers for a conflict).
	Data []byte `json:"-"`
	// Merged is true when Data is a merge, not the new rendering.
	Merged bool `json:"-"`
}

// PendingFile records an update that stopped on conflicts: the version it
// moves to and, per file, the digest of what it wrote with markers. The
// next update to the same version takes a file that no longer holds
// markers, and is not what was written, as the person's resolution.
const PendingFile = ".dockslim-update.yaml"

// Pending is PendingFile's content.
type Pending struct {
	Target    string      `yaml:"target"`
	Conflicts FileDigests `yaml:"conflicts"`
}

// UpdatePlan is what update would do.
type UpdatePlan struct {
	Files []UpdatedFile
	// Conflicts names the files in conflict; Record is the new
	// .dockslim.yaml, nil while there are conflicts (it is written only
	// when every file merged).
	Conflicts []string
	Record    *Record
	// Pending is what PendingFile holds after a plan with conflicts.
	Pending *Pending
}

// PlanUpdate renders the record's answers with the recorded pack (the
// base) and with next (the new version), and merges each file with the
// one on disk, three ways (docs/update.md): unchanged on disk → the new
// rendering; edited → the edit merged into it, conflicts marked.
// labels name the two versions in conflict markers.
//
// base is nil when the recorded rendering cannot be made again (the
// embedded templates of another dockslim version): a file whose bytes
// are still the recorded digest is replaced, an edited one is a conflict
// left as it is.
func PlanUpdate(ctx context.Context, dir string, r *Record, base, next *pack.Pack, version string, sets map[string]string, labels merge3.Labels) (*UpdatePlan, error) {
	pending := readPending(dir, next.Describe())
	var baseFiles []generate.File
	if base != nil {
		var err error
		if baseFiles, err = base.Render(ctx, r.Answers); err != nil {
			return nil, fmt.Errorf("rendering the recorded version: %w", err)
		}
	}
	// A variable the new version adds without a default is a question
	// for the person: --set, or the form.
	if missingVars := MissingVars(r, next, sets); len(missingVars) > 0 {
		return nil, &generate.InputError{Flag: "--set", Err: fmt.Errorf("pack %s adds %s, with no default: give a value with --set NAME=VALUE",
			next.Manifest.Name, strings.Join(missingVars, ", "))}
	}
	a := *r.Answers
	vars, _, err := next.ResolveVars(r.Answers.Vars, sets, false)
	if err != nil {
		return nil, err
	}
	a.Vars = vars
	newFiles, err := next.Render(ctx, &a)
	if err != nil {
		return nil, err
	}
	baseOf := map[string][]byte{}
	for _, f := range baseFiles {
		baseOf[f.Name] = f.Data
	}
	plan := &UpdatePlan{}
	var final []generate.File
	merged := FileDigests{}
	for _, nf := range newFiles {
		disk, err := os.ReadFile(filepath.Join(dir, nf.Name))
		missing := errors.Is(err, fs.ErrNotExist)
		if err != nil && !missing {
			return nil, err
		}
		u := UpdatedFile{Name: nf.Name, Data: nf.Data}
		b, hadBase := baseOf[nf.Name]
		recorded, wrote := r.Files[nf.Name]
		switch {
		case missing && (hadBase || wrote):
			u.Status = UpdateDeleted
			u.Data = nil
		case bytes.Equal(disk, nf.Data):
			u.Status = UpdateUnchanged
		case missing || hadBase && bytes.Equal(disk, b) || wrote && Digest(disk) == recorded:
			u.Status = UpdateReplaced
		case base == nil:
			// Edited, and no base to merge from: leave it to the person.
			u.Status, u.Data = UpdateConflict, disk
		case pending != nil && pending.Conflicts[nf.Name] != "" && !merge3.HasMarkers(disk) && Digest(disk) != pending.Conflicts[nf.Name]:
			// The person resolved the conflicts of the last run.
			u.Status, u.Data, u.Merged = UpdateMerged, disk, true
		default:
			res, err := merge3.Merge(b, disk, nf.Data, labels)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", nf.Name, err)
			}
			u.Data, u.Merged = res.Text, true
			u.Status = UpdateMerged
			if res.Conflicts > 0 || merge3.HasMarkers(res.Text) {
				u.Status = UpdateConflict
			}
		}
		if u.Status != UpdateDeleted {
			u.Diff = generate.UnifiedDiff(nf.Name, disk, u.Data, !missing)
			if u.Status == UpdateUnchanged {
				u.Diff = ""
			}
			final = append(final, generate.File{Name: nf.Name, Data: u.Data})
		}
		if u.Merged && u.Status == UpdateMerged {
			merged[nf.Name] = Digest(u.Data)
		}
		if u.Status == UpdateConflict {
			plan.Conflicts = append(plan.Conflicts, nf.Name)
			if !u.Merged {
				u.Diff = generate.UnifiedDiff(nf.Name, disk, nf.Data, true) // what the new version would write
			}
		}
		plan.Files = append(plan.Files, u)
	}
	// Files the base produced that the new version does not: never
	// deleted by update (they may hold edits); no longer recorded.
	produced := map[string]bool{}
	for _, nf := range newFiles {
		produced[nf.Name] = true
	}
	for _, bf := range baseFiles {
		if !produced[bf.Name] {
			plan.Files = append(plan.Files, UpdatedFile{Name: bf.Name, Status: UpdateRemoved})
		}
	}
	if len(plan.Conflicts) > 0 {
		plan.Pending = &Pending{Target: next.Describe(), Conflicts: FileDigests{}}
		for _, f := range plan.Files {
			if f.Status == UpdateConflict && f.Merged {
				plan.Pending.Conflicts[f.Name] = Digest(f.Data)
			}
		}
		return plan, nil
	}
	// A merge must still be a Dockerfile dockslim would write.
	if len(merged) > 0 {
		if err := generate.Validate(final); err != nil {
			for i := range plan.Files {
				if plan.Files[i].Merged {
					plan.Files[i].Status = UpdateConflict
					plan.Conflicts = append(plan.Conflicts, plan.Files[i].Name)
				}
			}
			return plan, fmt.Errorf("the merged files are not valid: %w", err)
		}
	}
	rec := NewRecord(version, &a, next.Ref(), newFiles)
	if len(merged) > 0 {
		rec.Merged = merged
	}
	plan.Record = rec
	return plan, nil
}

// ApplyUpdate writes what the plan says, atomically file by file, and the
// record last. It writes nothing while the plan has conflicts but the
// files themselves (with markers), so a person resolves them in place.
func ApplyUpdate(dir string, plan *UpdatePlan) error {
	for _, f := range plan.Files {
		if f.Status == UpdateUnchanged || f.Status == UpdateDeleted || f.Status == UpdateRemoved || f.Status == UpdateConflict && !f.Merged {
			continue
		}
		if err := generate.WriteFile(dir, f.Name, f.Data, 0o644); err != nil {
			return err
		}
	}
	if plan.Record == nil {
		if plan.Pending != nil {
			data, err := yaml.Marshal(plan.Pending)
			if err != nil {
				return err
			}
			return generate.WriteFile(dir, PendingFile, data, 0o644)
		}
		return nil
	}
	data, err := plan.Record.Marshal()
	if err != nil {
		return err
	}
	if err := generate.WriteFile(dir, RecordFile, data, 0o644); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(dir, PendingFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// readPending reads PendingFile when it is about an update to target.
func readPending(dir, target string) *Pending {
	data, err := os.ReadFile(filepath.Join(dir, PendingFile))
	if err != nil || len(data) > 1<<20 {
		return nil
	}
	var p Pending
	if yaml.Unmarshal(data, &p) != nil || p.Target != target {
		return nil
	}
	return &p
}

// sortedNames lists a map's keys in order.
func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MissingVars lists the variables next declares with no default that
// neither the record nor sets gives a value: update needs them.
func MissingVars(r *Record, next *pack.Pack, sets map[string]string) []string {
	var out []string
	for _, k := range sortedNames(next.Manifest.Vars) {
		if _, recorded := r.Answers.Vars[k]; recorded {
			continue
		}
		if _, set := sets[k]; !set && next.Manifest.Vars[k].Default.Kind == 0 {
			out = append(out, k)
		}
	}
	return out
}
