package node

import (
	"encoding/json"
	"testing"
)

func TestSafeRelPath(t *testing.T) {
	ok := map[string]string{"dist": "dist", "./dist/": "dist", "build/server": "build/server", ".yarn/releases/yarn-4.1.0.cjs": ".yarn/releases/yarn-4.1.0.cjs", "a/../b": "b", "@x/y+z": "@x/y+z"}
	for in, want := range ok {
		if got, good := safeRelPath(in); !good || got != want {
			t.Errorf("safeRelPath(%q) = %q, %v; want %q", in, got, good, want)
		}
	}
	for _, bad := range []string{"", ".", "./", "..", "../x", "a/../../x", "/etc", `a\b`, "a b", "a\nb", "$(id)", "a;b", "x`y`", "dist\"", "~/x"} {
		if got, good := safeRelPath(bad); good {
			t.Errorf("safeRelPath(%q) = %q, want refused", bad, got)
		}
	}
}

func TestStripJSONC(t *testing.T) {
	cases := map[string]string{
		`{"a": 1, // x` + "\n" + `"b": "// not a comment", /* c */ "c": [1, 2,],}`: `{"a":1,"b":"// not a comment","c":[1,2]}`,
		`{"a": "\"/*", "b": 2}`:            `{"a":"\"/*","b":2}`,
		"{/* unterminated":                 "",
		`{"a": [1, /* x */ ], "b": {},}`:   `{"a":[1],"b":{}}`,
		`{"s": "a,}"}`:                     `{"s":"a,}"}`,
		"// only a comment\n{\"a\": true}": `{"a":true}`,
	}
	for in, want := range cases {
		out := stripJSONC([]byte(in))
		if len(out) != len(in) {
			t.Errorf("stripJSONC(%q) changed the length", in)
		}
		var v any
		err := json.Unmarshal(out, &v)
		if want == "" {
			if err == nil {
				t.Errorf("stripJSONC(%q) = %q, want invalid JSON", in, out)
			}
			continue
		}
		got, _ := json.Marshal(v)
		if err != nil || string(got) != want {
			t.Errorf("stripJSONC(%q) = %q (%v), want %s", in, out, err, want)
		}
	}
}
