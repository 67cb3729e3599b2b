package core

// Facts is what detection found, in the shape of `detect --json`
// (docs/detect-json.md). Every
// key is always present: a value nothing decided is "", [], 0 or false.
// Slices and the map are never nil once Detect returns.
type Facts struct {
	Dir                   string   `json:"dir"`
	Language              string   `json:"language"`
	LanguageVersion       string   `json:"languageVersion"`
	PackageManager        string   `json:"packageManager"`
	PackageManagerVersion string   `json:"packageManagerVersion"`
	Framework             string   `json:"framework"`
	BuildCommand          string   `json:"buildCommand"`
	Start                 []string `json:"start"`
	Port                  int      `json:"port"`
	Flavour               string   `json:"flavour"`
	Flavours              []string `json:"flavours"`
	NativeDeps            []string `json:"nativeDeps"`
	CGO                   bool     `json:"cgo"`
	Main                  string   `json:"main"`
	Mains                 []string `json:"mains"`
	Workspace             bool     `json:"workspace"`
	// WorkspaceTool is what declares the workspace: npm, yarn, pnpm, bun,
	// turborepo, nx, go.work or uv; "" when the project is none.
	WorkspaceTool string `json:"workspaceTool"`
	// Apps are the workspace's members, each detected on its own
	// (apps.go); [] when the project is not a workspace.
	Apps []App `json:"apps"`
	// WorkspaceRoot is, for a workspace member, the workspace root as a
	// path from Dir ("../.."): the build context. "" otherwise.
	WorkspaceRoot string            `json:"workspaceRoot"`
	Warnings      []string          `json:"warnings"`
	Sources       map[string]string `json:"sources"`
	// Confidence says, for each decided key with a value, how sure
	// detection is: certain, likely or default (confidence.go).
	Confidence map[string]string `json:"confidence"`

	// Details holds facts the templates need beyond the JSON's keys. They
	// are kept out of the JSON so its schema stays exactly the contract.
	Details Details `json:"-"`
}

// App is one member of a workspace, as `detect --json` lists it.
type App struct {
	// Path is the member's folder, relative to the workspace root.
	Path string `json:"path"`
	// Language and Framework are the member's own detection's; "" when
	// it could not be detected.
	Language  string `json:"language"`
	Framework string `json:"framework"`
	// Deployable is true for an app a Dockerfile can run (a server, a
	// static site, a main package); false for a library or tooling.
	Deployable bool `json:"deployable"`
	// Reason says why it is not deployable ("" when it is).
	Reason string `json:"reason"`
	// Source is what made it a member: pnpm-workspace.yaml,
	// package.json#workspaces, go.work, pyproject.toml#tool.uv.workspace.
	Source string `json:"source"`
}

// Member is a workspace member folder and what declares it.
type Member struct{ Dir, Source string }

// Details are facts that rendering needs and the JSON does not list.
type Details struct {
	// HealthRoutes are health-check paths the code serves (/healthz,
	// /health, /ready…), most conventional first, and HealthSource the
	// file and line of the first: the form offers them for HEALTHCHECK.
	HealthRoutes []string `json:",omitempty"`
	HealthSource string   `json:",omitempty"`
	// ProjectName is the manifest's name (package.json name, [project]
	// name, go.mod's last path element), for the OCI title label.
	ProjectName string
	// SourceURL is the origin remote as an https URL without credentials,
	// for the OCI source label; "" when there is no origin.
	SourceURL string
	// Candidates lists every language whose manifest was found, the
	// chosen one first, when there was more than one.
	Candidates []string
	// ConflictingManagers lists the package managers whose lockfiles were
	// found when they disagree (and no packageManager field decided), the
	// precedence winner first. init must then ask or require --pm.
	ConflictingManagers []string

	// ManifestFiles are the files, relative to the project root, that the
	// dependency install needs before the source is copied (manifests,
	// lockfiles, .npmrc, .yarnrc.yml, requirements includes, …), sorted.
	ManifestFiles []string
	// TestCommand runs the project's tests in a test stage; "" when the
	// project has none.
	TestCommand string
	// CommittedEnvFiles are environment files git tracks (.env.production):
	// source the build may read, so the .dockerignore lets them through.
	CommittedEnvFiles []string
	// Env are NAME=value settings the app needs to be reachable in a
	// container (LISTEN_ADDR=0.0.0.0:8080 for a server that defaults to
	// 127.0.0.1, or to port 80, which a non-root user cannot bind).
	Env []string
	// WorkspaceRoot is Facts.WorkspaceRoot, kept here too for the
	// language's AsMember; AppDir is the member's folder from the root.
	WorkspaceRoot, AppDir string
	// Members are the workspace's member folders, relative to the root,
	// each with what declares it; detect turns them into Apps.
	Members []Member
	// DataDirs are folders (absolute, in the image) the app keeps a
	// database file in: the runtime creates them owned by its user.
	DataDirs []string

	// Lang holds the language's own details: a pointer to the Details
	// type of its package (node.Details, python.Details, golang.Details).
	Lang any
}

// Options steer detection where a caller already knows the answer: facts
// derived from these (build command, lockfiles to copy…) follow them.
// Empty fields mean "detect".
type Options struct {
	// Language forces one language (node, python, go).
	Language string
	// PackageManager forces the package manager (a Manager name of the
	// language).
	PackageManager string
	// Main forces the Go main package (./cmd/api).
	Main string
}
