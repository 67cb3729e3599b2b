package audit

import (
	_ "embed"
	"fmt"
	"path"
	"sync"

	"github.com/dockslim/dockslim/internal/yamlstrict"
)

//go:embed sizes.yaml
var sizesYAML []byte

type sizeTable struct {
	Checked string `yaml:"checked"`
	Images  []struct {
		Repo string `yaml:"repo"`
		Tag  string `yaml:"tag"`
		Low  int    `yaml:"low"`
		High int    `yaml:"high"`
	} `yaml:"images"`
}

// sizes is sizes.yaml, read once (it is part of the binary).
var sizes = sync.OnceValues(func() (*sizeTable, error) {
	var t sizeTable
	if err := yamlstrict.Decode(sizesYAML, &t); err != nil {
		return nil, fmt.Errorf("audit/sizes.yaml: %w", err)
	}
	return &t, nil
})

// sizeOf is the size range of an image reference, and whether the table
// knows it.
func sizeOf(ref string) (low, high int, ok bool) {
	t, err := sizes()
	if err != nil {
		return 0, 0, false
	}
	name, tag := splitImage(ref)
	for _, row := range t.Images {
		if m, _ := path.Match(row.Repo, name); !m {
			continue
		}
		if row.Tag != "" {
			if m, _ := path.Match(row.Tag, tag); !m {
				continue
			}
		}
		return row.Low, row.High, true
	}
	return 0, 0, false
}

// Saving is what fixing a finding saves, estimated: a range of
// uncompressed MB, and what the estimate rests on.
type Saving struct {
	LowMB  int    `json:"lowMB"`
	HighMB int    `json:"highMB"`
	From   string `json:"from"`
}

// baseSaving estimates the saving of moving from one base to another.
func baseSaving(from, to string) *Saving {
	fl, fh, ok1 := sizeOf(from)
	tl, th, ok2 := sizeOf(to)
	if !ok1 || !ok2 || fl <= th {
		return nil
	}
	t, _ := sizes()
	return &Saving{LowMB: fl - th, HighMB: fh - tl, From: fmt.Sprintf("base image sizes (audit/sizes.yaml, checked %s): %s %d-%d MB, %s %d-%d MB", t.Checked, from, fl, fh, to, tl, th)}
}
