package e2e

// The Dockerfiles `just e2e-report` measures dockslim's against: the seed
// article's naive single-stage Dockerfile and the best peer of each
// language, written out for one fixture app. The templates live in peers/,
// each with a header naming its source and every change made to it; fly's
// generator for Node is run for real (npx).

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"text/template"
	"time"
)

// flyVersion is the @flydotio/dockerfile release the report runs.
const flyVersion = "0.7.10"

// peerData is what a peer template needs to know of the app; most of it is
// read from the Dockerfile dockslim generated for the same app, so all
// Dockerfiles of an app run the same command on the same port.
type peerData struct {
	Version         string   // language version: Node major, Python X.Y, Go X.Y
	Port            int      // EXPOSE
	Cmd             string   // exec-form CMD, JSON
	Shell           string   // the same command in shell form (docker init writes that)
	Build           bool     // Node: package.json has a build script
	BuildFromSource bool     // Node: native addons compile from source (build arg)
	LocalPkgs       []string // Python: local packages requirements.txt names
	Project         bool     // Python: no requirements.txt, the pyproject.toml project is installed
	Main            string   // Go: the main package
	NoGoSum         bool     // Go: no go.sum (a module without dependencies)
	NextStandalone  bool     // Node: dockslim runs Next's standalone server (absent from a single stage)
	Bin             string   // Go: the binary's name
}

// renderPeer renders peers/NAME.Dockerfile.tmpl.
func renderPeer(name string, d peerData) (string, error) {
	src, err := os.ReadFile(filepath.Join("peers", name+".Dockerfile.tmpl"))
	if err != nil {
		return "", err
	}
	tpl, err := template.New(name).Option("missingkey=error").
		Funcs(template.FuncMap{"join": strings.Join}).Parse(string(src))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := tpl.Execute(&b, d); err != nil {
		return "", err
	}
	return b.String(), nil
}

var (
	reArgDefault = regexp.MustCompile(`(?m)^ARG (NODE|PYTHON|GO)_VERSION=(\S+)\s*$`)
	reExpose     = regexp.MustCompile(`(?m)^EXPOSE (\d+)\s*$`)
	reCmd        = regexp.MustCompile(`(?m)^(?:CMD|ENTRYPOINT) (\[.*\])\s*$`)
	reSyntax     = regexp.MustCompile(`(?mi)^#\s*syntax\s*=`)
)

// peerDataFor reads what the peers need from dockslim's Dockerfile and the
// app's files in dir.
func peerDataFor(f fixture, dir, dockslimDockerfile string) (peerData, error) {
	d := peerData{Main: ".", Bin: f.app}
	m := reArgDefault.FindStringSubmatch(dockslimDockerfile)
	if m == nil {
		return d, fmt.Errorf("no ARG *_VERSION in dockslim's Dockerfile")
	}
	d.Version = strings.Trim(m[2], `"`)
	if m := reExpose.FindStringSubmatch(dockslimDockerfile); m != nil {
		fmt.Sscan(m[1], &d.Port)
	}
	cmds := reCmd.FindAllStringSubmatch(dockslimDockerfile, -1)
	if len(cmds) == 0 {
		return d, fmt.Errorf("no exec-form CMD/ENTRYPOINT in dockslim's Dockerfile")
	}
	d.Cmd = cmds[len(cmds)-1][1]
	var argv []string
	if err := json.Unmarshal([]byte(d.Cmd), &argv); err != nil {
		return d, fmt.Errorf("CMD %s: %v", d.Cmd, err)
	}
	d.Cmd = `["` + strings.Join(argv, `", "`) + `"]`
	d.Shell = strings.Join(argv, " ")
	for i, a := range f.init {
		if a == "--main" && i+1 < len(f.init) {
			d.Main = f.init[i+1]
		}
	}
	d.BuildFromSource = slices.Contains(f.buildArgs, "npm_config_build_from_source=true")
	switch f.kind {
	case "go":
		if _, err := os.Stat(filepath.Join(dir, "go.sum")); errors.Is(err, fs.ErrNotExist) {
			d.NoGoSum = true
		}
	case "node":
		var pkg struct {
			Scripts map[string]string `json:"scripts"`
		}
		data, err := os.ReadFile(filepath.Join(dir, "package.json"))
		if err != nil {
			return d, err
		}
		if err := json.Unmarshal(data, &pkg); err != nil {
			return d, err
		}
		_, d.Build = pkg.Scripts["build"]
		d.NextStandalone = strings.Contains(dockslimDockerfile, "/app/.next/standalone")
	case "python":
		pkgs, err := localRequirements(filepath.Join(dir, "requirements.txt"))
		if errors.Is(err, fs.ErrNotExist) {
			if _, err := os.Stat(filepath.Join(dir, "pyproject.toml")); err != nil {
				return d, fmt.Errorf("neither requirements.txt nor pyproject.toml: %w", err)
			}
			d.Project = true
			break
		}
		if err != nil {
			return d, err
		}
		d.LocalPkgs = pkgs
	}
	return d, nil
}

