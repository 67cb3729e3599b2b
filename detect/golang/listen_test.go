package golang

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/fixture"
	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/versions"
)

const listenMod = "module example.com/app\n\ngo 1.24\n"

// TestGoListenFollowed: the port is followed from the listen call to
// where it is written — constants, Sprintf, flags, config structs —
// with the literal's line as the source.
func TestGoListenFollowed(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		port   int
		from   string
		likely bool
		start  []string
	}{
		{name: "package constant",
			files: map[string]string{"main.go": "package main\n\nimport \"net/http\"\n\nconst addr = \":8090\"\n\nfunc main() { http.ListenAndServe(addr, nil) }\n"},
			port:  8090, from: "main.go:5"},
		{name: "constant of another package",
			files: map[string]string{
				"main.go":            "package main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/app/internal/conf\"\n)\n\nfunc main() { http.ListenAndServe(conf.Addr, nil) }\n",
				"internal/conf/c.go": "package conf\n\n// Addr is where the API listens.\nconst Addr = \":9090\"\n"},
			port: 9090, from: "internal/conf/c.go:4"},
		{name: "Sprintf of an int constant",
			files: map[string]string{"main.go": "package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n\nconst port = 7070\n\nfunc main() { http.ListenAndServe(fmt.Sprintf(\":%d\", port), nil) }\n"},
			port:  7070, from: "main.go:8"},
		{name: "flag pointer through Sprintf",
			files: map[string]string{"main.go": "package main\n\nimport (\n\t\"flag\"\n\t\"fmt\"\n\t\"net/http\"\n)\n\nfunc main() {\n\tport := flag.Int(\"listen-port\", 6060, \"port\")\n\tflag.Parse()\n\thttp.ListenAndServe(fmt.Sprintf(\":%d\", *port), nil)\n}\n"},
			port:  6060, from: "main.go:10"},
		{name: "config struct literal default, through a constructor",
			files: map[string]string{
				"main.go": "package main\n\nimport \"example.com/app/server\"\n\nfunc main() {\n\tcfg := server.DefaultConfig()\n\tserver.New(cfg.Addr).Run()\n}\n",
				"server/server.go": "package server\n\nimport \"net/http\"\n\ntype Config struct{ Addr string }\n\nfunc DefaultConfig() Config { return Config{Addr: \":8081\"} }\n\n" +
					"type S struct{ addr string }\n\nfunc New(addr string) *S { return &S{addr: addr} }\n\nfunc (s *S) Run() { http.ListenAndServe(s.addr, nil) }\n",
				"db/db.go": "package db\n\ntype DBConfig struct{ Addr string }\n\nvar Default = DBConfig{Addr: \":5432\"}\n"},
			port: 8081, from: "server/server.go:7", likely: true},
		{name: "nested config: the server's port, not the database's",
			files: map[string]string{"main.go": "package main\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n)\n\ntype Config struct {\n\tDatabase struct{ Port int }\n\tServer   struct{ Port int }\n}\n\n" +
				"var defaults = Config{}\n\nfunc init() {\n\tdefaults.Database.Port = 5432\n\tdefaults.Server.Port = 8181\n}\n\n" +
				"func main() {\n\tc := defaults\n\thttp.ListenAndServe(fmt.Sprintf(\":%d\", c.Server.Port), nil)\n}\n"},
			port: 8181, from: "main.go:17", likely: true},
		{name: "envconfig default tag",
			files: map[string]string{"main.go": "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/kelseyhightower/envconfig\"\n)\n\ntype Spec struct {\n\tListenAddr string `envconfig:\"LISTEN_ADDR\" default:\":4040\"`\n}\n\n" +
				"func main() {\n\tvar s Spec\n\tenvconfig.Process(\"\", &s)\n\thttp.ListenAndServe(s.ListenAddr, nil)\n}\n"},
			port: 4040, from: "main.go:10", likely: true},
		{name: "loopback flag default is passed with all interfaces",
			files: map[string]string{"main.go": "package main\n\nimport (\n\t\"flag\"\n\t\"net/http\"\n)\n\nvar addr string\n\nfunc init() { flag.StringVar(&addr, \"http\", \"127.0.0.1:8090\", \"address\") }\n\n" +
				"func main() {\n\tflag.Parse()\n\tsrv := &http.Server{Addr: addr}\n\tsrv.ListenAndServe()\n}\n"},
			port: 8090, from: "main.go:10", start: []string{"/app", "--http=0.0.0.0:8090"}},
		{name: "urfave flag literal",
			files: map[string]string{"main.go": "package main\n\nimport (\n\t\"net/http\"\n\n\t\"github.com/urfave/cli/v2\"\n)\n\nvar flags = []cli.Flag{&cli.StringFlag{Name: \"listen\", Value: \":3333\"}}\n\n" +
				"func serve(c *cli.Context) error { return http.ListenAndServe(c.String(\"listen\"), nil) }\n\nfunc main() {}\n"},
			port: 3333, from: "main.go:9"},
		{name: "net.JoinHostPort of env helpers",
			files: map[string]string{"main.go": "package main\n\nimport (\n\t\"net\"\n\t\"net/http\"\n\t\"os\"\n)\n\n" +
				"func env(k, d string) string { if v := os.Getenv(k); v != \"\" { return v }; return d }\n\n" +
				"func main() { http.ListenAndServe(net.JoinHostPort(env(\"HOST\", \"\"), env(\"PORT\", \"5055\")), nil) }\n"},
			port: 5055, from: "main.go:11"},
		{name: "a port only the environment sets falls back",
			files: map[string]string{"main.go": "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() { http.ListenAndServe(\":\"+os.Getenv(\"PORT\"), nil) }\n"},
			port:  defaultPort},
	}
	tab, err := versions.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"go.mod": listenMod}
			for k, v := range tt.files {
				files[k] = v
			}
			r, err := repo.Open(t.Context(), fixture.Dir(t, files))
			if err != nil {
				t.Fatal(err)
			}
			f, err := core.Run(t.Context(), Language(), r, core.Options{}, tab)
			if err != nil {
				t.Fatal(err)
			}
			if f.Port != tt.port || f.Sources["port"] != tt.from {
				t.Errorf("port %d ← %q, want %d ← %q (warnings %q)", f.Port, f.Sources["port"], tt.port, tt.from, f.Warnings)
			}
			if got := f.Confidence["port"] == core.Likely; tt.from != "" && got != tt.likely {
				t.Errorf("likely = %v, want %v", got, tt.likely)
			}
			if tt.start != nil && !slices.Equal(f.Start, tt.start) {
				t.Errorf("start %q, want %q", f.Start, tt.start)
			}
		})
	}
}

