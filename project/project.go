package project

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dockslim/dockslim/detect"
)

// Project is one project directory opened for a command: its
// .dockslim.yaml read once, and detection run at most once per set of
// detect.Options however often a command (or its form, page after page)
// resolves answers.
type Project struct {
	// Dir is the directory as the person named it; it is never made
	// absolute, so nothing rendered depends on where a project lives.
	Dir string

	record    *Record
	recordErr error

	detections map[detect.Options]detection
	runs       int
}

type detection struct {
	facts *detect.Facts
	err   error
}

// Open reads dir's .dockslim.yaml, if there is one. It detects nothing
// yet: Resolve and Detect do, when asked. A malformed .dockslim.yaml is
// not an error here (init warns and starts afresh, check fails): see
// Record.
func Open(dir string) (*Project, error) {
	p := &Project{Dir: dir, detections: map[detect.Options]detection{}}
	data, err := os.ReadFile(filepath.Join(dir, RecordFile))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return p, nil
	case err != nil:
		if st, serr := os.Stat(dir); serr == nil && !st.IsDir() {
			return nil, fmt.Errorf("%s is not a directory", dir)
		}
		p.recordErr = fmt.Errorf("cannot read %s: %w", filepath.Join(dir, RecordFile), err)
		return p, nil
	}
	if p.record, err = ParseRecord(data); err != nil {
		// ParseRecord names the file; name it with its directory.
		p.recordErr = fmt.Errorf("%s%s", filepath.Clean(dir)+string(filepath.Separator), err.Error())
	}
	return p, nil
}

// Record returns the project's .dockslim.yaml: nil and nil when there is
// none, nil and the reason when it cannot be used.
func (p *Project) Record() (*Record, error) { return p.record, p.recordErr }

// HasRecord reports whether a usable .dockslim.yaml was found.
func (p *Project) HasRecord() bool { return p.record != nil }

// Detect runs detection with opts once and remembers the result (an
// error included). The facts returned are shared: callers must not
// change them.
func (p *Project) Detect(ctx context.Context, opts detect.Options) (*detect.Facts, error) {
	if d, ok := p.detections[opts]; ok {
		return d.facts, d.err
	}
	f, err := detect.Detect(ctx, p.Dir, opts)
	if err != nil && ctx.Err() != nil {
		return nil, err // an interrupt is not remembered as the project's answer
	}
	p.runs++
	p.detections[opts] = detection{f, err}
	if err == nil && opts == (detect.Options{}) && len(f.Details.Candidates) == 0 {
		// Only one language was found: forcing it would run the same
		// detector over the same files and give the same facts.
		p.detections[detect.Options{Language: f.Language}] = detection{f, nil}
	}
	return f, err
}

// DetectionRuns is how many times detection has run for this project.
func (p *Project) DetectionRuns() int { return p.runs }
