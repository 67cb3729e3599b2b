package e2e

import (
	"bufio"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// stage is one FROM of a Dockerfile: its base (a reference with the
// global ARG defaults substituted, or an earlier stage's name) and its name.
type stage struct {
	base string
	name string
	// refs are the stage's COPY --from and RUN --mount from= values.
	refs []string
}

// dockerfile is what the suite needs to know of a generated Dockerfile.
type dockerfile struct {
	stages []stage
	// copyFrom are the values of COPY --from=… (stage names, indexes or images).
	copyFrom []string
}

// instructions joins continuation lines and drops comments and blank lines.
func instructions(src string) []string {
	var out []string
	var cur strings.Builder
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "#") || line == "" && cur.Len() == 0 {
			continue
		}
		if strings.HasSuffix(line, `\`) {
			cur.WriteString(strings.TrimSuffix(line, `\`))
			cur.WriteByte(' ')
			continue
		}
		cur.WriteString(line)
		out = append(out, strings.TrimSpace(cur.String()))
		cur.Reset()
	}
	if cur.Len() > 0 {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}

var argRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// expand substitutes ${NAME} and $NAME from vars; unknown names stay.
func expand(s string, vars map[string]string) string {
	return argRef.ReplaceAllStringFunc(s, func(m string) string {
		name := strings.Trim(m, "${}")
		if v, ok := vars[name]; ok {
			return v
		}
		return m
	})
}

// parseDockerfile reads the stages and COPY --from values. Only the global
// ARGs (those before the first FROM) take part in FROM lines, as in Docker.
func parseDockerfile(src string) dockerfile {
	var df dockerfile
	global := map[string]string{}
	for _, ins := range instructions(src) {
		fields := strings.Fields(ins)
		switch strings.ToUpper(fields[0]) {
		case "ARG":
			if len(df.stages) > 0 {
				continue
			}
			for _, a := range fields[1:] {
				name, val, _ := strings.Cut(a, "=")
				global[name] = strings.Trim(val, `"`)
			}
		case "FROM":
			var words []string
			for _, w := range fields[1:] {
				if !strings.HasPrefix(w, "--") {
					words = append(words, w)
				}
			}
			if len(words) == 0 {
				continue
			}
			s := stage{base: expand(words[0], global)}
			if len(words) >= 3 && strings.EqualFold(words[1], "AS") {
				s.name = strings.ToLower(words[2])
			}
			df.stages = append(df.stages, s)
		case "COPY", "ADD":
			for _, w := range fields[1:] {
				if v, ok := strings.CutPrefix(w, "--from="); ok {
					df.copyFrom = append(df.copyFrom, expand(v, global))
					df.addRef(expand(v, global))
				}
			}
		case "RUN":
			for _, w := range fields[1:] {
				m, ok := strings.CutPrefix(w, "--mount=")
				if !ok {
					continue
				}
				for _, kv := range strings.Split(m, ",") {
					if v, ok := strings.CutPrefix(kv, "from="); ok {
						df.addRef(expand(v, global))
					}
				}
			}
		}
	}
	return df
}

// addRef records a reference of the current (last) stage.
func (df *dockerfile) addRef(ref string) {
	if n := len(df.stages); n > 0 {
		df.stages[n-1].refs = append(df.stages[n-1].refs, ref)
	}
}

// stageIndex is the index of the stage a reference names (by name or
// number), -1 for an image.
func (df dockerfile) stageIndex(ref string, before int) int {
	for i, s := range df.stages[:before] {
		if s.name != "" && strings.EqualFold(s.name, ref) {
			return i
		}
	}
	if isIndex(ref) {
		if n := int(ref[0] - '0'); len(ref) == 1 && n < before {
			return n
		}
	}
	return -1
}

