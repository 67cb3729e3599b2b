package python

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// nameAtRE starts a PEP 508 direct reference: `name[extras] @ url`.
var nameAtRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*@`)

// uRLRE starts a URL pip installs from (VCS schemes included).
var uRLRE = regexp.MustCompile(`^(?:[A-Za-z][A-Za-z0-9+.-]*://|(?:git|hg|svn|bzr)\+)`)

// archiveExts are the file names pip treats as local archives.
var archiveExts = []string{".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tar"}

// classify turns a requirement (what follows -e, or a plain line) into
// a reqLine: a PEP 508 requirement, a URL, or a local path. It follows
// pip: a marker after a URL needs "; ", after a path ";".
func classify(s string, editable bool) (*reqLine, error) {
	rl := &reqLine{Kind: lineDep, Editable: editable}
	if s == "" {
		return nil, errors.New("expected a requirement")
	}
	if !editable && nameAtRE.MatchString(s) {
		req, err := parseRequirement(s)
		if err != nil {
			return nil, err
		}
		rl.Req = req
		if strings.HasPrefix(strings.ToLower(req.URL), "file:") {
			rl.Path, rl.Warn = localPath(req.URL)
		} else {
			rl.URL = true
		}
		return rl, nil
	}
	isURL := uRLRE.MatchString(s)
	isFile := strings.HasPrefix(strings.ToLower(s), "file:")
	looksLikePath := isFile || strings.HasPrefix(s, ".") || strings.ContainsAny(s, `/\`) || hasArchiveExt(s)
	if !isURL && !looksLikePath && !editable {
		req, err := parseRequirement(s)
		if err != nil {
			return nil, err
		}
		rl.Req = req
		return rl, nil
	}
	sep := ";"
	if isURL {
		sep = "; "
	}
	loc := s
	if i := strings.Index(s, sep); i >= 0 {
		loc = strings.TrimSpace(s[:i])
		m := &markerParser{p: &parser{s: s[i+len(sep):]}}
		v, err := m.or()
		if err == nil {
			m.p.ws()
			if m.p.pos < len(m.p.s) {
				err = m.p.errf("unexpected %q in the marker", firstRune(m.p.s[m.p.pos:]))
			}
		}
		if err != nil {
			return nil, fmt.Errorf("invalid marker: %v", err)
		}
		if v == triFalse {
			rl.Req = &requirement{Linux: false}
		}
	}
	if strings.ContainsAny(loc, " \t") {
		return nil, errors.New("a URL or local path cannot contain blanks")
	}
	if isURL && !isFile {
		rl.URL = true
		if name := eggName(loc); name != "" {
			linux := rl.Req == nil || rl.Req.Linux
			rl.Req = &requirement{Name: name, Linux: linux}
		}
		return rl, nil
	}
	if m := extrasSuffixRE.FindStringIndex(loc); m != nil {
		loc = loc[:m[0]]
	}
	if i := strings.IndexByte(loc, '#'); i >= 0 && !isFile {
		loc = loc[:i]
	}
	rl.Path, rl.Warn = localPath(loc)
	if rl.Req != nil && rl.Req.Name == "" {
		rl.Req = nil // unnamed, and not installed on Linux: nothing to record
		rl.Path = ""
	}
	return rl, nil
}

// extrasSuffixRE is the `[extra,…]` pip strips from a local path.
var extrasSuffixRE = regexp.MustCompile(`\[[^\]]+\]$`)

// hasArchiveExt reports whether s names an archive pip installs from.
func hasArchiveExt(s string) bool {
	l := strings.ToLower(s)
	for _, e := range archiveExts {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// eggName returns the distribution a VCS or archive URL names in its
// #egg= fragment, normalised, or "".
func eggName(u string) string {
	i := strings.IndexByte(u, '#')
	if i < 0 {
		return ""
	}
	for _, kv := range strings.Split(u[i+1:], "&") {
		if name, ok := strings.CutPrefix(kv, "egg="); ok {
			if j := strings.IndexByte(name, '['); j >= 0 {
				name = name[:j]
			}
			if nameRE.MatchString(name) {
				return normalizeName(name)
			}
		}
	}
	return ""
}

// localPath turns a local path or file: URL from a requirements line
// into a clean path relative to the project root (pip resolves these
// against the working directory, which is the root in the image). A path
// the build cannot reach yields "" and a warning.
func localPath(raw string) (string, string) {
	p := raw
	switch l := strings.ToLower(p); {
	case strings.HasPrefix(l, "file://"):
		p = p[len("file://"):]
	case strings.HasPrefix(l, "file:"):
		p = p[len("file:"):]
	}
	// pdm and uv export `file:///${PROJECT_ROOT}/libs/x`.
	if i := strings.Index(p, "${PROJECT_ROOT}"); i >= 0 && strings.Trim(p[:i], "/") == "" {
		p = "./" + strings.TrimLeft(p[i+len("${PROJECT_ROOT}"):], "/")
	}
	p = strings.ReplaceAll(p, `\`, "/")
	switch {
	case strings.ContainsAny(p, "$`"):
		return "", fmt.Sprintf("the local path %q uses a variable dockslim cannot expand; it is ignored", clipStr(p, 60))
	case path.IsAbs(p) || len(p) > 1 && p[1] == ':':
		return "", fmt.Sprintf("the local path %q is absolute, which a container build cannot reach; it is ignored", clipStr(p, 60))
	}
	c := path.Clean(p)
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", fmt.Sprintf("the local path %q is outside the project, which a container build cannot reach; it is ignored", clipStr(p, 60))
	}
	return c, ""
}
