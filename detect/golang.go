package detect

import (
	"context"
	"fmt"
	"strings"

	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/internal/versions"
	"golang.org/x/mod/modfile"
)

// goDefaultPort is SPEC §4's Go default when the code names no port.
const goDefaultPort = 8080

// detectGo fills in the facts of a Go module (go.mod at the root).
//
// Sources: language, packageManager and mains come from go.mod (mains are
// the main packages of the module it declares); languageVersion from
// go.mod#toolchain or go.mod#go (or go.work's, when it asks for more);
// main from the chosen package's main file ("cmd/api/main.go"), or
// "--main" when the option chose it; cgo from the first `import "C"`
// ("path:line") or go.mod#require; port from "path:line". buildCommand
// and start are derived from main and carry no source of their own.
func detectGo(ctx context.Context, r *repo, opts Options, tab *versions.Table) (*Facts, error) {
	f := newFacts(Go)
	f.source("language", "go.mod")
	data, err := r.read("go.mod", maxManifest)
	if err != nil {
		return nil, err
	}
	mf, warns, err := goParseMod("go.mod", data)
	if err != nil {
		return nil, err
	}
	f.Warnings = append(f.Warnings, warns...)
	f.PackageManager = "go"
	f.source("packageManager", "go.mod")
	f.Details.Go.Module = mf.Module.Mod.Path
	f.Details.ProjectName = goProjectName(mf.Module.Mod.Path)

	var wf *modfile.WorkFile
	if r.has("go.work") {
		data, err := r.read("go.work", maxManifest)
		if err != nil {
			return nil, err
		}
		if wf, err = goParseWork("go.work", data); err != nil {
			return nil, err
		}
		f.Workspace = true
		f.source("workspace", "go.work")
	}
	goSetVersion(f, mf, wf, tab)

	vendor := r.has("vendor/modules.txt")
	f.Details.Go.Vendor = vendor
	f.Details.ManifestFiles, warns = goManifests(r, mf, wf)
	f.Warnings = append(f.Warnings, warns...)
	if goNeedsSum(mf) && !vendor && !r.has("go.sum") {
		f.warnf("go.mod requires modules but there is no go.sum; run go mod tidy, or go build fails with \"missing go.sum entry\"")
	}

	minor := goMinor(f.LanguageVersion)
	if minor == 0 {
		minor = goMinor(tab.Go.Default)
	}
	src, err := goScanSources(ctx, r, minor)
	if err != nil {
		return nil, err
	}
	f.Warnings = append(f.Warnings, src.warnings...)
	if err := goSetMain(f, src.files, opts, mf.Module.Mod.Path); err != nil {
		return nil, err
	}

	goSetCgo(f, goDetectCgo(mf, src.files))
	goSetBuild(f, vendor, src.hasTests)

	mainDir := ""
	if f.Main != "" {
		mainDir = strings.TrimPrefix(f.Main, "./") // "." stays "."
	}
	port, from, warn := goPort(ctx, r, goPortFiles(src.files, mainDir))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if port == 0 {
		port = goDefaultPort
	}
	f.Port = port
	f.source("port", from)
	if warn != "" {
		f.warnf("%s", warn)
	}
	return f, nil
}

// goSetCgo records what the cgo check found and picks the flavours: a
// cgo binary needs a libc at run time, so no scratch, and slim (glibc
// builder and runtime) is recommended; a pure-Go one runs on scratch.
func goSetCgo(f *Facts, c goCgo) {
	f.CGO, f.NativeDeps = c.cgo, c.deps
	f.Warnings = append(f.Warnings, c.warnings...)
	f.Flavours = Flavours(FlavourInput{Language: Go, Native: c.cgo})
	f.Flavour = f.Flavours[0]
	if !c.cgo {
		return
	}
	f.source("cgo", c.from)
	if len(c.deps) > 0 {
		f.source("nativeDeps", "go.mod#require")
	}
	f.Details.BuildPackages, f.Details.RuntimePackages, f.Details.AlpinePackages = goOrNil(c.build), goOrNil(c.runtime), goOrNil(c.alpine)
	f.Details.Go.AlpineRuntimePackages, f.Details.Go.AlpineTags = goOrNil(c.alpineRun), goOrNil(c.tags)
}

// goSetBuild sets the build command (for a known main), start and the
// test command. CGO_ENABLED, GOOS and GOARCH are not part of the command:
// the Dockerfile sets them as ENV/ARG.
func goSetBuild(f *Facts, vendor, hasTests bool) {
	modFlag := ""
	if vendor {
		modFlag = " -mod=vendor"
	}
	if f.Main != "" {
		cmd := fmt.Sprintf(`go build%s -trimpath -ldflags="-s -w" -o /out/app %s`, modFlag, f.Main)
		if err := shellwords.CheckBuild(cmd); err == nil {
			f.BuildCommand = cmd
			f.Start = []string{"/app"}
		} else {
			f.warnf("the main package %s cannot go into a build command (%v); pass --build", f.Main, err)
		}
	}
	if hasTests {
		// -trimpath as in the build, so the test stage reuses its compile cache.
		f.Details.TestCommand = "go test -trimpath" + modFlag + " ./..."
	}
}

// goSetVersion sets languageVersion: go.mod's toolchain, else its go
// line, else the table's default. In a workspace the go command obeys
// go.work's lines, so they win when they ask for a newer release.
func goSetVersion(f *Facts, mf *modfile.File, wf *modfile.WorkFile, tab *versions.Table) {
	v, from, warns := goVersion("go.mod", mf.Go, mf.Toolchain)
	f.Warnings = append(f.Warnings, warns...)
	if wf != nil {
		wv, wfrom, wwarns := goVersion("go.work", wf.Go, wf.Toolchain)
		f.Warnings = append(f.Warnings, wwarns...)
		if wv != "" && (v == "" || goVersionLess(v, wv)) {
			v, from = wv, wfrom
		}
	}
	if v == "" {
		v = tab.Go.Default
	}
	f.LanguageVersion = v
	f.source("languageVersion", from)
}

// goOrNil keeps Details lists uniform: an empty list is nil, as it is for
// a project that needs no packages at all.
func goOrNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// goNeedsSum reports whether go.mod requires a module that is not
// replaced by a local folder: only those need go.sum entries.
func goNeedsSum(mf *modfile.File) bool {
	local := map[string]bool{}
	for _, rep := range mf.Replace {
		if modfile.IsDirectoryPath(rep.New.Path) && (rep.Old.Version == "") {
			local[rep.Old.Path] = true
		}
	}
	for _, req := range mf.Require {
		if !local[req.Mod.Path] {
			return true
		}
	}
	return false
}
