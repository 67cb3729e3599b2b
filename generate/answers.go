package generate

import (
	"slices"

	"github.com/dockslim/dockslim/detect"
)

// Answers are the resolved values the templates read: detected facts with
// every override applied. They are recorded under `answers:` in
// .dockslim.yaml, and `dockslim check` renders from them alone, so they
// hold everything rendering needs — no re-detection.
type Answers struct {
	Language              string   `yaml:"language"`
	LanguageVersion       string   `yaml:"languageVersion"`
	PackageManager        string   `yaml:"packageManager"`
	PackageManagerVersion string   `yaml:"packageManagerVersion"`
	Framework             string   `yaml:"framework"`
	Flavour               string   `yaml:"flavour"`
	Main                  string   `yaml:"main"`
	Port                  int      `yaml:"port"`
	BuildCommand          string   `yaml:"buildCommand"`
	Start                 []string `yaml:"start,flow"`
	NativeDeps            []string `yaml:"nativeDeps,flow"`
	// Native is true when a compiler toolchain is needed: native deps were
	// found or --native asked for one. For Go it means cgo.
	Native      bool   `yaml:"native"`
	TestCommand string `yaml:"testCommand"`
	ProjectName string `yaml:"projectName"`
	SourceURL   string `yaml:"sourceURL"`
	Workspace   bool   `yaml:"workspace"`
	// ManifestFiles are installed from before the source is copied.
	ManifestFiles []string `yaml:"manifestFiles,flow"`
	// EnvFiles are committed environment files the .dockerignore lets
	// through (.env.production: a build reads them).
	EnvFiles []string `yaml:"envFiles,flow,omitempty"`
	// Env are ENV lines of the final stage (NAME=value): settings the app
	// reads to listen where a container needs it (--env).
	Env []string `yaml:"env,flow,omitempty"`
	// BuildEnv are ENV lines of the build stage only (--build-env): a
	// build's settings (a placeholder URL a framework's build reads) that
	// never reach the final stage.
	BuildEnv []string `yaml:"buildEnv,flow,omitempty"`
	// WorkspaceRoot is, for a workspace member, the build context as a
	// path from the folder the files are written in ("../.."); AppDir is
	// that folder from the context ("apps/api"). Paths of the answers are
	// from the context (manifestFiles, node.workspaceDeps) or, for what
	// runs, from AppDir (start, node.outputDirs). Both "" for a project
	// that is its own context.
	WorkspaceRoot string `yaml:"workspaceRoot,omitempty"`
	AppDir        string `yaml:"appDir,omitempty"`
	// DataDirs are folders the runtime creates empty and owned by the
	// app's user: where the code keeps a database file (Node, Python).
	DataDirs []string `yaml:"dataDirs,flow,omitempty"`
	// Healthcheck is the path a HEALTHCHECK asks (--healthcheck /healthz);
	// "" for none, the default.
	Healthcheck string `yaml:"healthcheck,omitempty"`

	Node   *NodeAnswers   `yaml:"node,omitempty"`
	Python *PythonAnswers `yaml:"python,omitempty"`
	Go     *GoAnswers     `yaml:"go,omitempty"`

	// Vars are template-pack variables (--set key=value).
	Vars map[string]string `yaml:"vars"`

	// Legacy holds what older dockslim versions recorded and this one no
	// longer reads (see Legacy).
	Legacy Legacy `yaml:",inline"`
}

// Legacy are answers dockslim 0.4 recorded that are now derived at
// render time: the distribution packages native dependencies need are
// chosen for the base image the Dockerfile uses (a Debian bump must not
// render old package names on a new base). An old .dockslim.yaml that
// has them still loads; they are dropped (Drop) and never written again.
type Legacy struct {
	BuildPackages         []string `yaml:"buildPackages,flow,omitempty"`
	RuntimePackages       []string `yaml:"runtimePackages,flow,omitempty"`
	AlpinePackages        []string `yaml:"alpinePackages,flow,omitempty"`
	AlpineRuntimePackages []string `yaml:"alpineRuntimePackages,flow,omitempty"`
}

