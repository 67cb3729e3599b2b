package core

import (
	"context"
	"path"
	"slices"

	"github.com/dockslim/dockslim/detect/internal/dockerfiles"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// ownDockerfilePort replaces a port nothing in the code named (the
// language's default) with the one the repository's own Dockerfile serves
// on (EXPOSE, else ENV PORT), as a likely value: its authors know where
// the app listens (docs/detect.md, "The repository's own Dockerfile"). A
// Dockerfile at the root decides; deeper ones only when they all agree,
// as they may belong to other parts of the repository. Static sites keep
// nginx's port, and a program with no server stays without one.
func ownDockerfilePort(ctx context.Context, l *Language, r *repo.Repo, f *Facts) {
	if f.Port == 0 || f.Sources["port"] != "" || slices.Contains(l.StaticFrameworks, f.Framework) {
		return
	}
	port, from, agree := 0, "", true
	for _, df := range dockerfiles.Find(ctx, r) {
		p, at := df.Port()
		if p == 0 {
			continue
		}
		if path.Dir(df.Path) == "." {
			port, from, agree = p, at, true
			break
		}
		if port == 0 {
			port, from = p, at
		} else if p != port {
			agree = false
		}
	}
	if port == 0 || !agree {
		return
	}
	if port < 1024 {
		// Its image runs as root; this one does not, and the default,
		// which the start command or ENV PORT carries, binds anywhere.
		f.Warnf("%s serves on port %d, below 1024, where its image's root user binds; this image runs as a non-root user, so it keeps %d (pass --port to choose)", from, port, f.Port)
		return
	}
	f.Start = MovePort(f.Start, f.Port, port)
	f.Port = port
	f.Likely("port", from)
}
