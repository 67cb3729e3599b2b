// Package e2e builds the Dockerfiles dockslim generates for the fixture
// apps in testdata/ in a real Docker engine, runs and probes the images,
// runs their test stages and checks facts of docs/dockerfiles.md inside them.
//
// It runs only with DOCKSLIM_E2E=1 (`just e2e`), after e2e/engine.sh; a
// plain `go test ./...` starts no builds, even where an engine is up.
// Every build uses BuildKit with --network host, every container host
// networking, probes go to 127.0.0.1 only, and everything started is
// removed. See e2e/README.md.
package e2e

import (
	"cmp"
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// requireE2E skips unless DOCKSLIM_E2E=1: the suite never starts because
// an engine happens to be up.
func requireE2E(t *testing.T) {
	t.Helper()
	if os.Getenv("DOCKSLIM_E2E") != "1" {
		t.Skip("DOCKSLIM_E2E=1 runs the e2e suite (needs a Docker engine)")
	}
}

// fixture is one app of testdata/ and what proves its images right.
type fixture struct {
	app  string
	kind string // go | node | python | static (nginx serves a built site)
	// flavours are those buildable here (e2e/README.md): no alpine (no
	// Alpine mirror), Python slim only, cgo and Node without scratch.
	flavours  []string
	init      []string // extra `dockslim init` flags
	buildArgs []string // extra `docker build` flags, for every build of the app
	// body is a substring of the 200 answer to GET / on the app's port:
	// a free port passed as PORT, or port when the image has a fixed one.
	body string
	port int
	// path is what the probe GETs instead of / (a client-side route of a
	// single-page app must answer with its index.html).
	path string
	// present and absent are path.Match patterns of the final image's
	// file system (no leading slash): the artefact, and what must not
	// ship (dev dependencies, sources, compilers).
	present, absent []string
	// member is the app's folder: init runs there, and the image is built
	// from the fixture's root with -f member/Dockerfile for a workspace
	// member, from the folder itself for a plain sub-folder project.
	member string
	// unrelated is a file of another workspace package: after the first
	// build it is edited, and the rebuild must reuse the install layer.
	unrelated string
	// failing is a test file (path → content) that must make the test
	// stage fail: proof that `--target test` runs the tests at all. Tried
	// on the fixture's first flavour only.
	failing map[string]string
}

// buildFromSource makes native addons compile instead of downloading
// prebuilt binaries from GitHub (the generated Dockerfile declares the ARG).
var buildFromSource = []string{"--build-arg", "npm_config_build_from_source=true"}

var goAbsent = []string{"usr/local/go/bin/go", "src/*", "go/pkg/*", "root/.cache/*"}

var fixtures = []fixture{
	{
		app: "node-ts-express", kind: "node", flavours: []string{"slim", "distroless"},
		body:    `{"hello":"e2e","from":"ts-express"}`,
		present: []string{"app/dist/server.js", "app/node_modules/express/package.json"},
		absent:  []string{"app/node_modules/typescript", "app/node_modules/@types", "app/src", "app/tsconfig.json"},
	},
	{
		app: "node-native", kind: "node", flavours: []string{"slim", "distroless"}, buildArgs: buildFromSource,
		body:    `{"bcrypt":true,"from":"native"}`,
		present: []string{"app/node_modules/bcrypt/lib/binding/*/bcrypt_lib.node", "app/server.js"},
		absent:  []string{"app/hash.test.js"},
	},
	{
		app: "node-next-standalone", kind: "node", flavours: []string{"slim", "distroless"},
		body:    "hello from next-standalone",
		present: []string{"app/server.js", "app/.next/static", "app/public/robots.txt"},
		absent:  []string{"app/node_modules/typescript", "app/app/page.js"},
	},
	{
		app: "node-fastify", kind: "node", flavours: []string{"slim", "distroless"},
		body:    `{"hello":"e2e","from":"fastify"}`,
		present: []string{"app/server.js", "app/app.js", "app/node_modules/fastify/package.json"},
		// No build step: the runtime copies the source, without its tests.
		absent:  []string{"app/app.test.js"},
		failing: map[string]string{"fail.test.js": failingNodeTest},
	},
	{
		app: "node-autoload", kind: "node", flavours: []string{"slim"},
		// The server reads routes/ at start and the build writes
		// public/bundle.js: the runtime needs the source and the output.
		body:    `"routes":["health.js","items.js"],"bundle":"built"`,
		present: []string{"app/routes/items.js", "app/public/bundle.js", "app/scripts/bundle.js"},
	},
	{
		app: "node-data-dir", kind: "node", flavours: []string{"slim", "distroless"},
		// Both database folders are made for the non-root user: the
		// server writes one at start and the other on each request.
		body:    `"todos":"written","visits":1`,
		present: []string{"var/lib/todos", "app/data", "app/server.js"},
	},
	{
		app: "node-pnpm-workspace", kind: "node", flavours: []string{"slim", "distroless"},
		// The API of a pnpm workspace, built from the root: pnpm deploy
		// lays out its files and production dependencies, the workspace
		// library it uses (built by tsc) included, and nothing else.
		member: "apps/api", unrelated: "packages/unrelated/index.js",
		body:    `"hello":"greetings, e2e","from":"pnpm-workspace"`,
		present: []string{"app/src/server.js", "app/node_modules/.pnpm/*/node_modules/@ws/greet/dist/index.js", "app/node_modules/ms"},
		absent:  []string{"app/node_modules/.pnpm/typescript*", "app/packages", "app/apps", "app/node_modules/.pnpm/left-pad*"},
	},
	{
		app: "node-npm-workspace", kind: "node", flavours: []string{"slim", "distroless"},
		// The same with npm: production dependencies at the root, the
		// member's and its library's folders from the build.
		member: "apps/api", unrelated: "packages/unrelated/index.js",
		body:    `"hello":"greetings, e2e","from":"npm-workspace"`,
		present: []string{"app/apps/api/src/server.js", "app/packages/greet/dist/index.js", "app/node_modules/ms", "app/node_modules/@ws/greet"},
		absent:  []string{"app/node_modules/typescript", "app/packages/unrelated", "app/node_modules/left-pad"},
	},
	{
		app: "node-yarn-workspace", kind: "node", flavours: []string{"slim"},
		// yarn classic installs the workspace whole; the build and the
		// runtime take the member's packages only.
		member: "apps/api", unrelated: "packages/unrelated/index.js",
		body:    `"hello":"greetings, e2e","from":"yarn-workspace"`,
		present: []string{"app/apps/api/src/server.js", "app/packages/greet/dist/index.js", "app/node_modules/ms"},
		absent:  []string{"app/node_modules/typescript", "app/packages/unrelated"},
	},
	{
		app: "node-yarn-berry-workspace", kind: "node", flavours: []string{"slim"},
		// yarn 4 focuses the production install on the member.
		member: "apps/api", unrelated: "packages/unrelated/index.js",
		body:    `"hello":"greetings, e2e","from":"yarn-berry-workspace"`,
		present: []string{"app/apps/api/src/server.js", "app/packages/greet/dist/index.js", "app/node_modules/ms"},
		absent:  []string{"app/node_modules/typescript", "app/packages/unrelated", "app/node_modules/left-pad"},
	},
	{
		app: "node-bun-workspace", kind: "node", flavours: []string{"slim"},
		// bun installs the workspace whole; the runtime takes the
		// member's packages only.
		member: "apps/api", unrelated: "packages/unrelated/index.js",
		body:    `"hello":"greetings, e2e","from":"bun-workspace"`,
		present: []string{"app/apps/api/src/server.js", "app/packages/greet/dist/index.js", "app/node_modules/ms"},
		absent:  []string{"app/node_modules/typescript", "app/packages/unrelated"},
	},
	{
		app: "node-turborepo-next", kind: "node", flavours: []string{"slim"},
		// A Next app (output: standalone) of a Turborepo: turbo builds it
		// and the workspace package it imports; the standalone tree
		// mirrors the workspace from its root.
		member: "apps/web", unrelated: "packages/notes/index.js",
		body:    "hello from turborepo-next",
		present: []string{"app/apps/web/server.js", "app/apps/web/.next/static", "app/apps/web/public/robots.txt"},
		absent:  []string{"app/node_modules/.pnpm/turbo*", "app/packages/notes"},
	},
	{
		app: "go-work-member", kind: "go", flavours: []string{"scratch"},
		// A module of a go.work workspace (no go.mod at the root) that
		// requires another: built from the root, in workspace mode.
		member: "services/api", unrelated: "tools/report/main.go",
		body: `{"hello":"greetings, e2e","from":"go-work-member","request":`, present: []string{"app"}, absent: goAbsent,
	},
	{
		app: "split-repo", kind: "go", flavours: []string{"scratch"},
		// No manifest at the root: backend/ (Go) beside frontend/ (Vite);
		// the backend is a project of its own, its folder the context.
		member: "backend",
		body:   `{"from":"split-repo backend"}`, present: []string{"app"}, absent: goAbsent,
	},
	{
		app: "node-pnpm", kind: "node", flavours: []string{"slim", "distroless"},
		body:    `"from":"pnpm","day":"1 day"`,
		present: []string{"app/server.js", "app/node_modules/ms"},
		absent:  []string{"pnpm/store", "app/uptime.test.js"},
	},
	{
		app: "node-vite-static", kind: "static", flavours: []string{"slim"},
		body: "hello from vite-static", port: 8080, path: "/settings/profile", // a client-side route
		present: []string{"usr/share/nginx/html/index.html", "usr/share/nginx/html/assets/index-*.js"},
		absent:  []string{"app", "usr/local/bin/node"},
	},
	{
		// A build dockslim does not recognise: --static names its folder.
		app: "node-static-flag", kind: "static", flavours: []string{"slim"}, init: []string{"--static", "out"},
		body: "hello from static-flag, built by build.mjs", port: 8080, path: "/a/client/route",
		present: []string{"usr/share/nginx/html/index.html"},
		absent:  []string{"app", "usr/local/bin/node"},
	},
	{
		app: "python-local-pkg", kind: "python", flavours: []string{"slim"},
		body:    `{"hello": "e2e", "from": "python-local-pkg"}`,
		present: []string{"venv/lib/python3*/site-packages/greeting/__init__.py", "app/server.py"},
		absent:  []string{"app/libs/greeting/build", "app/libs/greeting/*.egg-info"},
		failing: map[string]string{"test_fail.py": failingPythonTest},
	},
	{
		app: "python-pyproject", kind: "python", flavours: []string{"slim"},
		body: `"from": "python-pyproject"`,
		// An editable install: /venv points at /app's sources, so an edit
		// leaves /venv's layer as it was (docs/dockerfiles.md, the layer plan).
		present: []string{"venv/bin/hello-app", "venv/lib/python3*/site-packages/__editable__*hello_app*", "app/hello_app/server.py"},
		// setuptools' in-tree build output (docs/dockerfiles.md: no build
		// leftovers), and no second copy of the package in the venv.
		absent: []string{"app/build", "app/*.egg-info", "venv/lib/python3*/site-packages/hello_app"},
	},
	{
		app: "go-root", kind: "go", flavours: []string{"scratch", "distroless", "slim"},
		body:    "hello from go-root (request ",
		present: []string{"app"}, absent: goAbsent,
		failing: map[string]string{"fail_test.go": failingGoTest},
	},
	{
		app: "go-cmd", kind: "go", flavours: []string{"scratch", "distroless", "slim"},
		init:    []string{"--main", "./cmd/api"},
		body:    "hello from go-cmd api",
		present: []string{"app"}, absent: goAbsent,
	},
	{
		app: "go-cgo", kind: "go", flavours: []string{"distroless", "slim"},
		body:    "says 42",
		present: []string{"app"}, absent: goAbsent,
	},
	{
		// A go.work workspace: the download step needs go.work and the
		// second module's go.mod, the build may write go.work.sum.
		app: "go-work", kind: "go", flavours: []string{"scratch", "slim"},
		body:    "hello from go-work, via the workspace (request ",
		present: []string{"app"}, absent: goAbsent,
	},
	{
		// //go:embed bin/*: the .dockerignore must not hide bin/; and the
		// app writes to its working directory at start.
		app: "go-embed", kind: "go", flavours: []string{"scratch", "distroless"},
		body:    "(wrote ok)",
		present: []string{"app"}, absent: goAbsent,
	},
	{
		// ui/build is only a .gitkeep in the repository: the page exists
		// only if the frontend stage built it.
		app: "go-embed-frontend", kind: "go", flavours: []string{"scratch"},
		body:    "hello from go-embed-frontend, built by the frontend stage",
		present: []string{"app"}, absent: goAbsent,
	},
	{
		// Port 80 by default: the image's non-root user cannot bind it, so
		// the image sets PORT80_ADDR=:8080 and the probe goes to 8080.
		app: "go-port80", kind: "go", flavours: []string{"scratch"},
		body: "hello from go-port80 on :8080", port: 8080,
		present: []string{"app"}, absent: goAbsent,
	},
	{
		// Run bare it exits 2: the image must run `serve`, which writes in
		// its working directory and HOME.
		app: "go-subcommand", kind: "go", flavours: []string{"scratch"},
		body:    "hello from go-subcommand serve",
		present: []string{"app"}, absent: goAbsent,
	},
	{
		app: "go-vendor", kind: "go", flavours: []string{"scratch", "distroless", "slim"},
		body:    "hello from go-vendor 534f2c78-038a-591d-90f8-b1c4e70948ae",
		present: []string{"app"}, absent: goAbsent,
	},
}

const (
	failingGoTest     = "package main\n\nimport \"testing\"\n\nfunc TestFails(t *testing.T) { t.Fatal(\"planted failure\") }\n"
	failingPythonTest = "import unittest\n\n\nclass Fails(unittest.TestCase):\n    def test_fails(self):\n        self.fail(\"planted failure\")\n"
	failingNodeTest   = "import { test } from \"node:test\";\nimport assert from \"node:assert/strict\";\n\ntest(\"planted failure\", () => assert.fail(\"planted failure\"));\n"
)

// result is one row of the matrix summary.
type result struct {
	app, flavour           string
	ran                    bool
	build, probe, test     string // ok, FAIL, -, n/a
	buildTime              time.Duration
	size, baseSize         int64
	user, finalBase, notes string
}

// requireEngine skips off Linux and fails without an engine that
// answers; it makes the logs folder.
func requireEngine(t *testing.T) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the e2e suite needs Linux (host networking)")
	}
	if _, err := os.Stat(docker); err != nil {
		t.Fatalf("%s is missing: run e2e/engine.sh first", docker)
	}
	if v, err := dockerOut("version", "--format", "{{.Server.Version}}"); err != nil {
		t.Fatalf("the engine does not answer (run e2e/engine.sh): %v", err)
	} else {
		t.Logf("Docker engine %s", v)
	}
	if err := os.MkdirAll(filepath.Join(stateDir(), "logs"), 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestMatrix(t *testing.T) {
	requireE2E(t)
	requireEngine(t)
	sweep(t)
	t.Cleanup(func() { sweep(t) })
	bin := buildDockslim(t)

	begin := time.Now()
	var results []*result
	for _, f := range fixtures {
		for _, fl := range f.flavours {
			r := &result{app: f.app, flavour: fl, build: "-", probe: "-", test: "-"}
			results = append(results, r)
			t.Run(f.app+"/"+fl, func(t *testing.T) {
				caseStart := time.Now()
				r.ran = true
				runCase(t, bin, f, fl, r)
				if t.Failed() && r.notes == "" {
					r.notes = "see log"
				}
				t.Logf("%s/%s done in %s", f.app, fl, time.Since(caseStart).Round(time.Second))
			})
		}
	}
	ran := 0
	for _, r := range results {
		if r.ran {
			ran++
		}
	}
	t.Logf("matrix: %d cases in %s\n%s", ran, time.Since(begin).Round(time.Second), table(results))
}

// buildDockslim builds the binary under test once per run.
func buildDockslim(t *testing.T) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		goCmd = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "dockslim")
	out, err := command(context.Background(), 5*time.Minute, "..", goCmd, "build", "-o", bin, "./cmd/dockslim")
	if err != nil {
		t.Fatalf("go build ./cmd/dockslim: %v\n%s", err, out)
	}
	return bin
}

