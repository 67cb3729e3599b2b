package node

import (
	"errors"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// publicRegistries are the hosts of the public npm registry and its
// well-known mirrors; a lockfile that resolves packages elsewhere needs
// credentials or a network the build may not have.
var publicRegistries = []string{"registry.npmjs.org", "registry.yarnpkg.com", "registry.npmmirror.com", "codeload.github.com", "github.com"}

// resolvedURL finds the host of a locked package's download URL:
// package-lock.json "resolved", yarn.lock resolved, pnpm's tarball.
var resolvedURL = regexp.MustCompile(`(?:"resolved"\s*:\s*"|resolved\s+"|tarball:\s*)https?://(?:[^@/"\s]*@)?([A-Za-z0-9.-]+(?::\d+)?)/`)

// privateRegistries warns when the chosen manager's lockfile resolves
// packages from a host that is not a public registry: the build's install
// steps will need that registry's credentials, which the Dockerfile takes
// as a secret (never an ARG or a copied file).
func (n *project) privateRegistries() {
	for _, file := range lockfileNames(n.pm) {
		if !n.r.Has(file) || strings.HasSuffix(file, ".lockb") {
			continue
		}
		data, err := n.r.Read(file, repo.MaxLockfile)
		if err != nil {
			if !errors.Is(err, repo.ErrTooLarge) {
				n.fail(err)
			}
			return
		}
		var hosts []string
		for _, m := range resolvedURL.FindAllSubmatch(data, -1) {
			h := strings.ToLower(string(m[1]))
			if !slices.Contains(publicRegistries, h) && !slices.Contains(hosts, h) {
				hosts = append(hosts, h)
			}
		}
		if len(hosts) == 0 {
			return
		}
		slices.Sort(hosts)
		hint := "pass its credentials as the npmrc build secret (docker build --secret id=npmrc,src=$HOME/.npmrc .)"
		if n.pm == "yarn-berry" || n.pm == "bun" {
			hint = "the build needs its credentials; they must never be written into the Dockerfile or a copied file"
		}
		n.f.Warnf("%s resolves packages from %s, not the public npm registry: %s", file, joinAnd(hosts), hint)
		return
	}
}
