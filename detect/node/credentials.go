package node

import (
	"regexp"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// literalTokenRE is an .npmrc credential with its value written out
// (`//registry.example.com/:_authToken=npm_abc…`), as opposed to one
// read from the environment (`${NPM_TOKEN}`).
var literalTokenRE = regexp.MustCompile(`(?m)^\s*[^#;\s][^=\n]*:?(?:_authToken|_auth|_password)\s*=\s*([^$\s][^\n]*)$`)

// yarnTokenRE is a .yarnrc.yml npmAuthToken written out.
var yarnTokenRE = regexp.MustCompile(`(?m)^\s*npmAuthToken\s*:\s*["']?([^$"'\s][^"'\n]*)`)

// credentials keeps a committed .npmrc that holds a token out of every
// layer: no bind mount for the install, and a .dockerignore line
// (Details.SecretFiles), with a warning to pass it as the npmrc build
// secret instead. A .yarnrc.yml with a written-out token carries the
// registry settings yarn needs, so it stays, with a warning.
func (n *project) credentials() {
	if data, err := n.r.Read(".npmrc", repo.MaxManifest); err == nil && literalTokenRE.Match(data) {
		n.d.SecretFiles = append(n.d.SecretFiles, ".npmrc")
		n.f.Warnf(".npmrc holds a registry token: it is kept out of the image and every layer (the .dockerignore excludes it); pass it as the npmrc build secret instead (docker build --secret id=npmrc,src=.npmrc .), and revoke a token a repository ever held")
	}
	if data, err := n.r.Read(".yarnrc.yml", repo.MaxManifest); err == nil && yarnTokenRE.Match(data) {
		n.f.Warnf(".yarnrc.yml holds npmAuthToken written out: yarn needs the file, so the build reads it and the token reaches the build stage; read it from the environment instead (npmAuthToken: \"${NPM_TOKEN}\") and revoke the token")
	}
}