func runCase(t *testing.T, bin string, f fixture, flavour string, r *result) {
	dir := t.TempDir()
	if err := copyTree(filepath.Join("testdata", f.app), dir); err != nil {
		t.Fatal(err)
	}

	// dockslim init, as a script would run it (in the app's folder of a
	// workspace, which is built from the root).
	appDir := filepath.Join(dir, filepath.FromSlash(f.member))
	args := append([]string{"init", "--yes", "--flavour", flavour}, f.init...)
	out, err := command(context.Background(), commandBound, "", bin, append(args, appDir)...)
	if err != nil {
		r.notes = "init failed"
		t.Fatalf("dockslim %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	src, err := os.ReadFile(filepath.Join(appDir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	// A workspace member builds from the root, as its header says; a
	// plain sub-folder project is its own context.
	ctxDir, fileArgs := appDir, []string(nil)
	if f.member != "" && strings.Contains(string(src), "docker build -f "+path.Join(f.member, "Dockerfile")+" .") {
		ctxDir, fileArgs = dir, []string{"-f", path.Join(f.member, "Dockerfile")}
	}
	df := parseDockerfile(string(src))
	ensureBases(t, df.imagesFor(""))

	// Names carry the run's id: two runs at once (or a report run) never
	// share a tag or a container name.
	slug := f.app + "-" + flavour
	tag := "dockslim-e2e/" + slug + ":" + runID
	testTag := "dockslim-e2e/" + slug + "-test:" + runID
	t.Cleanup(func() { removeImages(t, tag, testTag) })
	logs := filepath.Join(stateDir(), "logs")

	// The image.
	buildArgs := append(append([]string{"-t", tag}, fileArgs...), f.buildArgs...)
	took, err := build(t, ctxDir, filepath.Join(logs, "e2e-"+slug+".log"), buildArgs...)
	r.buildTime = took
	if err != nil {
		r.build, r.notes = "FAIL", "docker build failed"
		t.Logf("Dockerfile:\n%s", src)
		t.Fatal(err)
	}
	r.build = "ok"

	// docs/dockerfiles.md: non-root numeric USER; the size, and the bytes over the base.
	facts, err := inspectImage(tag)
	if err != nil {
		t.Fatal(err)
	}
	r.size, r.user = facts.size, facts.user
	if err := nonRootNumeric(facts.user); err != nil {
		t.Errorf("final stage user: %v", err)
	}
	r.finalBase = df.finalBase()
	if r.finalBase != "scratch" {
		if bf, err := inspectImage(r.finalBase); err == nil {
			r.baseSize = bf.size
		} else {
			t.Logf("base %s: %v", r.finalBase, err)
		}
	}
	t.Logf("image %s: %s (final base %s: %s; over base: %s), USER %s, built in %s",
		tag, mb(r.size), r.finalBase, mb(r.baseSize), mb(r.size-r.baseSize), facts.user, took.Round(time.Second))

	// What is inside, read from docker export (no shell needed).
	files, err := imageFiles(tag, "dockslim-e2e-export-"+slug+"-"+runID)
	if err != nil {
		t.Errorf("listing the image's files: %v", err)
	} else {
		checkFiles(t, f, files)
	}

	// Run it and probe it on 127.0.0.1.
	var env []string
	port := f.port
	if port == 0 {
		port = freePort(t)
		env = append(env, fmt.Sprintf("PORT=%d", port))
	}
	c, err := start("dockslim-e2e-"+slug+"-"+runID, tag, env...)
	if err != nil {
		t.Fatal(err)
	}
	body, after, err := probe(c, fmt.Sprintf("http://127.0.0.1:%d%s", port, cmp.Or(f.path, "/")), f.body)
	c.stop()
	if err != nil {
		r.probe = "FAIL"
		t.Errorf("probe: %v", err)
	} else {
		r.probe = "ok"
		t.Logf("probe: 200 after %s: %s", after.Round(10*time.Millisecond), around(body, f.body, 60))
	}

	// The test stage, where the project has tests.
	if df.hasStage("test") {
		testArgs := append(append([]string{"--target", "test", "-t", testTag}, fileArgs...), f.buildArgs...)
		took, err := build(t, ctxDir, filepath.Join(logs, "e2e-"+slug+"-test.log"), testArgs...)
		if err != nil {
			r.test = "FAIL"
			t.Errorf("test stage: %v", err)
		} else {
			r.test = "ok"
			t.Logf("test stage passed in %s", took.Round(time.Second))
		}
		if err == nil && len(f.failing) > 0 && flavour == f.flavours[0] {
			plantedFailure(t, dir, f, slug, testTag)
		}
	} else {
		r.test = "n/a"
	}

	if f.unrelated != "" {
		unrelatedEdit(t, dir, ctxDir, f, slug, buildArgs)
	}

	// The files on disk are what .dockslim.yaml renders again.
	if out, err := command(context.Background(), commandBound, "", bin, "check", appDir); err != nil {
		t.Errorf("dockslim check after init: %v\n%s", err, out)
	}
}

// unrelatedEdit edits a file of a workspace package the app does not use
// and rebuilds: the install step must come from the cache.
func unrelatedEdit(t *testing.T, dir, ctxDir string, f fixture, slug string, buildArgs []string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(f.unrelated))
	old, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(old, []byte("\n// edited by the e2e suite\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(stateDir(), "logs", "e2e-"+slug+"-unrelated.log")
	if _, err := build(t, ctxDir, logPath, buildArgs...); err != nil {
		t.Fatalf("rebuild after editing %s: %v", f.unrelated, err)
	}
	out, _ := os.ReadFile(logPath)
	if step, cached := installCached(string(out)); step == "" {
		t.Errorf("rebuild after editing %s: no install step in the log (%s)", f.unrelated, logPath)
	} else if !cached {
		t.Errorf("rebuild after editing %s re-ran the install (%s): the install layer must not depend on other packages' files", f.unrelated, step)
	} else {
		t.Logf("an edit of %s reused the install layer (%s)", f.unrelated, step)
	}
}

// installStepRE is a build log's line for a stage step that installs.
var installStepRE = regexp.MustCompile(`(?m)^#(\d+) (\[[a-z]+ \d+/\d+\] RUN .*(?:npm ci|pnpm install|yarn install|bun install|go mod download).*)$`)

// installCached finds the install steps in a plain-progress build log
// and reports whether BuildKit took every one from the cache (step names
// the first that it did not, or the first one).
func installCached(log string) (step string, cached bool) {
	ms := installStepRE.FindAllStringSubmatch(log, -1)
	if ms == nil {
		return "", false
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m[1]] {
			continue
		}
		seen[m[1]] = true
		name := m[2]
		if i := strings.Index(name, " RUN "); i > 0 {
			name = name[:i]
		}
		if !regexp.MustCompile(`(?m)^#` + m[1] + ` CACHED$`).MatchString(log) {
			return name, false
		}
		if step == "" {
			step = name
		}
	}
	return step, true
}

// plantedFailure adds a failing test and expects the test stage to fail.
func plantedFailure(t *testing.T, dir string, f fixture, slug, testTag string) {
	t.Helper()
	for name, content := range f.failing {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := append([]string{"--target", "test", "-t", testTag}, f.buildArgs...)
	logPath := filepath.Join(stateDir(), "logs", "e2e-"+slug+"-test-planted.log")
	if _, err := build(t, dir, logPath, args...); err == nil {
		t.Errorf("the test stage passed with a planted failing test (log: %s): it does not run the tests", logPath)
	} else if out, _ := os.ReadFile(logPath); !strings.Contains(string(out), "planted failure") {
		t.Errorf("the test stage failed, but not on the planted test (log: %s):\n%v", logPath, err)
	} else {
		t.Logf("a planted failing test fails the test stage, as it should")
	}
	for name := range f.failing {
		_ = os.Remove(filepath.Join(dir, name))
	}
}

// checkFiles asserts the fixture's present/absent patterns and, per kind,
// what docs/dockerfiles.md forbids in a final image.
func checkFiles(t *testing.T, f fixture, files map[string]int64) {
	t.Helper()
	for _, p := range f.present {
		if len(matching(files, p)) == 0 {
			t.Errorf("the image lacks %s", p)
		}
	}
	for _, p := range f.absent {
		if m := matching(files, p); len(m) > 0 {
			t.Errorf("the image has %s (%s), which must not ship", p, sample(m))
		}
	}
	switch f.kind {
	case "python":
		// No pip or setuptools in the virtualenv (the base's own pip is the base's).
		var bad []string
		for p := range files {
			if rest, ok := strings.CutPrefix(p, "venv/"); ok && isPipOrSetuptools(rest) {
				bad = append(bad, p)
			}
		}
		if len(bad) > 0 {
			t.Errorf("pip or setuptools in /venv: %s", sample(bad))
		}
	case "node":
		// No node-gyp leftovers beside compiled addons.
		var bad []string
		for p := range files {
			if rest, ok := strings.CutPrefix(p, "app/node_modules/"); ok && isGypLeftover(rest) {
				bad = append(bad, p)
			}
		}
		if len(bad) > 0 {
			t.Errorf("node-gyp leftovers in node_modules: %s", sample(bad))
		}
	}
}

// matching are the paths matching a path.Match pattern, a folder's
// entries included (pattern "app/src" matches "app/src/x.ts").
func matching(files map[string]int64, pattern string) []string {
	var out []string
	for p := range files {
		q := strings.TrimSuffix(p, "/")
		for {
			if ok, _ := path.Match(pattern, q); ok {
				out = append(out, p)
				break
			}
			i := strings.LastIndexByte(q, '/')
			if i < 0 {
				break
			}
			q = q[:i]
		}
	}
	return out
}

// isPipOrSetuptools reports a path (under /venv) that belongs to pip,
// setuptools or wheel.
func isPipOrSetuptools(p string) bool {
	for _, seg := range strings.Split(strings.TrimSuffix(p, "/"), "/") {
		switch {
		case seg == "pip", strings.HasPrefix(seg, "pip-"), strings.HasPrefix(seg, "pip3"),
			seg == "setuptools", strings.HasPrefix(seg, "setuptools-"),
			seg == "pkg_resources", seg == "_distutils_hack", seg == "distutils-precedence.pth",
			seg == "wheel", strings.HasPrefix(seg, "wheel-"):
			return true
		}
	}
	return false
}

// isGypLeftover reports node-gyp's build leftovers: object folders,
// dependency listings, static archives and object files.
func isGypLeftover(p string) bool {
	p = strings.TrimSuffix(p, "/")
	if strings.HasSuffix(p, ".a") || strings.HasSuffix(p, ".o") {
		return true
	}
	for _, seg := range []string{"/build/Release/obj", "/build/Release/.deps"} {
		if i := strings.Index(p, seg); i >= 0 {
			return true
		}
	}
	return false
}

func sample(paths []string) string {
	if len(paths) > 5 {
		return strings.Join(paths[:5], ", ") + fmt.Sprintf(" and %d more", len(paths)-5)
	}
	return strings.Join(paths, ", ")
}

// around is want in body with up to n bytes of context on either side.
func around(body, want string, n int) string {
	i := strings.Index(body, want)
	if i < 0 {
		return ""
	}
	from, to := max(0, i-n), min(len(body), i+len(want)+n)
	s := strings.Join(strings.Fields(body[from:to]), " ")
	if from > 0 {
		s = "…" + s
	}
	if to < len(body) {
		s += "…"
	}
	return s
}

// mb is a byte count in MB, or in kB below one MB (bytes over a base are often small).
func mb(n int64) string {
	if n > -1e6 && n < 1e6 {
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// table is the matrix summary, one line per case.
func table(rs []*result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-22s %-10s %-6s %-7s %-6s %-5s %10s %10s %10s  %s\n",
		"app", "flavour", "build", "time", "probe", "test", "size", "base", "over base", "notes")
	for _, r := range rs {
		if !r.ran {
			continue
		}
		fmt.Fprintf(&b, "%-22s %-10s %-6s %-7s %-6s %-5s %10s %10s %10s  %s\n",
			r.app, r.flavour, r.build, r.buildTime.Round(time.Second), r.probe, r.test,
			mb(r.size), mb(r.baseSize), mb(r.size-r.baseSize), r.notes)
	}
	return b.String()
}

// copyTree copies a fixture into a fresh folder (regular files and
// folders; modes normalised so build caches match across runs).
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: only regular files in fixtures", p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}
