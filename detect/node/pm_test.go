package node

import (
	"slices"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/internal/versions"
)

func TestParseCorepack(t *testing.T) {
	ok := map[string][2]string{
		"pnpm@9.12.3":                         {"pnpm", "9.12.3"},
		"pnpm@9.12.3+sha512.c3b2a1f0e9d8abcd": {"pnpm", "9.12.3"},
		"yarn@1.22.22":                        {"yarn", "1.22.22"},
		"yarn@4.5.1+sha224.abc":               {"yarn-berry", "4.5.1"},
		"yarn@2.4.3":                          {"yarn-berry", "2.4.3"},
		"npm@10.9.0":                          {"npm", "10.9.0"},
		"bun@1.1.30":                          {"bun", "1.1.30"},
		"pnpm@10.0.0-rc.1":                    {"pnpm", "10.0.0-rc.1"},
		" npm@10.9.0 ":                        {"npm", "10.9.0"},
	}
	for in, want := range ok {
		pm, v, err := parseCorepack(in)
		if err != nil || pm != want[0] || v != want[1] {
			t.Errorf("parseCorepack(%q) = %q, %q, %v; want %q", in, pm, v, err, want)
		}
	}
	for _, bad := range []string{"pnpm", "pnpm@", "pnpm@9", "pnpm@^9.0.0", "deno@1.0.0", "yarn@https://x/y.tgz", "@9.0.0", "pnpm@9.0.0 && rm", "PNPM@9.0.0", "pnpm@9.0.0\n"} {
		if pm, _, err := parseCorepack(bad); err == nil && bad != "pnpm@9.0.0\n" {
			t.Errorf("parseCorepack(%q) = %q, want an error", bad, pm)
		}
	}
}

func TestPnpmMajor(t *testing.T) {
	tab := versions.MustLoad().Node.PnpmLockfile
	cases := map[string]string{"5.4": "7", "5.3": "6", "6.0": "8", "6.1": "8", "9.0": "9", "9": "9", "7.0": "", "5.1": "", "banana": ""}
	for in, want := range cases {
		if got := pnpmMajor(in, tab); got != want {
			t.Errorf("pnpmMajor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRunCommand(t *testing.T) {
	for pm, want := range map[string]string{"npm": "npm run build", "yarn": "yarn run build", "yarn-berry": "yarn run build", "pnpm": "pnpm run build", "bun": "bun run build", "": "npm run build"} {
		if got := runCommand(pm, "build"); got != want {
			t.Errorf("runCommand(%q) = %q, want %q", pm, got, want)
		}
	}
}

// TestPackageManagerPrecedence walks the precedence with the option, the
// field, lockfiles and engines.
func TestPackageManagerPrecedence(t *testing.T) {
	cases := []struct {
		name     string
		files    map[string]string
		opt      string
		want     string
		conflict []string
	}{
		{"option beats field", map[string]string{"package.json": `{"packageManager": "pnpm@9.0.0"}`}, "yarn", "yarn", nil},
		{"python option ignored", map[string]string{"package.json": `{}`, "yarn.lock": ""}, "poetry", "yarn", nil},
		{"field beats lockfile", map[string]string{"package.json": `{"packageManager": "bun@1.1.0"}`, "yarn.lock": ""}, "", "bun", nil},
		{"pnpm beats bun", map[string]string{"package.json": `{}`, "pnpm-lock.yaml": "", "bun.lock": ""}, "", "pnpm", []string{"pnpm", "bun"}},
		{"bun beats yarn", map[string]string{"package.json": `{}`, "bun.lock": "", "yarn.lock": "", "package-lock.json": "{}"}, "", "bun", []string{"bun", "yarn", "npm"}},
		{"berry by metadata", map[string]string{"package.json": `{}`, "yarn.lock": "\n__metadata:\n  version: 8\n"}, "", "yarn-berry", nil},
		{"berry by yarnrc", map[string]string{"package.json": `{}`, "yarn.lock": "", ".yarnrc.yml": "nodeLinker: pnp\n"}, "", "yarn-berry", nil},
		{"yarnrc alone", map[string]string{"package.json": `{}`, ".yarnrc.yml": ""}, "", "yarn-berry", nil},
		{"shrinkwrap", map[string]string{"package.json": `{}`, "npm-shrinkwrap.json": "{}"}, "", "npm", nil},
		{"same manager twice", map[string]string{"package.json": `{}`, "bun.lock": "", "bun.lockb": ""}, "", "bun", nil},
		{"engines.yarn classic", map[string]string{"package.json": `{"engines": {"yarn": ">=1.22"}}`}, "", "yarn", nil},
		{"engines.yarn junk", map[string]string{"package.json": `{"engines": {"yarn": "whatever"}}`}, "", "yarn", nil},
		{"default npm", map[string]string{"package.json": `{}`}, "", "npm", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := nodeFixture(t, c.files)
			n := newProject(t, dir, c.files["package.json"], "")
			if err := n.packageManager(core.Options{PackageManager: c.opt}); err != nil {
				t.Fatal(err)
			}
			if n.f.PackageManager != c.want || !slices.Equal(n.f.Details.ConflictingManagers, c.conflict) {
				t.Errorf("got %q conflicts %q (warnings %q); want %q conflicts %q", n.f.PackageManager, n.f.Details.ConflictingManagers, n.f.Warnings, c.want, c.conflict)
			}
		})
	}
}
