package project

import (
	"context"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/templates"
)

func TestRecordRoundTripRendersSameBytes(t *testing.T) {
	ctx := context.Background()
	a := nodeAnswers()
	files, err := generate.Render(ctx, a, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	data, err := NewRecord("0.4.0", a, nil, files).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ParseRecord(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := generate.Render(ctx, rec.Answers, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	for i := range files {
		if string(files[i].Data) != string(again[i].Data) {
			t.Errorf("%s differs after a .dockslim.yaml round trip", files[i].Name)
		}
		if rec.Files[files[i].Name] != Digest(files[i].Data) {
			t.Errorf("digest of %s not recorded", files[i].Name)
		}
	}
	if _, err := ParseRecord(append(data, []byte("surprise: 1\n")...)); err == nil {
		t.Error("unknown key accepted")
	}
}

// A .dockslim.yaml written by dockslim 0.4, which recorded the system
// packages of native dependencies, still loads; the names are not read
// (they follow the base image now) and are never written again.
func TestRecordWithLegacyPackagesLoads(t *testing.T) {
	old := `schema: 1
dockslim: 0.4.0
answers:
  language: go
  languageVersion: "1.24"
  packageManager: go
  flavour: alpine
  main: .
  port: 8080
  buildCommand: go build -trimpath -ldflags="-s -w" -o /out/app .
  start: [/app]
  nativeDeps: [github.com/confluentinc/confluent-kafka-go/v2]
  native: true
  manifestFiles: [go.mod, go.sum]
  buildPackages: [gcc, libc6-dev]
  runtimePackages: []
  alpinePackages: [gcc, musl-dev]
  alpineRuntimePackages: []
  go: {module: example.com/k, vendor: false, alpineTags: [musl]}
  vars: {}
files: {}
`
	rec, err := ParseRecord([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if !rec.HadLegacy {
		t.Error("legacy answers not noticed")
	}
	files, err := generate.Render(context.Background(), rec.Answers, templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	df := string(files[0].Data)
	for _, want := range []string{"apk add --no-cache gcc musl-dev", "GOFLAGS=-tags=musl"} {
		if !strings.Contains(df, want) {
			t.Errorf("the alpine build lacks %q (chosen from the base image now):\n%s", want, df)
		}
	}
	data, err := NewRecord("0.5.0", rec.Answers, nil, files).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"buildPackages", "alpinePackages", "runtimePackages", "alpineTags"} {
		if strings.Contains(string(data), gone) {
			t.Errorf("%s written again:\n%s", gone, data)
		}
	}
}
