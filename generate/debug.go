package generate

import (
	"strings"

	"github.com/dockslim/dockslim/internal/versions"
)

// DebugStage is the `debug` stage every Dockerfile has before its final
// stage (docs/dockerfiles.md#the-debug-target): the same application,
// user and command on a base with a shell, on the final base's libc, so
// `docker build --target debug .` gives an image to exec into while the
// default target stays the lean one.
type DebugStage struct {
	// From is the stage's base: distroless's :debug-nonroot twin (a
	// busybox shell), Debian slim for scratch, the final base itself
	// otherwise (Python: the base stage).
	From string
	// About says what the base is, for the stage's comment.
	About string
	// Tools installs ps and curl on a Debian base (nil otherwise: Alpine
	// and busybox have both).
	Tools *RunStep
	// View is what the stage renders the app with: the final stage's
	// view, or for scratch's binary on Debian one that appends the user
	// to Debian's /etc/passwd instead of replacing the file.
	View *View
}

// debugTools are what the Debian-based debug stages add.
var debugTools = []string{"curl", "procps"}

// debugStage computes the debug stage from the final stage's base (its
// reference as the FROM line writes it, ARGs unexpanded).
func debugStage(v *View, tab *versions.Table) (*DebugStage, error) {
	ref := ""
	switch {
	case v.Node != nil:
		ref = v.Node.RuntimeImage
	case v.Python != nil:
		ref = "base"
	case v.Go != nil:
		ref = v.Go.RuntimeImage
	}
	st, err := debugBase(v, ref, tab)
	if err == nil && st.View == nil {
		st.View = v
	}
	return st, err
}

// debugBase chooses the debug stage's base for the final base ref.
func debugBase(v *View, ref string, tab *versions.Table) (*DebugStage, error) {
	switch {
	case strings.HasPrefix(ref, "gcr.io/distroless/") && strings.HasSuffix(ref, ":nonroot"):
		return &DebugStage{From: strings.TrimSuffix(ref, "nonroot") + "debug-nonroot", About: "distroless's debug image (busybox sh, same libc)"}, nil
	case ref == "scratch":
		slim, err := imageRef(tab, "debianSlim", "")
		if err != nil {
			return nil, err
		}
		dv, g := *v, *v.Go
		g.Passwd, g.AddUser = false, addUser()
		dv.Go = &g
		return &DebugStage{From: slim, About: "Debian slim with ps and curl (the binary is static)", Tools: installStep("bookworm", debugTools), View: &dv}, nil
	case v.IsAlpine:
		return &DebugStage{From: ref, About: "the same Alpine base (busybox sh, ps, wget)"}, nil
	case v.Node != nil && v.Node.IsStatic:
		// nginx-unprivileged runs as its user: no apt; it has sh.
		return &DebugStage{From: ref, About: "the same nginx base (sh)"}, nil
	default:
		return &DebugStage{From: ref, About: "the same Debian base, with ps and curl", Tools: installStep("bookworm", debugTools)}, nil
	}
}
