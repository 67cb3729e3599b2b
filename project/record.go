package project

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/yamlstrict"
	"github.com/dockslim/dockslim/pack"
)

// RecordFile is the file a project's record lives in.
const RecordFile = generate.ConfigFile

// Record is .dockslim.yaml (docs/dockslim-yaml.md): everything needed to
// render the same bytes again without re-detecting.
type Record struct {
	Schema   int               `yaml:"schema"`
	Dockslim string            `yaml:"dockslim"`
	Pack     *pack.Ref         `yaml:"pack,omitempty"`
	Answers  *generate.Answers `yaml:"answers"`
	Files    FileDigests       `yaml:"files"`
	// Merged are, for files `dockslim update` merged with local edits,
	// the digests of what it wrote: check accepts those bytes while the
	// rendering is still the recorded one (Files).
	Merged FileDigests `yaml:"merged,omitempty"`

	// HadLegacy is true when the file held answers this dockslim no
	// longer reads (generate.Legacy); they are dropped on load.
	HadLegacy bool `yaml:"-"`
}

// FileDigests maps a written file to "sha256:<hex>" of its bytes.
type FileDigests map[string]string

// SchemaVersion is the .dockslim.yaml schema this dockslim writes.
const SchemaVersion = 1

// Digest returns the "sha256:<hex>" form recorded in .dockslim.yaml.
func Digest(data []byte) string {
	sum := sha256.Sum256(data)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// NewRecord records answers, the pack and the digests of files.
func NewRecord(version string, a *generate.Answers, p *pack.Ref, files []generate.File) *Record {
	r := &Record{Schema: SchemaVersion, Dockslim: version, Pack: p, Answers: a, Files: FileDigests{}}
	for _, f := range files {
		r.Files[f.Name] = Digest(f.Data)
	}
	return r
}

// Marshal renders the record as YAML with two-space indentation; map
// keys come out sorted, so the bytes are deterministic.
func (r *Record) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# Written by dockslim: the answers its Dockerfile was rendered from.\n# `dockslim check` re-renders from them; `dockslim init` starts from them.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ParseRecord reads .dockslim.yaml strictly: unknown keys are errors, so
// a typo does not silently render something else.
func ParseRecord(data []byte) (*Record, error) {
	var r Record
	if err := yamlstrict.Decode(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", RecordFile, err)
	}
	switch {
	case r.Schema != SchemaVersion:
		return nil, fmt.Errorf("%s: schema %d is not supported (this dockslim reads schema %d)", RecordFile, r.Schema, SchemaVersion)
	case r.Answers == nil:
		return nil, fmt.Errorf("%s: no answers", RecordFile)
	case r.Answers.Language == "":
		return nil, errors.New(RecordFile + ": answers.language is missing")
	}
	if r.Answers.Vars == nil {
		r.Answers.Vars = map[string]string{}
	}
	r.HadLegacy = r.Answers.DropLegacy()
	return &r, nil
}
