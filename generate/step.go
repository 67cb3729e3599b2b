package generate

import (
	"fmt"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/internal/versions"
)

// RunStep is one RUN instruction with BuildKit mounts, computed in Go so
// templates only print it (partial "run-step").
type RunStep struct {
	// Caches are cache-mount targets (package-manager caches).
	Caches []Cache
	// Binds are files or folders of the build context mounted read-only
	// (or read-write where a tool writes beside its input; writes are
	// discarded).
	Binds []Mount
	// Secrets are optional secret mounts (missing secrets are skipped), so
	// a private registry's credentials never land in a layer.
	Secrets []Secret
	// Commands are joined with && on continuation lines.
	Commands []string
}

// Cache is a cache mount; Locked serialises access (apt needs it).
type Cache struct {
	Target string
	Locked bool
}

// Secret is a `--mount=type=secret,id=…,target=…`.
type Secret struct{ ID, Target string }

// caches builds unlocked cache mounts.
func caches(targets ...string) []Cache {
	out := make([]Cache, 0, len(targets))
	for _, t := range targets {
		out = append(out, Cache{Target: t})
	}
	return out
}

// aptStep installs Debian packages with apt's caches mounted, so neither
// the package lists nor the .debs end up in a layer.
func aptStep(pkgs []string) *RunStep {
	if len(pkgs) == 0 {
		return nil
	}
	return &RunStep{
		Caches: []Cache{{Target: "/var/cache/apt", Locked: true}, {Target: "/var/lib/apt", Locked: true}},
		Commands: []string{
			"rm -f /etc/apt/apt.conf.d/docker-clean",
			"apt-get update",
			"apt-get install -y --no-install-recommends " + aptLine(pkgs),
		},
	}
}

// apkStep installs Alpine packages without keeping apk's cache.
func apkStep(pkgs []string) *RunStep {
	if len(pkgs) == 0 {
		return nil
	}
	return &RunStep{Commands: []string{"apk add --no-cache " + aptLine(pkgs)}}
}

// installStep installs pkgs with the package manager of distro: apk on
// Alpine, apt on Debian.
func installStep(distro string, pkgs []string) *RunStep {
	if distro == "alpine" {
		return apkStep(pkgs)
	}
	return aptStep(pkgs)
}

// systemPackages are the distribution packages a's native dependencies
// need on the distro of the image role, and that distro.
func systemPackages(a *Answers, tab *versions.Table, role string) (detect.Packages, string, error) {
	img, ok := tab.Images[role]
	if !ok {
		return detect.Packages{}, "", fmt.Errorf("versions.yaml has no image %q", role)
	}
	l, ok := detect.Lookup(a.Language)
	if !ok {
		return detect.Packages{}, "", fmt.Errorf("unknown language %q", a.Language)
	}
	pkgs, err := l.SystemPackages(a.NativeDeps, a.Native, img.Distro)
	if err != nil {
		return detect.Packages{}, "", fmt.Errorf("%s: %w", role, err)
	}
	return pkgs, img.Distro, nil
}
