package core

import (
	"maps"
	"testing"
)

func TestConfidence(t *testing.T) {
	f := NewFacts("go", nil)
	f.LanguageVersion = "1.26" // a default: no source
	f.PackageManager = "go"
	f.Source("packageManager", "go.mod")
	f.Port = 8090
	f.Likely("port", "config.go:12")
	f.Main = "./cmd/api"
	f.Likely("main", "cmd/api/main.go")
	f.Source("main", "--main") // a flag settles it: certain again
	f.BuildCommand = "go build ./cmd/api"
	f.Follows("buildCommand", "main")
	f.Follows("start", "main") // start is empty: it follows nothing
	f.settleConfidence()

	want := map[string]string{
		"language":        Default, // NewFacts sets the language without a source
		"languageVersion": Default,
		"packageManager":  Certain,
		"port":            Likely,
		"main":            Certain,
		"buildCommand":    Certain,
	}
	if !maps.Equal(f.Confidence, want) {
		t.Errorf("confidence = %v, want %v", f.Confidence, want)
	}
	if _, ok := f.Sources["start"]; ok {
		t.Errorf("an empty start got a source: %q", f.Sources["start"])
	}
	for key, prov := range map[string]string{"port": "config.go:12 (likely)", "main": "--main", "languageVersion": "default"} {
		if got := f.Provenance(key); got != prov {
			t.Errorf("Provenance(%s) = %q, want %q", key, got, prov)
		}
	}
}
