package detect

import (
	"fmt"
	"strings"

	"golang.org/x/mod/modfile"
)

// goCgoModule is a Go module that cannot be built without cgo, with the
// system packages its build and runtime stages need beyond a C compiler
// and libc. Debian names are bookworm's (checked with apt-cache here);
// Alpine names could not be checked (no Alpine mirror) and are taken
// from the Alpine package index as commonly documented.
type goCgoModule struct {
	path        string // module path as required in go.mod
	prefix      bool   // also match module paths below it (…/v3.3/glfw)
	needsImport string // counts only when a file of the module imports this package
	directOnly  bool   // counts only as a direct requirement (optional when indirect)
	build       []string
	runtime     []string
	alpine      []string // Alpine build packages
	alpineRun   []string // Alpine runtime packages
	alpineTags  []string // build tags an Alpine (musl) build needs
	warning     string   // said when the module is found
}

// goCgoModules is the one table of cgo modules. Pure-Go replacements
// (modernc.org/sqlite, github.com/glebarez/sqlite) are deliberately
// absent: they build with CGO_ENABLED=0.
var goCgoModules = []goCgoModule{
	// Bundles the SQLite amalgamation: only a C compiler is needed.
	{path: "github.com/mattn/go-sqlite3"},
	// Bundles a static librdkafka for glibc and musl; musl needs -tags musl.
	{path: "github.com/confluentinc/confluent-kafka-go", alpineTags: []string{"musl"}},
	{path: "github.com/confluentinc/confluent-kafka-go/v2", alpineTags: []string{"musl"}},
	// GLFW needs the X11 and OpenGL headers at build time, their libraries at run time.
	{path: "github.com/go-gl/glfw", prefix: true,
		build:     []string{"libgl1-mesa-dev", "libx11-dev", "libxcursor-dev", "libxi-dev", "libxinerama-dev", "libxrandr-dev", "libxxf86vm-dev"},
		runtime:   []string{"libgl1", "libx11-6", "libxcursor1", "libxi6", "libxinerama1", "libxrandr2", "libxxf86vm1"},
		alpine:    []string{"libx11-dev", "libxcursor-dev", "libxi-dev", "libxinerama-dev", "libxrandr-dev", "libxxf86vm-dev", "mesa-dev"},
		alpineRun: []string{"libx11", "libxcursor", "libxi", "libxinerama", "libxrandr", "libxxf86vm", "mesa-gl"}},
	{path: "github.com/go-gl/gl", prefix: true,
		build: []string{"libgl1-mesa-dev"}, runtime: []string{"libgl1"},
		alpine: []string{"mesa-dev"}, alpineRun: []string{"mesa-gl"}},
	// imagick.v2 is the ImageMagick 6 binding, imagick.v3 the ImageMagick 7 one.
	{path: "gopkg.in/gographics/imagick.v2",
		build: []string{"libmagickwand-dev", "pkg-config"}, runtime: []string{"libmagickwand-6.q16-6"},
		alpine: []string{"imagemagick6-dev", "pkgconf"}, alpineRun: []string{"imagemagick6-libs"}},
	{path: "gopkg.in/gographics/imagick.v3",
		build: []string{"libmagickwand-dev", "pkg-config"}, runtime: []string{"libmagickwand-6.q16-6"},
		alpine: []string{"imagemagick-dev", "pkgconf"}, alpineRun: []string{"imagemagick-libs"},
		warning: "go.mod requires gopkg.in/gographics/imagick.v3, which needs ImageMagick 7; Debian bookworm ships only ImageMagick 6, so prefer the alpine flavour or imagick.v2"},
	// RocksDB links C++; bookworm's librocksdb-dev pulls the compression libraries.
	{path: "github.com/tecbot/gorocksdb",
		build: []string{"g++", "librocksdb-dev"}, runtime: []string{"librocksdb7.8"},
		alpine: []string{"g++", "rocksdb-dev"}, alpineRun: []string{"rocksdb", "libstdc++"}},
	{path: "github.com/linxGnu/grocksdb",
		build: []string{"g++", "librocksdb-dev"}, runtime: []string{"librocksdb7.8"},
		alpine: []string{"g++", "rocksdb-dev"}, alpineRun: []string{"rocksdb", "libstdc++"},
		warning: "go.mod requires github.com/linxGnu/grocksdb, which needs the RocksDB release it was written for; Debian bookworm ships RocksDB 7.8"},
	// pkcs11 bundles its headers and dlopens the token's module at run time.
	// Indirectly it mostly arrives through containers/ocicrypt, which uses it
	// only in cgo builds (with a pure-Go fallback): only a direct
	// requirement counts.
	{path: "github.com/miekg/pkcs11", directOnly: true},
	// Only the pcap sub-package of gopacket uses cgo (libpcap).
	{path: "github.com/google/gopacket", needsImport: "github.com/google/gopacket/pcap",
		build: []string{"libpcap-dev"}, runtime: []string{"libpcap0.8"},
		alpine: []string{"libpcap-dev"}, alpineRun: []string{"libpcap"}},
	{path: "github.com/gopacket/gopacket", needsImport: "github.com/gopacket/gopacket/pcap",
		build: []string{"libpcap-dev"}, runtime: []string{"libpcap0.8"},
		alpine: []string{"libpcap-dev"}, alpineRun: []string{"libpcap"}},
	// Bundles the zstd sources.
	{path: "github.com/DataDog/zstd"},
	// libvips bindings.
	{path: "github.com/h2non/bimg",
		build: []string{"libvips-dev", "pkg-config"}, runtime: []string{"libvips42"},
		alpine: []string{"pkgconf", "vips-dev"}, alpineRun: []string{"vips"}},
	{path: "github.com/davidbyttow/govips/v2",
		build: []string{"libvips-dev", "pkg-config"}, runtime: []string{"libvips42"},
		alpine: []string{"pkgconf", "vips-dev"}, alpineRun: []string{"vips"}},
}

