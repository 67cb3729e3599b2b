package python

import (
	"bytes"
	"errors"
	"regexp"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// pyproject is the part of pyproject.toml detection reads. PEP 621's
// [project] table is typed strictly (a wrong type is a malformed file);
// tool tables are read leniently because every tool shapes them its own way.
type pyproject struct {
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
	Tool toolTables `toml:"tool"`
}

// toolTables are the [tool.*] tables detection reads.
type toolTables struct {
	Poetry *poetryTable `toml:"poetry"`
	Pdm    *struct {
		DevDependencies map[string]any `toml:"dev-dependencies"`
		// Source is [[tool.pdm.source]]: package indexes.
		Source any `toml:"source"`
	} `toml:"pdm"`
	Uv *struct {
		DevDependencies any `toml:"dev-dependencies"`
		// Workspace is [tool.uv.workspace]: members and exclude globs.
		Workspace map[string]any `toml:"workspace"`
		// Index is [[tool.uv.index]]: package indexes.
		Index any `toml:"index"`
	} `toml:"uv"`
}

// UvIndexes, PoetrySources and PdmSources are the package-index tables
// of each tool, each entry a table (read leniently: a wrong shape is no
// index).
func (t toolTables) UvIndexes() []map[string]any {
	if t.Uv == nil {
		return nil
	}
	return tables(t.Uv.Index)
}

func (t toolTables) PoetrySources() []map[string]any {
	if t.Poetry == nil {
		return nil
	}
	return tables(t.Poetry.Source)
}

func (t toolTables) PdmSources() []map[string]any {
	if t.Pdm == nil {
		return nil
	}
	return tables(t.Pdm.Source)
}

// tables is an array of tables, decoded leniently.
func tables(v any) []map[string]any {
	arr, _ := v.([]any)
	var out []map[string]any
	for _, x := range arr {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// poetryTable is [tool.poetry]. Dependency values are a version string, a
// table ({version, extras, path, optional, markers…}) or an array of them.
type poetryTable struct {
	Name            any            `toml:"name"`
	Dependencies    map[string]any `toml:"dependencies"`
	DevDependencies map[string]any `toml:"dev-dependencies"`
	Group           map[string]struct {
		Optional     bool           `toml:"optional"`
		Dependencies map[string]any `toml:"dependencies"`
	} `toml:"group"`
	Scripts map[string]any `toml:"scripts"`
	// Source is [[tool.poetry.source]]: package indexes.
	Source any `toml:"source"`
}

// pipfile is the part of a Pipfile detection reads.
type pipfile struct {
	// Source is [[source]]: package indexes.
	Source      any            `toml:"source"`
	Packages    map[string]any `toml:"packages"`
	DevPackages map[string]any `toml:"dev-packages"`
	Requires    struct {
		PythonVersion     any `toml:"python_version"`
		PythonFullVersion any `toml:"python_full_version"`
	} `toml:"requires"`
}

// decodeTOML decodes data (the file rel) into v, turning go-toml's
// errors into a *repo.FileError with line and column.
func decodeTOML(rel string, data []byte, v any) error {
	err := toml.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		return &repo.FileError{Path: rel, Line: line, Col: col, Err: errors.New(tOMLMessage(de))}
	}
	return &repo.FileError{Path: rel, Err: err}
}

// typeMismatchRE recognises go-toml's type errors, which name Go types.
var typeMismatchRE = regexp.MustCompile(`cannot decode TOML (.+?) into`)

// tOMLMessage says what is wrong in TOML terms, not Go ones.
func tOMLMessage(de *toml.DecodeError) string {
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	if m := typeMismatchRE.FindStringSubmatch(msg); m != nil {
		key := strings.Join(de.Key(), ".")
		if key == "" {
			return "a value has the wrong type (" + m[1] + ")"
		}
		return key + " has the wrong type (" + m[1] + ")"
	}
	return "invalid TOML: " + msg
}

// readProject reads and decodes pyproject.toml.
func readProject(r *repo.Repo) (*pyproject, []byte, error) {
	data, err := r.Read("pyproject.toml", repo.MaxManifest)
	if err != nil {
		return nil, nil, err
	}
	var pp pyproject
	if err := decodeTOML("pyproject.toml", data, &pp); err != nil {
		return nil, nil, err
	}
	return &pp, data, nil
}

// readPipfile reads and decodes the Pipfile.
func readPipfile(r *repo.Repo) (*pipfile, error) {
	data, err := r.Read("Pipfile", repo.MaxManifest)
	if err != nil {
		return nil, err
	}
	var pf pipfile
	if err := decodeTOML("Pipfile", data, &pf); err != nil {
		return nil, err
	}
	return &pf, nil
}

// locate returns the line and column of the first quoted occurrence of
// s in data, to point an error about a TOML string at its place; 0, 0
// when it cannot be found (an escaped string).
func locate(data []byte, s string) (int, int) {
	for _, q := range []string{`"`, `'`} {
		if i := bytes.Index(data, []byte(q+s+q)); i >= 0 {
			return repo.LineCol(data, int64(i+1))
		}
	}
	return 0, 0
}

// asString returns v when it is a string.
func asString(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// asStrings returns the strings of a TOML array (other items skipped).
func asStrings(v any) []string {
	arr, _ := v.([]any)
	var out []string
	for _, x := range arr {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}
