package buildinfo

import "testing"

func TestIsDevelopment(t *testing.T) {
	for v, want := range map[string]bool{
		"(devel)":                             true,
		"":                                    true,
		"0.0.0-20261127101500-abcdef123456":   true,
		"0.4.1-0.20261127101500-abcdef123456": true,
		"0.4.0+dirty":                         true,
		"0.4.0":                               false,
		"1.2.3-rc.1":                          false,
	} {
		if got := IsDevelopment(v); got != want {
			t.Errorf("IsDevelopment(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestVersionInTests(t *testing.T) {
	// A test binary has no module version: it must report (devel).
	if v := Version(); v != Devel {
		t.Errorf("Version() = %q in a test binary, want %q", v, Devel)
	}
}
