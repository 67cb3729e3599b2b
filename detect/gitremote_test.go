package detect

import "testing"

func TestPublicURL(t *testing.T) {
	cases := map[string]string{
		"https://github.com/acme/api.git":                   "https://github.com/acme/api",
		"https://x-access-token:s3cr3t@github.com/acme/api": "https://github.com/acme/api",
		"git@github.com:acme/api.git":                       "https://github.com/acme/api",
		"ssh://git@gitlab.example.com:2222/team/svc.git":    "https://gitlab.example.com/team/svc",
		"https://git.example.com:8443/a/b/":                 "https://git.example.com:8443/a/b",
		"http://user:pw@host/repo":                          "https://host/repo",
		"/srv/git/repo.git":                                 "",
		"file:///srv/git/repo.git":                          "",
		"../sibling":                                        "",
		"":                                                  "",
		"https://github.com/acme/api\nEVIL":                 "",
		"git@github.com:":                                   "",
	}
	for in, want := range cases {
		if got := publicURL(in); got != want {
			t.Errorf("publicURL(%q) = %q, want %q", in, got, want)
		}
	}
}
