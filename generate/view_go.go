package generate

import (
	"path"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/golang"
	"github.com/dockslim/dockslim/internal/versions"
)

// goAnswers are the answers golang.Details give.
func goAnswers(d *golang.Details) *GoAnswers {
	g := &GoAnswers{Module: d.Module, Vendor: d.Vendor, EmbedPaths: clone(d.EmbedPaths), RuntimeFiles: clone(d.RuntimeFiles), Generate: clone(d.Generate)}
	if fe := d.Frontend; fe != nil {
		g.Frontend = &GoFrontend{Dir: fe.Dir, Outputs: clone(fe.Outputs), NodeVersion: fe.NodeVersion,
			PackageManager: fe.PackageManager, PackageManagerVersion: fe.PackageManagerVersion,
			ManifestFiles: clone(fe.ManifestFiles), Build: fe.Build, InstallEnv: clone(fe.InstallEnv)}
	}
	return g
}

// passwdLine and groupLine name the image's user (65532, like
// distroless's nonroot) with its home in the working directory.
const (
	passwdLine = "nonroot:x:65532:65532:nonroot:/data:/sbin/nologin"
	groupLine  = "nonroot:x:65532:"
)

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
	// Health, when set, builds the HEALTHCHECK probe (healthcheck.go).
	Health *HealthProbeStage
	// Layout makes, in the deps stage, what the runtime copies besides
	// the binary (the empty /out/data, scratch's /etc/passwd): made once
	// there, not beside `go build`, those layers of the runtime stay the
	// same after a source edit and are not pushed again.
	Layout *RunStep
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
	// the deps stage makes it empty at /out/data.
	DataDir string
	// CopyCACerts and CopyZoneinfo bring what scratch, slim and alpine
	// lack from the builder; distroless has both.
	CopyCACerts  bool
	CopyZoneinfo bool
	// Frontend is the stage that builds the embedded frontend; nil when
	// the program embeds none.
	Frontend *FrontendView
	// Passwd copies /etc/passwd and /etc/group from the build stage
	// (scratch has none); AddUser adds the user to a base's own (slim,
	// alpine). Distroless has its nonroot user.
	Passwd  bool
	AddUser *RunStep
	// RuntimeFiles copy what the program reads at run time from the
	// context into DataDir.
	RuntimeFiles []Copy
}

// FrontendView is the stage that builds a Go program's embedded
// frontend: it runs on the build platform (its output is JavaScript and
// assets, the same for every target), installs from the frontend's own
// manifests, copies its folder and builds; the build stage mounts the
// outputs where //go:embed reads them.
type FrontendView struct {
	Image   string
	Env     []string
	Setup   *RunStep
	Workdir string // /src/ui
	Install *RunStep
	Src     string // ui/, what COPY takes
	Package string // ui/package.json
	Build   *RunStep
	Outputs []string
}

// frontendView builds the frontend stage and the mounts the Go build
// needs from it.
func frontendView(v *View, fe *GoFrontend, tab *versions.Table) (*FrontendView, []Mount, error) {
	workdir := path.Join("/src", fe.Dir)
	var binds []Mount
	var files []string // the manifests as the Node project names them
	for _, m := range fe.ManifestFiles {
		rel := strings.TrimPrefix(m, fe.Dir+"/")
		files = append(files, rel)
		binds = append(binds, Mount{Source: m, Target: rel})
	}
	p := nodePM(&Answers{PackageManager: fe.PackageManager, PackageManagerVersion: fe.PackageManagerVersion, ManifestFiles: files}, tab)
	image, err := imageRef(tab, "node", "${NODE_VERSION}")
	if err != nil {
		return nil, nil, err
	}
	v.Args = append(v.Args, Arg{"NODE_VERSION", fe.NodeVersion})
	f := &FrontendView{Image: image, Env: append(slices.Clone(p.env), fe.InstallEnv...), Workdir: workdir,
		Src: fe.Dir + "/", Package: path.Join(fe.Dir, "package.json"), Outputs: fe.Outputs,
		Install: &RunStep{Caches: p.caches(), Binds: binds, Commands: []string{p.all}},
		Build:   &RunStep{Commands: []string{fe.Build}}}
	if fe.Dir == "." {
		f.Src = "."
	}
	if p.setup != "" {
		f.Setup = &RunStep{Caches: caches("/root/.npm"), Commands: []string{p.setup}}
	}
	var mounts []Mount
	for _, out := range fe.Outputs {
		mounts = append(mounts, Mount{From: "frontend", Source: path.Join("/src", out), Target: out})
	}
	return f, mounts, nil
}