// FuzzGoListen: following listen addresses through any source never
// panics, stays within its budget and returns a valid port or nothing.
func FuzzGoListen(f *testing.F) {
	for _, s := range []string{
		"package main\n\nimport \"net/http\"\n\nconst addr = \":8090\"\n\nfunc main() { http.ListenAndServe(addr, nil) }\n",
		"package main\n\nfunc main() { a := b; b := a; http.ListenAndServe(a+b, nil) }\n",
		"package main\n\nfunc f(x string) { f(x); e.Start(x) }\n",
		"package main\n\nvar s = &http.Server{Addr: fmt.Sprintf(\"%s:%d\", h, p)}\n",
		"package main\n\ntype C struct{ Port int `default:\"80\"` }\nfunc main() { r.Run(fmt.Sprint(c.Port)) }\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		dir := fixture.Dir(t, map[string]string{"go.mod": listenMod, "main.go": src})
		r, err := repo.Open(t.Context(), dir)
		if err != nil {
			t.Fatal(err)
		}
		files := []sourceFile{{rel: "main.go", dir: ".", pkg: "main", src: []byte(src)}}
		s := newAddrSearch(r, files, "example.com/app")
		fd, ok := s.listenIn(files[0], []byte(src))
		if ok && !core.ValidPort(fd.port) {
			t.Fatalf("port %d", fd.port)
		}
		if s.steps > maxEvalSteps {
			t.Fatalf("%d steps", s.steps)
		}
	})
}

// TestGoReachable: a default a container cannot use (loopback, a port
// below 1024) is changed through the setting it came from.
func TestGoReachable(t *testing.T) {
	tests := []struct {
		name  string
		main  string
		port  int
		start []string
		env   []string
		warn  string
	}{
		{name: "privileged port from an env helper inside a flag default",
			main: "package main\n\nimport (\n\t\"flag\"\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc getEnv(k, d string) string { if v := os.Getenv(k); v != \"\" { return v }; return d }\n\n" +
				"var port string\n\nfunc main() {\n\tflag.StringVar(&port, \"port\", getEnv(\"WHO_PORT\", \"80\"), \"port\")\n\tflag.Parse()\n\thttp.ListenAndServe(\":\"+port, nil)\n}\n",
			port: 8080, start: []string{"/app"}, env: []string{"WHO_PORT=8080"}, warn: "below 1024"},
		{name: "privileged port in an env struct tag",
			main: "package main\n\nimport \"net/http\"\nimport \"fmt\"\n\ntype Conf struct {\n\tPort int `env:\"APP_PORT\" envDefault:\"80\"`\n}\n\nfunc main() {\n\tvar c Conf\n\thttp.ListenAndServe(fmt.Sprintf(\":%d\", c.Port), nil)\n}\n",
			port: 8080, start: []string{"/app"}, env: []string{"APP_PORT=8080"}},
		{name: "loopback address in an env helper",
			main: "package main\n\nimport (\n\t\"net/http\"\n\t\"os\"\n\t\"cmp\"\n)\n\nfunc main() { http.ListenAndServe(cmp.Or(os.Getenv(\"X\"), envOr(\"LISTEN\", \"localhost:3000\")), nil) }\n\nfunc envOr(k, d string) string { return d }\n",
			port: 3000, start: []string{"/app"}, env: []string{"LISTEN=0.0.0.0:3000"}},
		{name: "a literal nothing can change is only warned about",
			main: "package main\n\nimport \"net/http\"\n\nfunc main() { http.ListenAndServe(\"127.0.0.1:80\", nil) }\n",
			port: 80, start: []string{"/app"}, warn: `make it listen on "0.0.0.0:8080"`},
	}
	tab, err := versions.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := repo.Open(t.Context(), fixture.Dir(t, map[string]string{"go.mod": listenMod, "main.go": tt.main}))
			if err != nil {
				t.Fatal(err)
			}
			f, err := core.Run(t.Context(), Language(), r, core.Options{}, tab)
			if err != nil {
				t.Fatal(err)
			}
			if f.Port != tt.port || !slices.Equal(f.Start, tt.start) || !slices.Equal(f.Details.Env, tt.env) {
				t.Errorf("port %d start %q env %q, want %d %q %q", f.Port, f.Start, f.Details.Env, tt.port, tt.start, tt.env)
			}
			if !slices.ContainsFunc(f.Warnings, func(w string) bool { return strings.Contains(w, tt.warn) }) {
				t.Errorf("no warning containing %q in %q", tt.warn, f.Warnings)
			}
		})
	}
}
