package e2e

// TestHealthAndDebug proves issue 15's two operator features in a real
// engine, one app per language: the HEALTHCHECK `--healthcheck` renders
// turns the container healthy (`docker inspect` .State.Health.Status) on
// a flavour without a shell, and `docker build --target debug` gives an
// image with a shell and ps that runs the same app.

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// healthCases are one app per language, each on a final base without
// curl (scratch and distroless have no shell at all).
var healthCases = []struct {
	app, flavour string
	// inDebug is a path the debug image must hold: the app.
	inDebug string
}{
	{"go-root", "scratch", "/app"},
	{"node-fastify", "distroless", "/app/node_modules"},
	{"python-local-pkg", "slim", "/venv"},
}

// healthDeadline bounds the wait for `healthy`: the probe runs every
// second here (docker run --health-interval), against the image's 30 s.
const healthDeadline = 40 * time.Second

func TestHealthAndDebug(t *testing.T) {
	requireE2E(t)
	requireEngine(t)
	sweep(t)
	t.Cleanup(func() { sweep(t) })
	bin := buildDockslim(t)
	logs := filepath.Join(stateDir(), "logs")
	for _, c := range healthCases {
		t.Run(c.app+"/"+c.flavour, func(t *testing.T) {
			f, ok := fixtureNamed(c.app)
			if !ok {
				t.Fatalf("no fixture %s", c.app)
			}
			dir := t.TempDir()
			if err := copyTree(filepath.Join("testdata", c.app), dir); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"init", "--yes", "--flavour", c.flavour, "--healthcheck", "/"}, f.init...)
			if out, err := command(context.Background(), commandBound, "", bin, append(args, dir)...); err != nil {
				t.Fatalf("dockslim %s: %v\n%s", strings.Join(args, " "), err, out)
			}
			src, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
			if err != nil {
				t.Fatal(err)
			}
			df := parseDockerfile(string(src))
			ensureBases(t, append(df.imagesFor(""), df.imagesFor("debug")...))
			slug := "health-" + c.app + "-" + c.flavour
			tag, debugTag := "dockslim-e2e/"+slug+":"+runID, "dockslim-e2e/"+slug+"-debug:"+runID
			t.Cleanup(func() { removeImages(t, tag, debugTag) })

			// The HEALTHCHECK: healthy within the deadline.
			if _, err := build(t, dir, filepath.Join(logs, "e2e-"+slug+".log"), append([]string{"-t", tag}, f.buildArgs...)...); err != nil {
				t.Logf("Dockerfile:\n%s", src)
				t.Fatal(err)
			}
			port := freePort(t)
			name := "dockslim-e2e-" + slug + "-" + runID
			ctr, err := startWith(name, tag, []string{"--health-interval=1s", "--health-start-period=2s"}, fmt.Sprintf("PORT=%d", port))
			if err != nil {
				t.Fatal(err)
			}
			status, took, err := waitHealthy(ctr)
			ctr.stop()
			if err != nil {
				t.Fatalf("%v (last status %q)", err, status)
			}
			t.Logf("healthy after %s", took.Round(100*time.Millisecond))

			// The debug target: a shell and ps, the app, and the app runs.
			if _, err := build(t, dir, filepath.Join(logs, "e2e-"+slug+"-debug.log"), append([]string{"--target", "debug", "-t", debugTag}, f.buildArgs...)...); err != nil {
				t.Fatal(err)
			}
			out, err := dockerOut("run", "--rm", "--network", "none", "--label", label, "--label", ownerLabel,
				"--entrypoint", "sh", debugTag, "-c", "command -v ps && test -e "+c.inDebug+" && id -u")
			if err != nil {
				t.Fatalf("a shell in the debug image: %v\n%s", err, out)
			}
			t.Logf("debug image: %s", strings.Join(strings.Fields(out), " "))
			port = freePort(t)
			ctr, err = start(name+"-debug", debugTag, fmt.Sprintf("PORT=%d", port))
			if err != nil {
				t.Fatal(err)
			}
			defer ctr.stop()
			if _, _, err := probe(ctr, fmt.Sprintf("http://127.0.0.1:%d/", port), f.body); err != nil {
				t.Fatalf("the debug image does not run the app: %v", err)
			}
		})
	}
}

// waitHealthy polls the container's health status until it is healthy,
// it turns unhealthy, the container exits, or healthDeadline passes.
func waitHealthy(c *container) (string, time.Duration, error) {
	begin := time.Now()
	status := ""
	for time.Since(begin) < healthDeadline {
		if done, err := c.exited(); done {
			return status, 0, fmt.Errorf("the container exited (%v); its output:\n%s", err, tail(c.out.String(), 30))
		}
		out, err := dockerOut("inspect", "--format", "{{if .State.Health}}{{.State.Health.Status}}{{end}}", c.name)
		if err == nil {
			status = strings.TrimSpace(out)
			switch status {
			case "healthy":
				return status, time.Since(begin), nil
			case "unhealthy":
				log, _ := dockerOut("inspect", "--format", "{{json .State.Health.Log}}", c.name)
				return status, 0, fmt.Errorf("unhealthy: %s", tail(log, 10))
			case "":
				return status, 0, fmt.Errorf("the image has no HEALTHCHECK")
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	return status, 0, fmt.Errorf("not healthy within %s", healthDeadline)
}
