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

// canonicalOrder is the order flavours are listed in after the
// recommended one (the order SPEC §3 names them).
var canonicalOrder = []string{Alpine, Slim, Scratch, Distroless}

// Flavours returns the flavours that work for a project: the recommended
// one first, as the seed article argues, then the others in canonical
// order (alpine, slim, scratch, distroless). Go without cgo → scratch;
// Go with cgo → slim (glibc builder and runtime; never scratch, which has
// no C library); Node without native addons → alpine, with them → slim;
// Python → slim, and no alpine with native dependencies (manylinux wheels
// do not install on musl, and source builds there are slow and large).
// A static site is served by nginx, which has alpine and Debian images but
// no distroless one. Python has no distroless flavour: distroless ships
// one fixed Python that a venv built on python:X-slim would not match.
func Flavours(in FlavourInput) []string {
	var recommended string
	works := map[string]bool{}
	switch in.Language {
	case Go:
		recommended = Scratch
		if in.Native {
			recommended = Slim
		}
		works = map[string]bool{Alpine: true, Slim: true, Distroless: true, Scratch: !in.Native}
	case Node:
		switch {
		case in.Static:
			recommended = Alpine
			works = map[string]bool{Alpine: true, Slim: true}
		case in.Native:
			recommended = Slim
			works = map[string]bool{Alpine: true, Slim: true, Distroless: true}
		default:
			recommended = Alpine
			works = map[string]bool{Alpine: true, Slim: true, Distroless: true}
		}
	case Python:
		recommended = Slim
		works = map[string]bool{Slim: true, Alpine: !in.Native}
	default:
		return nil
	}
	out := []string{recommended}
	for _, f := range canonicalOrder {
		if f != recommended && works[f] {
			out = append(out, f)
		}
	}
	return out
}
