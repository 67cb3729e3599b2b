// Package web holds the board's frontend; `pnpm build` writes dist/.
package web

import "embed"

//go:embed all:dist
var Dist embed.FS
