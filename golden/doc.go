// Package golden runs golden cases of a template pack: each case is a
// folder holding input/ (a fixture project, which may hold the
// .dockslim.yaml of an earlier run), an optional answers.yaml (the flags
// of `dockslim init`, and set: for pack variables) and want/ (the
// expected Dockerfile and .dockerignore). Answers resolve through
// project.Resolve exactly as `dockslim init --yes` resolves them with that
// pack: detection, the record, the flags, the pack's default flavour and
// variables. The project's own golden/ folder is the embedded pack's
// suite, run by `go test ./golden` (`-update` rewrites want/); pack
// authors run theirs with `dockslim pack test` through the same code.
package golden
