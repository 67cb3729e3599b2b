package project

import (
	"context"

	"github.com/dockslim/dockslim/generate"
)

// Choice is what to do with a file on disk that differs from what
// dockslim renders.
type Choice int

// Choices for an existing file that differs.
const (
	Keep      Choice = iota // leave the person's file alone (the default)
	Overwrite               // replace it with dockslim's version
	Beside                  // write dockslim's version to NAME.dockslim
)

// BesideName is where Beside writes dockslim's version of name.
func BesideName(name string) string { return name + ".dockslim" }

// Written says what Write did.
type Written struct {
	Wrote []string // files written, in plan order
	Kept  []string // differing files left alone
}

// Write writes a plan: new files, and each existing file that differs as
// choose says (nil chooses Keep for all). .dockslim.yaml, dockslim's own
// record, is written when it changed and at least one generated file is
// now what it describes (written, or already identical): keeping every
// file leaves the old record alone. This is the one rule for the form
// and for --yes (which refuses or forces before it calls Write). Writes
// are atomic; nothing is written once ctx is done.
func (p *Project) Write(ctx context.Context, plan []generate.Planned, choose func(name string) Choice) (*Written, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w := &Written{}
	placed := false
	var record *generate.Planned
	for i, f := range plan {
		if f.Name == RecordFile {
			record = &plan[i]
			continue
		}
		name := f.Name
		switch {
		case f.Status == generate.Unchanged:
			placed = true
			continue
		case f.Status == generate.Differs:
			c := Keep
			if choose != nil {
				c = choose(f.Name)
			}
			switch c {
			case Beside:
				name = BesideName(f.Name)
			case Keep:
				w.Kept = append(w.Kept, f.Name)
				continue
			}
		}
		if err := generate.WriteFile(p.Dir, name, f.Data, f.Mode); err != nil {
			return w, err
		}
		w.Wrote = append(w.Wrote, name)
		placed = true
	}
	if record != nil && placed && record.Status != generate.Unchanged {
		if err := generate.WriteFile(p.Dir, record.Name, record.Data, record.Mode); err != nil {
			return w, err
		}
		w.Wrote = append(w.Wrote, record.Name)
	}
	return w, nil
}

// Differing lists the generated files (not the record) that exist and
// differ from what dockslim renders.
func Differing(plan []generate.Planned) []string {
	var out []string
	for _, f := range plan {
		if f.Status == generate.Differs && f.Name != RecordFile {
			out = append(out, f.Name)
		}
	}
	return out
}
