// Package yamlstrict decodes the YAML files people write for dockslim
// (.dockslim.yaml, a pack's dockslim-pack.yaml, the user config) strictly:
// an unknown key is an error, and every error is one line naming the
// line number, so a typo never silently renders something else.
package yamlstrict

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Decode decodes data into v, refusing keys v has no field for. An empty
// document leaves v alone.
func Decode(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return Flatten(err)
	}
	return nil
}

var (
	unknownField = regexp.MustCompile(`^line (\d+): field (.+) not found in type \S+$`)
	cannotDecode = regexp.MustCompile(`^line (\d+): cannot unmarshal !!(\w+) ` + "`" + `(.*)` + "`" + ` into (\S+)$`)
)

// Flatten turns yaml.v3's errors (a multi-line list for type errors) into
// one line of "line N: …" sentences joined by "; ".
func Flatten(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
	}
	msgs := make([]string, 0, len(te.Errors))
	for _, e := range te.Errors {
		switch m := unknownField.FindStringSubmatch(e); {
		case m != nil:
			msgs = append(msgs, fmt.Sprintf("line %s: unknown key %q", m[1], m[2]))
		default:
			if m := cannotDecode.FindStringSubmatch(e); m != nil {
				msgs = append(msgs, fmt.Sprintf("line %s: %q is not a valid %s", m[1], m[3], kind(m[4])))
				continue
			}
			msgs = append(msgs, e)
		}
	}
	return errors.New(strings.Join(msgs, "; "))
}

// kind names a Go type the way a YAML author thinks of it.
func kind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "list"
	case strings.HasPrefix(goType, "map["):
		return "mapping"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "integer"
	case goType == "bool":
		return "boolean (true or false)"
	case goType == "string":
		return "string"
	}
	return "value here"
}
