package python

import (
	"regexp"
	"testing"
)

func TestPyLowerBound(t *testing.T) {
	cases := []struct {
		spec   string
		poetry bool
		want   string
	}{
		{">=3.10", false, "3.10"},
		{">= 3.10", false, "3.10"},
		{">=3.9,<3.13", false, "3.9"},
		{"<3.13,>=3.9", false, "3.9"},
		{"~=3.11", false, "3.11"},
		{"~=3.11.4", false, "3.11"},
		{"==3.12.*", false, "3.12"},
		{"==3.12.3", false, "3.12.3"},
		{"===3.12.3", false, "3.12.3"},
		{">3.10", false, "3.11"},
		{">3.10.4", false, "3.10"},
		{">=3.10.2", false, "3.10"},
		{">=3.8,>=3.10", false, "3.10"},
		{">=3.13.0a1", false, "3.13"},
		{"!=3.12.*,>=3.9", false, "3.9"},
		{"<3.13", false, ""},
		{"*", false, ""},
		{"^3.11", true, "3.11"},
		{"~3.11", true, "3.11"},
		{">=3.10,<4.0", true, "3.10"},
		{">=3.10 <4.0", true, "3.10"},
		{"3.11.*", true, "3.11"},
		{"3.12", true, "3.12"},
		{"^2.7 || ^3.6", true, "3.6"},
		{"^3.8|^3.9", true, "3.9"},
		{"*", true, ""},
	}
	for _, c := range cases {
		got, err := lowerBound(c.spec, c.poetry)
		if err != nil || got != c.want {
			t.Errorf("lowerBound(%q, poetry=%v) = %q, %v; want %q", c.spec, c.poetry, got, err, c.want)
		}
	}
	for _, bad := range []string{"latest", ">=", ">=three", "^3.11", ">=3.10;", "1!2.0", ">=3.10 and"} {
		if got, err := lowerBound(bad, false); err == nil {
			t.Errorf("lowerBound(%q) = %q, want an error", bad, got)
		}
	}
}

func TestPyExcludes(t *testing.T) {
	cases := []struct {
		spec string
		v    string
		want bool
	}{
		{"<3.13", "3.14", true},
		{"<3.15", "3.14", false},
		{"<=3.13", "3.14", true},
		{"<=3.14", "3.14", false},
		{">=3.10,<3.14", "3.14", true},
		{">=3.10", "3.14", false},
		{"junk", "3.14", false},
	}
	for _, c := range cases {
		if got := excludes(c.spec, false, c.v); got != c.want {
			t.Errorf("excludes(%q, %q) = %v, want %v", c.spec, c.v, got, c.want)
		}
	}
}

var releaseRE = regexp.MustCompile(`^\d+(\.\d+)*$`)

func FuzzRequiresPython(f *testing.F) {
	for _, s := range []string{">=3.9,<3.13", "~=3.11", "==3.12.*", ">3.10", "^3.11 || ^2.7", ">=3.10 <4.0", "latest", "*"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, spec string, poetry bool) {
		v, err := lowerBound(spec, poetry)
		if err == nil && v != "" && !releaseRE.MatchString(v) {
			t.Fatalf("lowerBound(%q) = %q, not a release", spec, v)
		}
		_ = excludes(spec, poetry, "3.14")
	})
}
