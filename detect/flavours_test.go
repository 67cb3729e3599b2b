package detect

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/internal/versions"
)

// The flavour policy, for each language, from the registry's rows.
func TestFlavourPolicy(t *testing.T) {
	row := func(name string) *Language {
		l, ok := Lookup(name)
		if !ok {
			t.Fatalf("no row for %s", name)
		}
		return l
	}
	for _, c := range []struct {
		lang  string
		t     Traits
		works []string
		why   map[string]string // a flavour that does not work → part of why
	}{
		{Go, Traits{}, []string{Scratch, Alpine, Slim, Distroless}, nil},
		{Go, Traits{Native: true}, []string{Distroless, Alpine, Slim}, map[string]string{Scratch: "C library"}},
		{Go, Traits{Native: true, NativeDeps: []string{"github.com/google/gopacket"}}, []string{Slim, Alpine}, map[string]string{Distroless: "libpcap0.8"}},
		{Node, Traits{Start: []string{"node", "server.js"}}, []string{Alpine, Slim, Distroless}, map[string]string{Scratch: "interpreted"}},
		{Node, Traits{Native: true, NativeDeps: []string{"bcrypt"}, Start: []string{"node", "a.js"}}, []string{Slim, Alpine, Distroless}, nil},
		{Node, Traits{Native: true, NativeDeps: []string{"canvas"}, Start: []string{"node", "a.js"}}, []string{Slim, Alpine}, map[string]string{Distroless: "libcairo2"}},
		{Node, Traits{Start: []string{"bun", "run", "a.js"}}, []string{Alpine, Slim}, map[string]string{Distroless: "`node …`"}},
		{Node, Traits{Framework: "vite", Start: []string{"nginx", "-g", "daemon off;"}}, []string{Alpine, Slim}, map[string]string{Distroless: "nginx"}},
		{Python, Traits{}, []string{Slim, Alpine}, map[string]string{Distroless: "fixed Python"}},
		{Python, Traits{Native: true, NativeDeps: []string{"psycopg2"}}, []string{Slim}, map[string]string{Alpine: "glibc"}},
	} {
		l := row(c.lang)
		if got := AllowedFlavours(l, c.t); !slices.Equal(got, c.works) {
			t.Errorf("%s %+v: works %v, want %v", c.lang, c.t, got, c.works)
		}
		for f, part := range c.why {
			if why := WhyNotFlavour(l, c.t, f); !strings.Contains(why, part) {
				t.Errorf("%s %+v: why not %s = %q, want it to say %q", c.lang, c.t, f, why, part)
			}
		}
		for _, f := range c.works {
			if why := WhyNotFlavour(l, c.t, f); why != "" {
				t.Errorf("%s: %s works yet has a reason: %q", c.lang, f, why)
			}
		}
	}
	if got := PossibleFlavours(row(Node)); !slices.Equal(got, []string{Alpine, Slim, Distroless}) {
		t.Errorf("node can use %v", got)
	}
}

// Every row is complete: the rest of dockslim reads these fields without
// checking them.
func TestRegistryRowsComplete(t *testing.T) {
	for _, l := range Languages() {
		if l.Name == "" || l.Title == "" || len(l.Manifests) == 0 || len(l.SourceExts) == 0 || len(l.Managers) == 0 ||
			l.NativeTitle == "" || l.Toolchain == "" || l.Detect == nil || l.Recommend == nil || l.SystemPackages == nil {
			t.Errorf("row %q is incomplete: %+v", l.Name, l)
		}
		if versions.MustLoad().Defaults[l.Name] == "" {
			t.Errorf("versions.yaml has no default version for %s", l.Name)
		}
		if names := FlavourNames(); len(l.Flavours) != len(names) {
			t.Errorf("%s has rules for %d flavours, want one for each of %v", l.Name, len(l.Flavours), names)
		}
		for i, r := range l.Flavours {
			if r.Name != FlavourNames()[i] {
				t.Errorf("%s: flavour rule %d is %q, want canonical order %v", l.Name, i, r.Name, FlavourNames())
			}
		}
	}
}
