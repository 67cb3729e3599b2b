package cmd

import (
	"strings"

	"github.com/dockslim/dockslim/internal/form"
)

// formMode says whether init shows its form (docs/init.md): never with
// --yes; in huh's accessible mode when ACCESSIBLE is set, line by line
// and also from a pipe; otherwise when stdin and stdout are both
// terminals.
func (o *InitOptions) formMode() (bool, form.Style) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	style := form.Style{NoColor: getenv("NO_COLOR") != ""}
	switch {
	case o.Yes:
		return false, style
	case envOn(getenv("ACCESSIBLE")):
		style.Accessible = true
		return true, style
	case o.IO.StdinTTY && o.IO.StdoutTTY:
		// A dumb terminal cannot draw the full form: huh would switch to
		// accessible mode on its own, so say so here and feed it lines.
		style.Accessible = getenv("TERM") == "dumb"
		return true, style
	}
	return false, style
}

func envOn(v string) bool {
	v = strings.TrimSpace(strings.ToLower(v))
	return v != "" && v != "0" && v != "false" && v != "no"
}
