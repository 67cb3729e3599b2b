package detect

// FlavourInput is what decides which base-image flavours can run a
// project (SPEC §4).
type FlavourInput struct {
	Language string
	// Native is true when native code is built (addons, C extensions,
	// cgo): builder and runtime must then share a libc.
	Native bool
	// Static is true for a static site served by nginx.
	Static bool
}

// Flavours returns the flavours that work for a project, the recommended
// one first, as the seed article argues: Go without cgo → scratch; Go
// with cgo → slim (glibc builder and runtime, never scratch); Node without
// native addons → alpine, with them → slim; Python → slim, and no alpine
// with native dependencies (manylinux wheels do not install on musl, and
// source builds there are slow and large). A static site is served by
// nginx, which has alpine and Debian images but no distroless one.
// Python has no distroless flavour: distroless ships one fixed Python
// that a venv built on python:X-slim would not match.
func Flavours(in FlavourInput) []string {
	switch in.Language {
	case Go:
		if in.Native {
			return []string{Slim, Distroless, Alpine}
		}
		return []string{Scratch, Distroless, Alpine, Slim}
	case Node:
		switch {
		case in.Static:
			return []string{Alpine, Slim}
		case in.Native:
			return []string{Slim, Distroless, Alpine}
		}
		return []string{Alpine, Slim, Distroless}
	case Python:
		if in.Native {
			return []string{Slim}
		}
		return []string{Slim, Alpine}
	}
	return nil
}