// peerNotes say how a template departs from its source for this app (the
// template headers say the same).
func peerNotes(name string, d peerData) []string {
	switch name {
	case "naive-node", "naive-python", "naive-go":
		n := []string{fmt.Sprintf("the seed's single-stage pattern on the language's full image, at the version dockslim resolved (%s)", d.Version)}
		n = append(n, goNotes(name, d)...)
		if d.NextStandalone {
			n = append(n, "runs `npm start` (next start): the single stage keeps the whole app, and the standalone server.js dockslim's image runs sits in .next/standalone")
		}
		if d.BuildFromSource {
			n = append(n, "added `ARG npm_config_build_from_source`, as dockslim's Dockerfile declares, so the addon compiles here")
		}
		return n
	case "docker-guide-go":
		n := []string{
			"dropped `# syntax=docker/dockerfile:1`: the engine here cannot pull a frontend image",
			"golang:1.19 → golang:" + d.Version + " (go.mod); the binary /docker-gs-ping is named /" + d.Bin,
			"final base gcr.io/distroless/base-debian11 rewritten to gcr.io/distroless/base-debian12, which e2e/bases.sh stands in (only Debian 12 can be stood in here; both are distroless base)",
		}
		if d.Main != "." {
			n = append(n, "the main package is "+d.Main+": the whole source is copied (the guide's `COPY *.go ./` takes the root folder's files only) and "+d.Main+" is built")
		}
		return append(n, goNotes(name, d)...)
	case "flyctl-go":
		n := []string{"GO_VERSION defaults to go.mod's go line (" + d.Version + "), which `fly launch` passes as a build argument; the golang:*-bookworm → debian:bookworm version of the template (the older alpine one cannot be built here)"}
		if d.Main != "." {
			n = append(n, "builds "+d.Main+" instead of `.`, the main package dockslim was given")
		}
		return append(n, goNotes(name, d)...)
	case "docker-init-python":
		n := []string{"dropped `# syntax=docker/dockerfile:1`: the engine here cannot pull a frontend image",
			"answers: Python " + d.Version + fmt.Sprintf(", port %d, command `%s`", d.Port, d.Shell)}
		if len(d.LocalPkgs) > 0 {
			n = append(n, "requirements.txt names local packages ("+strings.Join(d.LocalPkgs, ", ")+"): bind-mounted beside it (rw), or pip cannot find them")
		}
		if d.Project {
			n = append(n, "no requirements.txt (a pyproject.toml project): the project is bind-mounted (rw) in its place and installed with `pip install`")
		}
		return n
	}
	return nil
}

// goNotes are the changes every Go template gets for this app.
func goNotes(name string, d peerData) []string {
	if d.NoGoSum && strings.HasSuffix(name, "go") {
		return []string{"no go.sum (a module without dependencies): `COPY go.mod go.sum ./` copies go.mod only, or the build fails"}
	}
	return nil
}

// localRequirements are the local paths a requirements file installs
// ("./libs/x", "-e ./libs/x", "file:libs/x"), without the leading "./".
func localRequirements(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		line = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(line, "-e "), "--editable "))
		line = strings.TrimPrefix(line, "file:")
		if strings.HasPrefix(line, "./") || strings.HasPrefix(line, "../") {
			out = append(out, strings.TrimSuffix(strings.TrimPrefix(line, "./"), "/"))
		}
	}
	return out, sc.Err()
}

// flyDockerfile runs fly's generator in dir (a copy of the app) with
// NODE_ENV=test, as the issue asks, and returns the Dockerfile it wrote,
// adapted to this machine; notes say what was changed.
func flyDockerfile(dir string, buildFromSource bool) (string, []string, error) {
	npx, err := exec.LookPath("npx")
	if err != nil {
		return "", nil, fmt.Errorf("npx is missing: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npx, "--yes", "@flydotio/dockerfile@"+flyVersion, "--force")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_ENV=test", "CI=true", "npm_config_update_notifier=false")
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", nil, fmt.Errorf("npx @flydotio/dockerfile@%s --force: %v\n%s", flyVersion, err, tail(string(out), 20))
	}
	data, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		return "", nil, err
	}
	var pkg struct {
		PackageManager string `json:"packageManager"`
	}
	if manifest, err := os.ReadFile(filepath.Join(dir, "package.json")); err == nil {
		_ = json.Unmarshal(manifest, &pkg) // fly has read it already; a bad one failed there
	}
	text, notes := adaptFly(string(data), buildFromSource, pkg.PackageManager)
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(text), 0o644); err != nil {
		return "", nil, err
	}
	return text, notes, nil
}

