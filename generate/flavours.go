package generate

import (
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect"
)

// AllowedFlavours lists the flavours that work for the answers, the
// recommended one first (detect.Flavours' rules, re-applied because the
// native answer may have changed).
func AllowedFlavours(a *Answers) []string {
	works := detect.Flavours(detect.FlavourInput{
		Language: a.Language,
		Native:   a.Native,
		Static:   a.Node != nil && a.Node.StaticDir != "",
	})
	// Distroless Node images run `node` as their entrypoint: a start
	// command that is not `node …` cannot run there.
	// Distroless has no package manager: runtime system packages cannot
	// be installed there (its base already carries OpenSSL and the CA
	// bundle).
	if a.Language == detect.Node && len(a.Start) > 0 && a.Start[0] != "node" || len(distrolessMissing(a.RuntimePackages)) > 0 {
		works = slices.DeleteFunc(works, func(f string) bool { return f == detect.Distroless })
	}
	return works
}

// FlavourReason says why flavour f does not work for the answers, as a
// clause to append to an error ("" when there is nothing to add).
func FlavourReason(a *Answers, f string) string {
	switch {
	case f == detect.Scratch && a.Language == detect.Go && a.Native:
		return ": a cgo binary needs a C library at run time, and scratch has none"
	case f == detect.Alpine && a.Language == detect.Python && a.Native:
		return ": manylinux wheels and native builds need glibc"
	case f == detect.Distroless && a.Language == detect.Python:
		return ": distroless ships one fixed Python version"
	case f == detect.Distroless && a.Language == detect.Node && len(a.Start) > 0 && a.Start[0] != "node":
		return ": distroless Node images can only run `node …` commands"
	case f == detect.Distroless && len(distrolessMissing(a.RuntimePackages)) > 0:
		return ": distroless cannot install the runtime packages " + strings.Join(distrolessMissing(a.RuntimePackages), ", ")
	case f == detect.Scratch:
		return ": scratch has no runtime for interpreted code"
	}
	return ""
}

// distrolessMissing lists runtime packages a distroless base lacks.
func distrolessMissing(pkgs []string) []string {
	return slices.DeleteFunc(slices.Clone(pkgs), func(p string) bool {
		return p == "openssl" || p == "ca-certificates"
	})
}