// DropLegacy forgets the legacy answers and reports whether there were
// any.
func (a *Answers) DropLegacy() bool {
	had := a.Legacy.BuildPackages != nil || a.Legacy.RuntimePackages != nil || a.Legacy.AlpinePackages != nil || a.Legacy.AlpineRuntimePackages != nil
	a.Legacy = Legacy{}
	if a.Go != nil {
		had = had || a.Go.LegacyAlpineTags != nil
		a.Go.LegacyAlpineTags = nil
	}
	return had
}

// NodeAnswers are the Node-specific answers (see node.Details).
type NodeAnswers struct {
	HasBuildScript bool     `yaml:"hasBuildScript"`
	NextStandalone bool     `yaml:"nextStandalone"`
	StaticDir      string   `yaml:"staticDir"`
	OutputDirs     []string `yaml:"outputDirs,flow"`
	RuntimeDirs    []string `yaml:"runtimeDirs,flow"`
	// RunsSource: the start command runs the source beside a build's
	// output, so the runtime takes both.
	RunsSource bool `yaml:"runsSource,omitempty"`
	// NoProdDeps: no production dependencies, so no deps stage and no
	// node_modules in the runtime.
	NoProdDeps bool `yaml:"noProdDeps,omitempty"`
	// IgnoreEngines: yarn classic installs with --ignore-engines (the
	// Node version is dockslim's default, not the project's).
	IgnoreEngines bool `yaml:"ignoreEngines,omitempty"`
	// WorkspacePackage and WorkspaceDeps: a workspace member's package
	// name and the member folders it uses, from the workspace root,
	// dependencies first (node.Details).
	WorkspacePackage string   `yaml:"workspacePackage,omitempty"`
	WorkspaceDeps    []string `yaml:"workspaceDeps,flow,omitempty"`
	// SecretFiles are committed files holding credentials (an .npmrc
	// with a token), from the context: the .dockerignore excludes them.
	SecretFiles []string `yaml:"secretFiles,flow,omitempty"`
	// TurboVersion is, for a member of a Turborepo, the turbo release
	// its root pins: the install is pruned with `turbo prune --docker`.
	TurboVersion string `yaml:"turboVersion,omitempty"`
	Prisma       bool   `yaml:"prisma"`
	// PrismaSchema is the schema file or folder; PrismaGenerate the build
	// stage's prisma generate ("" in records written before them).
	PrismaSchema   string `yaml:"prismaSchema,omitempty"`
	PrismaGenerate string `yaml:"prismaGenerate,omitempty"`
	YarnPath       string `yaml:"yarnPath"`
	// InstallEnv are ENV lines of the install stages (download switches
	// of development tools).
	InstallEnv []string `yaml:"installEnv,flow,omitempty"`
}

// PythonAnswers are the Python-specific answers (see python.Details).
type PythonAnswers struct {
	RequirementsFiles     []string `yaml:"requirementsFiles,flow"`
	TestRequirementsFiles []string `yaml:"testRequirementsFiles,flow"`
	// TestExtras, TestGroups and TestRequirements: what the test stage
	// adds for the tests (python.Details).
	TestExtras       []string `yaml:"testExtras,flow,omitempty"`
	TestGroups       []string `yaml:"testGroups,flow,omitempty"`
	TestRequirements []string `yaml:"testRequirements,flow,omitempty"`
	LocalPackages    []string `yaml:"localPackages,flow"`
	InstallProject   bool     `yaml:"installProject"`
	Requirements     []string `yaml:"requirements,flow"`
	AppModule        string   `yaml:"appModule"`
	CollectStatic    bool     `yaml:"collectStatic"`
	// BuildBackend and BuildRequires: the project's [build-system].
	BuildBackend  string   `yaml:"buildBackend,omitempty"`
	BuildRequires []string `yaml:"buildRequires,flow,omitempty"`
	// ServerPackages are servers start runs that the project does not
	// list (gunicorn==23.0.*), installed into the venv.
	ServerPackages []string `yaml:"serverPackages,flow,omitempty"`
	// WorkspacePackage is a uv workspace member's project name (uv sync
	// --package).
	WorkspacePackage string `yaml:"workspacePackage,omitempty"`
	// PrivateIndex is true when the project installs from a package
	// index other than PyPI: the install steps take the netrc secret.
	PrivateIndex bool `yaml:"privateIndex,omitempty"`
}

