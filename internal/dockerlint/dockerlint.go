// Package dockerlint runs BuildKit's full Dockerfile check set — what
// `docker build --check` reports — in-process and offline. It is heavy
// (the whole Dockerfile-to-LLB converter: 6.9 MB of the static binary,
// 19.9 → 26.7 MB, and 2 ms more at start, measured), so only `dockslim
// audit` and the tests import it; generate keeps the light parser-only
// validation.
package dockerlint

import (
	"context"
	"fmt"

	"github.com/moby/buildkit/client/llb"
	"github.com/moby/buildkit/client/llb/sourceresolver"
	"github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb"
	"github.com/moby/buildkit/solver/pb"
	"github.com/opencontainers/go-digest"
)

// Finding is one check that fired (or the fatal error, RuleName "error").
type Finding struct {
	RuleName string
	Detail   string
	Line     int
}

func (f Finding) String() string {
	return fmt.Sprintf("line %d: %s: %s", f.Line, f.RuleName, f.Detail)
}

// offlineResolver answers every base-image lookup with a minimal linux
// config, so linting never contacts a registry (a nil resolver would).
type offlineResolver struct{}

func (offlineResolver) ResolveImageConfig(_ context.Context, ref string, _ sourceresolver.Opt) (string, digest.Digest, []byte, error) {
	cfg := []byte(`{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]}}`)
	return ref, digest.FromBytes(cfg), cfg, nil
}

// Lint returns every finding of BuildKit's checks for dockerfile.
func Lint(ctx context.Context, dockerfile []byte) ([]Finding, error) {
	st := llb.Scratch()
	def, err := st.Marshal(ctx)
	if err != nil {
		return nil, err
	}
	sm := llb.NewSourceMap(&st, "Dockerfile", "Dockerfile", dockerfile)
	sm.Definition = def // DockerfileLint panics without it
	// Every LLB capability, as a current engine offers: without a cap set
	// some mount options dereference nil.
	caps := pb.Caps.CapSet(pb.Caps.All())
	res, err := dockerfile2llb.DockerfileLint(ctx, dockerfile, dockerfile2llb.ConvertOpt{
		SourceMap:    sm,
		MetaResolver: offlineResolver{},
		LLBCaps:      &caps,
	})
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, w := range res.Warnings {
		f := Finding{RuleName: w.RuleName, Detail: w.Detail}
		if w.Location != nil && len(w.Location.Ranges) > 0 {
			f.Line = int(w.Location.Ranges[0].Start.Line)
		}
		out = append(out, f)
	}
	// Fatal errors come back in results.Error, not err.
	if res.Error != nil {
		f := Finding{RuleName: "error", Detail: res.Error.Message}
		if len(res.Error.Location.Ranges) > 0 {
			f.Line = int(res.Error.Location.Ranges[0].Start.Line)
		}
		out = append(out, f)
	}
	return out, nil
}
