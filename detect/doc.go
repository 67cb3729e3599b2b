// Package detect reads a project directory and reports what a Dockerfile
// for it needs to know — language and runtime version, package manager,
// framework, build and start commands, port, native dependencies, Go main
// packages and cgo — each value with the file it came from
// (docs/detect-json.md).
//
// The package is the registry and the entry point; each language lives in
// a package of its own over a small shared core:
//
//	detect/            Detect, the registry of languages (Languages), the API types
//	detect/node/       Node.js         one Language row each: manifests, managers,
//	detect/python/     Python          flavour rules, native dependencies and
//	detect/golang/     Go              their system packages, detection itself
//	detect/internal/core/  Facts, the Language row type, the flavour policy
//	detect/internal/repo/  the one way to read a project: a walk, capped reads
//
// detect only reads. It never runs the project's tools or the host's
// interpreters, never walks into dependency or VCS folders, reads at most a
// few MB of any one file and never follows a symlink out of the project. It
// knows nothing of templates, flags or terminals: callers get a *Facts or a
// typed error (*NoProjectError, *FileError) and decide what to show.
package detect
