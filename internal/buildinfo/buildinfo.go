// Package buildinfo says which dockslim is running: the version
// stamped at release with -ldflags, else the module version Go recorded,
// else "(devel)".
package buildinfo

import (
	"runtime/debug"
	"strings"
)

// stamped is set at release time:
//
//	go build -ldflags "-X github.com/dockslim/dockslim/internal/buildinfo.stamped=v0.4.0"
//
// It is written only by the linker, never at run time.
var stamped string

// Devel is the version of a build that carries no release version.
const Devel = "(devel)"

// Version returns dockslim's version without a leading "v" ("0.4.0"), or
// "(devel)", or a pseudo-version such as "0.0.0-20261127…-abcdef+dirty".
func Version() string {
	if stamped != "" {
		return strings.TrimPrefix(stamped, "v")
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != Devel {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return Devel
}

// IsDevelopment reports whether v is a development build: "(devel)" or a
// Go pseudo-version (a v0.0.0-… timestamp-hash form, or anything +dirty).
// Development builds satisfy every pack's `requires`, with a warning.
func IsDevelopment(v string) bool {
	if v == Devel || v == "" || strings.HasSuffix(v, "+dirty") {
		return true
	}
	// Pseudo-versions end in -yyyymmddhhmmss-abcdefabcdef (possibly after
	// a pre-release prefix such as .0.).
	i := strings.LastIndex(v, "-")
	if i < 0 || len(v)-i-1 != 12 {
		return false
	}
	j := strings.LastIndexAny(v[:i], "-.")
	return j >= 0 && i-j-1 == 14
}
