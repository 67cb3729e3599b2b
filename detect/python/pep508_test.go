package python

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestPyNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"Django":                "django",
		"Django_REST.Framework": "django-rest-framework",
		"zope.interface":        "zope-interface",
		"a__b--c..d":            "a-b-c-d",
		"psycopg2-binary":       "psycopg2-binary",
	} {
		if got := normalizeName(in); got != want {
			t.Errorf("normalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPyParseRequirement(t *testing.T) {
	ok := []struct {
		in     string
		name   string
		extras []string
		spec   string
		url    string
		linux  bool
	}{
		{"requests", "requests", nil, "", "", true},
		{"  Flask >= 2.0 , < 4 ", "flask", nil, ">=2.0,<4", "", true},
		{"requests[socks, security]>=2.31", "requests", []string{"socks", "security"}, ">=2.31", "", true},
		{"flask (>=3.0,<4.0)", "flask", nil, ">=3.0,<4.0", "", true},
		{"pkg==1.0.*", "pkg", nil, "==1.0.*", "", true},
		{"pkg===weird-1", "pkg", nil, "===weird-1", "", true},
		{"pkg~=1.4.2", "pkg", nil, "~=1.4.2", "", true},
		{`tzdata; sys_platform == "win32"`, "tzdata", nil, "", "", false},
		{`uvloop ; sys_platform != 'win32' and platform_python_implementation == "CPython"`, "uvloop", nil, "", "", true},
		{`colorama; platform_system == "Windows" or os_name == "nt"`, "colorama", nil, "", "", false},
		{`importlib-metadata; python_version < "3.10"`, "importlib-metadata", nil, "", "", true},
		{`pywin32 ; (sys_platform == "win32") and python_version >= "3"`, "pywin32", nil, "", "", false},
		{`dev-tool; extra == "dev"`, "dev-tool", nil, "", "", false},
		{`x; "linux" in sys_platform`, "x", nil, "", "", true},
		{`x; sys_platform not in "win32 cygwin"`, "x", nil, "", "", true},
		{"mylib @ https://example.com/mylib-1.0.tar.gz", "mylib", nil, "", "https://example.com/mylib-1.0.tar.gz", true},
		{`mylib[a] @ git+https://h/r.git@v1 ; os_name == "nt"`, "mylib", []string{"a"}, "", "git+https://h/r.git@v1", false},
		{"A.B_c", "a-b-c", nil, "", "", true},
		{"pkg[]", "pkg", nil, "", "", true},
	}
	for _, c := range ok {
		got, err := parseRequirement(c.in)
		if err != nil {
			t.Errorf("parseRequirement(%q): %v", c.in, err)
			continue
		}
		if got.Name != c.name || !reflect.DeepEqual(got.Extras, c.extras) || got.Spec != c.spec || got.URL != c.url || got.Linux != c.linux {
			t.Errorf("parseRequirement(%q) = %+v, want name %q extras %q spec %q url %q linux %v", c.in, got, c.name, c.extras, c.spec, c.url, c.linux)
		}
	}
	bad := []string{
		"", " ", "-pkg", "pkg-", "pkg >>= 2", "pkg >= ", "pkg[", "pkg[a b]", "pkg ; ", "pkg ; os_name ==",
		`pkg ; nope == "x"`, `pkg ; os_name == "x`, "pkg @", "$(curl evil)", "pkg 1.0", "pkg >=1.0 extra",
		`pkg ; (os_name == "x"`, "pkg==1.0; os_name == 'a' and", "pkg\nother",
	}
	for _, in := range bad {
		if _, err := parseRequirement(in); err == nil {
			t.Errorf("parseRequirement(%q) succeeded, want an error", in)
		} else if se := (*syntaxError)(nil); !errors.As(err, &se) {
			t.Errorf("parseRequirement(%q) error %T is not a *syntaxError", in, err)
		}
	}
}

// normNameRE is what a normalised name looks like.
var normNameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func FuzzPEP508(f *testing.F) {
	for _, s := range []string{
		"requests[socks]>=2.31,<3 ; python_version < \"3.12\"",
		"mylib @ https://example.com/x.whl ; sys_platform == 'linux'",
		"flask (>=3.0,<4.0)", "Django_REST.Framework[markdown]", `x; (os_name == "nt" or extra == "a") and python_version>"3"`,
		"pkg===1!2.0+local", "((((", "$(id)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		req, err := parseRequirement(s)
		if err != nil {
			var se *syntaxError
			if !errors.As(err, &se) || se.Pos < 0 || se.Pos > len(s) {
				t.Fatalf("error %v (%T) has no valid position", err, err)
			}
			return
		}
		if !normNameRE.MatchString(req.Name) {
			t.Fatalf("name %q is not normalised", req.Name)
		}
		for _, e := range req.Extras {
			if !normNameRE.MatchString(e) {
				t.Fatalf("extra %q is not normalised", e)
			}
		}
		if strings.ContainsAny(req.Name, "$()\n\r;& ") {
			t.Fatalf("unsafe name %q", req.Name)
		}
	})
}
