package golang

import (
	"context"
	"path"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// A module of a go.work workspace (services/api, with go.work two
// folders up) builds alone when it uses none of the workspace's other
// modules: its folder is then its context, as for any module. When it
// imports or requires one — with no replace of its own — only the
// workspace can build it, so it is built from the root in workspace mode
// (docs/detect.md, "Workspace members").

// asMember is golang.Language's AsMember: rr reads the folder holding
// go.work; root is its module's detection, if it has one (unused: go.work
// itself says who the members are).
func asMember(ctx context.Context, rr *repo.Repo, _, member *core.Facts, rel string) (bool, error) {
	d, ok := member.Details.Lang.(*Details)
	if !ok || !rr.Has("go.work") {
		return false, nil
	}
	data, err := rr.Read("go.work", repo.MaxManifest)
	if err != nil {
		return false, nil // the member's own detection stands
	}
	wf, err := parseWork("go.work", data)
	if err != nil {
		return false, nil
	}
	in := false
	for _, u := range wf.Use {
		if dir, ok := localModuleDir(u.Path); ok && dir == rel {
			in = true
		}
	}
	if !in {
		return false, nil
	}
	mdata, err := rr.Read(path.Join(rel, "go.mod"), repo.MaxManifest)
	if err != nil {
		return false, err
	}
	mf, _, err := parseMod(path.Join(rel, "go.mod"), mdata)
	if err != nil {
		return false, err
	}
	needs := siblingsNeeded(mf, d.Imports, workspaceModules(rr, wf))
	back := member.Details.WorkspaceRoot
	if len(needs) == 0 {
		member.Warnf("%s is a module of the go.work workspace in %s but uses none of its other modules: it is built on its own, its folder the build context", rel, back)
		return true, nil
	}
	member.SetMemberOf(back, rel, "go.work")
	if !needsSum(mf, workspaceModules(rr, wf)) {
		// The workspace provides what it requires: no go.sum needed.
		member.Warnings = slices.DeleteFunc(member.Warnings, func(w string) bool { return w == noGoSum })
	}
	member.Warnf("%s uses %s, of the go.work workspace in %s: it is built from there, in workspace mode", rel, strings.Join(needs, ", "), back)

	files, warns := manifests(rr, nil, wf)
	member.Details.ManifestFiles = files
	member.Warnings = append(member.Warnings, warns...)
	if wv, _, _ := moduleVersion("go.work", wf.Go, wf.Toolchain); wv != "" && versionLess(member.LanguageVersion, wv) {
		// The go command refuses a workspace newer than itself.
		member.LanguageVersion = wv
		member.Source("languageVersion", path.Join(back, "go.work"))
	}
	// The go command runs at the root: packages are named from there.
	if member.Main != "" {
		pkg := "./" + path.Join(rel, member.Main)
		if cmd, ok := strings.CutSuffix(member.BuildCommand, " "+member.Main); ok {
			member.BuildCommand = cmd + " " + pkg
		}
	}
	if t := member.Details.TestCommand; strings.HasSuffix(t, " ./...") {
		member.Details.TestCommand = strings.TrimSuffix(t, "./...") + "./" + rel + "/..."
	}
	if fe := d.Frontend; fe != nil {
		fe.Dir = path.Join(rel, fe.Dir)
		for i, o := range fe.Outputs {
			fe.Outputs[i] = path.Join(rel, o)
		}
		for i, m := range fe.ManifestFiles {
			fe.ManifestFiles[i] = path.Join(rel, m)
		}
	}
	return true, nil
}

// siblingsNeeded lists the workspace's other modules (provided) that mf
// requires without a replace of its own, or whose packages its sources
// import (a workspace lets a module import a sibling it never requires).
func siblingsNeeded(mf *modfile.File, imports []string, provided map[string]bool) []string {
	replaced := map[string]bool{}
	for _, r := range mf.Replace {
		replaced[r.Old.Path] = true
	}
	var out []string
	for mod := range provided {
		if mod == mf.Module.Mod.Path || replaced[mod] {
			continue
		}
		needed := slices.ContainsFunc(mf.Require, func(r *modfile.Require) bool { return r.Mod.Path == mod })
		needed = needed || slices.ContainsFunc(imports, func(imp string) bool { return imp == mod || strings.HasPrefix(imp, mod+"/") })
		if needed {
			out = append(out, mod)
		}
	}
	slices.Sort(out)
	return out
}

// foreignImports lists the import paths of the sources that belong to
// another module: not the standard library's (no dot in the first
// element), not under mod.
func foreignImports(files []sourceFile, mod string) []string {
	var out []string
	for _, f := range files {
		for _, imp := range f.imports {
			first, _, _ := strings.Cut(imp.path, "/")
			if strings.Contains(first, ".") && imp.path != mod && !strings.HasPrefix(imp.path, mod+"/") {
				out = append(out, imp.path)
			}
		}
	}
	return core.SortedUnique(out)
}
