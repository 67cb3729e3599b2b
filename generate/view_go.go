package generate

import (
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/golang"
	"github.com/dockslim/dockslim/internal/versions"
)

// goAnswers are the answers golang.Details give.
func goAnswers(d *golang.Details) *GoAnswers {
	return &GoAnswers{Module: d.Module, Vendor: d.Vendor, EmbedPaths: clone(d.EmbedPaths)}
}

// goSamples are the Go modules `pack lint` renders: pure Go, and cgo.
func goSamples() []Sample {
	a := func() *Answers {
		return &Answers{
			Language: golang.Name, LanguageVersion: "1.24", PackageManager: "go", Flavour: "scratch", Main: ".",
			Port: 8080, BuildCommand: `go build -trimpath -ldflags="-s -w" -o /out/app .`, Start: []string{"/app"},
			TestCommand: "go test ./...", ManifestFiles: []string{"go.mod", "go.sum"},
			Go: &GoAnswers{Module: "example.com/sample"}, Vars: map[string]string{},
		}
	}
	cgo := a()
	cgo.Native, cgo.Flavour = true, "slim"
	return []Sample{{"go", a()}, {"go cgo", cgo}}
}

// GoView is the Go template's model.
type GoView struct {
	// BuilderImage is the golang image; CrossCompile pins it to
	// $BUILDPLATFORM and sets GOOS/GOARCH from the target (pure Go only;
	// cgo builds run on the target platform).
	BuilderImage string
	CrossCompile bool
	// Toolchain installs extra build packages (nil when none are needed).
	Toolchain *RunStep
	// Download fetches modules into the cache (nil when vendored).
	Download *RunStep
	// CGO is "1" or "0".
	CGO string
	// BuildEnv are ENV lines of the build stage (GOFLAGS=-tags=… on Alpine).
	BuildEnv []string
	Build    *RunStep
	Test     *RunStep
	// RuntimeImage is the final base ("scratch" included); RuntimeDeps
	// installs its system packages (nil when none).
	RuntimeImage string
	RuntimeDeps  *RunStep
	// DataDir is the runtime's working directory, owned by its user, so an
	// app that writes beside itself (a sqlite file, ./var, pb_data) can;
	// the build stage makes it empty at /out/data.
	DataDir string
	// CopyCACerts and CopyZoneinfo bring what scratch, slim and alpine
	// lack from the builder; distroless has both.
	CopyCACerts  bool
	CopyZoneinfo bool
}

// golangProvided are packages the golang:*-bookworm image already has.
var golangProvided = []string{"gcc", "g++", "libc6-dev", "make", "pkg-config", "git"}

func goView(v *View, a *Answers, tab *versions.Table) error {
	g := &GoView{
		CGO:          "0",
		CrossCompile: !a.Native,
		CopyCACerts:  v.IsScratch || v.IsSlim,
		CopyZoneinfo: v.IsScratch || v.IsSlim || v.IsAlpine,
	}
	modCaches := caches("/go/pkg/mod", "/root/.cache/go-build")
	// In a workspace (go.work) the go command records checksums in
	// go.work.sum as it resolves: the mounts take the write and drop it.
	rw := a.Workspace
	source := []Mount{{Target: ".", RW: rw}}
	if a.Native {
		g.CGO = "1"
	}
	if a.Go == nil || !a.Go.Vendor {
		// Every manifest the download reads: go.mod and go.sum, and in a
		// workspace or with local replaces go.work, go.work.sum and each
		// local module's go.mod and go.sum.
		var binds []Mount
		for _, f := range a.ManifestFiles {
			binds = append(binds, Mount{Source: f, Target: f, RW: rw})
		}
		g.Download = &RunStep{Caches: caches("/go/pkg/mod"), Binds: binds, Commands: []string{"go mod download"}}
	}
	build := a.BuildCommand
	if g.CrossCompile {
		build = "GOOS=$TARGETOS GOARCH=$TARGETARCH " + build
	}
	g.DataDir = "/data"
	g.Build = &RunStep{Caches: modCaches, Binds: source, Commands: []string{build, "mkdir -p /out/data"}}
	if a.TestCommand != "" {
		g.Test = &RunStep{Caches: modCaches, Binds: source, Commands: []string{a.TestCommand}}
	}
	role := "golang"
	if a.Native && v.IsAlpine {
		role = "golangAlpine" // cgo builds on the runtime's libc
	}
	tools, distro, err := systemPackages(a, tab, role)
	if err != nil {
		return err
	}
	if a.Native {
		// The golang image already carries the usual C toolchain.
		g.Toolchain = installStep(distro, slices.DeleteFunc(tools.Build, func(p string) bool {
			return distro != "alpine" && slices.Contains(golangProvided, p)
		}))
		if len(tools.BuildTags) > 0 {
			g.BuildEnv = append(g.BuildEnv, "GOFLAGS=-tags="+strings.Join(tools.BuildTags, ","))
		}
	}
	if g.BuilderImage, err = imageRef(tab, role, "${GO_VERSION}"); err != nil {
		return err
	}
	v.Args = append(v.Args, Arg{"GO_VERSION", a.LanguageVersion})
	runtime := ""
	switch {
	case v.IsScratch:
		g.RuntimeImage = "scratch"
	case v.IsDistroless && a.Native:
		runtime = "distrolessBase"
	case v.IsDistroless:
		runtime = "distrolessStatic"
	case v.IsAlpine:
		runtime = "alpine"
	default:
		runtime = "debianSlim"
	}
	if runtime != "" {
		if g.RuntimeImage, err = imageRef(tab, runtime, ""); err != nil {
			return err
		}
		if !v.IsDistroless {
			// Distroless cannot install packages (the flavour policy
			// refuses it when some are needed).
			pkgs, distro, err := systemPackages(a, tab, runtime)
			if err != nil {
				return err
			}
			g.RuntimeDeps = installStep(distro, pkgs.Runtime)
		}
	}
	v.User = "65532:65532"
	v.Cmd = jsonArgv(a.Start)
	v.Go = g
	return nil
}
