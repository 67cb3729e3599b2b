package core

// How sure detection is of a value (docs/detect-json.md#confidence).
const (
	// Certain: the project states it — a manifest field, a lockfile, a
	// version file, a literal the code listens on, a flag.
	Certain = "certain"
	// Likely: inferred — from a file's name, a config file or example
	// environment, a ranking among several candidates, or a build step
	// dockslim derived. Worth a look before shipping.
	Likely = "likely"
	// Default: nothing in the project decided it; the value is
	// dockslim's (or the framework's) default.
	Default = "default"
)

// decidedKeys are the JSON keys a confidence is given for: the values
// detection decides. flavour is a recommendation made from them, and
// mains, warnings and sources describe the others, so they have none.
var decidedKeys = []string{
	"language", "languageVersion", "packageManager", "packageManagerVersion",
	"framework", "buildCommand", "start", "port", "nativeDeps", "cgo",
	"main", "workspace",
}

// Likely records where an inferred value came from, as Source does, and
// marks it likely rather than certain.
func (f *Facts) Likely(key, from string) {
	if from != "" {
		f.Sources[key] = from
		f.Confidence[key] = Likely
	}
}

// Follows records that key's value was made from another key's (a Go
// build line from the main package): the same source, the same
// confidence.
func (f *Facts) Follows(key, of string) {
	if src := f.Sources[of]; src != "" && f.hasValue(key) {
		f.Sources[key] = src
		delete(f.Confidence, key)
		if c, ok := f.Confidence[of]; ok {
			f.Confidence[key] = c
		}
	}
}

// Provenance is how a person is told where key's value came from:
// "src/server.ts:4", "config/app.go:12 (likely)", or "default" when
// nothing in the project decided it.
func (f *Facts) Provenance(key string) string {
	src := f.Sources[key]
	switch {
	case src == "":
		return Default
	case f.Confidence[key] == Likely:
		return src + " (likely)"
	}
	return src
}

// settleConfidence gives every decided key with a value a confidence:
// certain when a source was recorded with Source, likely when with
// Likely, default when nothing recorded one. A key whose value is empty
// and has no source gets none: there is nothing to be sure of.
func (f *Facts) settleConfidence() {
	for _, key := range decidedKeys {
		if _, ok := f.Confidence[key]; ok {
			continue
		}
		switch {
		case f.Sources[key] != "":
			f.Confidence[key] = Certain
		case f.hasValue(key):
			f.Confidence[key] = Default
		}
	}
	for key := range f.Confidence {
		if f.Sources[key] == "" && f.Confidence[key] != Default {
			delete(f.Confidence, key) // a source was dropped after it was marked
		}
	}
}

// hasValue reports whether key holds anything but its zero value.
func (f *Facts) hasValue(key string) bool {
	switch key {
	case "language":
		return f.Language != ""
	case "languageVersion":
		return f.LanguageVersion != ""
	case "packageManager":
		return f.PackageManager != ""
	case "packageManagerVersion":
		return f.PackageManagerVersion != ""
	case "framework":
		return f.Framework != ""
	case "buildCommand":
		return f.BuildCommand != ""
	case "start":
		return len(f.Start) > 0
	case "port":
		return f.Port != 0
	case "nativeDeps":
		return len(f.NativeDeps) > 0
	case "cgo":
		return f.CGO
	case "main":
		return f.Main != ""
	case "workspace":
		return f.Workspace
	}
	return false
}
