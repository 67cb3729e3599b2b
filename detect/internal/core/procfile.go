package core

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// procWebRE matches a Procfile's web process line.
var procWebRE = regexp.MustCompile(`^web\s*:\s*(.*)$`)

// ProcfileWeb returns the command of the Procfile's web process (as
// written, variables unexpanded) and where it is ("Procfile:3"); ok is
// false when there is no Procfile or no web line. An unreadable Procfile
// is a warning on f, never an error: it is a hint.
func ProcfileWeb(r *repo.Repo, f *Facts) (cmd, from string, ok bool) {
	if !r.Has("Procfile") {
		return "", "", false
	}
	data, err := r.Read("Procfile", repo.MaxManifest)
	if err != nil {
		f.Warnf("Procfile cannot be read (%v); it is ignored", errors.Unwrap(err))
		return "", "", false
	}
	for i, line := range strings.Split(string(data), "\n") {
		if m := procWebRE.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			return m[1], fmt.Sprintf("Procfile:%d", i+1), true
		}
	}
	return "", "", false
}
