// Package templates is dockslim's embedded default template pack: the
// last layer under any organisation's pack, loaded by the same code.
package templates

import "embed"

// FS holds the pack: every file of this folder, one sub-folder per
// language (a new language's folder is embedded without a change here).
// The all: prefix matters: without it embed skips files and folders whose
// names start with "_" or "." (_partials). The loader reads only the
// manifest and the template files (this Go file is ignored).
//
//go:embed all:*
var FS embed.FS