// adaptFly makes fly's output buildable on this machine: no `# syntax=`
// line (the engine cannot pull frontends here); for native addons, the
// same build argument dockslim's Dockerfile declares (compile from source
// instead of downloading a prebuilt binary from GitHub); and the package
// manager version of package.json's packageManager where fly wrote
// `latest` (today's pnpm then switches itself to the pinned version and
// fails resolving its platform packages; the version is what a user of
// fly's Dockerfile would pass as a build argument).
func adaptFly(src string, buildFromSource bool, packageManager string) (string, []string) {
	var notes []string
	var out []string
	tool, version, _ := strings.Cut(packageManager, "@")
	version, _, _ = strings.Cut(version, "+") // pnpm@9.15.9+sha512.…
	for _, line := range strings.Split(src, "\n") {
		if version != "" && strings.TrimSpace(line) == "ARG "+strings.ToUpper(tool)+"_VERSION=latest" {
			line = "ARG " + strings.ToUpper(tool) + "_VERSION=" + version
			notes = append(notes, fmt.Sprintf("`%s_VERSION=latest` → `%s`, package.json's packageManager (as `latest`, pnpm switched itself to that version and failed resolving `@pnpm/win-x64@9.15.9`)", strings.ToUpper(tool), version))
		}
		l := strings.ToLower(strings.TrimSpace(line))
		if strings.HasPrefix(l, "#") && strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(l, "#")), "syntax") &&
			len(out) == 0 {
			notes = append(notes, fmt.Sprintf("dropped its first line %q: the engine here cannot pull a frontend image", strings.TrimSpace(line)))
			continue
		}
		out = append(out, line)
		if strings.Contains(line, "--experimental-build-mode compile") {
			notes = append(notes, "fly builds Next in compile-only mode (no prerendered pages; its docker-entrypoint.js would prerender at start with `next build --experimental-build-mode generate`), and its final stage copies only .next/standalone, static and public, not that entrypoint: left as fly wrote it, so its image may not start, and its bytes lack the prerendered pages dockslim's build keeps")
		}
		if buildFromSource && strings.HasPrefix(l, "from ") && strings.HasSuffix(l, " as build") {
			out = append(out, "ARG npm_config_build_from_source")
			notes = append(notes, "added `ARG npm_config_build_from_source` to its build stage, as dockslim's Dockerfile declares, so the addon compiles here (prebuilt binaries come from GitHub)")
		}
	}
	return strings.Join(out, "\n"), notes
}

