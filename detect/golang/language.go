// Package golang detects Go modules: the go and toolchain directives,
// every main package of the module (build constraints honoured), cgo
// (import "C" and the modules known to need it), vendor/, go.work, and
// the port the code listens on. It only reads files (go.mod is parsed
// with golang.org/x/mod/modfile); the go command is never run.
package golang

import (
	"github.com/dockslim/dockslim/detect/internal/core"
)

// Name is the language's name in facts, flags and templates.
const Name = "go"

// Details are the Go facts rendering needs beyond the common ones.
type Details struct {
	// Module is the module path from go.mod.
	Module string
	// Vendor is true when vendor/modules.txt exists (-mod=vendor, no download).
	Vendor bool
	// EmbedPaths are the folders and files //go:embed patterns name, from
	// the root: the .dockerignore must let them through.
	EmbedPaths []string
	// Frontend is the Node project whose build makes an embedded folder
	// the repository does not have (ui/build); nil when none. detect fills
	// in its Node facts (detect.fillFrontend), and drops it when that
	// project has no build.
	Frontend *Frontend
	// RuntimeFiles are files and folders of the repository the program
	// reads at run time by a relative path (templates/, ./ui): the image
	// copies them into its working directory.
	RuntimeFiles []string
	// Generate are the go commands (go generate, go run <tool>) the
	// Makefile runs before the code compiles; the build and test stages
	// run them first.
	Generate []string
	// Imports are the packages of other modules the module's sources
	// import (not the standard library's, not its own), sorted: a
	// workspace member that imports another member's needs the workspace
	// to build.
	Imports []string
}

// Frontend is a Node project inside a Go module whose build output the
// Go program embeds: the Dockerfile builds it in a stage of its own and
// mounts the output where //go:embed expects it.
type Frontend struct {
	// Dir is the Node project's folder ("ui"), Outputs the embedded
	// folders its build makes ("ui/build"), From the Go file that embeds
	// them; all from the Go module's root.
	Dir     string
	Outputs []string
	From    string

	// The Node project's facts, as its own detection found them.
	NodeVersion           string
	PackageManager        string
	PackageManagerVersion string
	// ManifestFiles are the install's inputs, from the Go module's root
	// (ui/package.json, ui/yarn.lock).
	ManifestFiles []string
	// Build is the build command, run in Dir ("yarn run build").
	Build string
	// InstallEnv are ENV lines for the install (download skips).
	InstallEnv []string
}

// Language returns Go's row of detect's registry.
func Language() *core.Language {
	return &core.Language{
		Name:         Name,
		Title:        "Go",
		Manifests:    []string{"go.mod"},
		SourceExts:   []string{".go"},
		Managers:     []core.Manager{{Name: "go", Lockfiles: []string{"go.sum"}}},
		MainPackages: true,
		NativeTitle:  "cgo",
		Toolchain:    "a C toolchain (cgo)",
		Detect:       detect,
		AsMember:     asMember,
		// A go.work alone at the root (no module of its own) makes a
		// workspace root its modules are members of.
		WorkspaceRoots: []string{"go.work"},
		Flavours:       flavourRules,
		Recommend:      recommend,
		SystemPackages: systemPackages,
	}
}

// recommend is the default flavour: scratch for a pure-Go binary (the
// binary alone, as the seed argues); for a cgo binary distroless base
// (glibc, CA certificates, tzdata and nothing else: measured 3.8 MB over
// base against slim's 4.4 MB on the same app) when it needs no other
// runtime library, else slim (a glibc runtime that can install them).
func recommend(t core.Traits) string {
	switch {
	case !t.Native:
		return core.Scratch
	case core.Why(Language(), t, core.Distroless) == "":
		return core.Distroless
	default:
		return core.Slim
	}
}

// flavourRules: a pure-Go binary runs anywhere, scratch included; a cgo
// binary needs a C library at run time.
var flavourRules = []core.FlavourRule{
	{Name: core.Alpine},
	{Name: core.Slim},
	{Name: core.Scratch, Unless: func(t core.Traits) string {
		if t.Native {
			return "a cgo binary needs a C library at run time, and scratch has none"
		}
		return ""
	}},
	{Name: core.Distroless},
}
