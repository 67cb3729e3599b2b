package generate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect"
)

var managers = map[string][]string{
	detect.Node:   {"npm", "yarn", "yarn-berry", "pnpm", "bun"},
	detect.Python: {"pip", "poetry", "uv", "pipenv", "pdm"},
	detect.Go:     {"go"},
}

// ValidManagers lists the package managers dockslim knows for lang.
func ValidManagers(lang string) []string { return slices.Clone(managers[lang]) }

// CheckPackageManager validates a --pm value for lang.
func CheckPackageManager(lang, pm string) error {
	if !slices.Contains(managers[lang], pm) {
		return &InputError{Flag: "--pm", Err: fmt.Errorf("%q is not a %s package manager (want one of: %s)", pm, lang, strings.Join(managers[lang], ", "))}
	}
	return nil
}
