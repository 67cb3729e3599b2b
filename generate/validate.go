package generate

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// ValidationError says why rendered files were not written.
type ValidationError struct {
	File string
	Line int
	Msg  string
}

func (e *ValidationError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("generated %s line %d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("generated %s: %s", e.File, e.Msg)
}

var numericUser = regexp.MustCompile(`^[1-9][0-9]*(:[0-9]+)?$`)

// Validate checks rendered files before anything is written: the
// Dockerfile parses with BuildKit's parser and raises none of the checks
// that parsing runs, uses nothing Docker 20.10's built-in frontend
// rejects, ends in a stage with a numeric non-root USER and an exec-form
// command, and copies nothing its .dockerignore excludes. (The full
// BuildKit check set runs in the tests over every golden output.)
func Validate(files []File) error {
	var df, ignore []byte
	for _, f := range files {
		switch f.Name {
		case Dockerfile:
			df = f.Data
		case DockerIgnore, MemberIgnore:
			ignore = f.Data
		}
	}
	if df == nil {
		return &ValidationError{File: Dockerfile, Msg: "the template pack rendered no Dockerfile"}
	}
	if bytes.HasPrefix(bytes.TrimSpace(df), []byte("# syntax")) || bytes.HasPrefix(bytes.TrimSpace(df), []byte("#syntax")) {
		return &ValidationError{File: Dockerfile, Line: 1, Msg: "a # syntax= directive makes the engine pull a frontend image; dockslim output must build offline"}
	}
	res, err := parser.Parse(bytes.NewReader(df))
	if err != nil {
		return &ValidationError{File: Dockerfile, Msg: err.Error()}
	}
	var warnings []string
	lint := linter.New(&linter.Config{Warn: func(rule, _, _, msg string, loc []parser.Range) {
		line := 0
		if len(loc) > 0 {
			line = loc[0].Start.Line
		}
		warnings = append(warnings, fmt.Sprintf("line %d: %s (%s)", line, msg, rule))
	}})
	for _, w := range res.Warnings {
		warnings = append(warnings, w.Short)
	}
	stages, _, err := instructions.Parse(res.AST, lint)
	if err != nil {
		return &ValidationError{File: Dockerfile, Msg: err.Error()}
	}
	if len(warnings) > 0 {
		return &ValidationError{File: Dockerfile, Msg: "BuildKit warns: " + strings.Join(warnings, "; ")}
	}
	if len(stages) < 2 {
		return &ValidationError{File: Dockerfile, Msg: "not a multi-stage build"}
	}
	var pm *patternmatcher.PatternMatcher
	if ignore != nil {
		patterns, err := ignorefile.ReadAll(bytes.NewReader(ignore))
		if err != nil {
			return &ValidationError{File: DockerIgnore, Msg: err.Error()}
		}
		if pm, err = patternmatcher.New(patterns); err != nil {
			return &ValidationError{File: DockerIgnore, Msg: err.Error()}
		}
	}
	for _, st := range stages {
		if st.Name != strings.ToLower(st.Name) {
			return &ValidationError{File: Dockerfile, Msg: fmt.Sprintf("stage %q is not lower case", st.Name)}
		}
		for _, cmd := range st.Commands {
			if err := checkCommand(cmd, pm); err != nil {
				return err
			}
		}
	}
	return checkFinalStage(stages[len(stages)-1])
}

// checkCommand rejects what the engine here would reject and sources the
// .dockerignore would hide.
func checkCommand(cmd instructions.Command, pm *patternmatcher.PatternMatcher) error {
	line := 0
	if loc := cmd.Location(); len(loc) > 0 {
		line = loc[0].Start.Line
	}
	bad := func(msg string) error { return &ValidationError{File: Dockerfile, Line: line, Msg: msg} }
	switch c := cmd.(type) {
	case *instructions.CopyCommand:
		switch {
		case c.Link:
			return bad("COPY --link is not accepted by Docker 20.10's built-in frontend")
		case len(c.ExcludePatterns) > 0:
			return bad("COPY --exclude is not accepted by Docker 20.10's built-in frontend")
		case c.Parents:
			return bad("COPY --parents is not accepted by Docker 20.10's built-in frontend")
		case len(c.SourceContents) > 0:
			return bad("heredocs are not accepted by Docker 20.10's built-in frontend")
		}
		if c.From == "" {
			for _, src := range c.SourcePaths {
				if err := checkNotIgnored(pm, src, line); err != nil {
					return err
				}
			}
		}
	case *instructions.AddCommand:
		if c.Checksum != "" {
			return bad("ADD --checksum is not accepted by Docker 20.10's built-in frontend")
		}
		if len(c.SourceContents) > 0 {
			return bad("heredocs are not accepted by Docker 20.10's built-in frontend")
		}
	case *instructions.RunCommand:
		if len(c.Files) > 0 {
			return bad("heredocs are not accepted by Docker 20.10's built-in frontend")
		}
		if err := c.Expand(func(s string) (string, error) { return s, nil }); err != nil {
			return bad(err.Error())
		}
		for _, m := range instructions.GetMounts(c) {
			if m.Type == instructions.MountTypeSecret && m.Env != nil {
				return bad("RUN --mount=type=secret,env= is not accepted by Docker 20.10's built-in frontend")
			}
			if m.Type == instructions.MountTypeBind && m.From == "" && m.Source != "" {
				if err := checkNotIgnored(pm, m.Source, line); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func checkNotIgnored(pm *patternmatcher.PatternMatcher, src string, line int) error {
	if pm == nil {
		return nil
	}
	p := strings.TrimPrefix(strings.TrimPrefix(src, "./"), "/")
	if p == "" || p == "." {
		return nil
	}
	ignored, err := pm.MatchesOrParentMatches(p)
	if err != nil {
		return &ValidationError{File: DockerIgnore, Msg: err.Error()}
	}
	if ignored {
		return &ValidationError{File: Dockerfile, Line: line, Msg: fmt.Sprintf("copies %s, which the generated .dockerignore excludes", src)}
	}
	return nil
}

// checkFinalStage checks the stage that ships: a numeric non-root USER
// and an exec-form command (docs/dockerfiles.md).
func checkFinalStage(st instructions.Stage) error {
	var user string
	var cmdOK bool
	for _, c := range st.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.CmdCommand:
			cmdOK = !c.PrependShell
		case *instructions.EntrypointCommand:
			cmdOK = !c.PrependShell
		}
	}
	if !numericUser.MatchString(user) {
		return &ValidationError{File: Dockerfile, Msg: fmt.Sprintf("the final stage must set a numeric non-root USER (got %q)", user)}
	}
	if !cmdOK {
		return &ValidationError{File: Dockerfile, Msg: "the final stage must have an exec-form CMD or ENTRYPOINT"}
	}
	return nil
}
