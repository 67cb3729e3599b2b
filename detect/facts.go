package detect

// Languages dockslim supports, as they appear in Facts.Language.
const (
	Node   = "node"
	Python = "python"
	Go     = "go"
)

// Flavours of base image, as they appear in Facts.Flavour(s).
const (
	Alpine     = "alpine"
	Slim       = "slim"
	Scratch    = "scratch"
	Distroless = "distroless"
)

// Facts is what detection found, in the shape of SPEC §4's JSON. Every
// key is always present: a value nothing decided is "", [], 0 or false.
// Slices and the map are never nil once Detect returns.
type Facts struct {
	Dir                   string            `json:"dir"`
	Language              string            `json:"language"`
	LanguageVersion       string            `json:"languageVersion"`
	PackageManager        string            `json:"packageManager"`
	PackageManagerVersion string            `json:"packageManagerVersion"`
	Framework             string            `json:"framework"`
	BuildCommand          string            `json:"buildCommand"`
	Start                 []string          `json:"start"`
	Port                  int               `json:"port"`
	Flavour               string            `json:"flavour"`
	Flavours              []string          `json:"flavours"`
	NativeDeps            []string          `json:"nativeDeps"`
	CGO                   bool              `json:"cgo"`
	Main                  string            `json:"main"`
	Mains                 []string          `json:"mains"`
	Workspace             bool              `json:"workspace"`
	Warnings              []string          `json:"warnings"`
	Sources               map[string]string `json:"sources"`

	// Details holds facts the templates need beyond SPEC §4's keys. They
	// are kept out of the JSON so its schema stays exactly the contract.
	Details Details `json:"-"`
}

// Details are facts that rendering needs and SPEC §4 does not list.
type Details struct {
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
	// BuildPackages and RuntimePackages are the Debian packages the native
	// dependencies need in the build and runtime stages; AlpinePackages
	// the build packages on Alpine. Sorted, without duplicates.
	BuildPackages   []string
	RuntimePackages []string
	AlpinePackages  []string

	Node   NodeDetails
	Python PythonDetails
	Go     GoDetails
}

// NodeDetails are Node-specific facts for rendering.
type NodeDetails struct {
	// HasBuildScript is true when package.json has a build script.
	HasBuildScript bool
	// NextStandalone is true for Next.js with output: 'standalone'.
	NextStandalone bool
	// StaticDir is the folder a static-site build writes (vite: dist).
	StaticDir string
	// OutputDirs are the folders the build writes that the runtime needs
	// (dist, build, .next, .output…), relative to the root.
	OutputDirs []string
	// Prisma is true when the project uses Prisma (schema under prisma/).
	Prisma bool
	// YarnPath is .yarnrc.yml's yarnPath for Yarn berry, when set.
	YarnPath string
	// RuntimeDirs are folders of the project the running app reads besides
	// the build output (public, views, static, locales…: those that exist),
	// relative to the root, sorted. Filled in by the lead after detection.
	RuntimeDirs []string
	// AlpineRuntimePackages are the Alpine packages the native
	// dependencies need in an alpine runtime stage (canvas: cairo, pango…;
	// Prisma: openssl), sorted; Details.RuntimePackages is the Debian list.
	AlpineRuntimePackages []string
}

// PythonDetails are Python-specific facts for rendering.
type PythonDetails struct {
	// RequirementsFiles are the requirement files pip installs from, the
	// top one first (includes follow).
	RequirementsFiles []string
	// LocalPackages are project-local paths the requirements install
	// (`./libs/core`, `-e .`), relative to the root.
	LocalPackages []string
	// InstallProject is true when the project itself is installed
	// (`pip install .` of a pyproject/setup.py project).
	InstallProject bool
	// AppModule is the WSGI/ASGI target, e.g. "proj.wsgi" or "app:app".
	AppModule string
	// CollectStatic is true for Django projects with STATIC_ROOT set.
	CollectStatic bool
	// Dependencies are the normalised names of the runtime dependencies.
	Dependencies []string
	// Requirements are the PEP 508 requirement strings of a pyproject
	// project's [project] dependencies, as written, so the dependency layer
	// can be installed before the source is copied. Only strings made of
	// PEP 508 characters are kept (they are shell-quoted when rendered).
	Requirements []string
	// TestRequirementsFiles are requirement files that add the test tools
	// (requirements-dev.txt, requirements-test.txt…), for the test stage.
	TestRequirementsFiles []string
	// BuildBackend and BuildRequires are the installed project's PEP 517
	// [build-system] (pip's legacy setuptools default when a project has
	// none), so its build tools can be installed once, before the source.
	// BuildRequires keeps only strings that pass the Requirements rule;
	// both are empty when one does not.
	BuildBackend  string
	BuildRequires []string
}

// GoDetails are Go-specific facts for rendering.
type GoDetails struct {
	// Module is the module path from go.mod.
	Module string
	// Vendor is true when vendor/modules.txt exists (-mod=vendor, no download).
	Vendor bool
	// AlpineRuntimePackages are the Alpine packages a cgo binary needs in
	// an alpine runtime stage (the counterpart of RuntimePackages), sorted.
	AlpineRuntimePackages []string
	// AlpineTags are build tags the go build needs when the builder is
	// Alpine (musl): confluent-kafka-go's bundled librdkafka needs "musl".
	AlpineTags []string
}
