package generate

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/detect/node"
	"github.com/dockslim/dockslim/detect/python"
	"github.com/dockslim/dockslim/internal/shellwords"
)

var (
	// Runtime and tool versions: 22, 3.12, 1.24.3.
	versionRE = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
	// Words that are printed into Dockerfile lines as they are.
	plainWordRE = regexp.MustCompile(`^[A-Za-z0-9._@/+:=\-]*$`)
	varNameRE   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// A requirement pinned to a release: gunicorn==23.0.*.
	pinnedRequirementRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*==[0-9]+(\.[0-9]+)*(\.\*)?$`)
	// ENV lines printed as they are: a name, and a plain value.
	envLineRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=[A-Za-z0-9._/:-]*$`)
	// Label values: no $ (the Dockerfile would expand it), quotes or
	// backslashes.
	labelNameRE = regexp.MustCompile(`^[A-Za-z0-9._@/+\-]*$`)
	labelURLRE  = regexp.MustCompile(`^(https://[A-Za-z0-9._~:/@%+\-]+)?$`)
)

// Check validates answers that may come from a file a person edited
// (.dockslim.yaml) before any of them reaches a template: the same rules
// as flags (docs/dockslim-yaml.md), plus safe paths and names.
func (a *Answers) Check() error {
	bad := func(field, format string, args ...any) error {
		return &InputError{Flag: "answers." + field, Err: fmt.Errorf(format, args...)}
	}
	if _, ok := detect.Lookup(a.Language); !ok {
		return bad("language", "%q is not one of %s", a.Language, strings.Join(detect.LanguageNames(), ", "))
	}
	if !versionRE.MatchString(a.LanguageVersion) {
		return bad("languageVersion", "%q is not a version like 22, 3.12 or 1.24.3", a.LanguageVersion)
	}
	if err := CheckPackageManager(a.Language, a.PackageManager); err != nil {
		return bad("packageManager", "%q is not a %s package manager", a.PackageManager, a.Language)
	}
	if a.PackageManagerVersion != "" && !versionRE.MatchString(a.PackageManagerVersion) {
		return bad("packageManagerVersion", "%q is not a version", a.PackageManagerVersion)
	}
	if !slices.Contains(AllowedFlavours(a), a.Flavour) {
		return bad("flavour", "%q does not work for this project (works: %s)", a.Flavour, strings.Join(AllowedFlavours(a), ", "))
	}
	if a.Port != 0 {
		if err := CheckPort(a.Port); err != nil {
			return bad("port", "%v", err)
		}
	}
	if err := CheckHealthcheckFor(a); err != nil {
		return bad("healthcheck", "%v", err)
	}
	commands := []struct{ field, cmd string }{{"buildCommand", a.BuildCommand}, {"testCommand", a.TestCommand}}
	if a.Node != nil {
		commands = append(commands, struct{ field, cmd string }{"node.prismaGenerate", a.Node.PrismaGenerate})
	}
	for _, c := range commands {
		if err := shellwords.CheckBuild(c.cmd); err != nil {
			return bad(c.field, "%v", err)
		}
	}
	if len(a.Start) == 0 {
		return bad("start", "is empty")
	}
	for _, w := range a.Start {
		if strings.ContainsAny(w, "\x00\r\n") {
			return bad("start", "%q holds a line break or NUL byte", w)
		}
	}
	if !labelNameRE.MatchString(a.ProjectName) {
		return bad("projectName", "%q holds characters a label cannot carry safely", a.ProjectName)
	}
	if !labelURLRE.MatchString(a.SourceURL) {
		return bad("sourceURL", "%q is not a plain https URL", a.SourceURL)
	}
	if a.Main != "" && (!plainWordRE.MatchString(a.Main) || !strings.HasPrefix(a.Main, ".")) {
		return bad("main", "%q is not a package path like ./cmd/api", a.Main)
	}
	// Dependency names choose system packages and a pack may print them.
	for _, d := range a.NativeDeps {
		if d == "" || !plainWordRE.MatchString(d) {
			return bad("nativeDeps", "%q is not a package or module name", d)
		}
	}
	paths := append(slices.Clone(a.ManifestFiles), a.EnvFiles...)
	if a.Node != nil {
		paths = append(paths, a.Node.OutputDirs...)
		paths = append(paths, a.Node.RuntimeDirs...)
		if a.Node.StaticDir != "" {
			paths = append(paths, a.Node.StaticDir)
		}
		if a.Node.PrismaSchema != "" {
			paths = append(paths, a.Node.PrismaSchema)
		}
	}
	if a.Go != nil {
		paths = append(paths, a.Go.EmbedPaths...)
		paths = append(paths, a.Go.RuntimeFiles...)
		for _, c := range a.Go.Generate {
			if err := shellwords.CheckBuild(c); err != nil || strings.TrimSpace(c) == "" {
				return bad("go.generate", "%q cannot be a RUN line", c)
			}
		}
		if fe := a.Go.Frontend; fe != nil {
			if field, err := checkFrontend(fe); err != nil {
				return bad("go.frontend"+field, "%v", err)
			}
			paths = append(append(append(paths, fe.Dir), fe.Outputs...), fe.ManifestFiles...)
		}
	}
	if a.AppDir != "" || a.WorkspaceRoot != "" {
		if err := checkRelPath(a.AppDir); err != nil || a.AppDir == "." {
			return bad("appDir", "%q is not a plain path inside the workspace", a.AppDir)
		}
		if want := backPath(a.AppDir); a.WorkspaceRoot != want {
			return bad("workspaceRoot", "%q is not the way back from appDir %s (%s)", a.WorkspaceRoot, a.AppDir, want)
		}
	}
	if a.Node != nil {
		paths = append(append(paths, a.Node.WorkspaceDeps...), a.Node.SecretFiles...)
		if v := a.Node.TurboVersion; v != "" && !versionRE.MatchString(v) {
			return bad("node.turboVersion", "%q is not a version", v)
		}
		if a.Node.WorkspacePackage != "" && !node.FilterableName(a.Node.WorkspacePackage) {
			return bad("node.workspacePackage", "%q is not a package name", a.Node.WorkspacePackage)
		}
	}
	if a.Python != nil {
		paths = append(paths, a.Python.RequirementsFiles...)
		paths = append(paths, a.Python.TestRequirementsFiles...)
		paths = append(paths, a.Python.LocalPackages...)
	}
	for _, p := range paths {
		if err := checkRelPath(p); err != nil {
			return bad("paths", "%v", err)
		}
	}
	if a.Python != nil {
		if n := a.Python.WorkspacePackage; n != "" && !python.UVPackageName(n) {
			return bad("python.workspacePackage", "%q is not a project name", n)
		}
		for _, r := range a.Python.ServerPackages {
			if !pinnedRequirementRE.MatchString(r) {
				return bad("python.serverPackages", "%q is not a pinned requirement like gunicorn==23.0.*", r)
			}
		}
	}
	for _, d := range a.DataDirs {
		if err := detect.CheckDataDir(d); err != nil {
			return bad("dataDirs", "%v", err)
		}
	}
	for _, e := range a.Env {
		if err := CheckEnv(e); err != nil {
			return bad("env", "%v", err)
		}
	}
	for _, e := range a.BuildEnv {
		if err := CheckBuildEnv(e); err != nil {
			return bad("buildEnv", "%v", err)
		}
	}
	if a.Node != nil {
		for _, e := range a.Node.InstallEnv {
			if !envLineRE.MatchString(e) {
				return bad("node.installEnv", "%q is not NAME=value", e)
			}
		}
	}
	for k, v := range a.Vars {
		if !varNameRE.MatchString(k) {
			return bad("vars", "%q is not a variable name", k)
		}
		if strings.ContainsAny(v, "\x00\r\n") {
			return bad("vars."+k, "%q holds a line break or NUL byte", v)
		}
	}
	return nil
}

