package detect

import (
	"strings"

	"github.com/Masterminds/semver/v3"
)

// nativeNeeds are the system packages a native dependency needs: Debian
// build and runtime packages, Alpine build and runtime packages.
type nativeNeeds struct {
	Build, Runtime, Alpine, AlpineRuntime []string
}

// gypAddon is what any node-gyp addon needs to compile.
var gypAddon = nativeNeeds{
	Build:  []string{"python3", "make", "g++"},
	Alpine: []string{"python3", "make", "g++"},
}

// nativeTable is THE table of Node native dependencies (FIELD-NOTES):
// packages listed here are native whenever they are a dependency; any
// other package found through a lockfile's install-script flag gets
// gypAddon. Entries extend gypAddon unless noted.
var nativeTable = map[string]nativeNeeds{
	"bcrypt": {}, "better-sqlite3": {}, "sqlite3": {}, "argon2": {}, "node-sass": {}, "re2": {},
	"libxmljs": {}, "libxmljs2": {}, "node-pty": {}, "zeromq": {}, "@tensorflow/tfjs-node": {},
	"leveldown": {}, "cpu-features": {}, "farmhash": {}, "microtime": {},
	"sharp": {}, // only below 0.33 (see sharpIsNative)
	"canvas": {
		Build:         []string{"libcairo2-dev", "libpango1.0-dev", "libjpeg-dev", "libgif-dev", "librsvg2-dev"},
		Runtime:       []string{"libcairo2", "libpango-1.0-0", "libpangocairo-1.0-0", "libjpeg62-turbo", "libgif7", "librsvg2-2"},
		Alpine:        []string{"cairo-dev", "pango-dev", "jpeg-dev", "giflib-dev", "librsvg-dev"},
		AlpineRuntime: []string{"cairo", "pango", "libjpeg-turbo", "giflib", "librsvg"},
	},
	"kerberos": {
		Build:         []string{"libkrb5-dev"},
		Runtime:       []string{"libgssapi-krb5-2"},
		Alpine:        []string{"krb5-dev"},
		AlpineRuntime: []string{"krb5-libs"},
	},
}

// prismaNeeds are Prisma's: its query engine links OpenSSL; no compiler.
var prismaNeeds = nativeNeeds{
	Build:         []string{"openssl", "ca-certificates"},
	Runtime:       []string{"openssl", "ca-certificates"},
	Alpine:        []string{"openssl", "ca-certificates"},
	AlpineRuntime: []string{"openssl", "ca-certificates"},
}

// isPrisma reports whether name is one of Prisma's packages that need
// OpenSSL.
func isPrisma(name string) bool { return name == "prisma" || name == "@prisma/client" }

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

// needsOf returns the system packages name needs.
func needsOf(name string) nativeNeeds {
	if isPrisma(name) {
		return prismaNeeds
	}
	extra := nativeTable[name]
	return nativeNeeds{
		Build:         append(append([]string{}, gypAddon.Build...), extra.Build...),
		Runtime:       extra.Runtime,
		Alpine:        append(append([]string{}, gypAddon.Alpine...), extra.Alpine...),
		AlpineRuntime: extra.AlpineRuntime,
	}
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
// lockfile, and the system packages they need.
func (n *nodeProject) nativeDeps() error {
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
	for _, name := range lockNative {
		if found[name] || name == "sharp" && !sharpIsNative(lockVersions["sharp"]) {
			continue
		}
		found[name] = true
		if from == "" {
			from = lockFile
		}
	}
	var names, build, runtime, alpine, alpineRuntime []string
	for name := range found {
		names = append(names, name)
		need := needsOf(name)
		build = append(build, need.Build...)
		runtime = append(runtime, need.Runtime...)
		alpine = append(alpine, need.Alpine...)
		alpineRuntime = append(alpineRuntime, need.AlpineRuntime...)
	}
	f.NativeDeps = sortedUnique(names)
	f.source("nativeDeps", from)
	f.Details.BuildPackages = sortedUnique(build)
	f.Details.RuntimePackages = sortedUnique(runtime)
	f.Details.AlpinePackages = sortedUnique(alpine)
	f.Details.Node.AlpineRuntimePackages = sortedUnique(alpineRuntime)
	return nil
}

// flavours sets Flavours and Flavour from the shared Flavours rule
// (static site: alpine, slim; no native deps: alpine first; native deps:
// the glibc images first). Distroless cannot install the system libraries
// some addons need at run time (canvas), so it is dropped for those.
func (n *nodeProject) flavours() {
	f := n.f
	all := Flavours(FlavourInput{Language: Node, Native: len(f.NativeDeps) > 0, Static: n.isStatic()})
	f.Flavours = make([]string, 0, len(all))
	for _, fl := range all {
		if fl == Distroless && needsRuntimeLibs(f.Details.RuntimePackages) {
			continue
		}
		f.Flavours = append(f.Flavours, fl)
	}
	if len(f.Flavours) > 0 {
		f.Flavour = f.Flavours[0]
	}
}

// needsRuntimeLibs reports whether the runtime needs system packages
// beyond what distroless images carry (OpenSSL and CA certificates).
func needsRuntimeLibs(pkgs []string) bool {
	for _, p := range pkgs {
		if p != "openssl" && p != "ca-certificates" {
			return true
		}
	}
	return false
}
