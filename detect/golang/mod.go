package golang

import (
	"bytes"
	"errors"
	"fmt"
	"go/version"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// parseMod parses a go.mod file the way the go command reads the main
// module's go.mod (strict), and turns every failure into a *repo.FileError
// with the position modfile reports. One concession: directives this
// version of x/mod does not know (added by a newer Go) are skipped with a
// warning instead of failing, since the go command that builds the image
// will know them.
func parseMod(rel string, data []byte) (*modfile.File, []string, error) {
	if err := checkText(rel, data); err != nil {
		return nil, nil, err
	}
	mf, err := modfile.Parse(rel, data, nil)
	var warnings []string
	if err != nil && onlyUnknownDirectives(err) {
		for _, e := range modErrors(err) {
			warnings = append(warnings, fmt.Sprintf("%s:%d: ignored %s (a directive from a newer Go, or a typo)", rel, e.Pos.Line, modErrorMessage(e)))
		}
		mf, err = modfile.ParseLax(rel, data, nil)
	}
	if err != nil {
		return nil, nil, modFileError(rel, err)
	}
	if mf.Module == nil || mf.Module.Mod.Path == "" {
		return nil, nil, &repo.FileError{Path: rel, Err: errNoModule}
	}
	return mf, warnings, nil
}

// errNoModule is wrapped by the FileError for a go.mod without a
// module line; it is the one go.mod error without a position.
var errNoModule = errors.New("no module directive (go.mod must name its module on a module line)")

// parseWork parses go.work, with the same error rules as parseMod.
func parseWork(rel string, data []byte) (*modfile.WorkFile, error) {
	if err := checkText(rel, data); err != nil {
		return nil, err
	}
	wf, err := modfile.ParseWork(rel, data, nil)
	if err != nil {
		return nil, modFileError(rel, err)
	}
	return wf, nil
}

// checkText rejects binary content up front: modfile would report a
// confusing token error for it, while "not a text file" says what is wrong.
func checkText(rel string, data []byte) error {
	bad := bytes.IndexByte(data, 0)
	if !utf8.Valid(data) {
		if i := invalidUTF8At(data); bad < 0 || i < bad {
			bad = i
		}
	}
	if bad < 0 {
		return nil
	}
	line, col := repo.LineCol(data, int64(bad))
	return &repo.FileError{Path: rel, Line: line, Col: col, Err: errors.New("not a text file (binary or non-UTF-8 bytes)")}
}

// invalidUTF8At returns the offset of the first byte that is not valid UTF-8.
func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// modErrors flattens what modfile returns into its positioned errors.
func modErrors(err error) []modfile.Error {
	var list modfile.ErrorList
	if errors.As(err, &list) {
		return list
	}
	var one *modfile.Error
	if errors.As(err, &one) {
		return []modfile.Error{*one}
	}
	return nil
}

// onlyUnknownDirectives reports whether every error is an unknown verb.
func onlyUnknownDirectives(err error) bool {
	errs := modErrors(err)
	for _, e := range errs {
		if e.Err == nil || !strings.HasPrefix(e.Err.Error(), "unknown directive") {
			return false
		}
	}
	return len(errs) > 0
}

// modErrorMessage renders e without the "file:line:" prefix (FileError
// adds its own), keeping the directive it is about.
func modErrorMessage(e modfile.Error) string {
	msg := "malformed"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	switch {
	case e.ModPath != "":
		return fmt.Sprintf("%s %s: %s", e.Verb, e.ModPath, msg)
	case e.Verb != "":
		return e.Verb + ": " + msg
	}
	return msg
}

// modFileError turns a modfile error into a *repo.FileError at its first
// position; further errors are counted, not listed.
func modFileError(rel string, err error) error {
	errs := modErrors(err)
	if len(errs) == 0 {
		return &repo.FileError{Path: rel, Err: err}
	}
	e := errs[0]
	msg := modErrorMessage(e)
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more errors)", len(errs)-1)
	}
	fe := &repo.FileError{Path: rel, Line: e.Pos.Line, Err: errors.New(msg)}
	if e.Pos.LineRune > 1 {
		fe.Col = e.Pos.LineRune
	}
	return fe
}

// toolchainRE takes the release out of a toolchain name: go1.22.3,
// go1.23rc1, and custom builds such as go1.22.3-bigcorp or go1.22.3+auto.
var toolchainRE = regexp.MustCompile(`^go(1(?:\.(?:0|[1-9][0-9]*)){1,2}(?:(?:rc|beta)[0-9]+)?)(?:[-+].*)?$`)

// moduleVersion picks the Go release the image builds with from a go.mod or
// go.work (named file): the toolchain line, else the go line as written,
// else "" (the caller's default). A toolchain older than the go line is
// ignored, as the go command does (it would switch to the go line's
// release anyway).
func moduleVersion(file string, goDirective *modfile.Go, tc *modfile.Toolchain) (v, from string, warnings []string) {
	var goLine string
	if goDirective != nil {
		goLine = goDirective.Version
	}
	if tc != nil {
		name := tc.Name
		m := toolchainRE.FindStringSubmatch(name)
		switch {
		case name == "default":
			// "use the go command's own toolchain": nothing to pin.
		case m == nil:
			warnings = append(warnings, fmt.Sprintf("%s's toolchain %q names no Go release; using the go line", file, name))
		case goLine != "" && versionLess(m[1], goLine):
			warnings = append(warnings, fmt.Sprintf("%s's toolchain %s is older than its go line %s; using %s", file, name, goLine, goLine))
		default:
			return m[1], file + "#toolchain", warnings
		}
	}
	if goLine != "" {
		return goLine, file + "#go", warnings
	}
	return "", "", warnings
}

// versionLess compares two Go versions as written in go.mod ("1.22",
// "1.22.3", "1.23rc1").
func versionLess(a, b string) bool {
	return version.Compare("go"+a, "go"+b) < 0
}

// minorOf is the minor release of a Go version ("1.22.3" → 22), used to
// decide which goX.Y build tags hold; 0 when v is not a Go version.
func minorOf(v string) int {
	lang := version.Lang("go" + v)
	minor := 0
	if rest, ok := strings.CutPrefix(lang, "go1."); ok {
		for _, c := range rest {
			if c < '0' || c > '9' || minor > 1000 {
				return 0
			}
			minor = minor*10 + int(c-'0')
		}
	}
	return minor
}

// projectName is the module path's last element, without a major
// version suffix: github.com/acme/api/v2 → api, gopkg.in/yaml.v3 → yaml.
func projectName(modPath string) string {
	prefix, _, ok := module.SplitPathVersion(modPath)
	if !ok || prefix == "" {
		prefix = modPath
	}
	return path.Base(prefix)
}
