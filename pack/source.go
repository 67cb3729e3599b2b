package pack

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Kind says how a pack source is read.
type Kind int

// Source kinds.
const (
	// Dir is a plain directory without @REF: its files as they are, not
	// pinned to a commit.
	Dir Kind = iota
	// Git is a git repository (https://, git@host:path, ssh://, file://,
	// or a local repository path with @REF), resolved to a commit.
	Git
)

// Source is a parsed --pack value (docs/packs.md).
type Source struct {
	Kind Kind
	// Location is what is read: a directory, or the URL go-git fetches
	// (credentials removed; see auth).
	Location string
	// Display is what .dockslim.yaml records and messages show: the
	// source as given, without @REF and without credentials.
	Display string
	// Ref is what followed the last @ after the repository path ("" for
	// the remote's default branch).
	Ref string

	// user and password came from an https URL's userinfo. They are used
	// to fetch and never recorded or printed.
	user, password string
}

var (
	// scpLike is git's user@host:path form (no slash before the colon).
	scpLike = regexp.MustCompile(`^(?:([A-Za-z0-9._~-]+)@)?([A-Za-z0-9.-]+):([^/].*|/.*)$`)
	refRE   = regexp.MustCompile(`^[A-Za-z0-9._/^~<>=*+|, -]{1,200}$`)
)

// ParseSource parses SOURCE[@REF]: a directory path, file://, https://,
// ssh://, or git@host:path, with REF what follows the last @ after the
// repository path (`git@github.com:acme/p.git@v1` is
// `git@github.com:acme/p.git` at `v1`). A path that exists as a directory
// as a whole is a directory even if it holds an @; a local path with @REF
// must be a git repository. pinned says the source comes from
// .dockslim.yaml with a commit: a local path is then a git repository.
func ParseSource(spec string, pinned bool) (Source, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return Source{}, fmt.Errorf("empty pack source")
	}
	if strings.ContainsAny(spec, "\x00\r\n\t") {
		return Source{}, fmt.Errorf("pack source %q holds a control character", spec)
	}
	var s Source
	var err error
	switch scheme, _, isURL := strings.Cut(spec, "://"); {
	case isURL:
		s, err = parseURLSource(strings.ToLower(scheme), spec)
	case scpLike.MatchString(spec) && !isWindowsDrive(spec) && !exists(spec):
		s, err = parseSCPSource(spec)
	default:
		s, err = parsePathSource(spec, pinned)
	}
	if err != nil {
		return Source{}, err
	}
	if s.Ref != "" && !refRE.MatchString(s.Ref) {
		return Source{}, fmt.Errorf("pack source %s: %q is not a tag, branch, commit or version constraint", s.Display, s.Ref)
	}
	return s, nil
}

func parseURLSource(scheme, spec string) (Source, error) {
	switch scheme {
	case "https", "ssh", "file":
	case "http":
		return Source{}, fmt.Errorf("pack source %s: plain http is not supported; use https", redact(spec))
	default:
		return Source{}, fmt.Errorf("pack source %s: unsupported scheme %s:// (use https://, ssh://, file://, git@host:path or a directory)", redact(spec), scheme)
	}
	rest := spec[len(scheme)+3:]
	authority, repoPath := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, repoPath = rest[:i], rest[i:]
	}
	var ref string
	if i := strings.LastIndexByte(repoPath, '@'); i >= 0 {
		repoPath, ref = repoPath[:i], repoPath[i+1:]
		if ref == "" {
			return Source{}, fmt.Errorf("pack source %s: nothing after @", redact(spec))
		}
	}
	if repoPath == "" || repoPath == "/" {
		return Source{}, fmt.Errorf("pack source %s: no repository path", redact(spec))
	}
	s := Source{Kind: Git, Ref: ref}
	host := authority
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		userinfo := authority[:i]
		host = authority[i+1:]
		u, p, _ := strings.Cut(userinfo, ":")
		if scheme == "https" {
			s.user, _ = url.PathUnescape(u)
			s.password, _ = url.PathUnescape(p)
		} else if scheme == "ssh" {
			// An ssh user names an account, not a secret: keep it.
			host = u + "@" + host
		}
	}
	if scheme == "file" && host != "" && host != "localhost" {
		return Source{}, fmt.Errorf("pack source %s: file:// takes a local path (file:///path)", redact(spec))
	}
	s.Location = scheme + "://" + host + repoPath
	s.Display = s.Location
	return s, nil
}

func parseSCPSource(spec string) (Source, error) {
	m := scpLike.FindStringSubmatch(spec)
	user, host, repoPath := m[1], m[2], m[3]
	var ref string
	if i := strings.LastIndexByte(repoPath, '@'); i >= 0 {
		repoPath, ref = repoPath[:i], repoPath[i+1:]
		if ref == "" {
			return Source{}, fmt.Errorf("pack source %s: nothing after @", spec)
		}
	}
	loc := host + ":" + repoPath
	if user != "" {
		loc = user + "@" + loc
	}
	return Source{Kind: Git, Location: loc, Display: loc, Ref: ref}, nil
}

func parsePathSource(spec string, pinned bool) (Source, error) {
	if st, err := os.Stat(spec); err == nil && st.IsDir() && !pinned {
		return Source{Kind: Dir, Location: spec, Display: spec}, nil
	}
	dir, ref := spec, ""
	if i := strings.LastIndexByte(spec, '@'); i > 0 {
		dir, ref = spec[:i], spec[i+1:]
		if ref == "" {
			return Source{}, fmt.Errorf("pack source %s: nothing after @", spec)
		}
	}
	if !pinned && ref == "" {
		return Source{}, fmt.Errorf("pack source %s: no such directory", spec)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Source{}, fmt.Errorf("pack source %s: %w", spec, err)
	}
	return Source{Kind: Git, Location: abs, Display: dir, Ref: ref}, nil
}

// String is the source as given, without credentials.
func (s Source) String() string {
	if s.Ref == "" {
		return s.Display
	}
	return s.Display + "@" + s.Ref
}

// scheme is how the source is fetched: https, ssh or file.
func (s Source) scheme() string {
	if scheme, _, ok := strings.Cut(s.Location, "://"); ok {
		return scheme
	}
	if filepath.IsAbs(s.Location) {
		return "file"
	}
	return "ssh"
}

// redact removes the userinfo of a URL-shaped string for messages.
func redact(spec string) string {
	scheme, rest, ok := strings.Cut(spec, "://")
	if !ok {
		return spec
	}
	authority, tail := rest, ""
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		authority, tail = rest[:i], rest[i:]
	}
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = "…@" + authority[i+1:]
	}
	return scheme + "://" + authority + tail
}

func isWindowsDrive(s string) bool {
	return len(s) >= 2 && s[1] == ':' && (s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z') && (len(s) == 2 || s[2] == '\\' || s[2] == '/')
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
