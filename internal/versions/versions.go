package versions

import (
	_ "embed"
	"fmt"
	"sort"

	"gopkg.in/yaml.v3"
)

//go:embed versions.yaml
var versionsYAML []byte

// LTSLine is one Node long-term-support release line.
type LTSLine struct {
	Major    int    `yaml:"major"`
	Codename string `yaml:"codename"`
}

// Table is the parsed versions.yaml.
type Table struct {
	// Defaults maps a language to the runtime version a project that
	// names none gets.
	Defaults map[string]string `yaml:"defaults"`
	Node     struct {
		LTS []LTSLine `yaml:"lts"`
		// PnpmLockfile maps a pnpm-lock.yaml lockfileVersion (exact, or
		// its major) to the pnpm major that writes it.
		PnpmLockfile map[string]string `yaml:"pnpmLockfile"`
	} `yaml:"node"`
	// Images maps a role (node, golang, distrolessStatic…) to its image.
	Images map[string]Image `yaml:"images"`
	// Tools maps a package manager to the release installed when the
	// project pins none.
	Tools map[string]string `yaml:"tools"`
}

// Image is one base image.
type Image struct {
	// Ref is the image reference; {version} and {major} are filled in by
	// the renderer.
	Ref string `yaml:"ref"`
	// Distro is the distribution it is built on ("bookworm", "alpine";
	// "" for an image nothing is installed into).
	Distro string `yaml:"distro"`
}

// Load parses the embedded table. It returns a fresh value each call so no
// caller can change what another sees.
func Load() (*Table, error) {
	var t Table
	if err := yaml.Unmarshal(versionsYAML, &t); err != nil {
		return nil, fmt.Errorf("versions.yaml: %w", err)
	}
	sort.Slice(t.Node.LTS, func(i, j int) bool { return t.Node.LTS[i].Major > t.Node.LTS[j].Major })
	return &t, nil
}

// MustLoad is Load for callers that treat a broken embedded table as a
// programming error; the tests in this package guarantee it parses.
func MustLoad() *Table {
	t, err := Load()
	if err != nil {
		panic(err)
	}
	return t
}