// imagesFor are the image references a build of target ("" for the
// default, the last stage) needs: BuildKit builds only the stages the
// target reaches, so a debug stage's base is not needed by the default
// build.
func (df dockerfile) imagesFor(target string) []string {
	if len(df.stages) == 0 {
		return nil
	}
	start := len(df.stages) - 1
	if target != "" {
		if start = df.stageIndex(target, len(df.stages)); start < 0 {
			return nil
		}
	}
	reach := map[int]bool{}
	var visit func(i int)
	visit = func(i int) {
		if reach[i] {
			return
		}
		reach[i] = true
		for _, r := range append([]string{df.stages[i].base}, df.stages[i].refs...) {
			if j := df.stageIndex(r, i); j >= 0 {
				visit(j)
			}
		}
	}
	visit(start)
	var out []string
	add := func(ref string, i int) {
		if ref != "" && ref != "scratch" && df.stageIndex(ref, i) < 0 && !isIndex(ref) && !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	for i, s := range df.stages {
		if reach[i] {
			add(s.base, i)
		}
	}
	for i, s := range df.stages {
		if reach[i] {
			for _, r := range s.refs {
				add(r, i)
			}
		}
	}
	return out
}

func (df dockerfile) isStage(ref string) bool {
	for _, s := range df.stages {
		if s.name != "" && strings.EqualFold(s.name, ref) {
			return true
		}
	}
	return false
}

// images are the image references the build needs: every FROM that is not
// scratch or an earlier stage, and every COPY --from that names an image.
func (df dockerfile) images() []string {
	var out []string
	add := func(ref string) {
		if ref != "" && ref != "scratch" && !df.isStage(ref) && !isIndex(ref) && !slices.Contains(out, ref) {
			out = append(out, ref)
		}
	}
	for _, s := range df.stages {
		add(s.base)
	}
	for _, c := range df.copyFrom {
		add(c)
	}
	return out
}

func isIndex(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// hasStage reports whether a stage of that name exists.
func (df dockerfile) hasStage(name string) bool { return df.isStage(name) }

// finalBase is the image the last stage starts from, following stage
// names back to an image ("scratch" for none).
func (df dockerfile) finalBase() string {
	if len(df.stages) == 0 {
		return ""
	}
	ref := df.stages[len(df.stages)-1].base
	for range len(df.stages) {
		found := false
		for _, s := range df.stages {
			if s.name != "" && strings.EqualFold(s.name, ref) {
				ref, found = s.base, true
				break
			}
		}
		if !found {
			break
		}
	}
	return ref
}

// These run without DOCKSLIM_E2E: they parse text and start nothing.

func TestParseDockerfile(t *testing.T) {
	src := `# comment
ARG GO_VERSION=1.26
ARG NODE_VERSION="22"

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-bookworm AS deps
ARG GO_VERSION=9
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
FROM deps AS build
FROM node:$NODE_VERSION-bookworm-slim AS web
COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /usr/local/bin/
COPY --from=build /out/app /app
COPY --from=0 /x /x
FROM web AS runtime
FROM scratch
COPY --from=build /out/app /app
`
	df := parseDockerfile(src)
	want := []string{"golang:1.26-bookworm", "node:22-bookworm-slim", "ghcr.io/astral-sh/uv:0.9"}
	if got := df.images(); !slices.Equal(got, want) {
		t.Errorf("images() = %q, want %q", got, want)
	}
	if got := df.finalBase(); got != "scratch" {
		t.Errorf("finalBase() = %q, want scratch", got)
	}
	if !df.hasStage("build") || df.hasStage("test") {
		t.Errorf("hasStage: build %v test %v", df.hasStage("build"), df.hasStage("test"))
	}
	if got, want := df.imagesFor(""), []string{"golang:1.26-bookworm"}; !slices.Equal(got, want) {
		t.Errorf(`imagesFor("") = %q, want %q`, got, want)
	}
	if got, want := df.imagesFor("runtime"), []string{"golang:1.26-bookworm", "node:22-bookworm-slim", "ghcr.io/astral-sh/uv:0.9"}; !slices.Equal(got, want) {
		t.Errorf(`imagesFor("runtime") = %q, want %q`, got, want)
	}
	mounted := parseDockerfile("FROM node:22 AS frontend\nFROM golang:1.26 AS build\nRUN --mount=type=bind,from=frontend,source=/a,target=b go build\nFROM debian:bookworm-slim AS debug\nFROM scratch AS runtime\nCOPY --from=build /a /a\n")
	if got, want := mounted.imagesFor(""), []string{"node:22", "golang:1.26"}; !slices.Equal(got, want) {
		t.Errorf(`a mounted stage: imagesFor("") = %q, want %q`, got, want)
	}
	if got, want := mounted.imagesFor("debug"), []string{"debian:bookworm-slim"}; !slices.Equal(got, want) {
		t.Errorf(`imagesFor("debug") = %q, want %q`, got, want)
	}
	py := parseDockerfile("ARG PYTHON_VERSION=3.14\nFROM python:${PYTHON_VERSION}-slim-bookworm AS base\nFROM base AS build\nFROM build AS test\nFROM base AS runtime\n")
	if got := py.finalBase(); got != "python:3.14-slim-bookworm" {
		t.Errorf("python finalBase() = %q", got)
	}
	if got := py.images(); !slices.Equal(got, []string{"python:3.14-slim-bookworm"}) {
		t.Errorf("python images() = %q", got)
	}
}
