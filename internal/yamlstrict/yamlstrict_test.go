package yamlstrict

import (
	"strings"
	"testing"
)

func TestDecodeIsStrictAndOneLine(t *testing.T) {
	type inner struct {
		Port int `yaml:"port"`
	}
	type doc struct {
		Name  string `yaml:"name"`
		Inner inner  `yaml:"inner"`
	}
	for src, want := range map[string]string{
		"name: a\nnmae: b\n":             `line 2: unknown key "nmae"`,
		"name: a\ninner:\n  prot: 1\n":   `line 3: unknown key "prot"`,
		"inner:\n  port: eighty\n":       `line 2: "eighty" is not a valid integer`,
		"name: [a\n":                     "line 1",
		"name: a\nx: 1\ninner: {y: 2}\n": `line 2: unknown key "x"; line 3: unknown key "y"`,
	} {
		var d doc
		err := Decode([]byte(src), &d)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Decode(%q) = %v, want one line containing %q", src, err, want)
		}
	}
	var d doc
	if err := Decode(nil, &d); err != nil {
		t.Errorf("empty document: %v", err)
	}
}
