package project

import (
	"context"
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
