package node

import (
	"slices"
	"testing"
)

// System packages are chosen per distro from the one table.
func TestSystemPackagesPerDistro(t *testing.T) {
	for _, c := range []struct {
		deps           []string
		native         bool
		distro         string
		build, runtime []string
	}{
		{[]string{"bcrypt"}, true, "bookworm", []string{"g++", "make", "python3"}, nil},
		{[]string{"canvas"}, true, "alpine", []string{"cairo-dev", "g++", "giflib-dev", "jpeg-dev", "librsvg-dev", "make", "pango-dev", "python3"}, []string{"cairo", "giflib", "libjpeg-turbo", "librsvg", "pango"}},
		{[]string{"canvas"}, true, "bookworm", []string{"g++", "libcairo2-dev", "libgif-dev", "libjpeg-dev", "libpango1.0-dev", "librsvg2-dev", "make", "python3"}, []string{"libcairo2", "libgif7", "libjpeg62-turbo", "libpango-1.0-0", "libpangocairo-1.0-0", "librsvg2-2"}},
		// Prisma needs OpenSSL, not a compiler.
		{[]string{"@prisma/client"}, true, "bookworm", []string{"ca-certificates", "openssl"}, []string{"ca-certificates", "openssl"}},
		// --native with nothing detected: the bare toolchain.
		{nil, true, "alpine", []string{"g++", "make", "python3"}, nil},
		{nil, false, "bookworm", nil, nil},
	} {
		p, err := systemPackages(c.deps, c.native, c.distro)
		if err != nil {
			t.Fatalf("%v on %s: %v", c.deps, c.distro, err)
		}
		if !slices.Equal(p.Build, c.build) || !slices.Equal(p.Runtime, c.runtime) {
			t.Errorf("%v on %s: build %q runtime %q, want %q %q", c.deps, c.distro, p.Build, p.Runtime, c.build, c.runtime)
		}
	}
	if _, err := systemPackages([]string{"canvas"}, true, "trixie"); err == nil {
		t.Error("a distro with no names gave packages anyway")
	}
}
