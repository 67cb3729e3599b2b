package detect

import (
	"net/url"
	"strings"

	"github.com/go-git/go-git/v5"
)

// originURL returns the origin remote of the git repository rooted at dir
// as an https URL without credentials, or "" when there is none. It reads
// the repository's config with go-git; git itself is never run. Only a
// .git in dir itself counts: looking upwards would make the output depend
// on where the project happens to be checked out.
func originURL(dir string) string {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: false})
	if err != nil {
		return ""
	}
	remote, err := repo.Remote("origin")
	if err != nil || len(remote.Config().URLs) == 0 {
		return ""
	}
	return publicURL(remote.Config().URLs[0])
}

// publicURL turns a remote URL into the https address a person would
// browse: scp-like git@host:path and ssh:// become https, user info
// (tokens included) is dropped, and a trailing .git is removed. Local
// paths and file:// remotes have no public address and give "".
func publicURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || strings.ContainsAny(raw, " \t\n\r\"'\\") {
		return ""
	}
	if !strings.Contains(raw, "://") {
		// scp-like: [user@]host:path
		at := strings.LastIndex(raw, "@")
		colon := strings.Index(raw, ":")
		if colon <= 0 || colon < at || strings.HasPrefix(raw, "/") {
			return ""
		}
		raw = "ssh://" + raw[at+1:colon] + "/" + strings.TrimPrefix(raw[colon+1:], "/")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	switch u.Scheme {
	case "https", "http", "ssh", "git", "git+ssh":
	default:
		return ""
	}
	host := u.Hostname()
	if u.Scheme == "http" || u.Scheme == "https" {
		host = u.Host // keep an explicit web port
	}
	p := strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), ".git")
	if p == "" || p == "/" {
		return ""
	}
	return (&url.URL{Scheme: "https", Host: host, Path: p}).String()
}
