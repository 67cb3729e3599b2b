package e2e

import (
	"slices"
	"testing"
)

// These run without DOCKSLIM_E2E: they check the image checks on made-up
// file lists and start nothing.

func TestImageChecks(t *testing.T) {
	for _, c := range []struct {
		path string
		gyp  bool
	}{
		{"bcrypt/build/Release/obj.target/bcrypt_lib/src/bcrypt.o", true},
		{"bcrypt/build/Release/obj.target/", true},
		{"bcrypt/build/Release/.deps/Release/bcrypt_lib.node.d", true},
		{"better-sqlite3/build/Release/test_extension.a", true},
		{"bcrypt/lib/binding/napi-v3/bcrypt_lib.node", false},
		{"bcrypt/build/Release/bcrypt_lib.node", false},
		{"objection/package.json", false},
	} {
		if got := isGypLeftover(c.path); got != c.gyp {
			t.Errorf("isGypLeftover(%q) = %v, want %v", c.path, got, c.gyp)
		}
	}
	for _, c := range []struct {
		path string
		pip  bool
	}{
		{"bin/pip", true},
		{"bin/pip3.11", true},
		{"lib/python3.11/site-packages/pip/__init__.py", true},
		{"lib/python3.11/site-packages/pip-24.0.dist-info/", true},
		{"lib/python3.11/site-packages/setuptools/", true},
		{"lib/python3.11/site-packages/_distutils_hack/", true},
		{"lib/python3.11/site-packages/distutils-precedence.pth", true},
		{"lib/python3.11/site-packages/pkg_resources/", true},
		{"lib/python3.11/site-packages/wheel-0.42.0.dist-info/", true},
		{"lib/python3.11/site-packages/pipeline/__init__.py", false},
		{"lib/python3.11/site-packages/greeting/__init__.py", false},
		{"bin/hello-app", false},
	} {
		if got := isPipOrSetuptools(c.path); got != c.pip {
			t.Errorf("isPipOrSetuptools(%q) = %v, want %v", c.path, got, c.pip)
		}
	}

	files := map[string]int64{
		"app/":                            0,
		"app/src/":                        0,
		"app/src/server.ts":               10,
		"app/dist/server.js":              10,
		"app/hello_app.egg-info/":         0,
		"app/hello_app.egg-info/PKG-INFO": 5,
		"venv/lib/python3.11/site-packages/greeting/__init__.py": 1,
	}
	for pattern, want := range map[string]int{
		"app/src":        2,
		"app/src/*.ts":   1,
		"app/*.egg-info": 2,
		"app/build":      0,
		"venv/lib/python3*/site-packages/greeting/__init__.py": 1,
		"app/dist/server.js": 1,
	} {
		if got := matching(files, pattern); len(got) != want {
			t.Errorf("matching(%q) = %q, want %d paths", pattern, got, want)
		}
	}

	for user, ok := range map[string]bool{
		"65532:65532": true, "1000:1000": true, "101": true,
		"": false, "0": false, "0:0": false, "root": false, "node": false, "1000:node": false,
	} {
		if err := nonRootNumeric(user); (err == nil) != ok {
			t.Errorf("nonRootNumeric(%q) = %v, want ok %v", user, err, ok)
		}
	}

	if !alive(runID) || alive("") || alive("0") || alive("latest") || alive("2147483646") {
		t.Errorf("alive: this process %v, empty %v, 0 %v, latest %v, 2147483646 %v",
			alive(runID), alive(""), alive("0"), alive("latest"), alive("2147483646"))
	}

	if got := around("<html><body><h1>hello from next</h1></body></html>", "hello", 6); got != "…y><h1>hello from…" {
		t.Errorf("around = %q", got)
	}
	if got := sample([]string{"a", "b"}); got != "a, b" {
		t.Errorf("sample = %q", got)
	}
	if got := []string{mb(1_500_000), mb(2_300)}; !slices.Equal(got, []string{"1.5 MB", "2.3 kB"}) {
		t.Errorf("mb = %q", got)
	}
}
