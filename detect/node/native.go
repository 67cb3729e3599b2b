package node

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// gypToolchain is what any node-gyp addon needs to compile, per distro.
var gypToolchain = map[string]core.Packages{
	"bookworm": {Build: []string{"python3", "make", "g++"}},
	"alpine":   {Build: []string{"python3", "make", "g++"}},
}

// nativeTable is the one table of Node native dependencies (docs/detect.md):
// packages listed here are native whenever they are a dependency; any
// other package found through a lockfile's install-script flag is a
// node-gyp addon with no system libraries of its own. Each entry says
// what it needs beyond gypToolchain, per distro (none: nothing more).
var nativeTable = map[string]map[string]core.Packages{
	"bcrypt": nil, "better-sqlite3": nil, "sqlite3": nil, "argon2": nil, "node-sass": nil, "re2": nil,
	"libxmljs": nil, "libxmljs2": nil, "node-pty": nil, "zeromq": nil, "@tensorflow/tfjs-node": nil,
	"leveldown": nil, "cpu-features": nil, "farmhash": nil, "microtime": nil,
	"sharp": nil, // only below 0.33 (see sharpIsNative)
	"canvas": {
		"bookworm": {
			Build:   []string{"libcairo2-dev", "libpango1.0-dev", "libjpeg-dev", "libgif-dev", "librsvg2-dev"},
			Runtime: []string{"libcairo2", "libpango-1.0-0", "libpangocairo-1.0-0", "libjpeg62-turbo", "libgif7", "librsvg2-2"}},
		"alpine": {
			Build:   []string{"cairo-dev", "pango-dev", "jpeg-dev", "giflib-dev", "librsvg-dev"},
			Runtime: []string{"cairo", "pango", "libjpeg-turbo", "giflib", "librsvg"}},
	},
	"kerberos": {
		"bookworm": {Build: []string{"libkrb5-dev"}, Runtime: []string{"libgssapi-krb5-2"}},
		"alpine":   {Build: []string{"krb5-dev"}, Runtime: []string{"krb5-libs"}},
	},
}

// prismaNeeds are Prisma's: its query engine links OpenSSL; no compiler.
var prismaNeeds = map[string]core.Packages{
	"bookworm": {Build: []string{"openssl", "ca-certificates"}, Runtime: []string{"openssl", "ca-certificates"}},
	"alpine":   {Build: []string{"openssl", "ca-certificates"}, Runtime: []string{"openssl", "ca-certificates"}},
}

// isPrisma reports whether name is one of Prisma's packages that need
// OpenSSL.
func isPrisma(name string) bool { return name == "prisma" || name == "@prisma/client" }

// systemPackages are the packages deps (npm names) need on distro: a
// node-gyp addon the toolchain and its libraries, Prisma OpenSSL; native
// alone (--native, nothing detected) asks for the toolchain.
func systemPackages(deps []string, native bool, distro string) (core.Packages, error) {
	if !native && len(deps) == 0 {
		return core.Packages{}, nil
	}
	gyp, ok := gypToolchain[distro]
	if !ok {
		return core.Packages{}, fmt.Errorf("no node-gyp toolchain packages are known for %s", distro)
	}
	var out core.Packages
	add := func(name string, table map[string]core.Packages) error {
		p, ok := table[distro]
		if !ok {
			return fmt.Errorf("no %s package names are known for %s", distro, name)
		}
		out.Build = append(out.Build, p.Build...)
		out.Runtime = append(out.Runtime, p.Runtime...)
		return nil
	}
	if len(deps) == 0 {
		out.Build = slices.Clone(gyp.Build)
	}
	for _, d := range deps {
		if isPrisma(d) {
			if err := add(d, prismaNeeds); err != nil {
				return core.Packages{}, err
			}
			continue
		}
		out.Build = append(out.Build, gyp.Build...)
		if extra := nativeTable[d]; extra != nil {
			if err := add(d, extra); err != nil {
				return core.Packages{}, err
			}
		}
	}
	return core.Packages{Build: core.SortedUnique(out.Build), Runtime: core.SortedUnique(out.Runtime)}, nil
}

