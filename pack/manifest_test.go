package pack

import (
	"strings"
	"testing"
)

func TestManifestErrorsNameTheLine(t *testing.T) {
	for src, want := range map[string]string{
		"name: a\nversion: 1.0.0\nimage:\n  node: x\n":                             `dockslim-pack.yaml: line 3: unknown key "image"`,
		"name: a\nversion: 1.0.0\nvars:\n  team:\n    type: string\n    hlep: x\n": `line 6: unknown key "hlep"`,
		"name: a\nversion: one\n":                                                  `line 2: version "one" is not a semver version`,
		"name: a\nversion: 1.0.0\nrequires: soon\n":                                `line 3: requires "soon" is not a semver constraint`,
		"name: a\nversion: 1.0.0\nimages:\n  nodejs: x/node\n":                     `line 4: images: "nodejs" is not an image role`,
		"name: a\nversion: 1.0.0\nimages:\n  node: node:latest\n":                  `line 4: images: node: "node:latest" uses the latest tag`,
		"name: a\nversion: 1.0.0\nimages:\n  node: Node/X\n":                       `line 4: images: node: "Node/X" is not an image repository`,
		"name: a\nversion: 1.0.0\nimages:\n  alpine: a/alpine:{version}\n":         `line 4: images: alpine has no version to fill {version}`,
		"name: a\nversion: 1.0.0\nimages:\n  node: \"x/node:1 \\nRUN evil\"\n":     `line 4: images: node:`,
		"name: a\nversion: 1.0.0\nmirrors:\n  node: a b\n":                         `line 4: mirrors: node: "a b" is not a repository prefix`,
		"name: a\nversion: 1.0.0\nflavours:\n  ruby: slim\n":                       `line 4: flavours: "ruby" is not a language`,
		"name: a\nversion: 1.0.0\nflavours:\n  node: scratch\n":                    `line 4: flavours: "scratch" never works for node`,
		"name: a\nversion: 1.0.0\nflavours:\n  python: distroless\n":               `never works for python`,
		"name: a\nversion: 1.0.0\nvars:\n  team-name:\n    type: string\n":         `line 4: vars: "team-name" is not a variable name`,
		"name: a\nversion: 1.0.0\nvars:\n  n:\n    type: float\n":                  `line 4: vars: n has type "float"`,
		"name: a\nversion: 1.0.0\nvars:\n  n:\n    help: x\n":                      `line 4: vars: n has no type`,
		"name: a\nversion: 1.0.0\nvars:\n  n:\n    type: int\n    default: many\n": `line 6: vars: default of n: "many" is not an integer`,
		"name: a\nversion: 1.0.0\nvars:\n  b:\n    type: bool\n    default: [x]\n": `line 6: vars: the default of b is not a single bool value`,
		"version: 1.0.0\n":               "name is missing",
		"name: a b\nversion: 1.0.0\n":    `line 1: name "a b" is not a plain name`,
		"name: a\nversion: 1.0.0\n: [\n": "line",
	} {
		_, err := ParseManifest([]byte(src))
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseManifest(%q) = %v, want one line containing %q", src, err, want)
		}
	}
}

func TestManifestDefaults(t *testing.T) {
	m, err := ParseManifest([]byte("name: a\nversion: 1.0.0\nvars:\n  s: {type: string}\n  i: {type: int, default: 7}\n  b: {type: bool, default: yes}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"s": "", "i": "7", "b": "true"} {
		if got := m.Vars[name].def; got != want {
			t.Errorf("default of %s = %q, want %q", name, got, want)
		}
	}
}

func TestImageMappings(t *testing.T) {
	m, err := ParseManifest([]byte(`name: a
version: 1.0.0
images:
  node: registry.acme.internal/node
  golang: registry.acme.internal/go/golang:{version}-bookworm@sha256:` + strings.Repeat("a", 64) + `
mirrors:
  node: wrong.example/node
  docker.io: registry.acme.internal/hub
  gcr.io/distroless: registry.acme.internal/distroless
  nginxinc/nginx-unprivileged: registry.acme.internal/nginx
`))
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.resolveImages()
	if err != nil {
		t.Fatal(err)
	}
	for role, want := range map[string]string{
		// images by role: a repository keeps dockslim's tag …
		"node": "registry.acme.internal/node:{version}-bookworm-slim",
		// … a full reference replaces it (the role beats any mirror).
		"golang": "registry.acme.internal/go/golang:{version}-bookworm@sha256:" + strings.Repeat("a", 64),
		// mirrors: the longest prefix of the qualified name wins.
		"nodeAlpine":       "wrong.example/node:{version}-alpine",
		"python":           "registry.acme.internal/hub/library/python:{version}-slim-bookworm",
		"debianSlim":       "registry.acme.internal/hub/library/debian:bookworm-slim",
		"distrolessStatic": "registry.acme.internal/distroless/static-debian12:nonroot",
		"nodeDistroless":   "registry.acme.internal/distroless/nodejs{major}-debian12:nonroot",
		"nginx":            "registry.acme.internal/nginx:1.29-bookworm",
	} {
		if got[role] != want {
			t.Errorf("%s = %q, want %q", role, got[role], want)
		}
	}
	if _, ok := got["uv"]; ok {
		t.Errorf("ghcr.io's uv matched no mirror but was rewritten: %s", got["uv"])
	}
	// "every node base from registry.acme.internal/node": one mirror line.
	m, _ = ParseManifest([]byte("name: a\nversion: 1.0.0\nmirrors:\n  node: registry.acme.internal/node\n"))
	got, _ = m.resolveImages()
	if got["node"] != "registry.acme.internal/node:{version}-bookworm-slim" || got["nodeAlpine"] != "registry.acme.internal/node:{version}-alpine" || len(got) != 2 {
		t.Errorf("node mirror = %v", got)
	}
}
