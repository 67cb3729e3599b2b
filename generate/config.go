package generate

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/dockslim/dockslim/internal/yamlstrict"
)

// Config is .dockslim.yaml (SPEC §3): everything needed to render the
// same bytes again without re-detecting.
type Config struct {
	Schema   int         `yaml:"schema"`
	Dockslim string      `yaml:"dockslim"`
	Pack     *PackRef    `yaml:"pack,omitempty"`
	Answers  *Answers    `yaml:"answers"`
	Files    FileDigests `yaml:"files"`
}

// PackRef records a template pack by source, ref and resolved commit.
// It is omitted for the embedded pack. Source never holds credentials;
// Commit is the full 40-hex commit of a git pack, and empty for a plain
// directory (which is not pinned).
type PackRef struct {
	Source string `yaml:"source"`
	Ref    string `yaml:"ref,omitempty"`
	Commit string `yaml:"commit,omitempty"`
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

// NewConfig records answers, the pack and the digests of files.
func NewConfig(version string, a *Answers, pack *PackRef, files []File) *Config {
	c := &Config{Schema: SchemaVersion, Dockslim: version, Pack: pack, Answers: a, Files: FileDigests{}}
	for _, f := range files {
		c.Files[f.Name] = Digest(f.Data)
	}
	return c
}

// Marshal renders the config as YAML with two-space indentation; map keys
// come out sorted, so the bytes are deterministic.
func (c *Config) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("# Written by dockslim: the answers its Dockerfile was rendered from.\n# `dockslim check` re-renders from them; `dockslim init` starts from them.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(c); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ParseConfig reads .dockslim.yaml strictly: unknown keys are errors, so
// a typo does not silently render something else.
func ParseConfig(data []byte) (*Config, error) {
	var c Config
	if err := yamlstrict.Decode(data, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", ConfigFile, err)
	}
	switch {
	case c.Schema != SchemaVersion:
		return nil, fmt.Errorf("%s: schema %d is not supported (this dockslim reads schema %d)", ConfigFile, c.Schema, SchemaVersion)
	case c.Answers == nil:
		return nil, fmt.Errorf("%s: no answers", ConfigFile)
	case c.Answers.Language == "":
		return nil, errors.New(ConfigFile + ": answers.language is missing")
	}
	if c.Answers.Vars == nil {
		c.Answers.Vars = map[string]string{}
	}
	return &c, nil
}
