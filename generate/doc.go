// Package generate turns answers into the files dockslim writes. Answers
// are detected facts (FromFacts) with a person's choices applied — the
// pipeline in package project resolves them; generate checks them again
// before any reaches a template (Answers.Check, the rules of
// docs/dockslim-yaml.md), computes the template model in Go (one view per
// language, view_<language>.go, registered in languages.go), renders a
// template pack with a curated function map and missingkey=error,
// validates the result with BuildKit's parser and the .dockerignore it
// ships with, plans each file against the one on disk and writes files
// safely (atomic, mode kept).
//
// generate knows nothing of cobra or terminals: callers pass options and
// get typed errors back.
package generate
