package generate

import (
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
	ManifestFiles   []string `yaml:"manifestFiles,flow"`
	BuildPackages   []string `yaml:"buildPackages,flow"`
	RuntimePackages []string `yaml:"runtimePackages,flow"`
	AlpinePackages  []string `yaml:"alpinePackages,flow"`
	// AlpineRuntimePackages are RuntimePackages' Alpine names.
	AlpineRuntimePackages []string `yaml:"alpineRuntimePackages,flow"`

	Node   *NodeAnswers   `yaml:"node,omitempty"`
	Python *PythonAnswers `yaml:"python,omitempty"`
	Go     *GoAnswers     `yaml:"go,omitempty"`

	// Vars are template-pack variables (--set key=value).
	Vars map[string]string `yaml:"vars"`
}

// NodeAnswers are the Node-specific answers (see detect.NodeDetails).
type NodeAnswers struct {
	HasBuildScript bool     `yaml:"hasBuildScript"`
	NextStandalone bool     `yaml:"nextStandalone"`
	StaticDir      string   `yaml:"staticDir"`
	OutputDirs     []string `yaml:"outputDirs,flow"`
	RuntimeDirs    []string `yaml:"runtimeDirs,flow"`
	Prisma         bool     `yaml:"prisma"`
	YarnPath       string   `yaml:"yarnPath"`
}

// PythonAnswers are the Python-specific answers (see detect.PythonDetails).
type PythonAnswers struct {
	RequirementsFiles     []string `yaml:"requirementsFiles,flow"`
	TestRequirementsFiles []string `yaml:"testRequirementsFiles,flow"`
	LocalPackages         []string `yaml:"localPackages,flow"`
	InstallProject        bool     `yaml:"installProject"`
	Requirements          []string `yaml:"requirements,flow"`
	AppModule             string   `yaml:"appModule"`
	CollectStatic         bool     `yaml:"collectStatic"`
	// BuildBackend and BuildRequires: the project's [build-system].
	BuildBackend  string   `yaml:"buildBackend,omitempty"`
	BuildRequires []string `yaml:"buildRequires,flow,omitempty"`
}

// GoAnswers are the Go-specific answers (see detect.GoDetails).
type GoAnswers struct {
	Module string `yaml:"module"`
	Vendor bool   `yaml:"vendor"`
	// AlpineTags are build tags an Alpine (musl) cgo build needs.
	AlpineTags []string `yaml:"alpineTags,flow"`
}

// FromFacts copies detected facts into answers, before any override.
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
		BuildPackages:         clone(d.BuildPackages),
		RuntimePackages:       clone(d.RuntimePackages),
		AlpinePackages:        clone(d.AlpinePackages),
		Vars:                  map[string]string{},
	}
	// Label facts that could not be printed safely are dropped: a missing
	// fact means no label (SPEC §5.11), never a mangled one.
	if !labelNameRE.MatchString(a.ProjectName) {
		a.ProjectName = ""
	}
	if !labelURLRE.MatchString(a.SourceURL) {
		a.SourceURL = ""
	}
	switch f.Language {
	case detect.Node:
		n := d.Node
		a.AlpineRuntimePackages = clone(n.AlpineRuntimePackages)
		a.Node = &NodeAnswers{
			HasBuildScript: n.HasBuildScript,
			NextStandalone: n.NextStandalone,
			StaticDir:      n.StaticDir,
			OutputDirs:     clone(n.OutputDirs),
			RuntimeDirs:    clone(n.RuntimeDirs),
			Prisma:         n.Prisma,
			YarnPath:       n.YarnPath,
		}
	case detect.Python:
		p := d.Python
		a.Python = &PythonAnswers{
			RequirementsFiles:     clone(p.RequirementsFiles),
			TestRequirementsFiles: clone(p.TestRequirementsFiles),
			LocalPackages:         clone(p.LocalPackages),
			InstallProject:        p.InstallProject,
			Requirements:          clone(p.Requirements),
			AppModule:             p.AppModule,
			CollectStatic:         p.CollectStatic,
			BuildBackend:          p.BuildBackend,
			BuildRequires:         clone(p.BuildRequires),
		}
	case detect.Go:
		a.AlpineRuntimePackages = clone(d.Go.AlpineRuntimePackages)
		a.Go = &GoAnswers{Module: d.Go.Module, Vendor: d.Go.Vendor, AlpineTags: clone(d.Go.AlpineTags)}
	}
	return a
}

// clone returns a copy of s that is never nil, so YAML shows [] rather
// than null and answers never alias detection's slices.
func clone(s []string) []string {
	return append([]string{}, s...)
}
