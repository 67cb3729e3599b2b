package node

import (
	"strings"
	"testing"
)

// startRepo is a project with TypeScript sources, a tsconfig and a few
// dependencies, for start-script interpretation tests.
var startRepo = map[string]string{
	"tsconfig.json": `{"compilerOptions": {"outDir": "build"}, "include": ["src"]}`,
	"src/index.ts":  "",
	"src/server.ts": "",
	"server.js":     "",
	"app.js":        "",
}

func TestInterpretStart(t *testing.T) {
	cases := []struct {
		start string
		extra string // more scripts, as JSON members
		want  string // argv joined by spaces; "" = no start from the script
	}{
		{"node server.js", "", "node server.js"},
		{"NODE_ENV=production node --enable-source-maps server.js", "", "node --enable-source-maps server.js"},
		{"cross-env NODE_ENV=production PORT=1 node server.js", "", "node server.js"},
		{"env A=1 node server.js", "", "node server.js"},
		{"node -r dotenv/config server.js", "", "node -r dotenv/config server.js"},
		{"nodemon server.js", "", "node server.js"},
		{"nodemon --watch src --ext ts,js app.js --port 1", "", "node app.js --port 1"},
		{"node-dev app.js", "", "node app.js"},
		{"nodemon src/index.ts", "", "node build/index.js"},
		{"nodemon --exec ts-node src/server.ts", "", "node build/server.js"},
		{"nodemon --exec 'babel-node' app.js", "", ""},
		{"ts-node src/server.ts", "", "node build/server.js"},
		{"ts-node -P tsconfig.json --transpile-only src/index.ts --flag", "", "node build/index.js --flag"},
		{"tsx watch src/index.ts", "", "node build/index.js"},
		{"tsx --tsconfig x.json src/server.ts", "", "node build/server.js"},
		{"ts-node ../outside.ts", "", ""},
		{"npm run serve", `"serve": "node app.js"`, "node app.js"},
		{"npm run serve -- --verbose", `"serve": "node app.js"`, "node app.js --verbose"},
		{"npm run --silent serve", `"serve": "node app.js"`, "node app.js"},
		{"yarn serve", `"serve": "node app.js"`, "node app.js"},
		{"pnpm run serve", `"serve": "node app.js"`, "node app.js"},
		{"bun run serve", `"serve": "node app.js"`, "node app.js"},
		{"npm run missing", "", ""},
		{"npm run a", `"a": "npm run b", "b": "node app.js"`, ""},
		{"npm run start", "", ""},
		{"npm start", "", ""},
		{"npm run serve", `"serve": "node a.js && node b.js"`, ""},
		{"remix-serve build/index.js", "", "node_modules/.bin/remix-serve build/index.js"},
		{"fastify start -l info app.js", "", "node_modules/.bin/fastify start -l info app.js"},
		{"npx --no-install remix-serve build/index.js", "", "node_modules/.bin/remix-serve build/index.js"},
		{"yarn remix-serve build/index.js", "", "node_modules/.bin/remix-serve build/index.js"},
		{"pm2 start app.js", "", "node_modules/.bin/pm2-runtime app.js"},
		{"pm2 logs", "", ""},
		{"vite preview", "", ""},
		{"unknown-tool serve", "", ""},
		{"./run.sh", "", ""},
		{"bun server.ts", "", ""},
		{"node a.js && node b.js", "", ""},
		{"node $(curl evil)", "", ""},
		{"node a.js\nnode b.js", "", ""},
		{"PORT=3000", "", ""},
		{"pnpm --filter api start", "", ""},
	}
	pkgBase := `"dependencies": {"@remix-run/serve": "2", "fastify-cli": "7", "pm2": "5"}, "devDependencies": {"vite": "5", "typescript": "5"}`
	dir := nodeFixture(t, startRepo)
	for _, c := range cases {
		start, _ := jsonString(c.start)
		scripts := `"start": ` + start + `, "build": "tsc"`
		if c.extra != "" {
			scripts += ", " + c.extra
		}
		pkg := `{"scripts": {` + scripts + `}, ` + pkgBase + `}`
		n := newProject(t, dir, pkg, "npm")
		res := n.scriptStart()
		got := ""
		if res != nil {
			got = strings.Join(res.argv, " ")
		}
		if got != c.want {
			t.Errorf("start %q: got %q, want %q (notes %q)", c.start, got, c.want, n.startNotes)
		}
		if res == nil && len(n.startNotes) == 0 {
			t.Errorf("start %q: no start and no note saying why", c.start)
		}
	}
}

func TestCompiledPathAndSourceOf(t *testing.T) {
	dir := nodeFixture(t, map[string]string{
		"tsconfig.json":      `{"extends": "./tsconfig.base", "compilerOptions": {"rootDir": "./src"}}`,
		"tsconfig.base.json": `{"compilerOptions": {"outDir": "out", "rootDir": "ignored"}}`,
		"src/main.ts":        "",
		"src/lib/x.mts":      "",
	})
	n := newProject(t, dir, `{"scripts": {"build": "tsc"}}`, "npm")
	for src, want := range map[string]string{"src/main.ts": "out/main.js", "src/lib/x.mts": "out/lib/x.mjs", "other/y.ts": "out/other/y.js"} {
		if got := n.compiledPath(src); got != want {
			t.Errorf("compiledPath(%q) = %q, want %q", src, got, want)
		}
	}
	for p, want := range map[string]string{"out/main.js": "src/main.ts", "out/main": "src/main.ts", "out/lib/x.mjs": "src/lib/x.mts", "out/none.js": ""} {
		if got := n.sourceOf(p); got != want {
			t.Errorf("sourceOf(%q) = %q, want %q", p, got, want)
		}
	}
}
