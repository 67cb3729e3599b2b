package golang

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/dockslim/dockslim/detect/internal/core"
)

// cgoModule is a Go module that cannot be built without cgo, with the
// system packages its build and runtime stages need beyond a C compiler
// and libc, per distro. Debian names are bookworm's (checked with
// apt-cache on Debian 12); Alpine names could not be checked (no Alpine
// mirror) and are taken from the Alpine package index as commonly
// documented.
type cgoModule struct {
	path        string // module path as required in go.mod
	prefix      bool   // also match module paths below it (…/v3.3/glfw)
	needsImport string // counts only when a file of the module imports this package
	directOnly  bool   // counts only as a direct requirement (optional when indirect)
	packages    map[string]core.Packages
	warning     string // said when the module is found
}

// cgoToolchain is what any cgo build needs: a C compiler and the libc
// headers of the builder's distro.
var cgoToolchain = map[string]core.Packages{
	"bookworm": {Build: []string{"gcc", "libc6-dev"}},
	"alpine":   {Build: []string{"gcc", "musl-dev"}},
}

// cgoModules is the one table of cgo modules. Pure-Go replacements
// (modernc.org/sqlite, github.com/glebarez/sqlite) are deliberately
// absent: they build with CGO_ENABLED=0.
var cgoModules = []cgoModule{
	// Bundles the SQLite amalgamation: only a C compiler is needed.
	{path: "github.com/mattn/go-sqlite3"},
	// Bundles a static librdkafka for glibc and musl; musl needs -tags musl.
	{path: "github.com/confluentinc/confluent-kafka-go", packages: map[string]core.Packages{"bookworm": {}, "alpine": {BuildTags: []string{"musl"}}}},
	{path: "github.com/confluentinc/confluent-kafka-go/v2", packages: map[string]core.Packages{"bookworm": {}, "alpine": {BuildTags: []string{"musl"}}}},
	// GLFW needs the X11 and OpenGL headers at build time, their libraries at run time.
	{path: "github.com/go-gl/glfw", prefix: true, packages: map[string]core.Packages{
		"bookworm": {
			Build:   []string{"libgl1-mesa-dev", "libx11-dev", "libxcursor-dev", "libxi-dev", "libxinerama-dev", "libxrandr-dev", "libxxf86vm-dev"},
			Runtime: []string{"libgl1", "libx11-6", "libxcursor1", "libxi6", "libxinerama1", "libxrandr2", "libxxf86vm1"}},
		"alpine": {
			Build:   []string{"libx11-dev", "libxcursor-dev", "libxi-dev", "libxinerama-dev", "libxrandr-dev", "libxxf86vm-dev", "mesa-dev"},
			Runtime: []string{"libx11", "libxcursor", "libxi", "libxinerama", "libxrandr", "libxxf86vm", "mesa-gl"}},
	}},
	{path: "github.com/go-gl/gl", prefix: true, packages: map[string]core.Packages{
		"bookworm": {Build: []string{"libgl1-mesa-dev"}, Runtime: []string{"libgl1"}},
		"alpine":   {Build: []string{"mesa-dev"}, Runtime: []string{"mesa-gl"}},
	}},
	// imagick.v2 is the ImageMagick 6 binding, imagick.v3 the ImageMagick 7 one.
	{path: "gopkg.in/gographics/imagick.v2", packages: map[string]core.Packages{
		"bookworm": {Build: []string{"libmagickwand-dev", "pkg-config"}, Runtime: []string{"libmagickwand-6.q16-6"}},
		"alpine":   {Build: []string{"imagemagick6-dev", "pkgconf"}, Runtime: []string{"imagemagick6-libs"}},
	}},
	{path: "gopkg.in/gographics/imagick.v3", packages: map[string]core.Packages{
		"bookworm": {Build: []string{"libmagickwand-dev", "pkg-config"}, Runtime: []string{"libmagickwand-6.q16-6"}},
		"alpine":   {Build: []string{"imagemagick-dev", "pkgconf"}, Runtime: []string{"imagemagick-libs"}},
	}, warning: "go.mod requires gopkg.in/gographics/imagick.v3, which needs ImageMagick 7; Debian bookworm ships only ImageMagick 6, so prefer the alpine flavour or imagick.v2"},
	// RocksDB links C++; bookworm's librocksdb-dev pulls the compression libraries.
	{path: "github.com/tecbot/gorocksdb", packages: map[string]core.Packages{
		"bookworm": {Build: []string{"g++", "librocksdb-dev"}, Runtime: []string{"librocksdb7.8"}},
		"alpine":   {Build: []string{"g++", "rocksdb-dev"}, Runtime: []string{"rocksdb", "libstdc++"}},
	}},
	{path: "github.com/linxGnu/grocksdb", packages: map[string]core.Packages{
		"bookworm": {Build: []string{"g++", "librocksdb-dev"}, Runtime: []string{"librocksdb7.8"}},
		"alpine":   {Build: []string{"g++", "rocksdb-dev"}, Runtime: []string{"rocksdb", "libstdc++"}},
	}, warning: "go.mod requires github.com/linxGnu/grocksdb, which needs the RocksDB release it was written for; Debian bookworm ships RocksDB 7.8"},
	// pkcs11 bundles its headers and dlopens the token's module at run time.
	// Indirectly it mostly arrives through containers/ocicrypt, which uses it
	// only in cgo builds (with a pure-Go fallback): only a direct
	// requirement counts.
	{path: "github.com/miekg/pkcs11", directOnly: true},
	// Only the pcap sub-package of gopacket uses cgo (libpcap).
	{path: "github.com/google/gopacket", needsImport: "github.com/google/gopacket/pcap", packages: pcap},
	{path: "github.com/gopacket/gopacket", needsImport: "github.com/gopacket/gopacket/pcap", packages: pcap},
	// Bundles the zstd sources.
	{path: "github.com/DataDog/zstd"},
	// libvips bindings.
	{path: "github.com/h2non/bimg", packages: vips},
	{path: "github.com/davidbyttow/govips/v2", packages: vips},
}