// CheckVersion validates a runtime version as a person gives it (a
// leading v is dropped) and returns it as templates print it.
func CheckVersion(v string) (string, error) {
	clean := strings.TrimPrefix(v, "v")
	if !versionRE.MatchString(clean) {
		return "", fmt.Errorf("%q is not a version like 22, 3.12 or 1.24.3", v)
	}
	return clean, nil
}

// CheckPort validates a port to EXPOSE: the one rule for flags, the form
// and .dockslim.yaml (where 0 means no port).
func CheckPort(n int) error {
	if !detect.ValidPort(n) {
		return fmt.Errorf("%d is not a TCP port (%d-%d)", n, detect.MinPort, detect.MaxPort)
	}
	return nil
}

// checkRelPath accepts clean slash paths inside the project made of
// characters that need no quoting in a Dockerfile.
func checkRelPath(p string) error {
	if p == "." {
		return nil
	}
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") || !plainWordRE.MatchString(p) {
		return fmt.Errorf("%q is not a plain path inside the project", p)
	}
	return nil
}

// CheckEnv validates one ENV setting of the final stage, NAME=value: a
// variable name and a plain value (letters, digits and . _ / : -), which
// the Dockerfile prints as it is.
func CheckEnv(e string) error {
	if !envLineRE.MatchString(e) {
		return fmt.Errorf("%q is not NAME=value with a plain value (letters, digits, . _ / : -)", e)
	}
	return nil
}

