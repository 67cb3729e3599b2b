package generate

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckHealthcheck(t *testing.T) {
	for _, ok := range []string{"/", "/healthz", "/api/v1/health", "/ready?full=1", "/_status~x"} {
		if err := CheckHealthcheck(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "healthz", "/a b", `/x"`, "/x'", `/x\`, "/$(id)", "/x;y", "/" + strings.Repeat("a", 300)} {
		if err := CheckHealthcheck(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	base := func() *Answers {
		return &Answers{Language: "node", LanguageVersion: "22", Port: 3000, Healthcheck: "/health", Node: &NodeAnswers{}}
	}
	if err := CheckHealthcheckFor(base()); err != nil {
		t.Errorf("a Node 22 server: %v", err)
	}
	for name, change := range map[string]func(*Answers){
		"no port":     func(a *Answers) { a.Port = 0 },
		"node 16":     func(a *Answers) { a.LanguageVersion = "16" },
		"static site": func(a *Answers) { a.Node.StaticDir = "dist" },
	} {
		a := base()
		change(a)
		if err := CheckHealthcheckFor(a); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestHealthProbe builds the Go probe from the lines the Dockerfile
// writes and asks a server with it: 2xx and 3xx are healthy, 5xx and a
// closed port are not.
func TestHealthProbe(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	for _, l := range healthProbe {
		if strings.ContainsAny(l, `'$`) {
			t.Fatalf("probe line %q holds a quote or $: printf's single-quoted words would break", l)
		}
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(strings.Join(healthProbe, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module probe\n\ngo 1.21\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "probe")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir = dir
	build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("the probe does not build: %v\n%s", err, out)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz":
			w.WriteHeader(http.StatusNoContent)
		case "/moved":
			http.Redirect(w, r, "/healthz", http.StatusFound)
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, closedPort, _ := net.SplitHostPort(closed.Addr().String())
	closed.Close()
	for _, c := range []struct {
		env, arg, path string
		healthy        bool
	}{
		{"", port, "/healthz", true},
		{"PORT=" + port, "1", "/healthz", true}, // PORT wins over the default
		{"", port, "/moved", true},
		{"", port, "/down", false},
		{"", closedPort, "/healthz", false},
	} {
		cmd := exec.Command(bin, c.arg, c.path)
		cmd.Env = []string{}
		if c.env != "" {
			cmd.Env = []string{c.env}
		}
		err := cmd.Run()
		if got := err == nil; got != c.healthy {
			t.Errorf("%s %s %s: healthy = %v, want %v (%v)", c.env, c.arg, c.path, got, c.healthy, err)
		}
	}
}
