package node

import (
	"errors"
	"slices"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

func TestPnpmPackageName(t *testing.T) {
	cases := map[string]string{
		"/bcrypt@5.1.1":                      "bcrypt",
		"/@scope/name@1.0.0(react@18.2.0)":   "@scope/name",
		"/bcrypt/5.1.1":                      "bcrypt",
		"/@scope/addon/2.0.0_react@18.2.0":   "@scope/addon",
		"'/@scope/x@1.0.0'":                  "@scope/x",
		"canvas@2.11.2":                      "canvas",
		"/@broken":                           "",
		"/@":                                 "",
		"/":                                  "",
		"/name-only":                         "name-only",
		"/better-sqlite3@11.3.0(patch_hash)": "better-sqlite3",
	}
	for in, want := range cases {
		if got := pnpmPackageName(in); got != want {
			t.Errorf("pnpmPackageName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPnpmRequiresBuild(t *testing.T) {
	lock := "lockfileVersion: '6.0'\r\n\r\npackages:\r\n\r\n  /bcrypt@5.1.1:\r\n    resolution: {integrity: x}\r\n    requiresBuild: true\r\n\r\n" +
		"  /fsevents@2.3.3:\r\n    requiresBuild: true\r\n    optional: true\r\n  /esbuild@0.20.0:\r\n    requiresBuild: true\r\n" +
		"  /plain@1.0.0:\r\n    dev: false\r\n\r\nsnapshots:\r\n  /late@1.0.0:\r\n    requiresBuild: true\r\n"
	if got := pnpmRequiresBuild([]byte(lock)); !slices.Equal(got, []string{"bcrypt"}) {
		t.Errorf("pnpmRequiresBuild = %q, want [bcrypt]", got)
	}
}

func TestNpmInstallScripts(t *testing.T) {
	versions := map[string]string{}
	got, err := npmInstallScripts("package-lock.json", []byte(`{"packages": {
		"": {"hasInstallScript": true},
		"node_modules/a/node_modules/bcrypt": {"version": "5.1.1", "hasInstallScript": true},
		"node_modules/sharp": {"version": "0.32.6", "hasInstallScript": true},
		"node_modules/x/node_modules/sharp": {"version": "0.33.5", "hasInstallScript": true},
		"node_modules/bad name": {"hasInstallScript": true},
		"node_modules/opt": {"hasInstallScript": true, "optional": true}}}`), versions)
	if err != nil || !slices.Equal(got, []string{"bcrypt", "sharp", "sharp"}) || versions["sharp"] != "0.32.6" {
		t.Errorf("npmInstallScripts = %q, %v, versions %v", got, err, versions)
	}
	_, err = npmInstallScripts("package-lock.json", []byte(`{"packages": {"hasInstallScript": `), versions)
	var fe *repo.FileError
	if !errors.As(err, &fe) || fe.Line == 0 {
		t.Errorf("malformed lockfile: %v, want a positioned *repo.FileError", err)
	}
	if got, err := npmInstallScripts("package-lock.json", []byte(`not json at all`), versions); err != nil || got != nil {
		t.Errorf("a lockfile that flags nothing is not decoded: %q, %v", got, err)
	}
}

func TestSharpIsNative(t *testing.T) {
	for v, want := range map[string]bool{
		"^0.32.6": true, "0.32.6": true, "~0.31.0": true, "0.30.x": true, "<0.33": true,
		"^0.33.5": false, "0.33.0": false, ">=0.32": false, "*": false, "latest": false, "": false,
		"npm:sharp@0.32.0": false, "0.32.x || 0.33.x": false, "^0.34.1": false,
	} {
		if got := sharpIsNative(v); got != want {
			t.Errorf("sharpIsNative(%q) = %v, want %v", v, got, want)
		}
	}
}
