package golang

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

func TestGoPortInSource(t *testing.T) {
	tests := []struct {
		name, src string
		port      int
		host      string
	}{
		{"ListenAndServe", `http.ListenAndServe(":8081", nil)`, 8081, ""},
		{"ListenAndServeTLS", `http.ListenAndServeTLS(":8443", "c", "k", nil)`, 8443, ""},
		{"fasthttp", `fasthttp.ListenAndServe(":8082", h)`, 8082, ""},
		{"gin", `r.Run(":9090")`, 9090, ""},
		{"gin RunTLS", `r.RunTLS(":9443", "c", "k")`, 9443, ""},
		{"echo", `e.Logger.Fatal(e.Start(":1323"))`, 1323, ""},
		{"fiber", `log.Fatal(app.Listen(":3000"))`, 3000, ""},
		{"net.Listen", `lis, err := net.Listen("tcp", ":50051")`, 50051, ""},
		{"net.Listen tcp4", `net.Listen("tcp4", "0.0.0.0:7000")`, 7000, "0.0.0.0"},
		{"Server Addr", "srv := &http.Server{\n\tAddr: \":8088\",\n}", 8088, ""},
		{"client Addr ignored", `redis.NewClient(&redis.Options{Addr: "localhost:6379"})`, 0, ""},
		{"getenv helper", `port := getEnv("PORT", "5000")`, 5000, ""},
		{"getenv colon", `addr := envOr("HTTP_PORT", ":5001")`, 5001, ""},
		{"cmp.Or", `port := cmp.Or(os.Getenv("PORT"), "5002")`, 5002, ""},
		{"db port ignored", `p := getEnv("DB_PORT", "5432")`, 0, ""},
		{"getenv then default", "port := os.Getenv(\"PORT\")\nif port == \"\" {\n\tport = \"8089\"\n}\n", 8089, ""},
		{"getenv then default :=", "p, ok := os.LookupEnv(\"PORT\")\nif !ok {\n\tp := \"8090\"\n}\n", 8090, ""},
		{"getenv comparison only", "if os.Getenv(\"PORT\") == \"\" {\n}\n", 0, ""},
		{"flag int", `port := flag.Int("port", 8091, "port")`, 8091, ""},
		{"flag var addr", `flag.StringVar(&addr, "addr", ":8092", "listen address")`, 8092, ""},
		{"cobra IntVarP", `cmd.Flags().IntVarP(&port, "port", "p", 8093, "port")`, 8093, ""},
		{"flag listen-addr", `flag.String("listen-addr", "0.0.0.0:8094", "")`, 8094, "0.0.0.0"},
		{"metrics flag ignored", `flag.String("metrics-addr", ":9100", "")`, 0, ""},
		{"db flag ignored", `flag.Int("db-port", 5432, "")`, 0, ""},
		{"viper", `viper.SetDefault("server.port", 8095)`, 8095, ""},
		{"viper db ignored", `viper.SetDefault("database.port", 5432)`, 0, ""},
		{"loopback", `http.ListenAndServe("127.0.0.1:8096", nil)`, 8096, "127.0.0.1"},
		{"localhost", `http.ListenAndServe("localhost:8097", nil)`, 8097, "localhost"},
		{"ipv6 loopback", `http.ListenAndServe("[::1]:8098", nil)`, 8098, "::1"},
		{"not a port", `cmd.Run("make")`, 0, ""},
		{"out of range", `http.ListenAndServe(":70000", nil)`, 0, ""},
		{"zero", `http.ListenAndServe(":0", nil)`, 0, ""},
		{"leading zero", `http.ListenAndServe(":08080", nil)`, 0, ""},
		{"concatenated", `http.ListenAndServe(":"+port, nil)`, 0, ""},
		{"earliest wins", "flag.Int(\"port\", 9001, \"\")\nhttp.ListenAndServe(\":9002\", nil)", 9001, ""},
		{"earliest wins across rules", "http.ListenAndServe(\":9003\", nil)\nflag.Int(\"port\", 9004, \"\")", 9003, ""},
		{"Report is not port", `Report = 10`, 0, ""},
		{"commented out", "// http.ListenAndServe(\":9005\", nil)\nr.Run(\":9006\")", 9006, ""},
		{"trailing comment", `x := 1 // e.g. http.ListenAndServe(":9007", nil)`, 0, ""},
		{"slashes in a string", `http.ListenAndServe("//:9008", nil); r.Run(":9009")`, 9009, ""},
		{"url in a string before", `u := "http://x"; r.Run(":9010")`, 9010, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			port, _, host := portInSource([]byte(tt.src))
			if port != tt.port || host != tt.host {
				t.Errorf("got %d %q, want %d %q", port, host, tt.port, tt.host)
			}
		})
	}
}

