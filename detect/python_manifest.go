package detect

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
)

// pyProject is the part of pyproject.toml detection reads. PEP 621's
// [project] table is typed strictly (a wrong type is a malformed file);
// tool tables are read leniently because every tool shapes them its own way.
type pyProject struct {
	Project *struct {
		Name                 string              `toml:"name"`
		RequiresPython       string              `toml:"requires-python"`
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
		Scripts              map[string]string   `toml:"scripts"`
	} `toml:"project"`
	// DependencyGroups (PEP 735) hold strings or {include-group = "…"}.
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	BuildSystem      *struct {
		Requires     []string `toml:"requires"`
		BuildBackend string   `toml:"build-backend"`
	} `toml:"build-system"`
	Tool struct {
		Poetry *pyPoetry `toml:"poetry"`
		Pdm    *struct {
			DevDependencies map[string]any `toml:"dev-dependencies"`
		} `toml:"pdm"`
		Uv *struct {
			DevDependencies any `toml:"dev-dependencies"`
		} `toml:"uv"`
	} `toml:"tool"`
}

// pyPoetry is [tool.poetry]. Dependency values are a version string, a
// table ({version, extras, path, optional, markers…}) or an array of them.
type pyPoetry struct {
	Name            any            `toml:"name"`
	Dependencies    map[string]any `toml:"dependencies"`
	DevDependencies map[string]any `toml:"dev-dependencies"`
	Group           map[string]struct {
		Dependencies map[string]any `toml:"dependencies"`
	} `toml:"group"`
	Scripts map[string]any `toml:"scripts"`
}

// pyPipfile is the part of a Pipfile detection reads.
type pyPipfile struct {
	Packages    map[string]any `toml:"packages"`
	DevPackages map[string]any `toml:"dev-packages"`
	Requires    struct {
		PythonVersion     any `toml:"python_version"`
		PythonFullVersion any `toml:"python_full_version"`
	} `toml:"requires"`
}

// pyDecodeTOML decodes data (the file rel) into v, turning go-toml's
// errors into a *FileError with line and column.
func pyDecodeTOML(rel string, data []byte, v any) error {
	err := toml.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		return &FileError{Path: rel, Line: line, Col: col, Err: errors.New(pyTOMLMessage(de))}
	}
	return &FileError{Path: rel, Err: err}
}

// pyTypeMismatchRE recognises go-toml's type errors, which name Go types.
var pyTypeMismatchRE = regexp.MustCompile(`cannot decode TOML (.+?) into`)

// pyTOMLMessage says what is wrong in TOML terms, not Go ones.
func pyTOMLMessage(de *toml.DecodeError) string {
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	if m := pyTypeMismatchRE.FindStringSubmatch(msg); m != nil {
		key := strings.Join(de.Key(), ".")
		if key == "" {
			return "a value has the wrong type (" + m[1] + ")"
		}
		return key + " has the wrong type (" + m[1] + ")"
	}
	return "invalid TOML: " + msg
}

// pyReadProject reads and decodes pyproject.toml.
func pyReadProject(r *repo) (*pyProject, []byte, error) {
	data, err := r.read("pyproject.toml", maxManifest)
	if err != nil {
		return nil, nil, err
	}
	var pp pyProject
	if err := pyDecodeTOML("pyproject.toml", data, &pp); err != nil {
		return nil, nil, err
	}
	return &pp, data, nil
}

// pyReadPipfile reads and decodes the Pipfile.
func pyReadPipfile(r *repo) (*pyPipfile, error) {
	data, err := r.read("Pipfile", maxManifest)
	if err != nil {
		return nil, err
	}
	var pf pyPipfile
	if err := pyDecodeTOML("Pipfile", data, &pf); err != nil {
		return nil, err
	}
	return &pf, nil
}

// pyLocate returns the line and column of the first quoted occurrence of
// s in data, to point an error about a TOML string at its place; 0, 0
// when it cannot be found (an escaped string).
func pyLocate(data []byte, s string) (int, int) {
	for _, q := range []string{`"`, `'`} {
		if i := bytes.Index(data, []byte(q+s+q)); i >= 0 {
			return lineCol(data, int64(i+1))
		}
	}
	return 0, 0
}

// pyString returns v when it is a string.
func pyString(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// pyStrings returns the strings of a TOML array (other items skipped).
func pyStrings(v any) []string {
	arr, _ := v.([]any)
	var out []string
	for _, x := range arr {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