// buildEnvLineRE is a build-stage setting: URLs (user@host:port/db?x=y)
// fit, and nothing an unquoted ENV value would expand or split.
var buildEnvLineRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=[A-Za-z0-9._/:@+=,%?&~-]*$`)

// CheckBuildEnv validates one build-stage setting: CheckEnv's rule, and
// no name that says it is a secret — an ENV keeps its value in the image
// history, so a secret the build needs is a --secret mount, never an ENV.
func CheckBuildEnv(e string) error {
	if !buildEnvLineRE.MatchString(e) {
		return fmt.Errorf("%q is not NAME=value with a value a Dockerfile ENV takes as it is (letters, digits and . _ / : - @ + = , %% ? & ~; no spaces, quotes or $)", e)
	}
	name, _, _ := strings.Cut(e, "=")
	if detect.SecretName(name) {
		return fmt.Errorf("%s names a secret: an ENV keeps its value in the image's history; give the build a placeholder under another name, or a BuildKit secret in a template pack block", name)
	}
	return nil
}

// SetEnv sets NAME=value in env: it replaces a setting of the same name
// in place, or is appended.
func SetEnv(env []string, e string) []string {
	name, _, _ := strings.Cut(e, "=")
	for i, old := range env {
		if n, _, _ := strings.Cut(old, "="); n == name {
			env[i] = e
			return env
		}
	}
	return append(env, e)
}

// checkFrontend checks a Go program's embedded frontend and names the
// field at fault: a Node package
// manager, a version, a build command that fits a RUN line, outputs and
// manifests inside its folder.
func checkFrontend(fe *GoFrontend) (field string, err error) {
	if err := CheckPackageManager(node.Name, fe.PackageManager); err != nil {
		return ".packageManager", fmt.Errorf("%v", err)
	}
	if !versionRE.MatchString(fe.NodeVersion) {
		return ".nodeVersion", fmt.Errorf("%q is not a version like 22 or 22.11.0", fe.NodeVersion)
	}
	if fe.PackageManagerVersion != "" && !versionRE.MatchString(fe.PackageManagerVersion) {
		return ".packageManagerVersion", fmt.Errorf("%q is not a version like 10.5.2", fe.PackageManagerVersion)
	}
	if err := shellwords.CheckBuild(fe.Build); err != nil || strings.TrimSpace(fe.Build) == "" {
		return ".build", fmt.Errorf("%q cannot be a RUN line", fe.Build)
	}
	if len(fe.Outputs) == 0 {
		return ".outputs", fmt.Errorf("names no folder")
	}
	for _, p := range append(slices.Clone(fe.Outputs), fe.ManifestFiles...) {
		if fe.Dir != "." && !strings.HasPrefix(p, fe.Dir+"/") {
			return "", fmt.Errorf("%q is outside the frontend's folder %q", p, fe.Dir)
		}
	}
	for _, e := range fe.InstallEnv {
		if !envLineRE.MatchString(e) {
			return ".installEnv", fmt.Errorf("%q is not NAME=value", e)
		}
	}
	return "", nil
}

// backPath is the way from a folder back to the root it is relative to:
// "../.." for apps/api.
func backPath(dir string) string {
	return strings.TrimSuffix(strings.Repeat("../", strings.Count(dir, "/")+1), "/")
}
