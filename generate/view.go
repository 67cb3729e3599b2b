package generate

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/internal/versions"
)

// View is what templates see. Every decision is made here in Go; the
// templates only print strings and branch on booleans, so a pack author
// can read a template top to bottom without meeting logic.
type View struct {
	// Answers are the raw resolved answers, for packs that need a value
	// the view does not precompute.
	Answers *Answers
	// Vars are the pack variables (answers.vars), typed by the pack's
	// manifest (string, int or bool).
	Vars map[string]any

	// Args are the global ARGs printed before the first FROM (versions).
	Args []Arg
	// Labels are the OCI labels whose facts exist in the repository.
	Labels []Label
	// HasLabels is true when Labels is not empty.
	HasLabels bool
	// Keep are the .dockerignore's ! lines: paths the build reads that a
	// pattern above would exclude (committed environment files, what
	// //go:embed names).
	Keep []string

	IsAlpine, IsSlim, IsScratch, IsDistroless bool

	// IsMember is true for a workspace member, built from the workspace
	// root; BuildHint is then the docker build command that does it.
	IsMember  bool
	BuildHint string
	// SecretFlags are the docker build flags that hand the build the
	// credentials of private registries (--secret id=npmrc,src=…): the
	// header names them; HasSecrets is true when there are any.
	SecretFlags []string
	HasSecrets  bool
	// SecretHint is the whole docker build command with SecretFlags.
	SecretHint string

	// HasTests is true when a test stage runs TestCommand.
	HasTests    bool
	TestCommand string

	// DataDirs are folders the final stage creates owned by User: the
	// answers', set by the Node (not for nginx, which runs no code of the
	// project) and Python views; Go's runtime has a working directory of
	// its own (GoView.DataDir). HasDataDirs adds the stage they come from.
	DataDirs    []string
	HasDataDirs bool

	// Debug is the debug stage (debug.go).
	Debug *DebugStage
	// Healthcheck is the HEALTHCHECK instruction after its keyword
	// (options, CMD and the probe's argv); "" for none (healthcheck.go).
	Healthcheck string
	// Port is EXPOSEd; User is the numeric uid:gid of the final stage.
	Port string
	User string
	// Cmd is the exec-form command as a JSON array.
	Cmd string

	Go     *GoView
	Node   *NodeView
	Python *PythonView
}

// Arg is one global build argument with its default.
type Arg struct{ Name, Value string }

// Label is one OCI label, its value already JSON-quoted.
type Label struct{ Key, Value string }

// imageRef fills {version} and {major} in a versions.yaml image pattern.
func imageRef(tab *versions.Table, role, version string) (string, error) {
	img, ok := tab.Images[role]
	pattern := img.Ref
	if !ok {
		return "", fmt.Errorf("versions.yaml has no image %q", role)
	}
	major, _, _ := strings.Cut(version, ".")
	r := strings.NewReplacer("{version}", version, "{major}", major)
	return r.Replace(pattern), nil
}

// newView computes the template model from resolved answers.
func newView(a *Answers, tab *versions.Table) (*View, error) {
	v := &View{
		Answers:      a,
		Vars:         stringVars(a.Vars),
		IsAlpine:     a.Flavour == detect.Alpine,
		IsSlim:       a.Flavour == detect.Slim,
		IsScratch:    a.Flavour == detect.Scratch,
		IsDistroless: a.Flavour == detect.Distroless,
		HasTests:     a.TestCommand != "",
		TestCommand:  a.TestCommand,
		Port:         strconv.Itoa(a.Port),
	}
	if a.Port == 0 {
		v.Port = ""
	}
	if a.SourceURL != "" {
		v.Labels = append(v.Labels, Label{"org.opencontainers.image.source", quoteJSON(a.SourceURL)})
	}
	if a.ProjectName != "" {
		v.Labels = append(v.Labels, Label{"org.opencontainers.image.title", quoteJSON(a.ProjectName)})
	}
	v.HasLabels = len(v.Labels) > 0
	if a.AppDir != "" {
		v.IsMember = true
		v.BuildHint = "docker build -f " + path.Join(a.AppDir, Dockerfile) + " ."
	}
	v.Keep = keepLines(a)
	l, err := viewOf(a.Language)
	if err != nil {
		return nil, err
	}
	if err := l.view(v, a, tab); err != nil {
		return nil, err
	}
	v.HasDataDirs = len(v.DataDirs) > 0
	if v.Debug, err = debugStage(v, tab); err != nil {
		return nil, err
	}
	if err := healthcheck(v, a); err != nil {
		return nil, &InputError{Flag: "answers.healthcheck", Err: err}
	}
	// Provenance for scanners' base-image policies: the final stage's
	// base as it is built (a scratch image has none).
	if base := v.finalBase(a); base != "" && base != "scratch" {
		v.Labels = append(v.Labels, Label{"org.opencontainers.image.base.name", quoteJSON(base)})
		v.HasLabels = true
	}
	v.HasSecrets = len(v.SecretFlags) > 0
	if v.HasSecrets {
		file := ""
		if a.AppDir != "" {
			file = " -f " + path.Join(a.AppDir, Dockerfile)
		}
		v.SecretHint = "docker build" + file + " " + strings.Join(v.SecretFlags, " ") + " ."
	}
	return v, nil
}

