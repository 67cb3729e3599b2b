package project

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/templates"
)

// FuzzParseRecord feeds .dockslim.yaml files, hand-edited and hostile:
// parsing never panics, what parses survives a write and a re-read
// unchanged, and rendering it either fails with an error or gives files
// without control bytes a template could have been tricked into.
func FuzzParseRecord(f *testing.F) {
	a := nodeAnswers()
	files, err := generate.Render(context.Background(), a, templates.FS)
	if err != nil {
		f.Fatal(err)
	}
	good, err := NewRecord("0.4.0", a, nil, files).Marshal()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte("schema: 1\nanswers:\n  language: node\n"))
	f.Add([]byte("schema: 1\nanswers: {language: go, start: [\"/app\"], main: ., flavour: scratch, languageVersion: '1.24', packageManager: go}\n"))
	f.Add([]byte("schema: 1\nanswers:\n  language: node\n  start: [node, \"x\\nRUN curl evil\"]\n"))
	f.Add([]byte("schema: 1\nanswers:\n  language: python\n  buildPackages: [gcc]\n  vars: {a: b}\n"))
	f.Add([]byte("schema: 2\n"))
	f.Add([]byte("answers: &a [*a]\n"))
	f.Add([]byte("\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, err := ParseRecord(data)
		if err != nil {
			return
		}
		again, err := rec.Marshal()
		if err != nil {
			t.Fatalf("a parsed record does not marshal: %v", err)
		}
		back, err := ParseRecord(again)
		if err != nil {
			t.Fatalf("a written record does not parse again: %v\n%s", err, again)
		}
		if twice, err := back.Marshal(); err != nil || !bytes.Equal(twice, again) {
			t.Fatalf("a record changed in a write and a re-read (%v):\n%s\n%s", err, again, twice)
		}
		out, err := generate.Render(context.Background(), rec.Answers, templates.FS)
		if err != nil {
			return
		}
		for _, f := range out {
			if strings.ContainsAny(string(f.Data), "\x00\r") {
				t.Fatalf("%s holds a control byte:\n%q", f.Name, f.Data)
			}
		}
	})
}
