package audit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Dockerfile is a parsed Dockerfile as the rules read it.
type Dockerfile struct {
	Path   string
	Stages []Stage
}

// Stage is one FROM and what follows it.
type Stage struct {
	// Name is the stage's name (AS name), "" when it has none; Base what
	// it starts FROM (an image or an earlier stage's name).
	Name, Base string
	Line       int
	Commands   []instructions.Command
	// Index is the stage's place in the file.
	Index int
}

// ParseError is a Dockerfile BuildKit's parser refuses: exit 2.
type ParseError struct {
	Path string
	Line int
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Parse reads a Dockerfile with BuildKit's parser.
func Parse(path string, data []byte) (*Dockerfile, error) {
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, &ParseError{Path: path, Line: lineOf(err), Err: err}
	}
	stages, metaArgs, err := instructions.Parse(res.AST, linter.New(&linter.Config{}))
	if err != nil {
		return nil, &ParseError{Path: path, Line: lineOf(err), Err: err}
	}
	// FROM node:${NODE_VERSION}-slim: the global ARGs' defaults, as a
	// build without --build-arg resolves them.
	var pairs []string
	for _, a := range metaArgs {
		for _, kv := range a.Args {
			if kv.Value != nil {
				pairs = append(pairs, "${"+kv.Key+"}", *kv.Value, "$"+kv.Key, *kv.Value)
			}
		}
	}
	expand := strings.NewReplacer(pairs...)
	if len(stages) == 0 {
		return nil, &ParseError{Path: path, Err: errors.New("no FROM instruction: not a Dockerfile")}
	}
	df := &Dockerfile{Path: path}
	for i, s := range stages {
		st := Stage{Name: s.Name, Base: expand.Replace(s.BaseName), Commands: s.Commands, Index: i}
		if len(s.Location) > 0 {
			st.Line = s.Location[0].Start.Line
		}
		df.Stages = append(df.Stages, st)
	}
	return df, nil
}

// lineOf is the line a BuildKit parse error points at, 0 when none.
func lineOf(err error) int {
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, loc := range le.Locations {
			if len(loc) > 0 {
				return loc[0].Start.Line
			}
		}
	}
	return 0
}

// Final is the last stage: the image.
func (d *Dockerfile) Final() *Stage { return &d.Stages[len(d.Stages)-1] }

// Stage returns the stage named name (or with that index), nil for an
// image.
func (d *Dockerfile) Stage(name string) *Stage {
	for i := range d.Stages {
		if strings.EqualFold(d.Stages[i].Name, name) || fmt.Sprint(i) == name {
			return &d.Stages[i]
		}
	}
	return nil
}

// Image is the image a stage finally rests on, following FROM <stage>.
func (d *Dockerfile) Image(s *Stage) string {
	for range d.Stages {
		p := d.Stage(s.Base)
		if p == nil || p.Index >= s.Index {
			return s.Base
		}
		s = p
	}
	return s.Base
}

// lines are a command's first and last line.
func lines(c instructions.Command) (int, int) {
	loc := c.Location()
	if len(loc) == 0 {
		return 0, 0
	}
	return loc[0].Start.Line, loc[len(loc)-1].End.Line
}

// runText is a RUN's command line as one string.
func runText(r *instructions.RunCommand) string { return strings.Join(r.CmdLine, " ") }

// hasCacheMount reports whether a RUN mounts a cache (read from its
// source: BuildKit parses mounts only when it expands the command).
func hasCacheMount(r *instructions.RunCommand) bool {
	return strings.Contains(r.String(), "type=cache")
}
