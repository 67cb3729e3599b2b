package node

import "github.com/dockslim/dockslim/detect/internal/core"

// downloadSkips are the environment variables that stop a development
// tool's install script from downloading a browser or an app binary: in
// a build stage they would only fetch hundreds of MB from hosts the build
// does not need (and often cannot reach). Only devDependencies get them —
// a production dependency such as puppeteer on a server needs its browser.
var downloadSkips = map[string][]string{
	"cypress":          {"CYPRESS_INSTALL_BINARY=0"},
	"playwright":       {"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1"},
	"@playwright/test": {"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1"},
	// PUPPETEER_SKIP_DOWNLOAD since puppeteer 19, the older name before.
	"puppeteer": {"PUPPETEER_SKIP_DOWNLOAD=1", "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1"},
	"electron":  {"ELECTRON_SKIP_BINARY_DOWNLOAD=1"},
}

// installEnv sets Details.InstallEnv from the development tools the
// project lists.
func (n *project) installEnv() {
	var env []string
	for name, vars := range downloadSkips {
		if _, dev := n.pkg.DevDeps[name]; dev {
			if _, prod := n.pkg.Deps[name]; !prod {
				env = append(env, vars...)
			}
		}
	}
	n.d.InstallEnv = core.SortedUnique(env)
}