// TestPeerTemplates renders every peer template for sample apps and reads
// the result back: it starts nothing and runs in `go test ./...`.
func TestPeerTemplates(t *testing.T) {
	node := peerData{Version: "22", Port: 3000, Cmd: `["node", "dist/server.js"]`, Shell: "node dist/server.js", Build: true, BuildFromSource: true}
	py := peerData{Version: "3.14", Port: 8000, Cmd: `["python", "server.py"]`, Shell: "python server.py", LocalPkgs: []string{"libs/greeting"}}
	pyProject := peerData{Version: "3.14", Port: 8000, Cmd: `["hello-app"]`, Shell: "hello-app", Project: true}
	gov := peerData{Version: "1.26", Port: 8080, Main: ".", Bin: "go-root"}
	goCmd := peerData{Version: "1.26", Port: 8080, Main: "./cmd/api", Bin: "go-cmd", NoGoSum: true}
	cases := []struct {
		name      string
		data      peerData
		images    []string
		finalBase string
		want      []string
	}{
		{"naive-node", node, []string{"node:22"}, "node:22", []string{"RUN npm install", "RUN npm run build", "ARG npm_config_build_from_source", `CMD ["node", "dist/server.js"]`}},
		{"naive-node", peerData{Version: "22", Port: 3000, Cmd: `["node", "server.js"]`, Build: true, NextStandalone: true}, []string{"node:22"}, "node:22", []string{"RUN npm run build", `CMD ["npm", "start"]`}},
		{"naive-python", py, []string{"python:3.14"}, "python:3.14", []string{"COPY libs/greeting ./libs/greeting", "RUN pip install -r requirements.txt"}},
		{"naive-go", gov, []string{"golang:1.26"}, "golang:1.26", []string{"RUN go build -o /app/server .", `CMD ["/app/server"]`}},
		{"docker-guide-go", gov, []string{"golang:1.26", "gcr.io/distroless/base-debian12"}, "gcr.io/distroless/base-debian12", []string{"CGO_ENABLED=0 GOOS=linux go build -o /go-root", "USER nonroot:nonroot"}},
		{"naive-go", goCmd, []string{"golang:1.26"}, "golang:1.26", []string{"COPY go.mod ./\n", "RUN go build -o /app/server ./cmd/api"}},
		{"docker-guide-go", goCmd, []string{"golang:1.26", "gcr.io/distroless/base-debian12"}, "gcr.io/distroless/base-debian12", []string{"COPY go.mod ./\n", "COPY . .\n", "go build -o /go-cmd ./cmd/api\n"}},
		{"flyctl-go", goCmd, []string{"golang:1.26-bookworm", "debian:bookworm"}, "debian:bookworm", []string{"COPY go.mod ./\n", "go build -v -o /run-app ./cmd/api\n"}},
		{"flyctl-go", gov, []string{"golang:1.26-bookworm", "debian:bookworm"}, "debian:bookworm", []string{"RUN go mod download && go mod verify", "CGO_ENABLED=1 go build -v -o /run-app ."}},
		{"naive-python", pyProject, []string{"python:3.14"}, "python:3.14", []string{"COPY . .\nRUN pip install .\n"}},
		{"docker-init-python", pyProject, []string{"python:3.14-slim"}, "python:3.14-slim", []string{"--mount=type=bind,target=/tmp/project,rw", "python -m pip install /tmp/project", "CMD hello-app"}},
		{"docker-init-python", py, []string{"python:3.14-slim"}, "python:3.14-slim", []string{"--mount=type=bind,source=libs/greeting,target=libs/greeting,rw", "python -m pip install -r requirements.txt", "CMD python server.py", "USER appuser"}},
	}
	for _, c := range cases {
		got, err := renderPeer(c.name, c.data)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if strings.Contains(got, "{{") || strings.Contains(got, "<no value>") {
			t.Errorf("%s: unrendered template text:\n%s", c.name, got)
		}
		if reSyntax.MatchString(got) {
			t.Errorf("%s: a # syntax line (the engine here cannot pull frontends)", c.name)
		}
		df := parseDockerfile(got)
		if imgs := df.images(); !slices.Equal(imgs, c.images) {
			t.Errorf("%s: images %q, want %q", c.name, imgs, c.images)
		}
		if fb := df.finalBase(); fb != c.finalBase {
			t.Errorf("%s: final base %q, want %q", c.name, fb, c.finalBase)
		}
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: lacks %q:\n%s", c.name, w, got)
			}
		}
	}
	// Without a build script or native addons, the naive Node file has neither.
	plain, err := renderPeer("naive-node", peerData{Version: "26", Port: 3000, Cmd: `["node", "server.js"]`})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain, "npm run build") || strings.Contains(plain, "ARG npm_config") {
		t.Errorf("naive-node without build or addons:\n%s", plain)
	}
}

func TestAdaptFly(t *testing.T) {
	src := "# syntax = docker/dockerfile:1\n\nARG NODE_VERSION=20.20.2\nFROM node:${NODE_VERSION}-slim AS base\nFROM base AS build\nRUN npm ci\nFROM base\n"
	got, notes := adaptFly(src, true, "")
	want := "\nARG NODE_VERSION=20.20.2\nFROM node:${NODE_VERSION}-slim AS base\nFROM base AS build\nARG npm_config_build_from_source\nRUN npm ci\nFROM base\n"
	if got != want || len(notes) != 2 {
		t.Errorf("adaptFly:\n%s\nnotes %q", got, notes)
	}
	if fb := parseDockerfile(got).finalBase(); fb != "node:20.20.2-slim" {
		t.Errorf("final base %q", fb)
	}
	if got, notes := adaptFly("FROM node:20-slim\n", false, "npm@10.0.0"); got != "FROM node:20-slim\n" || len(notes) != 0 {
		t.Errorf("adaptFly changed a plain file: %q %q", got, notes)
	}
	pnpm := "FROM base\nARG PNPM_VERSION=latest\nRUN npm install -g pnpm@$PNPM_VERSION\n"
	if got, notes := adaptFly(pnpm, false, "pnpm@9.15.9+sha512.abc"); !strings.Contains(got, "ARG PNPM_VERSION=9.15.9\n") || len(notes) != 1 {
		t.Errorf("adaptFly kept pnpm@latest: %q %q", got, notes)
	}
}

func TestLocalRequirements(t *testing.T) {
	p := filepath.Join(t.TempDir(), "requirements.txt")
	src := "# comment\nflask==3.0\n./libs/greeting\n-e ./libs/other/ # editable\nfile:./vendor/x\nrequests\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := localRequirements(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"libs/greeting", "libs/other", "vendor/x"}; !slices.Equal(got, want) {
		t.Errorf("localRequirements = %q, want %q", got, want)
	}
}
