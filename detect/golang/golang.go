package golang

import (
	"context"
	"fmt"
	"path"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/dockerfiles"
	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/shellwords"
	"github.com/dockslim/dockslim/internal/versions"
)

// noGoSum warns about a module that needs go.sum entries and has none.
const noGoSum = "go.mod requires modules but there is no go.sum; run go mod tidy, or go build fails with \"missing go.sum entry\""

// defaultPort is the port a Go service gets when its code names none.
const defaultPort = 8080

// detect fills in the facts of a Go module (go.mod at the root).
//
// Sources: language, packageManager and mains come from go.mod (mains are
// the main packages of the module it declares); languageVersion from
// go.mod#toolchain or go.mod#go (or go.work's, when it asks for more);
// main from the chosen package's main file ("cmd/api/main.go"), or
// "--main" when the option chose it; cgo from the first `import "C"`
// ("path:line") or go.mod#require; port from "path:line". buildCommand
// and start are derived from main and carry no source of their own.
func detect(ctx context.Context, r *repo.Repo, opts core.Options, tab *versions.Table) (*core.Facts, error) {
	d := &Details{}
	f := core.NewFacts(Name, d)
	f.Source("language", "go.mod")
	data, err := r.Read("go.mod", repo.MaxManifest)
	if err != nil {
		return nil, err
	}
	mf, warns, err := parseMod("go.mod", data)
	if err != nil {
		return nil, err
	}
	f.Warnings = append(f.Warnings, warns...)
	f.PackageManager = "go"
	f.Source("packageManager", "go.mod")
	d.Module = mf.Module.Mod.Path
	f.Details.ProjectName = projectName(mf.Module.Mod.Path)

	var wf *modfile.WorkFile
	if r.Has("go.work") {
		data, err := r.Read("go.work", repo.MaxManifest)
		if err != nil {
			return nil, err
		}
		if wf, err = parseWork("go.work", data); err != nil {
			return nil, err
		}
		f.Workspace = true
		f.Source("workspace", "go.work")
		f.WorkspaceTool = "go.work"
		f.Source("workspaceTool", "go.work")
		for _, u := range wf.Use {
			if dir, ok := localModuleDir(u.Path); ok && dir != "." && r.Has(path.Join(dir, "go.mod")) {
				f.Details.Members = append(f.Details.Members, core.Member{Dir: dir, Source: "go.work"})
			}
		}
	}
	setVersion(f, mf, wf, tab)

	vendor := r.Has("vendor/modules.txt")
	d.Vendor = vendor
	f.Details.ManifestFiles, warns = manifests(r, mf, wf)
	f.Warnings = append(f.Warnings, warns...)
	if needsSum(mf, workspaceModules(r, wf)) && !vendor && !r.Has("go.sum") {
		f.Warnings = append(f.Warnings, noGoSum)
	}

	minor := minorOf(f.LanguageVersion)
	if minor == 0 {
		minor = minorOf(tab.Defaults[Name])
	}
	src, err := scanSources(ctx, r, minor)
	if err != nil {
		return nil, err
	}
	f.Warnings = append(f.Warnings, src.warnings...)
	d.Imports = foreignImports(src.files, mf.Module.Mod.Path)
	var embedWarns []string
	var frontends []*Frontend
	d.EmbedPaths, frontends, embedWarns = embedPaths(r, src.files)
	f.Warnings = append(f.Warnings, embedWarns...)
	if len(frontends) > 0 {
		d.Frontend = frontends[0]
		for _, fe := range frontends[1:] {
			f.Warnf("%s embeds %s, which the repository does not have: only one frontend (%s) is built in the image; build %s before `docker build`",
				fe.From, strings.Join(fe.Outputs, ", "), d.Frontend.Dir, fe.Dir)
		}
	}
	if err := setMain(f, src.files, opts, mf.Module.Mod.Path); err != nil {
		return nil, err
	}

	mainDir := ""
	if f.Main != "" {
		mainDir = strings.TrimPrefix(f.Main, "./") // "." stays "."
	}
	setCgo(f, detectCgo(mf, src.files, mainDir, mf.Module.Mod.Path))
	setBuild(f, vendor, src.hasTests)
	if cmds, from := makefileGenerate(r); len(cmds) > 0 {
		d.Generate = cmds
		f.Warnf("%s: the code is generated before it compiles; the build and test stages run %s first", from, "`"+strings.Join(cmds, "`, `")+"`")
	}
	if f.Main != "" { // the build line and the command are made from the main package
		f.Follows("buildCommand", "main")
		f.Follows("start", "main")
	}

	search := newAddrSearch(r, src.files, mf.Module.Mod.Path)
	if len(f.Start) > 0 {
		compiled, _ := reachable(src.files, mainDir, mf.Module.Mod.Path)
		if fw, from, ok := frameworkOf(compiled); ok {
			setFramework(f, fw, from)
			return f, nil
		}
		web, webFrom, _ := core.ProcfileWeb(r, f)
		if sub, ok := search.findSubcommand(compiled, binaryName(mainDir, d.Module), web, webFrom, dockerfiles.Find(ctx, r)); ok {
			setSubcommand(f, sub)
		}
		for _, rf := range search.runtimeFiles(compiled, d.EmbedPaths) {
			d.RuntimeFiles = append(d.RuntimeFiles, rf.path)
			f.Warnf("%s: the program reads %s at run time; the image copies it into its working directory", rf.from, rf.path)
		}
	}
	lp := findPort(ctx, r, portFiles(src.files, mainDir), search)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	port := lp.port
	if port == 0 {
		port = defaultPort
		if !mayServe(src.files) {
			// A command-line tool or a worker: no EXPOSE, rather than an
			// invented port.
			port = 0
			f.Warnf("found no network server in the module (no net, net/http or third-party import): the image exposes no port; pass --port if it listens")
		}
	}
	f.Port = port
	if lp.likely {
		f.Likely("port", lp.from)
	} else {
		f.Source("port", lp.from)
	}
	setReachable(f, lp)
	return f, nil
}

