package pack

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dockslim/dockslim/internal/buildinfo"
)

// ScaffoldCase is the golden case Scaffold writes (its want/ files are
// rendered by the caller with golden.Run, so they match the pack).
const ScaffoldCase = "node-app"

// Scaffold writes a new pack into dir (created; it must not hold files
// yet): a manifest whose requires accepts the running dockslim, one block
// override using one variable, one golden case's input and answers, a
// README and a CI workflow. It returns the files written.
func Scaffold(dir, version string) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s is not empty; `dockslim pack new` starts a pack in a new or empty directory", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("cannot read %s: %w", dir, unwrapPath(err))
	}
	name := scaffoldName(dir)
	requires, install := ">="+version, "v"+version
	requiresNote := "# The dockslim releases this pack works with (a semver constraint)."
	if buildinfo.IsDevelopment(version) {
		requires, install = ">=0.1.0", "latest"
		requiresNote = "# The dockslim releases this pack works with (a semver constraint).\n# Written by a development build of dockslim (which passes any constraint,\n# with a warning): set it to the release you test with."
	}
	files := map[string]string{
		ManifestFile:                                     fmt.Sprintf(scaffoldManifest, name, requiresNote, requires),
		"_partials/" + name + ".tmpl":                    scaffoldOverride,
		"golden/" + ScaffoldCase + "/answers.yaml":       scaffoldAnswers,
		"golden/" + ScaffoldCase + "/input/package.json": scaffoldPackageJSON,
		"golden/" + ScaffoldCase + "/input/server.js":    scaffoldServer,
		"README.md":                           strings.ReplaceAll(fmt.Sprintf(scaffoldReadme, name), "VERSION", install),
		".github/workflows/dockslim-pack.yml": strings.ReplaceAll(scaffoldCI, "VERSION", install),
	}
	var written []string
	for _, p := range sortedKeys(files) {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(full, []byte(files[p]), 0o644); err != nil {
			return written, err
		}
		written = append(written, p)
	}
	return written, nil
}

var nonName = regexp.MustCompile(`[^a-z0-9._-]+`)

// scaffoldName derives the pack's name from its directory.
func scaffoldName(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		abs = dir
	}
	n := strings.Trim(nonName.ReplaceAllString(strings.ToLower(path.Base(filepath.ToSlash(abs))), "-"), "-._")
	if n == "" {
		n = "my-pack"
	}
	return n
}

const scaffoldManifest = `# A dockslim template pack: https://github.com/dockslim/dockslim/blob/main/docs/packs.md
name: %s
version: 0.1.0
%s
requires: "%s"

# Base images by role (node, nodeAlpine, nodeDistroless, golang, golangAlpine,
# python, pythonAlpine, debianSlim, alpine, distrolessStatic, distrolessBase,
# nginx, nginxAlpine, uv). A repository alone keeps dockslim's tag.
images: {}
#  node: registry.example.com/node

# Repository prefixes served by a mirror (longest prefix wins).
mirrors: {}
#  docker.io: registry.example.com/hub
#  gcr.io/distroless: registry.example.com/distroless

# Default flavour per language, among those that work for a project.
flavours: {}
#  node: slim

# Variables the templates read as .Vars.NAME; set with --set NAME=VALUE.
vars:
  team:
    type: string
    default: platform
    help: The team that owns the image (the com.example.team label)
`

const scaffoldOverride = `{{- /*
Block overrides. Each {{define}} replaces one of dockslim's override points
(header, build-env, runtime-env, labels-extra, runtime-extra,
dockerignore-extra); every block sees the whole view (.Answers, .Vars,
.IsAlpine, .IsScratch…). Check with: dockslim pack lint .
*/ -}}

{{ define "labels-extra" }}
LABEL com.example.team={{ json .Vars.team }}
{{ end }}
`

const scaffoldAnswers = `# The flags of 'dockslim init' for this case (lang, flavour, port, start…)
# and the pack variables it sets.
flavour: slim
set:
  team: payments
`

const scaffoldPackageJSON = `{
  "name": "node-app",
  "version": "1.0.0",
  "scripts": {
    "start": "node server.js"
  }
}
`

const scaffoldServer = `const http = require("http");

http.createServer((req, res) => res.end("ok\n")).listen(3000);
`

const scaffoldReadme = "# %s — a dockslim template pack\n\n" +
	"Every `dockslim init` that uses this pack renders its Dockerfile from\n" +
	"dockslim's embedded templates with this pack layered over them.\n\n" +
	"```sh\n" +
	"dockslim init --pack https://git.example.com/platform/THIS-REPO@v1\n" +
	"```\n\n" +
	"## Layout\n\n" +
	"| path | what it is |\n" +
	"|---|---|\n" +
	"| `dockslim-pack.yaml` | name, version, `requires`, image mappings, default flavours, variables |\n" +
	"| `_partials/*.tmpl` | block overrides (`{{define \"labels-extra\"}}…{{end}}`) |\n" +
	"| `node/`, `python/`, `go/` | optional: whole `Dockerfile.tmpl` / `dockerignore.tmpl` replacements |\n" +
	"| `golden/<case>/` | golden cases: `input/` (a project), `answers.yaml`, `want/` (expected output) |\n\n" +
	"A file the pack lacks falls back to dockslim's embedded one. Override points:\n" +
	"`header`, `build-env`, `runtime-env`, `labels-extra`, `runtime-extra`,\n" +
	"`dockerignore-extra` (see dockslim's docs/packs.md).\n\n" +
	"## Working on the pack\n\n" +
	"```sh\n" +
	"dockslim pack lint .            # templates parse, blocks and variables exist\n" +
	"dockslim pack test .            # every golden case renders its want/ files\n" +
	"dockslim pack test . --update   # after a deliberate change: rewrite want/, review the diff\n" +
	"dockslim init --dry-run --pack . path/to/a/project\n" +
	"```\n\n" +
	"## Releasing\n\n" +
	"Tag a version (`git tag v0.2.0 && git push --tags`). Projects pin the\n" +
	"commit in `.dockslim.yaml`; `dockslim check --latest` tells them a newer\n" +
	"tag exists. CI runs lint and test on every push\n" +
	"(`.github/workflows/dockslim-pack.yml`), with dockslim VERSION.\n"

const scaffoldCI = `# Keeps the pack honest: templates lint clean, golden cases match.
name: dockslim pack
on: [push, pull_request]
jobs:
  pack:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: stable
      - run: go install github.com/dockslim/dockslim/cmd/dockslim@VERSION
      - run: dockslim pack lint .
      - run: dockslim pack test .
`
