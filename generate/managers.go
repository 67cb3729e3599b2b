package generate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect"
)

// CheckPackageManager validates a package manager for lang (--pm, or
// answers.packageManager) against the language's row.
func CheckPackageManager(lang, pm string) error {
	l, ok := detect.Lookup(lang)
	if !ok {
		return &InputError{Flag: "--lang", Err: fmt.Errorf("%q is not one of %s", lang, strings.Join(detect.LanguageNames(), ", "))}
	}
	if names := l.ManagerNames(); !slices.Contains(names, pm) {
		return &InputError{Flag: "--pm", Err: fmt.Errorf("%q is not a %s package manager (want one of: %s)", pm, lang, strings.Join(names, ", "))}
	}
	return nil
}
