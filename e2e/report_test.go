package e2e

// TestReport is `just e2e-report`: for one app of each kind it builds, in
// one run, dockslim's Dockerfile, the seed article's naive single-stage
// Dockerfile and the best peers' Dockerfiles (peers_test.go, peers/), and
// measures what issue 4 asks: image bytes, bytes over the final base, cold
// build, warm rebuild after a one-line source edit; for dockslim also the
// essential payload inside the image, the Go build-cache check and the file
// checks. It writes REPORT.md and REPORT.json beside this file. Every
// figure comes from the run that writes them.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// reportApp is one app the report measures and how.
type reportApp struct {
	app   string
	about string
	// edit is the source file the warm rebuild appends a comment line to;
	// comment is the language's line comment.
	edit, comment string
	// essential are path.Match patterns (no leading slash) of dockslim's
	// final image: production dependencies and the artefact the app runs.
	essential []string
	// strict, where set, is a narrower reading of the essential payload
	// (the modules the app runs, without its tests and manifests), shown
	// beside the goal's figure.
	strict []string
	// peers are the peer Dockerfiles measured beside dockslim's and the
	// naive one: fly (generated), or a template of peers/.
	peers []string
	// own and ownExclude (patterns as for essential) are the app's own
	// output in dockslim's image, what a source edit can change: the push
	// goal's yardstick (push_test.go).
	own, ownExclude []string
}

var reportApps = []reportApp{
	{
		app: "node-ts-express", about: "Node: TypeScript Express API with a tsc build step",
		edit: "src/server.ts", comment: "//",
		essential: []string{"app/node_modules", "app/dist"},
		peers:     []string{"fly"},
		own:       []string{"app/dist"},
	},
	{
		app: "node-native", about: "Node: native addon (bcrypt 5) compiled from source by node-gyp",
		edit: "server.js", comment: "//",
		essential: []string{"app/node_modules", "app/server.js", "app/hash.js"},
		peers:     []string{"fly"},
		own:       []string{"app"}, ownExclude: []string{"app/node_modules"},
	},
	{
		app: "node-fastify", about: "Node: Fastify app without a build step (ES modules)",
		edit: "app.js", comment: "//",
		// package.json stays essential: its "type" makes node load ES modules.
		essential: []string{"app/node_modules", "app/server.js", "app/app.js", "app/package.json"},
		peers:     []string{"fly"},
		own:       []string{"app"}, ownExclude: []string{"app/node_modules"},
	},
	{
		app: "node-pnpm", about: "Node: pnpm app without a build step",
		edit: "uptime.js", comment: "//",
		essential: []string{"app/node_modules", "app/server.js", "app/uptime.js", "app/package.json"},
		peers:     []string{"fly"},
		own:       []string{"app"}, ownExclude: []string{"app/node_modules"},
	},
	{
		app: "node-next-standalone", about: "Node: Next.js app with output: 'standalone'",
		edit: "app/page.js", comment: "//",
		// The standalone server, its traced node_modules, .next/static, public/.
		essential: []string{"app"},
		peers:     []string{"fly"},
		// The server and its build output; the traced node_modules are
		// dependencies.
		own: []string{"app"}, ownExclude: []string{"app/node_modules"},
	},
	{
		app: "python-local-pkg", about: "Python: stdlib web app, requirements.txt naming a local package",
		edit: "server.py", comment: "#",
		essential: []string{"venv", "app"},
		strict:    []string{"venv", "app/server.py"},
		peers:     []string{"docker-init-python"},
		own:       []string{"app"},
	},
	{
		app: "python-pyproject", about: "Python: pyproject.toml project (setuptools) installed with pip install .",
		edit: "hello_app/server.py", comment: "#",
		essential: []string{"venv", "app"},
		strict:    []string{"venv"},
		peers:     []string{"docker-init-python"},
		own:       []string{"app"},
	},
	{
		app: "go-root", about: "Go: root main HTTP service with a module dependency",
		edit: "main.go", comment: "//",
		essential: []string{"app"},
		peers:     []string{"docker-guide-go", "flyctl-go"},
		own:       []string{"app"},
	},
	{
		app: "go-cmd", about: "Go: cmd/* layout, built with --main ./cmd/api",
		edit: "cmd/api/main.go", comment: "//",
		essential: []string{"app"},
		peers:     []string{"docker-guide-go", "flyctl-go"},
		own:       []string{"app"},
	},
	{
		app: "go-vendor", about: "Go: vendored module (vendor/ committed)",
		edit: "main.go", comment: "//",
		essential: []string{"app"},
		peers:     []string{"docker-guide-go", "flyctl-go"},
		own:       []string{"app"},
	},
	{
		app: "go-cgo", about: "Go: cgo (mattn/go-sqlite3) on a glibc runtime",
		edit: "main.go", comment: "//",
		essential: []string{"app"},
		peers:     []string{"docker-guide-go", "flyctl-go"},
		own:       []string{"app"},
	},
}

// peerSources name where each Dockerfile comes from (REPORT.md, REPORT.json).
var peerSources = map[string]string{
	"dockslim":           "`dockslim init --yes --flavour F` (this repository)",
	"naive":              "the seed article's naive single-stage Dockerfile, written for the app (peers/naive-*.Dockerfile.tmpl)",
	"fly":                "fly's generator, `npx --yes @flydotio/dockerfile@" + flyVersion + " --force` run with NODE_ENV=test in a copy of the app",
	"docker-guide-go":    "Docker's Go language guide, multi-stage distroless Dockerfile (peers/docker-guide-go.Dockerfile.tmpl)",
	"flyctl-go":          "flyctl's scanner template for Go (peers/flyctl-go.Dockerfile.tmpl)",
	"docker-init-python": "docker init's Python template (peers/docker-init-python.Dockerfile.tmpl + .dockerignore)",
}

