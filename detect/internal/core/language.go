package core

import (
	"context"

	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/versions"
)

// Language is everything the rest of dockslim needs to know about one
// language, in one row. Each language package defines its row
// (node.Language, python.Language, golang.Language) and detect lists
// them, in order, in its registry; generate, pack lint and the form read
// the rows instead of keeping lists of their own (docs/architecture.md).
type Language struct {
	// Name is the language as Facts.Language, flags, templates/<name>/ and
	// .dockslim.yaml's answers.<name> spell it.
	Name string
	// Title is the language for people: "Node.js", "Python", "Go".
	Title string
	// Manifests are the files at a project's root that make it a project
	// of this language, in the order messages name them.
	Manifests []string
	// SourceExts are its source files' extensions: when several
	// languages' manifests sit at the root, ties go to the one with more
	// source files.
	SourceExts []string
	// StaticFrameworks are frameworks whose build is a static site,
	// served by a web server rather than run by the language.
	StaticFrameworks []string
	// Managers are its package managers, in the order a form lists them.
	Managers []Manager
	// MainPackages is true when a project builds one of possibly several
	// main packages (Go): --main chooses it, init asks when there are
	// several, and detect's table shows main packages and cgo where other
	// languages show their framework.
	MainPackages bool
	// NativeTitle names native code in questions ("Native modules",
	// "cgo"); Toolchain names what building it needs ("a compiler
	// toolchain", "a C toolchain (cgo)").
	NativeTitle string
	Toolchain   string

	// Detect fills in the facts of a project of this language (its
	// manifest is at the root of r).
	Detect func(ctx context.Context, r *repo.Repo, opts Options, tab *versions.Table) (*Facts, error)
	// WorkspaceRoots are files that make a folder a workspace root
	// without being a project manifest (go.work): detect looks for them,
	// as for Manifests, above a project that may be a member.
	WorkspaceRoots []string
	// AsMember decides whether the project detected in the folder rel
	// below a workspace root (member) is one of its members, and if so
	// completes its facts with the workspace's (SetMemberOf, when it is
	// to be built from the root). root is the root's detection, nil when
	// the root holds no project of the language (a go.work alone); rr
	// reads the root. Nil for a language whose members are built on
	// their own.
	AsMember func(ctx context.Context, rr *repo.Repo, root, member *Facts, rel string) (bool, error)
	// Flavours are the rules of each base-image flavour for the
	// language, in canonical order (alpine, slim, scratch, distroless).
	Flavours []FlavourRule
	// Recommend picks the recommended flavour for a project.
	Recommend func(t Traits) string
	// SystemPackages are the distribution packages a build with native
	// dependencies needs, on distro ("bookworm", "alpine": versions.yaml
	// names each base image's distro). native without deps asks for the
	// language's bare toolchain (--native).
	SystemPackages func(deps []string, native bool, distro string) (Packages, error)
}

// Manager is one package manager of a language.
type Manager struct {
	// Name is the manager as --pm and Facts.PackageManager spell it.
	Name string
	// Label is how a form lists it ("yarn (classic)"); "" means Name.
	Label string
	// Lockfiles are the files that pin its dependencies, the ones it
	// writes first.
	Lockfiles []string
}

// Packages are distribution packages, by stage.
type Packages struct {
	// Build are installed in the stage that compiles native code;
	// Runtime in the final stage.
	Build, Runtime []string
	// BuildTags are Go build tags the distro's libc needs (musl).
	BuildTags []string
}

// Manager returns the language's manager named name.
func (l *Language) Manager(name string) (Manager, bool) {
	for _, m := range l.Managers {
		if m.Name == name {
			return m, true
		}
	}
	return Manager{}, false
}

// ManagerNames lists the names of its package managers.
func (l *Language) ManagerNames() []string {
	out := make([]string, len(l.Managers))
	for i, m := range l.Managers {
		out[i] = m.Name
	}
	return out
}

// Run detects a project of language l in r: the language's own
// detection, then what every language gets — the walk's warnings first,
// the flavours from the policy, no nil collections. detect runs it for
// each language whose manifest is at the root; a language's tests run
// it the same way.
func Run(ctx context.Context, l *Language, r *repo.Repo, opts Options, tab *versions.Table) (*Facts, error) {
	f, err := l.Detect(ctx, r, opts, tab)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ownDockerfilePort(ctx, l, r, f)
	if f.Port > 0 && f.Port < 1024 {
		f.Warnf("the app listens on port %d, below 1024: as the image's non-root user it binds there only where the runtime allows it (Docker's default bridge network does; --network host and Kubernetes do not by default); make it listen on a port of 1024 or more (its setting, or PORT) and pass --port", f.Port)
	}
	f.Warnings = append(append([]string{}, r.Warnings()...), f.Warnings...)
	SetFlavours(l, f)
	f.Normalize()
	f.settleConfidence()
	return f, nil
}