// goNetrc hands a private module host's credentials to the go command.
var goNetrc = Secret{ID: "netrc", Target: "/root/.netrc"}

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
	rw := a.Workspace || a.AppDir != "" // a member builds in its workspace
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
		g.Download = &RunStep{Caches: caches("/go/pkg/mod"), Binds: binds, Secrets: []Secret{goNetrc}, Commands: []string{"go mod download"}}
	}
	build := a.BuildCommand
	if g.CrossCompile {
		build = "GOOS=$TARGETOS GOARCH=$TARGETARCH " + build
	}
	g.DataDir = "/data"
	if a.Go != nil {
		for _, p := range a.Go.RuntimeFiles {
			g.RuntimeFiles = append(g.RuntimeFiles, Copy{Src: path.Join(a.AppDir, p), Dst: path.Join(g.DataDir, p)})
		}
	}
	buildBinds := source
	if a.Go != nil && a.Go.Frontend != nil {
		fe, mounts, err := frontendView(v, a.Go.Frontend, tab)
		if err != nil {
			return err
		}
		g.Frontend = fe
		// The outputs are mounted inside the source, which must then be
		// writable for their mount points (writes are discarded).
		buildBinds = append([]Mount{{Target: ".", RW: true}}, mounts...)
	}
	var generate []string
	if a.Go != nil && len(a.Go.Generate) > 0 {
		// Generated code is written beside its templates: the source mount
		// takes the writes and drops them after the step.
		generate = slices.Clone(a.Go.Generate)
		if a.AppDir != "" {
			// The go command runs at the workspace root; generate's
			// packages are the member's.
			for i, c := range generate {
				generate[i] = "(cd " + a.AppDir + " && " + c + ")"
			}
		}
		source = []Mount{{Target: ".", RW: true}}
		if len(buildBinds) == 1 {
			buildBinds = source
		}
	}
	g.Build = &RunStep{Caches: modCaches, Binds: buildBinds, Secrets: []Secret{goNetrc}, Commands: append(slices.Clone(generate), build)}
	g.Layout = &RunStep{Commands: []string{"mkdir -p /out/data"}}
	// Private modules: GOPRIVATE names them (a build argument: it is no
	// secret), ~/.netrc carries the git host's credentials as a secret.
	v.SecretFlags = append(v.SecretFlags, "--build-arg GOPRIVATE=example.com/private/*", "--secret id=netrc,src=$HOME/.netrc")
	if a.TestCommand != "" {
		g.Test = &RunStep{Caches: modCaches, Binds: source, Commands: append(slices.Clone(generate), a.TestCommand)}
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
	// The user has a name and a home in /etc/passwd, as distroless's
	// nonroot does: os/user.Current fails without one when cgo is on
	// ("user: unknown userid 65532"), and ~ would not resolve. Scratch
	// gets the two files from the build stage; slim and alpine add a line.
	switch {
	case v.IsScratch:
		g.Passwd = true
		g.Layout.Commands = []string{"mkdir -p /out/data /out/etc",
			"printf '" + passwdLine + "\\n' > /out/etc/passwd", "printf '" + groupLine + "\\n' > /out/etc/group"}
	case !v.IsDistroless:
		g.AddUser = addUser()
	}
	v.Cmd = jsonArgv(a.Start)
	g.BuildEnv = append(g.BuildEnv, a.BuildEnv...) // --build-env: the build stage only
	v.Go = g
	return nil
}

// addUser appends the app's user to a base's /etc/passwd and /etc/group.
func addUser() *RunStep {
	return &RunStep{Commands: []string{"echo '" + passwdLine + "' >> /etc/passwd", "echo '" + groupLine + "' >> /etc/group"}}
}