func TestGoPortKey(t *testing.T) {
	for key, want := range map[string]bool{
		"PORT": true, "HTTP_PORT": true, "APP_PORT": true, "port": true, "addr": true, "listen-addr": true,
		"httpPort": true, "listenAddr": true, "server.port": true, "bind": true,
		"DB_PORT": false, "REDIS_PORT": false, "metrics-addr": false, "database.port": false, "dbPort": false,
		"PORTAL": false, "name": false, "": false, "smtp_port": false,
	} {
		if got := portKey(key); got != want {
			t.Errorf("portKey(%q) = %v, want %v", key, got, want)
		}
	}
}

func TestGoIsLoopback(t *testing.T) {
	for host, want := range map[string]bool{"localhost": true, "127.0.0.1": true, "127.1.2.3": true, "::1": true,
		"": false, "0.0.0.0": false, "::": false, "10.0.0.1": false, "example.com": false} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestGoPortFilesOrder(t *testing.T) {
	files := []sourceFile{
		{rel: "cmd/api/a.go", dir: "cmd/api", pkg: "main"},
		{rel: "cmd/api/main.go", dir: "cmd/api", pkg: "main"},
		{rel: "cmd/worker/main.go", dir: "cmd/worker", pkg: "main"},
		{rel: "internal/db/db.go", dir: "internal/db", pkg: "db", imports: []importSpec{{path: "database/sql"}}},
		{rel: "internal/web/web.go", dir: "internal/web", pkg: "web", imports: []importSpec{{path: "net/http"}}},
		{rel: "internal/g/g.go", dir: "internal/g", pkg: "g", imports: []importSpec{{path: "github.com/gin-gonic/gin/binding"}}},
		{rel: "internal/pb/api.pb.go", dir: "internal/pb", pkg: "pb", imports: []importSpec{{path: "net/http"}}, generated: true},
	}
	rels := func(fs []sourceFile) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.rel)
		}
		return out
	}
	got := rels(portFiles(files, "cmd/api"))
	if want := []string{"cmd/api/main.go", "cmd/api/a.go", "internal/web/web.go", "internal/g/g.go"}; !slices.Equal(got, want) {
		t.Errorf("main chosen: got %v, want %v", got, want)
	}
	got = rels(portFiles(files, ""))
	if want := []string{"cmd/api/main.go", "cmd/api/a.go", "cmd/worker/main.go", "internal/web/web.go", "internal/g/g.go"}; !slices.Equal(got, want) {
		t.Errorf("no main chosen: got %v, want %v", got, want)
	}
}

// BenchmarkGoPortPathological: files made of thousands of near-misses
// stay cheap, since regexps run only in windows around a bounded number
// of hints (`just bench`; a unit test does not time it).
func BenchmarkGoPortPathological(b *testing.B) {
	for _, unit := range []string{"Server{ Addr: \"", "x.Listen(\"", "\"PORT\", \"x", "Getenv(\"PORT\")\n",
		"flag.Int(\"port\", ", "SetDefault(\"port\", \"", "a", "\n", "Run("} {
		src := bytes.Repeat([]byte(unit), repo.MaxSource/len(unit))
		b.Run(fmt.Sprintf("%q", unit), func(b *testing.B) {
			for range b.N {
				portInSource(src)
			}
		})
	}
}

// FuzzGoPortInSource: port extraction never panics and returns a valid
// port at an offset inside the source, or nothing.
func FuzzGoPortInSource(f *testing.F) {
	for _, s := range []string{
		`http.ListenAndServe(":8081", nil)`,
		"srv := &http.Server{\n\tAddr: \"127.0.0.1:8088\",\n}",
		"port := os.Getenv(\"PORT\")\nif port == \"\" {\n\tport = \"8089\"\n}\n",
		`cmd.Flags().IntVarP(&port, "port", "p", 8093, "port")`,
		`viper.SetDefault("server.port", 8095)`,
		`net.Listen("tcp", "[::1]:1")`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		port, off, host := portInSource(src)
		if port == 0 {
			return
		}
		if port < 1 || port > 65535 || off < 0 || off >= len(src) {
			t.Fatalf("port %d at %d of %d", port, off, len(src))
		}
		if host != "" && !bytes.Contains(src, []byte(host)) {
			t.Fatalf("host %q not in source", host)
		}
	})
}
