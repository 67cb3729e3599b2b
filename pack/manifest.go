package pack

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"
	"gopkg.in/yaml.v3"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/internal/yamlstrict"
)

// ManifestFile is a pack's manifest, at its root.
const ManifestFile = "dockslim-pack.yaml"

// Manifest is dockslim-pack.yaml. Every key is optional except name and
// version; unknown keys are errors.
type Manifest struct {
	// Name identifies the pack in messages ("acme-platform").
	Name string `yaml:"name"`
	// Version is the pack's own semver version (informational; releases
	// are git tags).
	Version string `yaml:"version"`
	// Requires is a semver constraint on dockslim's version (">=0.4.0").
	Requires string `yaml:"requires"`
	// Images replace base images by role (see images.go).
	Images map[string]string `yaml:"images"`
	// Mirrors rewrite image repositories by prefix (see images.go).
	Mirrors map[string]string `yaml:"mirrors"`
	// Flavours are the default flavour per language.
	Flavours map[string]string `yaml:"flavours"`
	// Vars are extra template variables (.Vars.NAME).
	Vars map[string]*Var `yaml:"vars"`
	// Policy is what every Dockerfile must satisfy (policy.go).
	Policy *Policy `yaml:"policy"`

	// lines maps "section.key" to its line in the file, for messages.
	lines map[string]int
}

// Var is one pack variable.
type Var struct {
	// Type is string, int or bool.
	Type string `yaml:"type"`
	// Default is used when --set does not give a value (the type's zero
	// value when absent).
	Default yaml.Node `yaml:"default"`
	// Help is shown next to the variable in the form and in errors.
	Help string `yaml:"help"`

	// def is Default, checked and normalised.
	def string
}

// Var types.
const (
	TypeString = "string"
	TypeInt    = "int"
	TypeBool   = "bool"
)

var (
	packNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$`)
	varNameRE  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// ParseManifest reads and checks dockslim-pack.yaml. Errors are one line
// naming the file and the line.
func ParseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	if err := yamlstrict.Decode(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, yamlstrict.Flatten(err))
	}
	m.lines = keyLines(&root)
	if err := m.check(); err != nil {
		return nil, err
	}
	return &m, nil
}

// errorf prefixes a manifest error with the file and the line of key
// ("images.node"), when known.
func (m *Manifest) errorf(key, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if line := m.lines[key]; line > 0 {
		return fmt.Errorf("%s: line %d: %s", ManifestFile, line, msg)
	}
	return fmt.Errorf("%s: %s", ManifestFile, msg)
}

func (m *Manifest) check() error {
	switch {
	case m.Name == "":
		return m.errorf("", "name is missing")
	case !packNameRE.MatchString(m.Name):
		return m.errorf("name", "name %q is not a plain name (letters, digits, . _ / -)", m.Name)
	case m.Version == "":
		return m.errorf("", "version is missing")
	}
	if _, err := semver.NewVersion(m.Version); err != nil {
		return m.errorf("version", "version %q is not a semver version like 1.2.0", m.Version)
	}
	if m.Requires != "" {
		if _, err := semver.NewConstraint(m.Requires); err != nil {
			return m.errorf("requires", "requires %q is not a semver constraint like >=0.4.0 (%v)", m.Requires, err)
		}
	}
	if err := m.checkImages(); err != nil {
		return err
	}
	if err := m.checkPolicy(); err != nil {
		return err
	}
	for _, lang := range sortedKeys(m.Flavours) {
		f := m.Flavours[lang]
		possible := possibleFlavours(lang)
		switch {
		case possible == nil:
			return m.errorf("flavours."+lang, "flavours: %q is not a language (%s)", lang, strings.Join(detect.LanguageNames(), ", "))
		case !slices.Contains(possible, f):
			return m.errorf("flavours."+lang, "flavours: %q never works for %s (possible: %s)", f, lang, strings.Join(possible, ", "))
		}
	}
	for _, name := range sortedKeys(m.Vars) {
		v := m.Vars[name]
		key := "vars." + name
		if !varNameRE.MatchString(name) {
			return m.errorf(key, "vars: %q is not a variable name (letters, digits and _, not starting with a digit)", name)
		}
		if v == nil {
			return m.errorf(key, "vars: %s has no type (string, int or bool)", name)
		}
		switch v.Type {
		case TypeString, TypeInt, TypeBool:
		case "":
			return m.errorf(key, "vars: %s has no type (string, int or bool)", name)
		default:
			return m.errorf(key, "vars: %s has type %q (want string, int or bool)", name, v.Type)
		}
		def := ""
		if v.Default.Kind != 0 {
			if v.Default.Kind != yaml.ScalarNode || v.Default.Tag == "!!null" {
				return fmt.Errorf("%s: line %d: vars: the default of %s is not a single %s value", ManifestFile, v.Default.Line, name, v.Type)
			}
			def = v.Default.Value
		}
		norm, err := normaliseValue(v.Type, def, def == "" && v.Default.Kind == 0)
		if err != nil {
			return fmt.Errorf("%s: line %d: vars: default of %s: %v", ManifestFile, max(v.Default.Line, m.lines[key]), name, err)
		}
		v.def = norm
	}
	return nil
}

// possibleFlavours are the flavours some project in lang can use; nil
// for a language dockslim does not know.
func possibleFlavours(lang string) []string {
	l, ok := detect.Lookup(lang)
	if !ok {
		return nil
	}
	return detect.PossibleFlavours(l)
}

// keyLines maps "key" and "section.key" of a YAML document to their lines.
func keyLines(doc *yaml.Node) map[string]int {
	lines := map[string]int{}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return lines
	}
	top := doc.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		lines[k.Value] = k.Line
		if v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				lines[k.Value+"."+v.Content[j].Value] = v.Content[j].Line
			}
		}
	}
	return lines
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
