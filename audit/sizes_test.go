package audit

import "testing"

// The size table reads, matches variants before the full image, and an
// estimate is the difference of the ranges.
func TestSizes(t *testing.T) {
	for ref, want := range map[string][2]int{
		"node:20":                   {1000, 1150},
		"node:20-slim":              {190, 260},
		"node:22-alpine3.20":        {125, 175},
		"docker.io/library/node":    {1000, 1150},
		"python:3.12-slim-bookworm": {120, 170},
		"golang:1.24":               {800, 900},
		"gcr.io/distroless/static-debian12:nonroot": {2, 3},
	} {
		lo, hi, ok := sizeOf(ref)
		if !ok || lo != want[0] || hi != want[1] {
			t.Errorf("sizeOf(%s) = %d-%d, %v; want %d-%d", ref, lo, hi, ok, want[0], want[1])
		}
	}
	if _, _, ok := sizeOf("registry.acme.example/app:1"); ok {
		t.Error("an unknown image has a size")
	}
	s := baseSaving("node:20", "node:20-slim")
	if s == nil || s.LowMB != 1000-260 || s.HighMB != 1150-190 || s.From == "" {
		t.Errorf("node:20 → node:20-slim: %+v", s)
	}
	if baseSaving("node:20-slim", "node:20") != nil {
		t.Error("a larger target saves something")
	}
}
