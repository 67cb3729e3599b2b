package node

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// packageJSON holds the fields of package.json that detection reads.
// Maps are never nil after parsePackageJSON.
type packageJSON struct {
	Name           string
	Main           string
	PackageManager string
	Scripts        map[string]string
	Deps           map[string]string // dependencies
	DevDeps        map[string]string // devDependencies
	OptDeps        map[string]string // optionalDependencies
	Engines        map[string]string
	Volta          map[string]string
	// Workspaces are the workspace globs ("workspaces" as an array or as
	// {packages: […]}).
	Workspaces []string
	// PrismaSchema is prisma.schema: where Prisma's schema lives when it
	// is not prisma/schema.prisma.
	PrismaSchema string
	// PnpmSettings are the keys of the pnpm field (onlyBuiltDependencies…).
	PnpmSettings []string
}

// parsePackageJSON decodes package.json. Malformed JSON (or a top level
// that is not an object) is a *repo.FileError with a line and column. A field
// of the wrong type is not: npm itself normalises such fields away, so the
// field is ignored and a warning (returned) names it.
func parsePackageJSON(rel string, data []byte) (*packageJSON, []string, error) {
	// Editors on Windows may write a byte-order mark; npm accepts it.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		return nil, nil, jsonFileError(rel, data, err)
	}
	if top == nil { // the file is `null`
		return nil, nil, &repo.FileError{Path: rel, Line: 1, Col: 1, Err: errors.New("must hold a JSON object, not null")}
	}
	p := &packageJSON{}
	d := &fieldDecoder{file: rel, top: top}
	p.Name = d.str("name")
	p.Main = d.str("main")
	p.PackageManager = d.str("packageManager")
	p.Scripts = d.strMap("scripts")
	p.Deps = d.strMap("dependencies")
	p.DevDeps = d.strMap("devDependencies")
	p.OptDeps = d.strMap("optionalDependencies")
	p.Engines = d.strMap("engines")
	p.Volta = d.strMap("volta")
	p.Workspaces = d.workspaces()
	p.PrismaSchema = d.strMap("prisma")["schema"]
	if raw := d.raw("pnpm"); raw != nil {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) == nil {
			for k := range m {
				p.PnpmSettings = append(p.PnpmSettings, k)
			}
			sort.Strings(p.PnpmSettings)
		}
	}
	return p, d.warnings, nil
}

// jsonFileError turns an encoding/json error into a *repo.FileError that
// points at the offending byte.
func jsonFileError(rel string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off := se.Offset - 1 // Offset counts the offending byte itself
		if off < 0 {
			off = 0
		}
		line, col := repo.LineCol(data, off)
		return &repo.FileError{Path: rel, Line: line, Col: col, Err: fmt.Errorf("invalid JSON: %s", se.Error())}
	case errors.As(err, &te):
		// Only the top level is decoded strictly: point at its first byte.
		off := int64(len(data) - len(bytes.TrimLeft(data, " \t\r\n")))
		line, col := repo.LineCol(data, off)
		return &repo.FileError{Path: rel, Line: line, Col: col, Err: fmt.Errorf("must hold a JSON object, not %s", article(te.Value))}
	}
	return &repo.FileError{Path: rel, Err: err}
}

// article prefixes a JSON kind with "a"/"an" for messages.
func article(kind string) string {
	if kind != "" && strings.ContainsRune("aeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// fieldDecoder decodes top-level fields leniently, collecting warnings
// for fields of the wrong type.
type fieldDecoder struct {
	file     string
	top      map[string]json.RawMessage
	warnings []string
}

// jsonKind names the JSON type of raw for messages.
func jsonKind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "empty"
	}
	switch raw[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// raw returns the field's value, or nil when it is absent or null (npm
// treats a null field as a missing one).
func (d *fieldDecoder) raw(key string) json.RawMessage {
	v, ok := d.top[key]
	if !ok || jsonKind(v) == "null" {
		return nil
	}
	return v
}

func (d *fieldDecoder) wrongType(key, want string, raw json.RawMessage) {
	d.warnings = append(d.warnings, fmt.Sprintf("%s#%s is %s, not %s; it is ignored", d.file, key, article(jsonKind(raw)), article(want)))
}

// str decodes a string field.
func (d *fieldDecoder) str(key string) string {
	raw := d.raw(key)
	if raw == nil {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		d.wrongType(key, "string", raw)
		return ""
	}
	return s
}

// strMap decodes an object whose values should be strings; entries of
// another type are dropped with one warning for the field.
func (d *fieldDecoder) strMap(key string) map[string]string {
	out := map[string]string{}
	raw := d.raw(key)
	if raw == nil {
		return out
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		d.wrongType(key, "object", raw)
		return out
	}
	var bad []string
	for k, v := range m {
		var s string
		if json.Unmarshal(v, &s) != nil {
			bad = append(bad, k)
			continue
		}
		out[k] = s
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		d.warnings = append(d.warnings, fmt.Sprintf("%s#%s.%s is not a string; it is ignored", d.file, key, printable(bad[0])))
	}
	return out
}

// workspaces decodes "workspaces": an array of globs or an object with a
// "packages" array (the yarn classic form).
func (d *fieldDecoder) workspaces() []string {
	raw := d.raw("workspaces")
	if raw == nil {
		return nil
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return list
	}
	var obj struct {
		Packages []string `json:"packages"`
	}
	if jsonKind(raw) == "object" && json.Unmarshal(raw, &obj) == nil {
		return obj.Packages
	}
	d.warnings = append(d.warnings, fmt.Sprintf("%s#workspaces is neither a list of globs nor {\"packages\": […]}; it is ignored", d.file))
	return nil
}

// printable quotes s for a message when it holds anything but plain
// visible characters (a script name may carry a newline).
func printable(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) || r == ' ' {
			return fmt.Sprintf("%q", s)
		}
	}
	return s
}

// validProjectName reports whether a package.json name can be shown in
// an image label: npm's length limit and no control characters.
func validProjectName(s string) bool {
	if s == "" || len(s) > 214 {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return false
		}
	}
	return true
}

// dep returns the declared range of name and the package.json field that
// declares it (dependencies before devDependencies before
// optionalDependencies), or "", "".
func (p *packageJSON) dep(name string) (version, field string) {
	if v, ok := p.Deps[name]; ok {
		return v, "dependencies"
	}
	if v, ok := p.DevDeps[name]; ok {
		return v, "devDependencies"
	}
	if v, ok := p.OptDeps[name]; ok {
		return v, "optionalDependencies"
	}
	return "", ""
}

// hasDep reports whether name is a dependency of any kind.
func (p *packageJSON) hasDep(name string) bool {
	_, field := p.dep(name)
	return field != ""
}

// depNames lists every dependency name of any kind, sorted.
func (p *packageJSON) depNames() []string {
	var out []string
	for _, m := range []map[string]string{p.Deps, p.DevDeps, p.OptDeps} {
		for k := range m {
			out = append(out, k)
		}
	}
	return core.SortedUnique(out)
}

// script returns scripts[name] with surrounding blanks trimmed; an empty
// script counts as absent.
func (p *packageJSON) script(name string) (string, bool) {
	s := strings.TrimSpace(p.Scripts[name])
	return s, s != ""
}
