package detect

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/dockslim/dockslim/detect/golang"
	"github.com/dockslim/dockslim/detect/node"
)

// fillFrontend completes the frontend a Go program embeds the build
// output of (golang.Frontend) with its Node project's own detection —
// version, package manager, lockfiles, build script — so the Dockerfile
// can build it in a stage of its own (docs/detect.md, "Embedded
// frontends"). A Node project that cannot be read, or has no build, is
// dropped with a warning: the person must build the output before
// `docker build`.
func fillFrontend(ctx context.Context, dir string, f *Facts) error {
	g, ok := f.Details.Lang.(*golang.Details)
	if !ok || g.Frontend == nil {
		return nil
	}
	fe := g.Frontend
	missing := fmt.Sprintf("%s embeds %s, which the repository does not have", fe.From, strings.Join(fe.Outputs, ", "))
	pkg := path.Join(fe.Dir, "package.json")
	nf, err := detectDir(ctx, filepath.Join(dir, filepath.FromSlash(fe.Dir)), Options{Language: node.Name}, false)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		g.Frontend = nil
		f.Warnf("%s: %s should make it, but cannot be read (%v); build it before `docker build`", missing, pkg, err)
		return nil
	}
	if nf.BuildCommand == "" {
		g.Frontend = nil
		f.Warnf("%s, and %s has no build script that makes it; build it before `docker build`", missing, pkg)
		return nil
	}
	fe.NodeVersion = nf.LanguageVersion
	fe.PackageManager = nf.PackageManager
	fe.PackageManagerVersion = nf.PackageManagerVersion
	fe.Build = nf.BuildCommand
	fe.ManifestFiles = nil
	for _, m := range nf.Details.ManifestFiles {
		fe.ManifestFiles = append(fe.ManifestFiles, path.Join(fe.Dir, m))
	}
	if nd, ok := nf.Details.Lang.(*node.Details); ok {
		fe.InstallEnv = nd.InstallEnv
	}
	// The Node project's own warnings are about it as an app (no start,
	// no port); `dockslim detect <dir>` shows them.
	f.Warnf("%s: the Dockerfile builds it in a frontend stage (`%s` in %s, %s, Node %s; `dockslim detect %s` shows how) and mounts it where go build reads it",
		missing, fe.Build, fe.Dir, fe.PackageManager, fe.NodeVersion, fe.Dir)
	return nil
}