// GoAnswers are the Go-specific answers (see golang.Details).
type GoAnswers struct {
	Module string `yaml:"module"`
	Vendor bool   `yaml:"vendor"`
	// EmbedPaths are what //go:embed names; the .dockerignore lets them
	// through.
	EmbedPaths []string `yaml:"embedPaths,flow,omitempty"`
	// Frontend is the Node project whose build output the program embeds
	// (golang.Frontend): built in a stage of its own; nil when none.
	Frontend *GoFrontend `yaml:"frontend,omitempty"`
	// RuntimeFiles are read by the program at run time by a relative
	// path: the runtime copies them into its working directory.
	RuntimeFiles []string `yaml:"runtimeFiles,flow,omitempty"`
	// Generate are go commands that make code before it compiles (the
	// Makefile's generate step); the build and test stages run them first.
	Generate []string `yaml:"generate,flow,omitempty"`
	// LegacyAlpineTags are build tags dockslim 0.4 recorded; they now
	// follow from the native dependencies and the base image.
	LegacyAlpineTags []string `yaml:"alpineTags,flow,omitempty"`
}

// GoFrontend is a Node project inside a Go module whose build makes
// folders the program embeds (see golang.Frontend). Paths are from the
// project root; Build runs in Dir.
type GoFrontend struct {
	Dir                   string   `yaml:"dir"`
	Outputs               []string `yaml:"outputs,flow"`
	NodeVersion           string   `yaml:"nodeVersion"`
	PackageManager        string   `yaml:"packageManager"`
	PackageManagerVersion string   `yaml:"packageManagerVersion,omitempty"`
	ManifestFiles         []string `yaml:"manifestFiles,flow"`
	Build                 string   `yaml:"build"`
	InstallEnv            []string `yaml:"installEnv,flow,omitempty"`
}

// FromFacts copies detected facts into answers, before any input.
func FromFacts(f *detect.Facts) *Answers {
	d := f.Details
	a := &Answers{
		Language:              f.Language,
		LanguageVersion:       f.LanguageVersion,
		PackageManager:        f.PackageManager,
		PackageManagerVersion: f.PackageManagerVersion,
		Framework:             f.Framework,
		Flavour:               f.Flavour,
		Main:                  f.Main,
		Port:                  f.Port,
		BuildCommand:          f.BuildCommand,
		Start:                 clone(f.Start),
		NativeDeps:            clone(f.NativeDeps),
		Native:                len(f.NativeDeps) > 0 || f.CGO,
		TestCommand:           d.TestCommand,
		ProjectName:           d.ProjectName,
		SourceURL:             d.SourceURL,
		Workspace:             f.Workspace,
		ManifestFiles:         clone(d.ManifestFiles),
		EnvFiles:              clone(d.CommittedEnvFiles),
		DataDirs:              clone(d.DataDirs),
		WorkspaceRoot:         f.WorkspaceRoot,
		AppDir:                d.AppDir,
		Env:                   slices.Clone(d.Env),
		BuildEnv:              buildEnvOf(d.Lang),
		Vars:                  map[string]string{},
	}
	// Label facts that could not be printed safely are dropped: a missing
	// fact means no label, never a mangled one.
	if !labelNameRE.MatchString(a.ProjectName) {
		a.ProjectName = ""
	}
	if !labelURLRE.MatchString(a.SourceURL) {
		a.SourceURL = ""
	}
	if l, err := viewOf(f.Language); err == nil && d.Lang != nil {
		l.answers(d.Lang, a)
	}
	return a
}

// clone returns a copy of s that is never nil, so YAML shows [] rather
// than null and answers never alias detection's slices.
func clone(s []string) []string {
	return append([]string{}, s...)
}
