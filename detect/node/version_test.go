package node

import (
	"testing"

	"github.com/dockslim/dockslim/internal/versions"
)

func TestResolveNodeRange(t *testing.T) {
	tab := versions.MustLoad()
	ok := map[string]int{
		">=18 <23":                 22,
		">= 18 < 23":               22,
		"^18 || ^20":               20,
		"^20||^22":                 22,
		"18.x":                     18,
		"20.x || 22.x":             22,
		">=18":                     26,
		">=18.0.0":                 26,
		"*":                        26,
		"x":                        26,
		"18 - 22":                  22,
		"18 - 24":                  24,
		"~20.11":                   20,
		"~20.11.1":                 20,
		"^20.11.0":                 20,
		"v20":                      20,
		"=22":                      22,
		"22":                       22,
		">=20.3 <20.4":             20,
		">20.3.0 <20.3.5":          20,
		">=18.0.0 <19.0.0 || >=20": 26,
		"^16.14.0 || >=18.0.0":     26,
		"<=22":                     22,
		"<23":                      22,
		">=18.x":                   26,
		">=20.0.0-0":               26,
		"^22.0.0-rc.1":             22,
		">=14 <21":                 20,
		"<27":                      26,
		">=26":                     26,
	}
	for rng, want := range ok {
		got, err := resolveNodeRange(rng, tab)
		if err != nil || got != want {
			t.Errorf("resolveNodeRange(%q) = %d, %v; want %d", rng, got, err, want)
		}
	}
	for _, bad := range []string{"", "  ", ">=21 <22", "^23", ">=27", "latest", "lts", "node", "banana", ">=18 <18", "^19 || ^21"} {
		if got, err := resolveNodeRange(bad, tab); err == nil {
			t.Errorf("resolveNodeRange(%q) = %d, want an error", bad, got)
		}
	}
}

func TestResolveNvmrc(t *testing.T) {
	tab := versions.MustLoad()
	ok := map[string]string{
		"20": "20", "v20": "20", "v20.11.1": "20.11.1", "20.11.1": "20.11.1", "20.11": "20.11", "V22.1.0": "22.1.0",
		"lts/*": "26", "lts/iron": "20", "lts/Jod": "22", "lts/krypton": "24", "lts/hydrogen": "18",
		"lts/-1": "24", "lts/-0": "26", "node": "26", "latest": "26", "current": "26", "stable": "26",
	}
	for in, want := range ok {
		got, found := resolveNvmrc(in, tab)
		if !found || got != want {
			t.Errorf("resolveNvmrc(%q) = %q, %v; want %q", in, got, found, want)
		}
	}
	for _, bad := range []string{"lts/argonaut", "lts/", "lts/-99", "iojs", "20.x", ">=20", "v", "1.2.3.4", "system", "lts/-x"} {
		if got, found := resolveNvmrc(bad, tab); found {
			t.Errorf("resolveNvmrc(%q) = %q, want unknown", bad, got)
		}
	}
}

func TestVersionFileValue(t *testing.T) {
	cases := map[string]string{
		"20\n":                         "20",
		"  v20.11.1  \r\n":             "v20.11.1",
		"# comment\n\nlts/iron # x\n":  "lts/iron",
		"\n\n":                         "",
		"#only\n":                      "",
		"22 trailing words":            "22",
		"\ufeff20":                     "\ufeff20",
		"lts/*\nignored second line\n": "lts/*",
	}
	for in, want := range cases {
		if got := versionFileValue([]byte(in)); got != want {
			t.Errorf("versionFileValue(%q) = %q, want %q", in, got, want)
		}
	}
}