var (
	pcap = map[string]core.Packages{
		"bookworm": {Build: []string{"libpcap-dev"}, Runtime: []string{"libpcap0.8"}},
		"alpine":   {Build: []string{"libpcap-dev"}, Runtime: []string{"libpcap"}},
	}
	vips = map[string]core.Packages{
		"bookworm": {Build: []string{"libvips-dev", "pkg-config"}, Runtime: []string{"libvips42"}},
		"alpine":   {Build: []string{"pkgconf", "vips-dev"}, Runtime: []string{"vips"}},
	}
)

// matches reports whether the module path required in go.mod is m.
func (m cgoModule) matches(path string) bool {
	return path == m.path || m.prefix && strings.HasPrefix(path, m.path+"/")
}

// systemPackages are the packages a cgo build with deps (module paths)
// needs on distro: the C toolchain, and what each module adds.
func systemPackages(deps []string, native bool, distro string) (core.Packages, error) {
	if !native && len(deps) == 0 {
		return core.Packages{}, nil
	}
	tc, ok := cgoToolchain[distro]
	if !ok {
		return core.Packages{}, fmt.Errorf("no C toolchain packages are known for %s", distro)
	}
	out := core.Packages{Build: slices.Clone(tc.Build)}
	for _, d := range deps {
		for _, m := range cgoModules {
			if !m.matches(d) || m.packages == nil {
				continue
			}
			p, ok := m.packages[distro]
			if !ok {
				return core.Packages{}, fmt.Errorf("no %s package names are known for %s", distro, d)
			}
			out.Build = append(out.Build, p.Build...)
			out.Runtime = append(out.Runtime, p.Runtime...)
			out.BuildTags = append(out.BuildTags, p.BuildTags...)
		}
	}
	return core.Packages{Build: core.SortedUnique(out.Build), Runtime: core.SortedUnique(out.Runtime), BuildTags: core.SortedUnique(out.BuildTags)}, nil
}

// cgoUse is what the cgo check found.
type cgoUse struct {
	cgo      bool
	from     string   // source of cgo: "file.go:line" or "go.mod#require"
	deps     []string // required cgo module paths, sorted
	warnings []string
}

// detectCgo finds cgo for the chosen main package (mainDir, "" when none
// is chosen): in the files it compiles — its own and those of the
// module's packages it imports, transitively — an import "C", or an
// import of a cgo module. A cgo module that go.mod requires directly but
// this main never imports does not count (a pure-Go driver beside a
// cgo one); one required only indirectly may arrive through a dependency
// whose imports dockslim cannot see, so it does. Without a chosen main
// every file of the module counts.
func detectCgo(mf *modfile.File, files []sourceFile, mainDir, modPath string) cgoUse {
	var c cgoUse
	compiled, graph := reachable(files, mainDir, modPath)
	imported := map[string]bool{}
	for _, f := range compiled {
		for _, imp := range f.imports {
			imported[imp.path] = true
			if imp.path == "C" && c.from == "" {
				c.from = fmt.Sprintf("%s:%d", f.rel, imp.line)
			}
		}
	}
	for _, req := range mf.Require {
		for _, m := range cgoModules {
			if !m.matches(req.Mod.Path) {
				continue
			}
			if m.needsImport != "" && !importsUnder(imported, m.needsImport) || m.directOnly && req.Indirect {
				continue
			}
			if graph && !req.Indirect && !importsUnder(imported, req.Mod.Path) {
				continue // required, but this main does not import it
			}
			c.deps = append(c.deps, req.Mod.Path)
			if m.warning != "" {
				c.warnings = append(c.warnings, m.warning)
			}
		}
	}
	c.deps = core.SortedUnique(c.deps)
	if c.from == "" && len(c.deps) > 0 {
		c.from = "go.mod#require"
	}
	c.cgo = c.from != ""
	return c
}

// reachable returns the files the main package in mainDir compiles: its
// own, and those of every package of the module it imports,
// transitively. graph is false (and every file is returned) when no main
// is chosen.
func reachable(files []sourceFile, mainDir, modPath string) (compiled []sourceFile, graph bool) {
	if mainDir == "" || modPath == "" {
		return files, false
	}
	byDir := map[string][]sourceFile{}
	for _, f := range files {
		byDir[f.dir] = append(byDir[f.dir], f)
	}
	seen := map[string]bool{mainDir: true}
	queue := []string{mainDir}
	for len(queue) > 0 {
		dir := queue[0]
		queue = queue[1:]
		for _, f := range byDir[dir] {
			compiled = append(compiled, f)
			for _, imp := range f.imports {
				var sub string
				switch {
				case imp.path == modPath:
					sub = "."
				case strings.HasPrefix(imp.path, modPath+"/"):
					sub = strings.TrimPrefix(imp.path, modPath+"/")
				default:
					continue
				}
				if !seen[sub] {
					seen[sub] = true
					queue = append(queue, sub)
				}
			}
		}
	}
	return compiled, true
}

// importsUnder reports whether pkg or a package below it is imported.
func importsUnder(imported map[string]bool, pkg string) bool {
	for p := range imported {
		if p == pkg || strings.HasPrefix(p, pkg+"/") {
			return true
		}
	}
	return false
}
