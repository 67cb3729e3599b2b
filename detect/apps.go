package detect

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
)

// maxApps bounds how many workspace members are detected one by one; the
// rest are listed undetected, with a warning.
const maxApps = 100

// apps detects each workspace member on its own (docs/detect.md,
// "Workspaces"): its language and framework, and whether a Dockerfile can
// run it. A member that cannot be read is listed with the reason.
func apps(ctx context.Context, dir string, f *Facts) ([]App, error) {
	out := []App{}
	for i, m := range f.Details.Members {
		a := App{Path: m.Dir, Source: m.Source}
		if i >= maxApps {
			a.Reason = "not detected: more than 100 members"
			out = append(out, a)
			continue
		}
		mf, err := detectDir(ctx, filepath.Join(dir, filepath.FromSlash(m.Dir)), Options{}, false)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			a.Reason = reasonOf(err)
			out = append(out, a)
			continue
		}
		a.Language, a.Framework = mf.Language, mf.Framework
		a.Deployable, a.Reason = deployable(mf)
		out = append(out, a)
	}
	var deployables []string
	for _, a := range out {
		if a.Deployable {
			deployables = append(deployables, a.Path)
		}
	}
	if len(f.Start) == 0 && len(deployables) > 0 {
		f.Warnf("this is the root of a %s workspace; its deployable apps, from here: %s (`dockslim detect %s` shows one)",
			f.WorkspaceTool, strings.Join(deployables, ", "), deployables[0])
	}
	if len(f.Details.Members) > maxApps {
		f.Warnf("the workspace has %d members; only the first %d were detected", len(f.Details.Members), maxApps)
	}
	return out, nil
}

// deployable says whether a Dockerfile can run the project f describes:
// a Go main package, a framework (a server or a static site), or a start
// entry the project states (a start script, a Procfile, a served app
// object) or whose code listens on a port — not one only guessed from
// package.json#main, which libraries have too.
func deployable(f *Facts) (bool, string) {
	l, _ := Lookup(f.Language)
	switch {
	case len(f.Mains) > 0:
		return true, ""
	case l != nil && l.MainPackages:
		return false, "a library: no main package"
	case f.Framework != "":
		return true, ""
	case len(f.Start) > 0 && (f.Confidence["start"] == "certain" || f.Confidence["port"] == "certain"):
		// A start the project states, or a guessed one whose code listens.
		return true, ""
	case len(f.Start) > 0 && f.Sources["start"] != "":
		return false, "a library: no start script or server, only " + f.Sources["start"]
	case len(f.Start) > 0:
		return false, "a library: no start script or server"
	}
	return false, "a library or tooling: no start entry"
}

// reasonOf is an error as a short reason: the no-project error without
// its list of manifests, others as they are.
func reasonOf(err error) string {
	var np *NoProjectError
	if errors.As(err, &np) {
		return "no supported project"
	}
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}
