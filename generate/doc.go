// Package generate turns detected facts and a person's answers into the
// files dockslim writes: it resolves answers (facts overridden by flags or
// a form, validated like flags: docs/dockslim-yaml.md), renders a template pack with a curated
// function map, validates the result with BuildKit's parser and the
// .dockerignore it ships with, and writes files safely (atomic, mode kept,
// never replacing a differing file unless told to).
//
// generate knows nothing of cobra or terminals: callers pass options and
// get typed errors back.
package generate
