// Package audit reads a Dockerfile someone already has and says what
// makes its image big, slow to rebuild or unsafe (docs/audit.md): BuildKit's
// own checks, run offline in-process, then dockslim's rules, each with a
// stable id, a category from a fixed vocabulary, a severity, the lines it
// is about, a one-sentence message and the fix. It reads files only; it
// never builds or pulls an image.
package audit