// The report's JSON; REPORT.md is written from the same values.
type (
	Report struct {
		Generated       string            `json:"generated"`
		Command         string            `json:"command"`
		Engine          string            `json:"engine"`
		CPUs            int               `json:"cpus"`
		HostGo          string            `json:"host_go"`
		HostNode        string            `json:"host_node"`
		WarmRuns        int               `json:"warm_runs"`
		Pruned          bool              `json:"cold_builds_pruned"` // false: a trial run (DOCKSLIM_E2E_REPORT_PRUNE=0), cold builds not cold
		DurationSeconds float64           `json:"duration_seconds"`
		Complete        bool              `json:"complete"`
		Apps            []*AppReport      `json:"apps"`
		GoCache         []*GoCacheCheck   `json:"go_cache_checks"`
		Goals           []Goal            `json:"goals"`
		Bases           map[string]string `json:"bases"` // reference → what it really is here
	}
	AppReport struct {
		App      string     `json:"app"`
		About    string     `json:"about"`
		Flavour  string     `json:"dockslim_flavour"`
		EditFile string     `json:"warm_edit_file"`
		Variants []*Variant `json:"variants"`
		// OwnTarBytes/OwnGzipBytes are the app's own output in dockslim's
		// image (reportApp.own), as a tar and gzipped; OwnPaths its patterns.
		OwnPaths     []string `json:"own_output_paths"`
		OwnTarBytes  int64    `json:"own_output_tar_bytes"`
		OwnGzipBytes int64    `json:"own_output_gzip_bytes"`
	}
	Variant struct {
		Name           string           `json:"name"`
		Role           string           `json:"role"` // dockslim | baseline | peer
		Source         string           `json:"source"`
		Notes          []string         `json:"notes,omitempty"`
		Dockerfile     string           `json:"dockerfile"`
		FinalBase      string           `json:"final_base"`
		ImageBytes     int64            `json:"image_bytes"`
		BaseBytes      int64            `json:"base_bytes"`
		OverBaseBytes  int64            `json:"over_base_bytes"`
		ColdSeconds    float64          `json:"cold_build_seconds"`
		WarmSeconds    []float64        `json:"warm_rebuild_seconds"`
		WarmMedian     float64          `json:"warm_rebuild_median_seconds"`
		Probe          string           `json:"probe"`
		EssentialBytes int64            `json:"essential_bytes,omitempty"`
		EssentialParts map[string]int64 `json:"essential_parts,omitempty"`
		OverEssential  float64          `json:"over_base_per_essential,omitempty"`
		StrictBytes    int64            `json:"essential_strict_bytes,omitempty"`
		OverStrict     float64          `json:"over_base_per_essential_strict,omitempty"`
		Checks         []Check          `json:"checks,omitempty"`
		// Push is what the last warm rebuild's edit changed (push_test.go).
		Push        *Push  `json:"push_after_edit,omitempty"`
		OtherBuilds int    `json:"other_builds_seen,omitempty"`
		Error       string `json:"error,omitempty"`
	}
	Check struct {
		Name   string `json:"name"`
		OK     bool   `json:"ok"`
		Detail string `json:"detail"`
	}
	GoCacheCheck struct {
		App           string    `json:"app"`
		WithMount     []float64 `json:"with_cache_mount_seconds"`
		WithoutMount  []float64 `json:"without_cache_mount_seconds"`
		WithMedian    float64   `json:"with_median_seconds"`
		WithoutMedian float64   `json:"without_median_seconds"`
		Ratio         float64   `json:"ratio"`
		Error         string    `json:"error,omitempty"`
	}
	Goal struct {
		Goal        string `json:"goal"`
		App         string `json:"app"`
		Met         bool   `json:"met"`
		NotCompared bool   `json:"not_compared,omitempty"` // the peer's image does not work here
		Detail      string `json:"detail"`
	}
)