// prebuilt are packages with install scripts that ship prebuilt binaries
// for glibc and musl (or only print a message): not native deps. Prisma's
// engines are covered by prisma/@prisma/client.
var prebuilt = map[string]bool{
	"esbuild": true, "@swc/core": true, "fsevents": true, "core-js": true, "core-js-pure": true,
	"protobufjs": true, "husky": true, "nodemon": true, "es5-ext": true, "@parcel/watcher": true,
	"lefthook": true, "msw": true, "bun": true, "@biomejs/biome": true, "@sentry/cli": true,
	"puppeteer": true, "cypress": true, "electron": true, "@prisma/engines": true,
	// Checked by hand: a postinstall that only prints or downloads a
	// matching prebuilt binary.
	"@nestjs/core": true, "@scarf/scarf": true, "unrs-resolver": true, "@tailwindcss/oxide": true,
	"bufferutil": true, "utf-8-validate": true, "@apollo/protobufjs": true, "styled-components": true,
	"ejs": true, "nx": true,
}

// nativeBuilders are the tools an addon's install script runs to compile
// (or fetch prebuilt binaries for) native code.
var nativeBuilders = []string{"node-gyp", "prebuild-install", "node-pre-gyp", "cmake-js", "node-gyp-build"}

// compilesOnInstall looks at an installed package (node_modules/<name>)
// for the marks of a native addon: a binding.gyp, "gypfile": true, or an
// install script that runs a native build tool. checked is false when
// the package is not installed in the project.
func (n *project) compilesOnInstall(name string) (native, checked bool) {
	if strings.Contains(name, "..") {
		return false, false
	}
	dir := "node_modules/" + name
	data, err := n.r.Head(dir+"/package.json", repo.MaxSource)
	if err != nil {
		return false, false
	}
	if n.r.Has(dir + "/binding.gyp") {
		return true, true
	}
	var pkg struct {
		Gypfile bool              `json:"gypfile"`
		Scripts map[string]string `json:"scripts"`
	}
	if json.Unmarshal(data, &pkg) != nil {
		return false, true
	}
	if pkg.Gypfile {
		return true, true
	}
	for _, hook := range []string{"preinstall", "install", "postinstall"} {
		for _, tool := range nativeBuilders {
			if strings.Contains(pkg.Scripts[hook], tool) {
				return true, true
			}
		}
	}
	return false, true
}

// sharpIsNative reports whether a sharp version or range means sharp
// before 0.33 (which compiled against libvips); 0.33 ships prebuilt
// binaries for glibc and musl. A range that admits 0.33 or later installs
// the newest release, so it is not native.
func sharpIsNative(v string) bool {
	cs, err := semver.NewConstraint(strings.TrimSpace(v))
	if err != nil {
		return false
	}
	for _, later := range []string{"0.33.0", "0.33.5", "0.34.0", "0.34.5", "0.35.0", "0.40.0", "1.0.0", "2.0.0"} {
		if cs.Check(semver.MustParse(later)) {
			return false
		}
	}
	return true
}

// nativeDeps sets NativeDeps from package.json and the chosen manager's
// lockfile.
func (n *project) nativeDeps() error {
	f := n.f
	found := map[string]bool{}
	from := ""
	lockVersions := map[string]string{}
	lockNative, lockFile, err := n.lockNative(lockVersions)
	if err != nil {
		return err
	}
	for _, name := range n.pkg.depNames() {
		_, known := nativeTable[name]
		if !known && !isPrisma(name) {
			continue
		}
		v, field := n.pkg.dep(name)
		if name == "sharp" {
			if lv, ok := lockVersions["sharp"]; ok {
				v = lv
			}
			if !sharpIsNative(v) {
				continue
			}
		}
		found[name] = true
		if from == "" {
			from = "package.json#" + field
		}
	}
	var unchecked []string
	for _, name := range lockNative {
		if found[name] || name == "sharp" && !sharpIsNative(lockVersions["sharp"]) {
			continue
		}
		_, known := nativeTable[name]
		if !known && !isPrisma(name) {
			// An install script alone proves nothing: most print a
			// message or fetch a binary. Look at the package itself.
			native, checked := n.compilesOnInstall(name)
			if !checked {
				unchecked = append(unchecked, name)
			}
			if !native {
				continue
			}
		}
		found[name] = true
		if from == "" {
			from = lockFile
		}
	}
	if len(unchecked) > 0 {
		slices.Sort(unchecked)
		f.Warnf("%s flags install scripts for %s, which dockslim cannot check without node_modules; they are not treated as native addons (pass --native if one compiles code)", lockFile, joinAnd(unchecked))
	}
	var names []string
	for name := range found {
		names = append(names, name)
	}
	f.NativeDeps = core.SortedUnique(names)
	f.Source("nativeDeps", from)
	if len(unchecked) > 0 {
		if from == "" {
			from = lockFile
		}
		f.Likely("nativeDeps", from) // some packages could not be looked at
	}
	return nil
}
