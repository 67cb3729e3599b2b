package pack

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/dockslim/dockslim/generate"
)

// maxVarLen bounds a string variable: values are printed into
// Dockerfile lines.
const maxVarLen = 1024

// normaliseValue checks s against typ and returns its canonical string
// form (answers.vars holds strings): ints in decimal, bools as true or
// false. zero asks for the type's zero value.
func normaliseValue(typ, s string, zero bool) (string, error) {
	switch typ {
	case TypeInt:
		if zero {
			return "0", nil
		}
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			return "", fmt.Errorf("%q is not an integer", s)
		}
		return strconv.Itoa(n), nil
	case TypeBool:
		if zero {
			return "false", nil
		}
		switch strings.ToLower(strings.TrimSpace(s)) {
		case "true", "yes", "on", "1":
			return "true", nil
		case "false", "no", "off", "0":
			return "false", nil
		}
		return "", fmt.Errorf("%q is not true or false", s)
	}
	if len(s) > maxVarLen {
		return "", fmt.Errorf("is longer than %d bytes", maxVarLen)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return "", fmt.Errorf("%q holds a control character (a line break, tab or NUL)", s)
		}
	}
	return s, nil
}

// NormaliseVar checks s as a value of a variable of type typ (string,
// int or bool) by the rules --set and .dockslim.yaml are checked by, and
// returns its canonical form ("true", "3").
func NormaliseVar(typ, s string) (string, error) { return normaliseValue(typ, s, false) }

// typed turns a canonical string into the value templates see.
func typed(typ, s string) any {
	switch typ {
	case TypeInt:
		n, _ := strconv.Atoi(s)
		return n
	case TypeBool:
		return s == "true"
	}
	return s
}

// ParseSets parses --set KEY=VALUE flags (repeatable; the last of a key
// wins). Values are checked against a pack by ResolveVars.
func ParseSets(sets []string) (map[string]string, error) {
	out := map[string]string{}
	for _, s := range sets {
		k, v, ok := strings.Cut(s, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, &generate.InputError{Flag: "--set", Err: fmt.Errorf("%q is not KEY=VALUE", s)}
		}
		out[k] = v
	}
	return out, nil
}

// ResolveVars computes answers.vars for this pack: each declared
// variable's value from sets (--set), else recorded (a previous
// .dockslim.yaml), else its default; every value type-checked and
// normalised. A --set key the pack does not declare is an error; so is a
// recorded one when strict (check), while init drops it with a warning
// (the pack changed since).
func (p *Pack) ResolveVars(recorded, sets map[string]string, strict bool) (map[string]string, []string, error) {
	var warnings []string
	for _, k := range sortedKeys(sets) {
		if _, ok := p.Manifest.Vars[k]; !ok {
			return nil, nil, &generate.InputError{Flag: "--set", Err: fmt.Errorf("%q is not a variable of pack %s (%s)", k, p.Manifest.Name, p.varList())}
		}
	}
	for _, k := range sortedKeys(recorded) {
		if _, ok := p.Manifest.Vars[k]; !ok {
			if strict {
				return nil, nil, &generate.InputError{Flag: "answers.vars." + k, Err: fmt.Errorf("not a variable of pack %s (%s)", p.Manifest.Name, p.varList())}
			}
			warnings = append(warnings, fmt.Sprintf("dropping answers.vars.%s: pack %s has no such variable", k, p.Manifest.Name))
		}
	}
	out := map[string]string{}
	for _, k := range sortedKeys(p.Manifest.Vars) {
		v := p.Manifest.Vars[k]
		val, flag := v.def, ""
		if s, ok := recorded[k]; ok {
			val, flag = s, "answers.vars."+k
		}
		if s, ok := sets[k]; ok {
			val, flag = s, "--set"
		}
		norm, err := normaliseValue(v.Type, val, false)
		if err != nil {
			return nil, nil, &generate.InputError{Flag: flag, Err: fmt.Errorf("%s (%s): %w", k, v.Type, err)}
		}
		out[k] = norm
	}
	return out, warnings, nil
}

// typedVars are answers.vars as templates see them: every declared
// variable, typed, its default when answers lack it. An undeclared
// answer is an error (ResolveVars would have dropped it).
func (p *Pack) typedVars(vars map[string]string) (map[string]any, error) {
	out := map[string]any{}
	for _, k := range sortedKeys(vars) {
		if _, ok := p.Manifest.Vars[k]; !ok {
			return nil, &generate.InputError{Flag: "answers.vars." + k, Err: fmt.Errorf("not a variable of pack %s (%s)", p.Manifest.Name, p.varList())}
		}
	}
	for k, v := range p.Manifest.Vars {
		s, ok := vars[k]
		if !ok {
			s = v.def
		}
		norm, err := normaliseValue(v.Type, s, false)
		if err != nil {
			return nil, &generate.InputError{Flag: "answers.vars." + k, Err: err}
		}
		out[k] = typed(v.Type, norm)
	}
	return out, nil
}

// varList names the pack's variables for error messages.
func (p *Pack) varList() string {
	if len(p.Manifest.Vars) == 0 {
		return "it declares none"
	}
	return "its variables: " + strings.Join(sortedKeys(p.Manifest.Vars), ", ")
}

// VarInfo describes a variable for a form or help text.
type VarInfo struct {
	Name, Type, Default, Help string
}

// Vars lists the pack's variables by name.
func (p *Pack) Vars() []VarInfo {
	var out []VarInfo
	for _, k := range sortedKeys(p.Manifest.Vars) {
		v := p.Manifest.Vars[k]
		out = append(out, VarInfo{Name: k, Type: v.Type, Default: v.def, Help: v.Help})
	}
	return out
}

// errNoManifest is returned for a directory that is not a pack.
var errNoManifest = errors.New("no " + ManifestFile + " at its root")