// Bounds and knobs of a report run.
const (
	pruneBound = 5 * time.Minute
	// essentialLimit is issue 4's first goal: bytes over base within 1.15 ×
	// the essential payload; goCacheGoal its Go warm-rebuild ratio.
	essentialLimit = 1.15
	goCacheGoal    = 4.0
	// pushLimit and warmSlack are issue 15's: push bytes after an edit
	// within 1.2 × the app's own output (both gzipped); a warm rebuild
	// within 1.1 × the fastest peer's.
	pushLimit = 1.2
	warmSlack = 1.1
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func TestReport(t *testing.T) {
	if os.Getenv("DOCKSLIM_E2E_REPORT") != "1" {
		t.Skip("DOCKSLIM_E2E_REPORT=1 measures and writes e2e/REPORT.md (`just e2e-report`); like DOCKSLIM_E2E=1 it needs a docker engine (e2e/engine.sh)")
	}
	if runtime.GOOS != "linux" {
		t.Skip("the e2e report needs Linux (host networking)")
	}
	if _, err := os.Stat(docker); err != nil {
		t.Fatalf("%s is missing: run e2e/engine.sh first", docker)
	}
	engine, err := dockerOut("version", "--format", "{{.Server.Version}}")
	if err != nil {
		t.Fatalf("the engine does not answer (run e2e/engine.sh): %v", err)
	}
	if err := os.MkdirAll(filepath.Join(stateDir(), "logs"), 0o755); err != nil {
		t.Fatal(err)
	}
	sweepReport(t)
	t.Cleanup(func() { sweepReport(t) })
	bin := buildDockslim(t)

	begin := time.Now()
	rep := &Report{
		Generated: begin.UTC().Format(time.RFC3339),
		Command:   reportCommand(),
		Engine:    "Docker " + engine,
		CPUs:      runtime.NumCPU(),
		HostGo:    runtime.Version(),
		WarmRuns:  envInt("DOCKSLIM_E2E_REPORT_WARM", 5),
		Pruned:    os.Getenv("DOCKSLIM_E2E_REPORT_PRUNE") != "0",
		Bases:     map[string]string{},
	}
	if out, err := command(context.Background(), commandBound, "", "node", "--version"); err == nil {
		rep.HostNode = strings.TrimSpace(out)
	}
	only := map[string]bool{}
	for _, a := range strings.Split(os.Getenv("DOCKSLIM_E2E_REPORT_APPS"), ",") {
		if a = strings.TrimSpace(a); a != "" {
			only[a] = true
		}
	}
	rep.Complete = len(only) == 0 && rep.Pruned
	for _, ra := range reportApps {
		if len(only) > 0 && !only[ra.app] {
			continue
		}
		ar := &AppReport{App: ra.app, About: ra.about, EditFile: ra.edit}
		rep.Apps = append(rep.Apps, ar)
		t.Run(ra.app, func(t *testing.T) { measureApp(t, bin, ra, ar, rep) })
	}
	rep.DurationSeconds = round1(time.Since(begin).Seconds())
	rep.Complete = rep.Complete && allMeasured(rep)
	writeReport(t, rep)
	t.Logf("wrote e2e/REPORT.md and e2e/REPORT.json in %s", time.Since(begin).Round(time.Second))
}

// TestReportRender writes REPORT.md (and the goals in REPORT.json) again
// from the measurements in REPORT.json, after a change to how the report
// is written or judged: it measures nothing and needs no engine.
func TestReportRender(t *testing.T) {
	if os.Getenv("DOCKSLIM_E2E_REPORT_RENDER") != "1" {
		t.Skip("DOCKSLIM_E2E_REPORT_RENDER=1 re-renders e2e/REPORT.md from e2e/REPORT.json")
	}
	data, err := os.ReadFile("REPORT.json")
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	rep.Complete = rep.Pruned && len(rep.Apps) == len(reportApps) && allMeasured(&rep)
	writeReport(t, &rep)
}

// allMeasured reports whether every Dockerfile was built and measured to
// the end. An image that builds but does not answer its probe is measured
// (and compared with nothing): a finding, not a gap.
func allMeasured(rep *Report) bool {
	for _, ar := range rep.Apps {
		for _, v := range ar.Variants {
			if v.Error != "" || v.Probe == "" {
				return false
			}
		}
	}
	return true
}

// writeReport judges the goals and writes REPORT.json and REPORT.md.
func writeReport(t *testing.T, rep *Report) {
	t.Helper()
	rep.Goals = goals(rep)
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("REPORT.json", append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	md := reportMarkdown(rep)
	if err := os.WriteFile("REPORT.md", []byte(md), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", md)
}

// reportCommand is the command line of this run, with the settings that
// change what it measures.
func reportCommand() string {
	cmd := "DOCKSLIM_E2E_REPORT=1"
	for _, name := range []string{"DOCKSLIM_E2E_REPORT_APPS", "DOCKSLIM_E2E_REPORT_WARM", "DOCKSLIM_E2E_REPORT_PRUNE"} {
		if v, ok := os.LookupEnv(name); ok {
			cmd += " " + name + "=" + v
		}
	}
	return cmd + " go test ./e2e -run TestReport (just e2e-report sets only the first)"
}

// fixtureNamed is the matrix's fixture of that app.
func fixtureNamed(app string) (fixture, bool) {
	for _, f := range fixtures {
		if f.app == app {
			return f, true
		}
	}
	return fixture{}, false
}

// job is one Dockerfile of an app being measured.
type job struct {
	v         *Variant
	dir, tag  string
	buildArgs []string
	// baseLayers is the final base's layer count.
	baseLayers int
}

// measureApp measures every Dockerfile of one app. dockslim's comes first
// (the others take its language version, port and command), then the naive
// one, then the peers. Phase 1, one Dockerfile after the other: a cold build
// after `docker builder prune -af`, the sizes, the probe, the files. Phase 2:
// each Dockerfile's cache is primed again (untimed; phase 1's prunes removed
// it), then the warm rebuilds run in rounds, each round rebuilding every
// Dockerfile once, so that load from elsewhere on the machine falls on all of
// them alike. Phase 3, Go only: the go-build cache mount check.
func measureApp(t *testing.T, bin string, ra reportApp, ar *AppReport, rep *Report) {
	f, ok := fixtureNamed(ra.app)
	if !ok {
		t.Fatalf("no fixture %s in e2e_test.go", ra.app)
	}
	ar.Flavour = f.flavours[0]
	logs := filepath.Join(stateDir(), "logs")

	// dockslim's Dockerfile.
	ds := &Variant{Name: "dockslim", Role: "dockslim", Source: peerSources["dockslim"] + ", flavour " + ar.Flavour}
	ar.Variants = append(ar.Variants, ds)
	dsDir := t.TempDir()
	if err := copyTree(filepath.Join("testdata", f.app), dsDir); err != nil {
		t.Fatal(err)
	}
	args := append([]string{"init", "--yes", "--flavour", ar.Flavour}, f.init...)
	if out, err := command(context.Background(), commandBound, "", bin, append(args, dsDir)...); err != nil {
		ds.Error = "dockslim init failed"
		t.Fatalf("dockslim %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	src, err := os.ReadFile(filepath.Join(dsDir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	ds.Dockerfile = string(src)
	data, err := peerDataFor(f, dsDir, ds.Dockerfile)
	if err != nil {
		ds.Error = err.Error()
		t.Fatalf("%s: the naive and peer Dockerfiles need dockslim's version, port and command: %v", ra.app, err)
	}
	jobs := []*job{{v: ds, dir: dsDir}}

	// The naive single-stage Dockerfile, then the peers.
	for _, name := range append([]string{"naive"}, ra.peers...) {
		v := &Variant{Name: name, Role: "peer", Source: peerSources[name]}
		if name == "naive" {
			v.Role = "baseline"
		}
		ar.Variants = append(ar.Variants, v)
		dir := t.TempDir()
		if err := preparePeer(name, f, data, dir, v); err != nil {
			v.Error = firstLine(err.Error())
			t.Errorf("%s/%s: %v", ra.app, name, err)
			continue
		}
		jobs = append(jobs, &job{v: v, dir: dir})
	}

	// Phase 1: cold builds, sizes, probes, files.
	for _, j := range jobs {
		j.tag = "dockslim-report/" + ra.app + "-" + j.v.Name
		j.buildArgs = append([]string{"-t", j.tag}, f.buildArgs...)
		t.Cleanup(func() { removeImages(t, j.tag) })
		if err := measureCold(t, ra, f, j, rep); err != nil {
			if j.v.Error == "" {
				j.v.Error = firstLine(err.Error())
			}
			t.Errorf("%s/%s: %v", ra.app, j.v.Name, err)
		}
	}

	// Phase 2: warm rebuilds, interleaved.
	var live []*job
	for _, j := range jobs {
		if j.v.Error != "" {
			continue
		}
		if _, err := build(t, j.dir, filepath.Join(logs, "report-"+ra.app+"-"+j.v.Name+"-prime.log"), j.buildArgs...); err != nil {
			j.v.Error = "build failed when priming the cache for the warm rebuilds"
			t.Errorf("%s/%s: %v", ra.app, j.v.Name, err)
			continue
		}
		live = append(live, j)
	}
	for i := range rep.WarmRuns {
		for _, j := range live {
			if j.v.Error != "" {
				continue
			}
			if err := appendNonce(filepath.Join(j.dir, ra.edit), ra.comment); err != nil {
				t.Fatal(err)
			}
			last := i == rep.WarmRuns-1
			var before []string
			if last {
				// The last round's edit is the one whose push is measured.
				if before, err = imageLayers(j.tag); err != nil {
					t.Fatal(err)
				}
			}
			j.v.OtherBuilds = max(j.v.OtherBuilds, waitQuiet(t))
			took, err := build(t, j.dir, filepath.Join(logs, fmt.Sprintf("report-%s-%s-warm%d.log", ra.app, j.v.Name, i+1)), j.buildArgs...)
			if err != nil {
				j.v.Error = "warm rebuild failed"
				t.Errorf("%s/%s: %v", ra.app, j.v.Name, err)
				continue
			}
			j.v.WarmSeconds = append(j.v.WarmSeconds, round2(took.Seconds()))
			if last {
				if j.v.Push, err = pushCost(j.tag, before, j.baseLayers); err != nil {
					j.v.Error = "measuring the push after the edit failed"
					t.Errorf("%s/%s: %v", ra.app, j.v.Name, err)
					continue
				}
				t.Logf("%s-%s: the edit changed %d of %d layers: %s (%s gzipped)", ra.app, j.v.Name,
					j.v.Push.Changed, j.v.Push.Layers, human(j.v.Push.TarBytes), human(j.v.Push.GzipBytes))
			}
		}
	}
	for _, j := range live {
		j.v.WarmMedian = median(j.v.WarmSeconds)
		t.Logf("%s-%s: warm rebuilds %s s (median %.2f)", ra.app, j.v.Name, fmtRuns(j.v.WarmSeconds), j.v.WarmMedian)
	}

	// Phase 3: Go's build cache.
	if strings.HasPrefix(ra.app, "go-") {
		gc := &GoCacheCheck{App: ra.app}
		rep.GoCache = append(rep.GoCache, gc)
		if ds.Error != "" {
			gc.Error = "dockslim's image was not measured: " + ds.Error
			return
		}
		goCacheCheck(t, ra, f, gc, dsDir, jobs[0].tag, rep.WarmRuns)
	}
}

// preparePeer writes the naive or a peer Dockerfile (and .dockerignore,
// where the peer writes one) into dir, a fresh copy of the app.
func preparePeer(name string, f fixture, data peerData, dir string, v *Variant) error {
	if err := copyTree(filepath.Join("testdata", f.app), dir); err != nil {
		return err
	}
	var err error
	switch name {
	case "fly":
		v.Dockerfile, v.Notes, err = flyDockerfile(dir, data.BuildFromSource)
		if err == nil {
			v.Notes = append(v.Notes, "its base image reference is made present by e2e/bases.sh under the same name (a node stand-in), not rewritten")
		}
		return err
	case "naive":
		v.Dockerfile, err = renderPeer("naive-"+f.kind, data)
		v.Notes = peerNotes("naive-"+f.kind, data)
	default:
		v.Dockerfile, err = renderPeer(name, data)
		v.Notes = peerNotes(name, data)
		if err == nil && name == "docker-init-python" {
			var ign []byte
			if ign, err = os.ReadFile(filepath.Join("peers", "docker-init-python.dockerignore")); err == nil {
				err = os.WriteFile(filepath.Join(dir, ".dockerignore"), ign, 0o644)
			}
		}
	}
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(v.Dockerfile), 0o644)
}

// measureCold builds one Dockerfile with no build cache at all, reads the
// sizes, probes the image and lists its files where the report needs them.
func measureCold(t *testing.T, ra reportApp, f fixture, j *job, rep *Report) error {
	v := j.v
	df := parseDockerfile(v.Dockerfile)
	v.FinalBase = df.finalBase()
	ensureBases(t, df.imagesFor(""))
	noteBases(rep, df.imagesFor(""))
	slug := ra.app + "-" + v.Name

	// Cold: no build cache, no cache mounts (base images kept).
	v.OtherBuilds = max(v.OtherBuilds, waitQuiet(t))
	if rep.Pruned {
		if out, err := command(context.Background(), pruneBound, "", docker, "builder", "prune", "-af"); err != nil {
			v.Error = "docker builder prune failed"
			return fmt.Errorf("docker builder prune -af: %v\n%s", err, tail(out, 10))
		}
	}
	took, err := build(t, j.dir, filepath.Join(stateDir(), "logs", "report-"+slug+"-cold.log"), j.buildArgs...)
	if err != nil {
		v.Error = "cold build failed"
		t.Logf("Dockerfile:\n%s", v.Dockerfile)
		return err
	}
	v.ColdSeconds = round2(took.Seconds())

	facts, err := inspectImage(j.tag)
	if err != nil {
		return err
	}
	v.ImageBytes = facts.size
	if v.FinalBase != "scratch" {
		bf, err := inspectImage(v.FinalBase)
		if err != nil {
			return err
		}
		v.BaseBytes = bf.size
		bl, err := imageLayers(v.FinalBase)
		if err != nil {
			return err
		}
		j.baseLayers = len(bl)
	}
	v.OverBaseBytes = v.ImageBytes - v.BaseBytes
	t.Logf("%s: cold %.2fs; image %s, base %s %s, over base %s",
		slug, v.ColdSeconds, human(v.ImageBytes), v.FinalBase, human(v.BaseBytes), human(v.OverBaseBytes))

	// Does it work? A measurement of a broken image compares nothing.
	port := freePort(t)
	c, err := start("dockslim-report-"+slug, j.tag, fmt.Sprintf("PORT=%d", port))
	if err != nil {
		return err
	}
	_, after, perr := probe(c, fmt.Sprintf("http://127.0.0.1:%d/", port), f.body)
	c.stop()
	if perr != nil {
		v.Probe = "FAIL: " + firstLine(perr.Error())
		t.Logf("%s: probe failed (kept in the report): %v", slug, perr)
	} else {
		v.Probe = "ok"
		t.Logf("%s: probe 200 after %s", slug, after.Round(10*time.Millisecond))
	}

	// Inside the image: dockslim's essential payload; the file checks.
	if v.Role == "dockslim" && len(ra.own) > 0 {
		ar := appReport(rep, ra.app)
		ar.OwnPaths = append(append([]string{}, ra.own...), prefixed("!", ra.ownExclude)...)
		if ar.OwnTarBytes, ar.OwnGzipBytes, err = ownOutput(j.tag, "dockslim-report-own-"+slug, ra.own, ra.ownExclude); err != nil {
			return fmt.Errorf("measuring the app's own output in %s: %v", j.tag, err)
		}
		t.Logf("%s: the app's own output %s (%s gzipped)", slug, human(ar.OwnTarBytes), human(ar.OwnGzipBytes))
	}
	if v.Role != "dockslim" && f.kind != "node" {
		return nil
	}
	files, err := imageFiles(j.tag, "dockslim-report-export-"+slug)
	if err != nil {
		return fmt.Errorf("listing the files of %s: %v", j.tag, err)
	}
	fileChecks(v, f, files)
	if v.Role == "dockslim" {
		v.EssentialParts = map[string]int64{}
		v.EssentialBytes = sumMatching(files, ra.essential, v.EssentialParts)
		if v.EssentialBytes > 0 {
			v.OverEssential = round3(float64(v.OverBaseBytes) / float64(v.EssentialBytes))
		}
		if ra.strict != nil {
			v.StrictBytes = sumMatching(files, ra.strict, nil)
			if v.StrictBytes > 0 {
				v.OverStrict = round3(float64(v.OverBaseBytes) / float64(v.StrictBytes))
			}
		}
		t.Logf("%s: essential payload %s %v; over base / essential = %.3f",
			slug, human(v.EssentialBytes), v.EssentialParts, v.OverEssential)
	}
	return nil
}

// sumMatching adds the sizes of the files matching any pattern, each file
// once; parts (when not nil) gets the sum per pattern.
func sumMatching(files map[string]int64, patterns []string, parts map[string]int64) int64 {
	seen := map[string]bool{}
	var total int64
	for _, p := range patterns {
		for _, m := range matching(files, p) {
			if !seen[m] {
				seen[m] = true
				total += files[m]
				if parts != nil {
					parts[p] += files[m]
				}
			}
		}
	}
	return total
}

// fileChecks are issue 4's: no pip/setuptools in a venv copied into the
// runtime; no node-gyp leftovers in node_modules.
func fileChecks(v *Variant, f fixture, files map[string]int64) {
	switch f.kind {
	case "python":
		var venv, bad []string
		for p := range files {
			if rest, ok := strings.CutPrefix(p, "venv/"); ok {
				venv = append(venv, p)
				if isPipOrSetuptools(rest) {
					bad = append(bad, p)
				}
			}
		}
		if len(venv) == 0 {
			v.Checks = append(v.Checks, Check{Name: "no pip/setuptools in the venv", OK: true, Detail: "no /venv in the image (packages live in the image's system Python)"})
			return
		}
		sort.Strings(bad)
		v.Checks = append(v.Checks, Check{Name: "no pip/setuptools in the venv", OK: len(bad) == 0,
			Detail: fmt.Sprintf("%d files in /venv, %d of pip/setuptools/wheel%s", len(venv), len(bad), sampleSuffix(bad))})
	case "node":
		var mods, bad []string
		for p := range files {
			if rest, ok := strings.CutPrefix(p, "app/node_modules/"); ok {
				mods = append(mods, p)
				if isGypLeftover(rest) {
					bad = append(bad, p)
				}
			}
		}
		sort.Strings(bad)
		v.Checks = append(v.Checks, Check{Name: "no node-gyp leftovers", OK: len(bad) == 0,
			Detail: fmt.Sprintf("%d entries in /app/node_modules, %d leftovers (build/Release/obj*, .deps, *.a, *.o)%s", len(mods), len(bad), sampleSuffix(bad))})
	}
}

func sampleSuffix(paths []string) string {
	if len(paths) == 0 {
		return ""
	}
	return ": " + sample(paths)
}

// goCacheCheck rebuilds dockslim's Go Dockerfile warm, alternately with
// and without its /root/.cache/go-build cache mount, after the same kind
// of one-line edit; issue 4 wants the first at least 4 × faster.
func goCacheCheck(t *testing.T, ra reportApp, f fixture, gc *GoCacheCheck, dir, tag string, runs int) {
	src, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	removed := 0
	for _, line := range strings.Split(string(src), "\n") {
		if strings.Contains(line, "--mount=type=cache,target=/root/.cache/go-build") {
			removed++
			continue
		}
		kept = append(kept, line)
	}
	if removed == 0 {
		gc.Error = "dockslim's Go Dockerfile has no /root/.cache/go-build cache mount"
		t.Error(gc.Error)
		return
	}
	const alt = "Dockerfile.no-go-build-cache"
	if err := os.WriteFile(filepath.Join(dir, alt), []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	slug := ra.app + "-dockslim-no-go-build-cache"
	altTag := "dockslim-report/" + slug
	t.Cleanup(func() { removeImages(t, altTag) })
	logs := filepath.Join(stateDir(), "logs")
	altArgs := append([]string{"-f", alt, "-t", altTag}, f.buildArgs...)
	args := append([]string{"-t", tag}, f.buildArgs...)
	// Prime the second Dockerfile's layers (the deps stage is shared).
	if _, err := build(t, dir, filepath.Join(logs, "report-"+slug+"-prime.log"), altArgs...); err != nil {
		gc.Error = "build without the cache mount failed"
		t.Fatal(err)
	}
	for i := range runs {
		for _, with := range []bool{true, false} {
			if err := appendNonce(filepath.Join(dir, ra.edit), ra.comment); err != nil {
				t.Fatal(err)
			}
			waitQuiet(t)
			a, name := args, fmt.Sprintf("report-%s-with%d.log", ra.app, i+1)
			if !with {
				a, name = altArgs, fmt.Sprintf("report-%s-without%d.log", ra.app, i+1)
			}
			took, err := build(t, dir, filepath.Join(logs, name), a...)
			if err != nil {
				gc.Error = "warm rebuild failed"
				t.Fatal(err)
			}
			if with {
				gc.WithMount = append(gc.WithMount, round2(took.Seconds()))
			} else {
				gc.WithoutMount = append(gc.WithoutMount, round2(took.Seconds()))
			}
		}
	}
	gc.WithMedian, gc.WithoutMedian = median(gc.WithMount), median(gc.WithoutMount)
	if gc.WithMedian > 0 {
		gc.Ratio = round1(gc.WithoutMedian / gc.WithMedian)
	}
	t.Logf("%s: warm rebuild with the go-build cache mount %v s, without %v s: %.1f×", ra.app, gc.WithMount, gc.WithoutMount, gc.Ratio)
}

// appendNonce appends a unique comment line to a source file.
func appendNonce(path, comment string) error {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return err
	}
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(fh, "%s e2e-report edit %s\n", comment, hex.EncodeToString(b))
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return err
}

// noteBases records what each base image reference really is here.
func noteBases(rep *Report, refs []string) {
	for _, r := range refs {
		if _, ok := rep.Bases[r]; ok {
			continue
		}
		out, err := dockerOut("image", "inspect", "--format",
			`{{index .Config.Labels "dockslim.standin"}}|{{index .Config.Labels "dockslim.standin.version"}}|{{.Size}}`, r)
		if err != nil {
			rep.Bases[r] = "not inspected: " + firstLine(err.Error())
			continue
		}
		parts := strings.SplitN(out, "|", 3)
		size, _ := strconv.ParseInt(parts[2], 10, 64)
		if parts[0] == "true" {
			rep.Bases[r] = fmt.Sprintf("stand-in: %s (%s)", parts[1], human(size))
		} else {
			rep.Bases[r] = fmt.Sprintf("real image (%s)", human(size))
		}
	}
}

// waitQuiet waits (bounded) until no other docker build runs on the
// machine, so timings are not shared with someone else's build; it
// returns how many were still running when it gave up (0: quiet).
func waitQuiet(t *testing.T) int {
	bound := time.Duration(envInt("DOCKSLIM_E2E_REPORT_QUIET", 900)) * time.Second
	deadline := time.Now().Add(bound)
	lastLog := time.Time{}
	for {
		n := foreignBuilds()
		if n == 0 {
			return 0
		}
		if time.Now().After(deadline) {
			t.Logf("%d other docker builds still running after %s: measuring anyway (noted in REPORT.json)", n, bound)
			return n
		}
		if time.Since(lastLog) > time.Minute {
			t.Logf("waiting for %d other docker builds to end (at most %s)", n, bound)
			lastLog = time.Now()
		}
		time.Sleep(3 * time.Second)
	}
}

// foreignBuilds counts `docker build` clients running on the machine that
// are not this process's (it has none running when it asks).
func foreignBuilds() int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		raw, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || len(raw) == 0 {
			continue
		}
		args := strings.Split(strings.TrimRight(string(raw), "\x00"), "\x00")
		if filepath.Base(args[0]) != "docker" {
			continue
		}
		for _, a := range args[1:] {
			if strings.HasPrefix(a, "-") {
				continue
			}
			if a == "build" || a == "buildx" {
				n++
			}
			break
		}
	}
	return n
}

// sweepReport removes containers of an interrupted report run (by name:
// the matrix's sweep would also take a concurrent matrix run's).
func sweepReport(t *testing.T) {
	ids, err := dockerOut("ps", "-aq", "--filter", "name=^dockslim-report-")
	if err != nil {
		t.Logf("sweep: %v", err)
		return
	}
	for _, id := range strings.Fields(ids) {
		t.Logf("sweep: removing container %s left by an earlier report run", id)
		removeContainer(id)
	}
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return round2((s[len(s)/2-1] + s[len(s)/2]) / 2)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
func round2(x float64) float64 { return math.Round(x*100) / 100 }
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

// human writes bytes in decimal units, as docker does.
func human(n int64) string {
	a := math.Abs(float64(n))
	switch {
	case a >= 1e9:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.1f kB", float64(n)/1e3)
	}
	return fmt.Sprintf("%d B", n)
}

// works reports a variant measured to the end whose image answered.
func (v *Variant) works() bool { return v.Error == "" && v.Probe == "ok" && len(v.WarmSeconds) > 0 }

// goals checks issue 4's goals against the measured numbers.
func goals(rep *Report) []Goal {
	var out []Goal
	for _, ar := range rep.Apps {
		var ds *Variant
		for _, v := range ar.Variants {
			if v.Role == "dockslim" {
				ds = v
			}
		}
		if ds == nil || !ds.works() {
			why := "no dockslim Dockerfile"
			if ds != nil {
				why = strings.TrimSpace(ds.Error + " " + ds.Probe)
			}
			out = append(out, Goal{Goal: "dockslim's image builds, runs and answers", App: ar.App, Met: false,
				Detail: "not measured to the end: " + why})
			continue
		}
		if ds.EssentialBytes > 0 {
			g := Goal{
				Goal: fmt.Sprintf("bytes over base ≤ %.2f × essential payload", essentialLimit), App: ar.App,
				Met: float64(ds.OverBaseBytes) <= essentialLimit*float64(ds.EssentialBytes),
				Detail: fmt.Sprintf("%s over base / %s essential = %.3f×", human(ds.OverBaseBytes),
					human(ds.EssentialBytes), ds.OverEssential),
			}
			if ds.StrictBytes > 0 {
				g.Detail += fmt.Sprintf("; strict reading (the venv and the modules the app runs, no tests or manifests): %s, %.3f×",
					human(ds.StrictBytes), ds.OverStrict)
			}
			out = append(out, g)
		}
		out = append(out, pushGoals(ar, ds)...)
		for _, v := range ar.Variants {
			if v.Role != "peer" {
				continue
			}
			if !v.works() {
				out = append(out, Goal{Goal: "never more bytes over base / never a slower warm rebuild than " + v.Name, App: ar.App, NotCompared: true,
					Detail: fmt.Sprintf("not compared: %s's image does not work here (%s)", v.Name, strings.TrimSpace(v.Error+" "+v.Probe))})
				continue
			}
			out = append(out, Goal{
				Goal: "never more bytes over base than " + v.Name, App: ar.App,
				Met:    ds.OverBaseBytes <= v.OverBaseBytes,
				Detail: fmt.Sprintf("dockslim %s vs %s %s", human(ds.OverBaseBytes), v.Name, human(v.OverBaseBytes)),
			})
			out = append(out, Goal{
				Goal: "never a slower warm rebuild than " + v.Name, App: ar.App,
				Met: ds.WarmMedian <= v.WarmMedian,
				Detail: fmt.Sprintf("median of %d: dockslim %.2f s %s vs %s %.2f s %s", len(ds.WarmSeconds),
					ds.WarmMedian, fmtRuns(ds.WarmSeconds), v.Name, v.WarmMedian, fmtRuns(v.WarmSeconds)),
			})
		}
		for _, c := range ds.Checks {
			out = append(out, Goal{Goal: c.Name, App: ar.App, Met: c.OK, Detail: c.Detail})
		}
	}
	for _, gc := range rep.GoCache {
		g := Goal{Goal: fmt.Sprintf("Go warm rebuild ≥ %.0f × faster with the go-build cache mount", goCacheGoal), App: gc.App}
		if gc.Error != "" || gc.WithMedian == 0 {
			g.Detail = "not measured: " + gc.Error
		} else {
			g.Met = gc.Ratio >= goCacheGoal
			g.Detail = fmt.Sprintf("median %.2f s with vs %.2f s without: %.1f×", gc.WithMedian, gc.WithoutMedian, gc.Ratio)
		}
		out = append(out, g)
	}
	return out
}

// reportMarkdown writes REPORT.md.
func reportMarkdown(rep *Report) string {
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("# dockslim e2e report\n\n")
	p("Written by `just e2e-report` (TestReport in e2e/report_test.go) on %s, in one run of %s on %d CPUs; "+
		"host Go %s, host Node %s. Every figure below was measured in that run; REPORT.json has the raw numbers, "+
		"every Dockerfile measured and what each base image really is here.", rep.Generated, rep.Engine, rep.CPUs, rep.HostGo, rep.HostNode)
	if !rep.Pruned {
		p(" **Trial run**: DOCKSLIM_E2E_REPORT_PRUNE=0 kept the build cache, so the cold builds below are not cold.")
	}
	if !rep.Complete {
		p(" **This run is partial**: some apps were left out, or some Dockerfiles were not built and measured to the end; see below.")
	}
	p("\n\n")
	p("How it measures, per app and Dockerfile: **image** = `docker image inspect .Size`; **base** = the same of the final stage's base image "+
		"(0 for scratch); **over base** = image − base, the bytes the app adds; **cold** = wall time of `docker build` right after "+
		"`docker builder prune -af` (no build cache, no cache mounts; base images kept, stand-ins already built); **warm** = median "+
		"wall time of %d rebuilds, each after appending a unique comment line to the app's source file (the runs are in brackets; "+
		"the cache is primed once first, and the rebuilds of an app's Dockerfiles take turns, round after round, so load from elsewhere falls on all alike); "+
		"**layers** = the image's layer count (in brackets, the layers over the final base); **push after an edit** = the layers whose digest the last warm "+
		"rebuild's edit changed (`docker image inspect .RootFS.Layers` before and after), sized from `docker save` (the layer tars) and gzipped at "+
		"gzip's default level, as `docker push` sends them — what a registry receives for a one-line edit. "+
		"Builds use BuildKit with `--network host`; every image is run with `--network host` and probed on 127.0.0.1 (GET / must answer 200 "+
		"with the app's body) — a Dockerfile whose image does not answer is reported but compared with nothing. Timed builds wait until no other "+
		"`docker build` runs on the machine.\n\n", rep.WarmRuns)

	for _, ar := range rep.Apps {
		p("## %s — %s\n\n", ar.App, ar.About)
		p("Warm edit: `%s`. dockslim flavour: `%s`.\n\n", ar.EditFile, ar.Flavour)
		p("| Dockerfile | final base | image | base | over base | layers | cold build | warm rebuild | push after an edit | probe |\n")
		p("|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n")
		for _, v := range ar.Variants {
			name := v.Name
			if v.Role == "dockslim" {
				name = "**dockslim**"
			} else if v.Role == "baseline" {
				name = "naive (seed)"
			}
			if v.ColdSeconds == 0 {
				p("| %s | %s | – | – | – | – | – | – | – | not measured: %s |\n", name, orDash(v.FinalBase), v.Error)
				continue
			}
			warm := "–"
			if len(v.WarmSeconds) > 0 {
				warm = fmt.Sprintf("%.2f s %s", v.WarmMedian, fmtRuns(v.WarmSeconds))
			}
			probe := v.Probe
			if v.Error != "" {
				probe += " (" + v.Error + ")"
			}
			layers, push := "–", "–"
			if v.Push != nil {
				layers = fmt.Sprintf("%d (+%d)", v.Push.Layers, v.Push.OverBase)
				push = fmt.Sprintf("%s gz (%d layers, %s tar)", human(v.Push.GzipBytes), v.Push.Changed, human(v.Push.TarBytes))
			}
			p("| %s | `%s` | %s | %s | %s | %s | %.2f s | %s | %s | %s |\n", name, v.FinalBase, human(v.ImageBytes),
				human(v.BaseBytes), human(v.OverBaseBytes), layers, v.ColdSeconds, warm, push, probe)
		}
		p("\n")
		if ar.OwnGzipBytes > 0 {
			p("The app's own output (what an edit can change: `%s` in dockslim's image): %s as a tar, **%s gzipped**.\n\n",
				strings.Join(ar.OwnPaths, "`, `"), human(ar.OwnTarBytes), human(ar.OwnGzipBytes))
		}
		for _, v := range ar.Variants {
			if v.Role == "dockslim" && v.EssentialBytes > 0 {
				var parts []string
				for _, k := range sortedKeys(v.EssentialParts) {
					parts = append(parts, fmt.Sprintf("/%s %s", k, human(v.EssentialParts[k])))
				}
				p("dockslim's essential payload, measured in its image (docker export): %s = %s; over base / essential = **%.3f×**.",
					strings.Join(parts, " + "), human(v.EssentialBytes), v.OverEssential)
				if v.StrictBytes > 0 {
					p(" Read strictly (the venv and the modules the app runs, without tests, manifests or the sources of local "+
						"packages already installed in the venv): %s, %.3f×.", human(v.StrictBytes), v.OverStrict)
				}
				p("\n")
			}
		}
		for _, v := range ar.Variants {
			for _, c := range v.Checks {
				mark := "yes"
				if !c.OK {
					mark = "**no**"
				}
				p("- %s, %s: %s (%s)\n", v.Name, c.Name, mark, c.Detail)
			}
		}
		for _, v := range ar.Variants {
			for _, n := range v.Notes {
				p("- %s: %s\n", v.Name, n)
			}
		}
		p("\n")
	}

	if len(rep.GoCache) > 0 {
		p("## Go: warm rebuild with and without the go-build cache mount\n\n")
		p("dockslim's Go Dockerfile against the same file with its `--mount=type=cache,target=/root/.cache/go-build` lines removed, " +
			"rebuilt alternately after a one-line edit of main.go (module cache mount kept in both).\n\n")
		p("| app | with cache mount | without | ratio |\n|---|--:|--:|--:|\n")
		for _, gc := range rep.GoCache {
			if gc.Error != "" {
				p("| %s | – | – | not measured: %s |\n", gc.App, gc.Error)
				continue
			}
			p("| %s | %.2f s %s | %.2f s %s | %.1f× |\n", gc.App, gc.WithMedian, fmtRuns(gc.WithMount), gc.WithoutMedian, fmtRuns(gc.WithoutMount), gc.Ratio)
		}
		p("\n")
	}

	p("## Goals\n\n")
	met, compared := 0, 0
	for _, g := range rep.Goals {
		if g.NotCompared {
			continue
		}
		compared++
		if g.Met {
			met++
		}
	}
	p("%d of %d met.\n\n", met, compared)
	for _, g := range rep.Goals {
		mark := "met"
		switch {
		case g.NotCompared:
			mark = "not compared"
		case !g.Met:
			mark = "**MISSED**"
		}
		p("- %s — %s: %s (%s)\n", mark, g.App, g.Goal, g.Detail)
	}
	p("\n")

	p("## What the stand-ins mean\n\n")
	p("No image registry answers here, so every base image is a local stand-in built by e2e/bases.sh under the real name and tag "+
		"(e2e/README.md). Stand-ins are approximations: every `node:*` stand-in runs the host's Node (%s) whatever its tag says, and the "+
		"full `node:<v>` one is Debian's build tools on a Debian 12 root, not buildpack-deps; every `python:*` stand-in is Debian's Python 3.11 "+
		"with pip from Debian (offline); every `golang:*` is the host's Go toolchain; distroless ones are files copied from Debian 12. "+
		"So **bytes over base compare fairly** — the app's layers are built by the same Dockerfile instructions either way — but **total "+
		"image sizes do not**: they measure the stand-in as much as the Dockerfile. Build times compare Dockerfiles within this run only. "+
		"What each base was in this run:\n\n", orDash(rep.HostNode))
	for _, r := range sortedKeys(rep.Bases) {
		p("- `%s`: %s\n", r, rep.Bases[r])
	}
	p("\n")

	p("## What cannot be proven here\n\n")
	p("- **alpine** flavours (no Alpine package mirror, so no stand-in): golden files and lint only. The peers' Alpine variants " +
		"(fly's `--alpine`, flyctl's older golang:*-alpine template, docker init's node:*-alpine) are not measured either.\n")
	p("- **uv, poetry, pdm, pipenv** (no PyPI here: they cannot be installed, nor can packages): golden files and lint only. " +
		"Python apps here install local packages only.\n")
	p("- Real upstream base images and their sizes; the paper check against real sizes is in docs/results.md.\n")
	p("- A real push: no registry here, so the push after an edit is the changed layers of `docker save`, gzipped as `docker push` does " +
		"(a registry that already holds a layer is sent nothing for it; the figure is what it must receive); pulls; multi-platform builds.\n")
	return b.String()
}

func fmtRuns(xs []float64) string {
	var s []string
	for _, x := range xs {
		s = append(s, strconv.FormatFloat(x, 'f', 2, 64))
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