// finalBase is the final stage's base image reference with the version
// arguments filled in, as the build resolves it.
func (v *View) finalBase(a *Answers) string {
	var ref string
	switch {
	case v.Node != nil:
		ref = v.Node.RuntimeImage
	case v.Python != nil:
		ref = v.Python.BaseImage
	case v.Go != nil:
		ref = v.Go.RuntimeImage
	}
	for _, arg := range v.Args {
		ref = strings.ReplaceAll(ref, "${"+arg.Name+"}", arg.Value)
	}
	return ref
}

// stringVars shows answers.vars as strings (a pack's manifest types them:
// see RenderOptions.Vars).
func stringVars(vars map[string]string) map[string]any {
	out := make(map[string]any, len(vars))
	for k, v := range vars {
		out[k] = v
	}
	return out
}

func quoteJSON(s string) string {
	q, _ := toJSON(s)
	return q
}

func jsonArgv(argv []string) string {
	q, _ := toJSON(argv)
	return q
}

// Mount is one RUN --mount=type=bind: Source "" mounts the whole build
// context; RW lets a tool write beside its input (writes are discarded).
type Mount struct {
	// From is the stage the source is taken from ("" for the build
	// context).
	From           string
	Source, Target string
	RW             bool
}

// bindMounts turns manifest files into bind mounts under the workdir.
func bindMounts(files []string) []Mount {
	out := make([]Mount, 0, len(files))
	for _, f := range files {
		out = append(out, Mount{Source: f, Target: f})
	}
	return out
}

// Copy is one COPY --from=<stage>.
type Copy struct{ From, Src, Dst string }

// aptLine is the package list for an apt-get install, or "".
func aptLine(pkgs []string) string { return strings.Join(pkgs, " ") }

// sortedUnique sorts s and drops duplicates and empty strings.
func sortedUnique(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	out = slices.Compact(out)
	return slices.DeleteFunc(out, func(x string) bool { return x == "" })
}

// keepLines are the paths the .dockerignore must let through, as its
// lines' patterns: a committed environment file, an embedded file, an
// embedded folder and everything in it.
func keepLines(a *Answers) []string {
	var out []string
	for _, p := range a.EnvFiles {
		out = append(out, path.Join(a.AppDir, p))
	}
	if a.Go != nil {
		for _, p := range append(slices.Clone(a.Go.EmbedPaths), a.Go.RuntimeFiles...) {
			p = path.Join(a.AppDir, p) // the ignore file's paths are the context's
			out = append(out, p, p+"/**")
		}
	}
	return out
}

// portEnv is PORT=<port> for the final stage: code that reads PORT (with
// or without a default of its own), a Procfile line or a uwsgi.ini's
// $(PORT) listen where the image says. Nil without a port, or when the
// answers' env sets PORT itself.
func portEnv(v *View, a *Answers) []string {
	if v.Port == "" || slices.ContainsFunc(a.Env, func(e string) bool { return strings.HasPrefix(e, "PORT=") }) {
		return nil
	}
	return []string{"PORT=" + v.Port}
}