// binaryName is what the program calls itself: its folder's name, or
// the module's for a main at the root.
func binaryName(mainDir, modPath string) string {
	if mainDir == "." {
		return projectName(modPath)
	}
	return path.Base(mainDir)
}

// mayServe reports whether the module could listen on a port: some file
// imports net, net/http, or any package outside the standard library (a
// framework dockslim does not know may serve for it). Only a module of
// plain standard-library code without networking is known not to.
func mayServe(files []sourceFile) bool {
	for _, f := range files {
		for _, imp := range f.imports {
			first, _, _ := strings.Cut(imp.path, "/")
			if imp.path == "net" || strings.HasPrefix(imp.path, "net/") || strings.Contains(first, ".") {
				return true
			}
		}
	}
	return false
}

// setCgo records what the cgo check found (the flavours follow from it:
// see flavourRules).
func setCgo(f *core.Facts, c cgoUse) {
	f.CGO, f.NativeDeps = c.cgo, c.deps
	f.Warnings = append(f.Warnings, c.warnings...)
	if !c.cgo {
		return
	}
	f.Source("cgo", c.from)
	if len(c.deps) > 0 {
		f.Source("nativeDeps", "go.mod#require")
	}
}

// setBuild sets the build command (for a known main), start and the
// test command. CGO_ENABLED, GOOS and GOARCH are not part of the command:
// the Dockerfile sets them as ENV/ARG.
func setBuild(f *core.Facts, vendor, hasTests bool) {
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
			f.Warnf("the main package %s cannot go into a build command (%v); pass --build", f.Main, err)
		}
	}
	if hasTests {
		// -trimpath as in the build, so the test stage reuses its compile cache.
		f.Details.TestCommand = "go test -trimpath" + modFlag + " ./..."
	}
}

// setVersion sets languageVersion: go.mod's toolchain, else its go
// line, else the table's default. In a workspace the go command obeys
// go.work's lines, so they win when they ask for a newer release.
func setVersion(f *core.Facts, mf *modfile.File, wf *modfile.WorkFile, tab *versions.Table) {
	v, from, warns := moduleVersion("go.mod", mf.Go, mf.Toolchain)
	f.Warnings = append(f.Warnings, warns...)
	if wf != nil {
		wv, wfrom, wwarns := moduleVersion("go.work", wf.Go, wf.Toolchain)
		f.Warnings = append(f.Warnings, wwarns...)
		if wv != "" && (v == "" || versionLess(v, wv)) {
			v, from = wv, wfrom
		}
	}
	if v == "" {
		v = tab.Defaults[Name]
	}
	f.LanguageVersion = v
	f.Source("languageVersion", from)
}

// workspaceModules are the module paths go.work's use lines provide.
func workspaceModules(r *repo.Repo, wf *modfile.WorkFile) map[string]bool {
	out := map[string]bool{}
	if wf == nil {
		return out
	}
	for _, u := range wf.Use {
		dir, ok := localModuleDir(u.Path)
		if !ok {
			continue
		}
		data, err := r.Read(path.Join(dir, "go.mod"), repo.MaxManifest)
		if err != nil {
			continue
		}
		if p := modfile.ModulePath(data); p != "" {
			out[p] = true
		}
	}
	return out
}

// needsSum reports whether go.mod requires a module that is neither
// replaced by a local folder nor provided by the workspace (local): only
// those need go.sum entries.
func needsSum(mf *modfile.File, local map[string]bool) bool {
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
