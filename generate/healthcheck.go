package generate

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect/golang"
	"github.com/dockslim/dockslim/detect/node"
	"github.com/dockslim/dockslim/detect/python"
)

// A HEALTHCHECK that works on every flavour needs no shell and no curl
// (docs/dockerfiles.md#health-checks): Node asks with its own fetch,
// Python with urllib, and a Go image — scratch and distroless have
// nothing to ask with — gets a small static probe that dockslim builds
// from the source below in a stage of its own. Each asks
// http://127.0.0.1:$PORT<path> (the port answer when PORT is unset) and
// exits 0 on a 2xx (Node, Python: after redirects) or a 2xx/3xx (Go).

// healthPathRE is what a health path may hold: it is written into a
// script inside a JSON array, so no quote, backslash or space.
var healthPathRE = regexp.MustCompile(`^/[A-Za-z0-9._~/-]*(\?[A-Za-z0-9._~=&%-]*)?$`)

// CheckHealthcheck validates a health path (--healthcheck, the form,
// .dockslim.yaml): the one rule.
func CheckHealthcheck(p string) error {
	if len(p) > 200 || !healthPathRE.MatchString(p) {
		return fmt.Errorf("%q is not a URL path like /healthz (a leading /; letters, digits, . _ ~ - / and a plain query)", p)
	}
	return nil
}

// healthOptions are the HEALTHCHECK timings: a probe every 15 s (the
// first one 15 s after the start: Docker before 25 has no faster
// --start-interval, and its parser refuses the flag), 5 s to answer, 3
// failures make the container unhealthy, failures in the first 20 s
// (start-up) do not count.
const healthOptions = "--interval=15s --timeout=5s --start-period=20s --retries=3"

// healthProbe is the Go probe's source, written line by line by printf
// (no single quote, dollar sign or backslash escape in it, so every
// line is a plain single-quoted word).
var healthProbe = []string{
	"package main",
	"",
	"import (",
	`	"bufio"`,
	`	"net"`,
	`	"os"`,
	`	"strings"`,
	`	"time"`,
	")",
	"",
	"func main() {",
	`	port := os.Getenv("PORT")`,
	`	if port == "" {`,
	"		port = os.Args[1]",
	"	}",
	`	c, err := net.DialTimeout("tcp", "127.0.0.1:"+port, 4*time.Second)`,
	"	if err != nil {",
	"		os.Exit(1)",
	"	}",
	"	c.SetDeadline(time.Now().Add(4 * time.Second))",
	`	c.Write([]byte("GET " + os.Args[2] + " HTTP/1.0\r\nHost: localhost\r\n\r\n"))`,
	"	status, _ := bufio.NewReader(c).ReadString(10)",
	"	f := strings.Fields(status)",
	`	if len(f) < 2 || f[1] < "200" || f[1] >= "400" {`,
	"		os.Exit(1)",
	"	}",
	"}",
}

// HealthProbeStage builds the Go probe (GoView.Health).
type HealthProbeStage struct{ Run *RunStep }

// CheckHealthcheckFor validates the health path answer against the rest
// of the answers: a port to ask, and a runtime that can ask it. Answers'
// Check and --healthcheck both call it.
func CheckHealthcheckFor(a *Answers) error {
	if a.Healthcheck == "" {
		return nil
	}
	if err := CheckHealthcheck(a.Healthcheck); err != nil {
		return err
	}
	if a.Port == 0 {
		return errors.New("a HEALTHCHECK asks the app's port, and the answers have none (--port)")
	}
	if a.Language == node.Name {
		if a.Node != nil && a.Node.StaticDir != "" {
			return errors.New("a static site is served by nginx, which has no probe that needs no shell")
		}
		if major, _ := strconv.Atoi(strings.SplitN(a.LanguageVersion, ".", 2)[0]); major < 18 {
			return fmt.Errorf("the Node probe uses fetch, which Node %s lacks (18 or later)", a.LanguageVersion)
		}
	}
	return nil
}

// healthcheck sets v.Healthcheck (and, for Go, the probe's stage) from
// the health path answer, which Answers.Check has validated.
func healthcheck(v *View, a *Answers) error {
	if a.Healthcheck == "" {
		return nil
	}
	port := strconv.Itoa(a.Port)
	var argv []string
	switch a.Language {
	case node.Name:
		bin := "node"
		if v.IsDistroless {
			bin = "/nodejs/bin/node"
		}
		argv = []string{bin, "-e", `fetch('http://127.0.0.1:'+(process.env.PORT||'` + port + `')+'` + a.Healthcheck +
			`',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`}
	case python.Name:
		argv = []string{"python", "-c", `import os,urllib.request as u;u.urlopen('http://127.0.0.1:'+os.environ.get('PORT','` + port +
			`')+'` + a.Healthcheck + `',timeout=4)`}
	case golang.Name:
		words := make([]string, len(healthProbe))
		for i, l := range healthProbe {
			words[i] = "'" + l + "'"
		}
		v.Go.Health = &HealthProbeStage{Run: &RunStep{
			Caches: caches("/root/.cache/go-build"),
			Commands: []string{
				"mkdir /probe",
				"cd /probe",
				"printf '%s\\n' " + strings.Join(words, " ") + " > main.go",
				"GOFLAGS= GOWORK=off go mod init probe",
				`GOFLAGS= GOWORK=off CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags="-s -w" -o /out/healthcheck .`,
			}}}
		argv = []string{"/healthcheck", port, a.Healthcheck}
	default:
		return fmt.Errorf("no health probe for %s", a.Language)
	}
	v.Healthcheck = healthOptions + " CMD " + jsonArgv(argv)
	return nil
}
