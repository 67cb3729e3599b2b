package python

import (
	"slices"
	"testing"
)

func TestSystemPackages(t *testing.T) {
	p, err := systemPackages([]string{"mysqlclient", "psycopg2"}, true, "bookworm")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"default-libmysqlclient-dev", "gcc", "libc6-dev", "libpq-dev", "pkg-config"}; !slices.Equal(p.Build, want) {
		t.Errorf("build %q, want %q", p.Build, want)
	}
	if want := []string{"libmariadb3", "libpq5"}; !slices.Equal(p.Runtime, want) {
		t.Errorf("runtime %q, want %q", p.Runtime, want)
	}
	if p, err := systemPackages(nil, true, "bookworm"); err != nil || !slices.Equal(p.Build, []string{"gcc", "libc6-dev"}) {
		t.Errorf("--native alone: %+v, %v", p, err)
	}
	if _, err := systemPackages([]string{"psycopg2"}, true, "alpine"); err == nil {
		t.Error("native Python packages on alpine: want an error (the flavour policy never asks)")
	}
}
