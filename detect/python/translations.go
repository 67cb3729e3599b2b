package python

import (
	"path"
	"strings"
)

// compileTranslations adds `pybabel compile -d DIR` to the build when the
// project translates with Babel (Babel or Flask-Babel installed) and
// commits .po catalogues without their compiled .mo files: gettext reads
// only .mo, so the pages would stay untranslated (microblog runs `flask
// translate compile` in its own Dockerfile for this). DIR is the folder
// holding <lang>/LC_MESSAGES/*.po. Django's compilemessages needs GNU
// gettext in the image and is not added.
func (p *state) compileTranslations() {
	if p.f.Framework == "django" || !(p.installed["babel"] || p.installed["flask-babel"]) {
		return
	}
	var dir, from string
	for _, f := range p.r.FilesWithExt(".po") {
		lc := path.Dir(f) // …/<lang>/LC_MESSAGES
		if path.Base(lc) != "LC_MESSAGES" {
			continue
		}
		if p.r.Has(strings.TrimSuffix(f, ".po") + ".mo") {
			return // compiled catalogues are committed
		}
		d := path.Dir(path.Dir(lc))
		if dir == "" {
			dir, from = d, f
		} else if d != dir {
			return // several catalogues: which one the app reads is unknown
		}
	}
	if dir == "" || dir == "." || !safePathRE.MatchString(dir) {
		return
	}
	cmd := "pybabel compile -d " + dir
	if p.f.BuildCommand != "" {
		cmd = p.f.BuildCommand + " && " + cmd
	} else {
		p.f.Likely("buildCommand", from)
	}
	p.f.BuildCommand = cmd
	p.f.Warnf("%s is a translation catalogue without its compiled .mo: the build runs %s", from, "`pybabel compile -d "+dir+"`")
}
