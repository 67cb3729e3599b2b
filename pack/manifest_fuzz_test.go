package pack

import (
	"testing"

	"github.com/dockslim/dockslim/templates"
)

// FuzzParseManifest feeds dockslim-pack.yaml files: parsing never panics,
// and a manifest that parses has images that resolve and variable
// defaults that are their own canonical form.
func FuzzParseManifest(f *testing.F) {
	embedded, err := templates.FS.ReadFile(ManifestFile)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(embedded)
	f.Add([]byte("name: acme\nversion: 1.2.0\nrequires: \">=0.4.0\"\nimages: {node: registry.acme.internal/node}\nmirrors: {docker.io: registry.acme.internal/hub}\nflavours: {node: slim}\nvars: {team: {type: string, default: platform}, tier: {type: int, default: 3}, hc: {type: bool, default: no}}\n"))
	f.Add([]byte("name: x\nversion: 1\nimages: {node: \"node:latest\"}\n"))
	f.Add([]byte("name: x\nversion: 1.0.0\nflavours: {node: scratch}\n"))
	f.Add([]byte("name: x\nversion: 1.0.0\nvars: {v: {type: int, default: [1]}}\n"))
	f.Add([]byte("name: ../../etc\nversion: 1.0.0\n"))
	f.Add([]byte("{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data)
		if err != nil {
			return
		}
		if _, err := m.resolveImages(); err != nil {
			t.Fatalf("a manifest that parsed has images that do not resolve: %v", err)
		}
		for name, v := range m.Vars {
			norm, err := normaliseValue(v.Type, v.def, false)
			if err != nil || norm != v.def {
				t.Fatalf("default of %s is %q, which normalises to %q (%v)", name, v.def, norm, err)
			}
		}
	})
}
