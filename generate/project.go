package generate

import (
	"context"

	"github.com/dockslim/dockslim/detect"
)

// Request is what answers are resolved from: the project directory and
// what a person said (flags, a golden case's answers.yaml, a form).
type Request struct {
	Dir string
	// Detect carries the choices that change derived facts (language,
	// package manager, Go main package).
	Detect    detect.Options
	Overrides Overrides
}

// Resolve detects the project and applies the request, checking that
// nothing is left undecided (Complete). It is init's non-interactive path
// and the golden suite's, so both resolve answers the same way.
func Resolve(ctx context.Context, req Request) (*Answers, *detect.Facts, error) {
	f, err := detect.Detect(ctx, req.Dir, req.Detect)
	if err != nil {
		return nil, nil, err
	}
	if req.Detect.PackageManager != "" {
		if err := CheckPackageManager(f.Language, req.Detect.PackageManager); err != nil {
			return nil, nil, err
		}
	}
	a := FromFacts(f)
	if err := Apply(a, req.Overrides); err != nil {
		return nil, nil, err
	}
	if err := Complete(a, f, req.Detect.PackageManager != ""); err != nil {
		return nil, nil, err
	}
	return a, f, nil
}
