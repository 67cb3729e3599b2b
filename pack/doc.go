// Package pack loads dockslim template packs (docs/packs.md): a directory or a
// git repository holding dockslim-pack.yaml (the manifest), _partials/
// and one folder per language with Dockerfile.tmpl and
// dockerignore.tmpl. A pack is layered over the embedded pack
// (package templates) file by file — a file the pack lacks falls back to
// the embedded one — and can redefine the named blocks the embedded
// templates declare (Blocks). The embedded pack itself is loaded by the
// same code, with nothing under it.
//
// Safety: a pack only ever provides template text and data. Templates
// render with generate's curated pure functions and missingkey=error;
// output paths are fixed by generate, never named by a pack; loading
// rejects symlinks, special files, unsafe paths and oversized files, so a
// hostile pack gets an error, never a write outside the project.
//
// Sources (Source) are fetched with go-git into the user's cache, one
// bare mirror per repository and one verified snapshot per resolved
// commit, so a recorded commit renders offline. Nothing here reads the
// environment or runs a program: callers pass the cache directory and
// credentials in Options.
package pack