// goCgo is what the cgo check found.
type goCgo struct {
	cgo       bool
	from      string   // source of cgo: "file.go:line" or "go.mod#require"
	deps      []string // required cgo module paths, sorted
	build     []string
	runtime   []string
	alpine    []string
	alpineRun []string
	tags      []string
	warnings  []string
}

// goDetectCgo finds cgo in the kept files (import "C") and in go.mod's
// require list (direct or indirect: an indirect requirement is still
// linked when some dependency imports it).
func goDetectCgo(mf *modfile.File, files []goFile) goCgo {
	var c goCgo
	imported := map[string]bool{}
	for _, f := range files {
		for _, imp := range f.imports {
			imported[imp.path] = true
			if imp.path == "C" && c.from == "" {
				c.from = fmt.Sprintf("%s:%d", f.rel, imp.line)
			}
		}
	}
	for _, req := range mf.Require {
		for _, m := range goCgoModules {
			if req.Mod.Path != m.path && (!m.prefix || !strings.HasPrefix(req.Mod.Path, m.path+"/")) {
				continue
			}
			if m.needsImport != "" && !goImportsUnder(imported, m.needsImport) || m.directOnly && req.Indirect {
				continue
			}
			c.deps = append(c.deps, req.Mod.Path)
			c.build = append(c.build, m.build...)
			c.runtime = append(c.runtime, m.runtime...)
			c.alpine = append(c.alpine, m.alpine...)
			c.alpineRun = append(c.alpineRun, m.alpineRun...)
			c.tags = append(c.tags, m.alpineTags...)
			if m.warning != "" {
				c.warnings = append(c.warnings, m.warning)
			}
		}
	}
	c.deps = sortedUnique(c.deps)
	if c.from == "" && len(c.deps) > 0 {
		c.from = "go.mod#require"
	}
	c.cgo = c.from != ""
	if c.cgo {
		c.build = append(c.build, "gcc", "libc6-dev")
		c.alpine = append(c.alpine, "gcc", "musl-dev")
	}
	c.build, c.runtime = sortedUnique(c.build), sortedUnique(c.runtime)
	c.alpine, c.alpineRun, c.tags = sortedUnique(c.alpine), sortedUnique(c.alpineRun), sortedUnique(c.tags)
	return c
}

// goImportsUnder reports whether pkg or a package below it is imported.
func goImportsUnder(imported map[string]bool, pkg string) bool {
	for p := range imported {
		if p == pkg || strings.HasPrefix(p, pkg+"/") {
			return true
		}
	}
	return false
}
