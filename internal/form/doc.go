// Package form is `dockslim init`'s terminal form (huh v1). Questions are
// built as data by pure functions (questions.go, commands.go, vars.go)
// from what the flags left open, the resolved answers and the detected
// facts; form.go turns them into huh forms. A Session asks page by page:
// each page's answers become the project.Inputs the flags would give, and
// project.Resolve — the resolution behind --yes — resolves them before the
// next page is built, so a form run writes exactly what the equivalent
// flags write. Accessible mode reads one line per prompt (lines.go), also
// from a pipe. The package knows nothing of cobra or exit codes.
package form
