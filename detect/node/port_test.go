package node

import "testing"

func TestFindPort(t *testing.T) {
	cases := []struct {
		src        string
		port, line int
	}{
		{"app.listen(4000)", 4000, 1},
		{"app.listen( '4001', () => {})", 4001, 1},
		{"server.listen({ port: 4002, host: '0.0.0.0' })", 4002, 1},
		{"await fastify.listen({\n  host: '::',\n  port: 4003,\n})", 4003, 1},
		{"const port = process.env.PORT || 4004", 4004, 1},
		{"const port = process.env.PORT ?? '4005'", 4005, 1},
		{"const port = Number(process.env.PORT) || 4006", 4006, 1},
		{"const port = parseInt(process.env.PORT, 10) || 4007", 4007, 1},
		{"const port = parseInt(process.env.PORT || \"4008\", 10)", 4008, 1},
		{"x\nconst PORT = 4009\napp.listen(PORT)", 4009, 2},
		{"let port: number = 4010", 4010, 1},
		{"var Port = '4011'", 4011, 1},
		{"// app.listen(1)\napp.listen(4012)", 4012, 2},
		{"  * app.listen(1)\napp.listen(4013)", 4013, 2},
		{"app.listen(99999)\napp.listen(4014)", 4014, 2},
		{"app.listen(0)", 0, 0},
		{"const DB_PORT = 5432\nprocess.env.DB_PORT || 5433", 0, 0},
		{"Bun.serve({ port: 4015, fetch })", 4015, 1},
		{"serve({ fetch: app.fetch, port: 4016 })", 4016, 1},
		{"app.listen(port)", 0, 0},
		{"nothing here", 0, 0},
		{"const port = process.env.PORT || process.env.HTTP_PORT || 4017", 4017, 1},
		{"app.listen(PORT)\nconst PORT = 4018", 4018, 2},
	}
	for _, c := range cases {
		p, line := findPort([]byte(c.src))
		if p != c.port || line != c.line {
			t.Errorf("findPort(%q) = %d at %d, want %d at %d", c.src, p, line, c.port, c.line)
		}
	}
}

func TestIsPortScanSource(t *testing.T) {
	for f, want := range map[string]bool{
		"src/server.ts": true, "index.js": true, "src/app.test.ts": false, "src/app.spec.js": false,
		"vite.config.ts": false, "src/types.d.ts": false, ".eslintrc.js": false, "src/__tests__/a.js": false,
		"src/style.css": false, "src/src.js": true, "server.mjs": true,
		"bin/www": true, "www": false, "config/index.js": true, "bin/cli.sh": false,
	} {
		if got := isPortScanSource(f); got != want {
			t.Errorf("isPortScanSource(%q) = %v", f, got)
		}
	}
}

func TestEnvPortRE(t *testing.T) {
	for src, want := range map[string]bool{
		"app.listen(process.env.PORT)":          true,
		"const { PORT } = process.env; x.env":   false,
		"listen(process.env['PORT'])":           true,
		"process.env.PORTAL_URL":                false,
		"Deno.env.get('PORT')":                  false,
		"const port = Bun.env.PORT ?? fallback": true,
	} {
		if got := envPortRE.MatchString(src); got != want {
			t.Errorf("envPortRE(%q) = %v", src, got)
		}
	}
}
