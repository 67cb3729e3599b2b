// Package detect reads a project directory and reports what a Dockerfile
// for it needs to know — language and runtime version, package manager,
// framework, build and start commands, port, native dependencies, Go main
// packages and cgo — each value with the file it came from (SPEC §4).
//
// detect only reads. It never runs the project's tools or the host's
// interpreters, never walks into dependency or VCS folders, reads at most a
// few MB of any one file and never follows a symlink out of the project. It
// knows nothing of templates, flags or terminals: callers get a *Facts or a
// typed error (*NoProjectError, *FileError) and decide what to show.
package detect
