// Package templates is dockslim's embedded default template pack: the
// last layer under any organisation's pack, loaded by the same code.
package templates

import "embed"

// FS holds the pack. The all: prefix matters: without it embed skips
// files and folders whose names start with "_" or "." (_partials).
//
//go:embed dockslim-pack.yaml all:_partials all:go all:node all:python
var FS embed.FS
