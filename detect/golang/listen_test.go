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

// TestGoListenShapes: the shapes of real services — a pflag address and
// port read back through viper, an environment variable bound to a config
// field by a helper, net.ListenConfig and a helper returning two values,
// a table of settings keyed by environment variable.
func TestGoListenShapes(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		port  int
		from  string
		start []string
		env   []string
	}{
		{name: "pflag address and port read through viper",
			files: map[string]string{"cmd/root.go": "package cmd\n\nimport (\n\t\"net\"\n\n\t\"github.com/spf13/pflag\"\n\t\"github.com/spf13/viper\"\n)\n\n" +
				"func flags(f *pflag.FlagSet) {\n\tf.StringP(\"address\", \"a\", \"127.0.0.1\", \"address\")\n\tf.StringP(\"port\", \"p\", \"8080\", \"port\")\n}\n\n" +
				"type Server struct{ Address, Port string }\n\nfunc Run(v *viper.Viper) {\n\tserver := &Server{}\n\tserver.Address = v.GetString(\"address\")\n\tserver.Port = v.GetString(\"port\")\n" +
				"\tadr := server.Address + \":\" + server.Port\n\tnet.Listen(\"unix\", \"/tmp/s\")\n\tnet.Listen(\"tcp\", adr)\n}\n",
				"main.go": "package main\n\nimport \"example.com/app/cmd\"\n\nfunc main() { cmd.Run(nil) }\n"},
			port: 8080, from: "cmd/root.go:12", start: []string{"/app", "--address=0.0.0.0"}},
		{name: "env bound to a config field, ListenConfig, two results",
			files: map[string]string{
				"config/keys.go": "package config\n\nconst EnvPort = \"APP_SERVER_PORT\"\n",
				"config/config.go": "package config\n\nimport \"os\"\n\ntype Server struct {\n\tListenAddr string\n\tPort       int\n\tTLS        struct{ Port int }\n}\n\ntype Configuration struct{ Server Server }\n\n" +
					"func parseInt(p *int, key string) { _ = os.Getenv(key) }\n\n" +
					"func Get() *Configuration {\n\tc := &Configuration{Server: Server{Port: 80}}\n\tc.Server.TLS.Port = 443\n\tparseInt(&c.Server.Port, EnvPort)\n\treturn c\n}\n",
				"runner/runner.go": "package runner\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"net\"\n\n\t\"example.com/app/config\"\n)\n\n" +
					"func Run(conf *config.Configuration) { listen(conf.Server.ListenAddr, conf.Server.Port) }\n\n" +
					"func listen(addr string, port int) {\n\tnetwork, a := split(addr, port)\n\tvar lc net.ListenConfig\n\tlc.Listen(context.Background(), network, a)\n}\n\n" +
					"func split(addr string, port int) (string, string) { return \"tcp\", fmt.Sprintf(\"%s:%d\", addr, port) }\n",
				"main.go": "package main\n\nimport (\n\t\"example.com/app/config\"\n\t\"example.com/app/runner\"\n)\n\nfunc main() { runner.Run(config.Get()) }\n"},
			port: 8080, from: "config/config.go:16", start: []string{"/app"}, env: []string{"APP_SERVER_PORT=8080"}},
		{name: "a table of settings keyed by environment variable",
			files: map[string]string{
				"internal/config/options.go": "package config\n\nimport \"net\"\n\nvar _ net.Addr\n\ntype option struct {\n\tlist []string\n\traw  string\n}\n\n" +
					"var defaults = map[string]*option{\n\t\"PORT\": {raw: \"\"},\n\t\"LISTEN_ADDR\": {\n\t\tlist: []string{\"127.0.0.1:8080\"},\n\t\traw:  \"127.0.0.1:8080\",\n\t},\n}\n",
				"main.go": "package main\n\nimport _ \"example.com/app/internal/config\"\n\nfunc main() {}\n"},
			port: 8080, from: "internal/config/options.go:14", start: []string{"/app"}, env: []string{"LISTEN_ADDR=0.0.0.0:8080"}},
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
			if f.Port != tt.port || f.Sources["port"] != tt.from || !slices.Equal(f.Start, tt.start) || !slices.Equal(f.Details.Env, tt.env) {
				t.Errorf("port %d ← %q start %q env %q, want %d ← %q %q %q (warnings %q)", f.Port, f.Sources["port"], f.Start, f.Details.Env,
					tt.port, tt.from, tt.start, tt.env, f.Warnings)
			}
		})
	}
}
