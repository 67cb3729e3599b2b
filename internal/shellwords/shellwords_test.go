package shellwords

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	ok := []struct {
		in   string
		want []string
	}{
		{"node server.js", []string{"node", "server.js"}},
		{"  node\t--enable-source-maps   dist/main.js ", []string{"node", "--enable-source-maps", "dist/main.js"}},
		{`node "my app.js"`, []string{"node", "my app.js"}},
		{`echo 'a $b && c'`, []string{"echo", "a $b && c"}},
		{`echo "say \"hi\""`, []string{"echo", `say "hi"`}},
		{`echo a\ b`, []string{"echo", "a b"}},
		{`echo ''`, []string{"echo", ""}},
		{`x=1`, []string{"x=1"}},
		{`node a#b`, []string{"node", "a#b"}},
		{`gunicorn --bind 0.0.0.0:8000 proj.wsgi`, []string{"gunicorn", "--bind", "0.0.0.0:8000", "proj.wsgi"}},
	}
	for _, c := range ok {
		got, err := Split(c.in)
		if err != nil {
			t.Errorf("Split(%q): %v", c.in, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Split(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	bad := map[string]string{
		"a && b":         `"&&"`,
		"a || b":         `"||"`,
		"a | b":          `"|"`,
		"a; b":           `";"`,
		"a &":            `"&"`,
		"a > out":        `">"`,
		"a >> out":       `">>"`,
		"a < in":         `"<"`,
		"echo $(id)":     "$(...)",
		"echo `id`":      "`...`",
		`echo "$(id)"`:   "$(...)",
		"echo $HOME":     "variable expansion",
		"a\nb":           "line break",
		"a\x00b":         "NUL",
		"echo 'open":     "unterminated single quote",
		`echo "open`:     "unterminated double quote",
		`echo trailing\`: "trailing backslash",
		"node x # note":  "comment",
		"(cd x)":         `"("`,
	}
	for in, reason := range bad {
		_, err := Split(in)
		var ue *UnsafeError
		if !errors.As(err, &ue) {
			t.Errorf("Split(%q) = %v, want an *UnsafeError", in, err)
			continue
		}
		if !strings.Contains(ue.Reason, reason) {
			t.Errorf("Split(%q) reason %q, want it to mention %s", in, ue.Reason, reason)
		}
	}
	if _, err := Split("   "); !errors.Is(err, ErrEmpty) {
		t.Errorf("Split(blank) = %v, want ErrEmpty", err)
	}
}

func TestJoinRoundTrips(t *testing.T) {
	for _, argv := range [][]string{
		{"node", "server.js"},
		{"node", "my app.js", "it's"},
		{"echo", "", "$HOME", "a&&b"},
	} {
		got, err := Split(Join(argv))
		if err != nil || !reflect.DeepEqual(got, argv) {
			t.Errorf("Split(Join(%q)) = %q, %v", argv, got, err)
		}
	}
}

func TestLeadingAssignments(t *testing.T) {
	env, cmd := LeadingAssignments([]string{"NODE_ENV=production", "A1=", "node", "X=1"})
	if !reflect.DeepEqual(env, []string{"NODE_ENV=production", "A1="}) || !reflect.DeepEqual(cmd, []string{"node", "X=1"}) {
		t.Errorf("got %q %q", env, cmd)
	}
	env, _ = LeadingAssignments([]string{"1A=x", "node"})
	if len(env) != 0 {
		t.Errorf("1A=x is not an assignment, got %q", env)
	}
}

func TestCheckBuild(t *testing.T) {
	for _, ok := range []string{"", "tsc -b && vite build", "npm run build", "go build -o /out/app ./cmd/x | tee log"} {
		if err := CheckBuild(ok); err != nil {
			t.Errorf("CheckBuild(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"a\nb", "a\rb", "a\x00", "make \\", "cat <<EOF"} {
		if err := CheckBuild(bad); err == nil {
			t.Errorf("CheckBuild(%q) accepted", bad)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"node server.js", `a "b c" 'd'`, "a && b", "echo $(x)", `\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		argv, err := Split(s)
		if err != nil {
			return
		}
		for _, w := range argv {
			if strings.ContainsAny(w, "\n\r\x00") {
				t.Fatalf("Split(%q) let a line break or NUL through: %q", s, argv)
			}
		}
		again, err := Split(Join(argv))
		if err != nil || !reflect.DeepEqual(again, argv) {
			t.Fatalf("Join(Split(%q)) does not round-trip: %q -> %q (%v)", s, argv, again, err)
		}
	})
}
