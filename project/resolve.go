package project

import (
	"context"
	"fmt"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/pack"
)

// Resolution is the answers a command renders from, with what they were
// resolved from.
type Resolution struct {
	Answers *generate.Answers
	// Facts is detection as the inputs (and the record) steered it.
	Facts *detect.Facts
	// Recorded is true when answers recorded in .dockslim.yaml took part.
	Recorded bool
	// Warnings are for the person: detection's, facts that changed since
	// the record was written, and the pack's.
	Warnings []string
}

// Resolve computes the answers for the inputs, in rising precedence:
// detection, the answers .dockslim.yaml records (for the same language),
// the inputs; then the pack's default flavour (when no one chose one)
// and its variables. It is the one resolution behind `init --yes`, the
// form and the golden suite.
//
// Recorded choices steer detection like flags do. When an input changes
// what detection derives (another --pm, --main or --lang), a recorded
// answer that is what detection produced back then follows the new
// detection, and one that differs from it — a person's choice, such as
// a port typed into the form — is kept: see mergeRecorded.
//
// An answer nothing can decide safely is an *AmbiguousError (several Go
// main packages, lockfiles of two package managers) or a *MissingError
// (no start command).
func (p *Project) Resolve(ctx context.Context, in Inputs, pk *pack.Pack) (*Resolution, error) {
	if err := in.Check(); err != nil {
		return nil, err
	}
	var rec *generate.Answers
	if p.record != nil {
		rec = p.record.Answers
	}
	steer := detect.Options{Language: in.Lang, PackageManager: in.PM, Main: in.Main}
	if rec != nil {
		if steer.Language == "" {
			steer.Language = rec.Language
		}
		if steer.Language != rec.Language {
			rec = nil // a record of another language says nothing about this one
		} else {
			if steer.PackageManager == "" {
				steer.PackageManager = rec.PackageManager
			}
			if steer.Main == "" {
				steer.Main = rec.Main
			}
		}
	}
	f, err := p.Detect(ctx, steer)
	if err != nil {
		return nil, err
	}
	if steer.PackageManager != "" {
		if err := generate.CheckPackageManager(f.Language, steer.PackageManager); err != nil {
			return nil, err
		}
	}
	res := &Resolution{Facts: f, Recorded: rec != nil, Warnings: append([]string{}, f.Warnings...)}
	if p.record != nil && p.record.HadLegacy {
		res.Warnings = append(res.Warnings, RecordFile+" records system package names (buildPackages, runtimePackages…), which dockslim no longer reads: it chooses them for the base image the Dockerfile uses; the next write drops them")
	}
	a := generate.FromFacts(f)
	if rec != nil {
		recSteer := detect.Options{Language: rec.Language, PackageManager: rec.PackageManager, Main: rec.Main}
		then := a
		if recSteer != steer {
			old, err := p.Detect(ctx, recSteer)
			if err != nil {
				return nil, fmt.Errorf("%w (the answers %s records)", err, RecordFile)
			}
			then = generate.FromFacts(old)
		} else {
			for _, c := range changedFacts(rec, a) {
				res.Warnings = append(res.Warnings, "detected "+c+" since "+RecordFile+" was written; keeping the recorded answer (pass the flag to change it)")
			}
		}
		a = mergeRecorded(rec, then, a)
	}
	if err := in.apply(a); err != nil {
		return nil, err
	}
	if err := complete(a, f, steer.PackageManager != ""); err != nil {
		return nil, err
	}
	if pk == nil {
		if pk, err = pack.Embedded(); err != nil {
			return nil, err
		}
	}
	// The pack's default flavour applies only where nobody chose one: no
	// --flavour, and no recorded answer.
	if in.Flavour == "" && rec == nil {
		if w := pk.ApplyFlavour(a); w != "" {
			res.Warnings = append(res.Warnings, w)
		}
	}
	vars, warnings, err := pk.ResolveVars(a.Vars, in.Sets, false)
	if err != nil {
		return nil, err
	}
	a.Vars = vars
	res.Warnings = append(res.Warnings, warnings...)
	res.Answers = a
	return res, nil
}

// complete checks that nothing a Dockerfile needs is still undecided.
// pmChosen says a package manager was chosen (an input or the record).
func complete(a *generate.Answers, f *detect.Facts, pmChosen bool) error {
	if l, _ := detect.Lookup(a.Language); l != nil && l.MainPackages {
		switch {
		case a.Main == "" && len(f.Mains) > 1:
			return &AmbiguousError{What: "several Go main packages", Flag: "--main", Candidates: f.Mains}
		case a.Main == "":
			return &MissingError{What: "this module has no main package to build", Flag: "--main"}
		}
	}
	// Only lockfile precedence decided between them (no packageManager
	// field): detection lists the candidates.
	if len(f.Details.ConflictingManagers) > 1 && !pmChosen {
		return &AmbiguousError{What: "lockfiles of several package managers", Flag: "--pm", Candidates: f.Details.ConflictingManagers}
	}
	if len(a.Start) == 0 {
		return &MissingError{What: "could not find how to start the app", Flag: "--start"}
	}
	return nil
}
