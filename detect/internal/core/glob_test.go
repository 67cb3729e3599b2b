package core

import "testing"

func TestGlobMatch(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"packages/*", "packages/a", true},
		{"packages/*", "packages/a/b", false},
		{"packages/**", "packages/a/b", true},
		{"**", "a/b/c", true},
		{"apps/api", "apps/api", true},
		{"src/**/*.ts", "src/a.ts", true},
		{"src/**/*.ts", "src/x/y/a.ts", true},
		{"src/**/*.ts", "lib/a.ts", false},
		{"**/*spec.ts", "src/app.spec.ts", true},
		{"[", "x", false},
		{"**/b*/**/b*/**/b*/**/b*/**/b*/a", "b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/a", false},
		{"**/**/**/**/**/**/a", "b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/b/a", true},
		{"**/**/a", "b/a", true},
	}
	for _, c := range cases {
		if got := GlobMatch(c.pattern, c.name); got != c.want {
			t.Errorf("GlobMatch(%q, %q) = %v", c.pattern, c.name, got)
		}
	}
}
