package generate

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// pureSprig names the sprig functions templates may call: pure functions
// of their arguments (strings, lists, dicts, semver, defaults). Anything
// random, time-dependent, cryptographic or environment-reading is left
// out — even sprig's "hermetic" map keeps randInt, shuffle, genCA, bcrypt,
// htpasswd, encryptAES and ago — and so is `keys`, whose order is random.
var pureSprig = []string{
	// strings
	"trim", "trimAll", "trimPrefix", "trimSuffix", "upper", "lower", "title",
	"replace", "contains", "hasPrefix", "hasSuffix", "repeat", "trunc",
	"indent", "nindent", "quote", "squote", "cat", "substr", "nospace",
	"snakecase", "kebabcase", "camelcase", "regexMatch", "regexReplaceAll",
	"regexFind", "toString", "splitList", "join", "sortAlpha",
	// lists and dicts
	"list", "first", "last", "rest", "initial", "append", "prepend", "concat",
	"has", "without", "uniq", "compact", "dict", "get", "set", "hasKey",
	"pick", "omit", "merge",
	// logic and numbers
	"default", "empty", "coalesce", "ternary", "add", "sub", "mul", "div",
	"mod", "max", "min", "atoi", "int",
	// semver
	"semver", "semverCompare",
}

// FuncMap returns the functions templates can call: the curated sprig
// subset above plus dockslim's own (json, required). A new map each call.
// NewTemplate adds include, which needs the template set it runs in.
func FuncMap() template.FuncMap {
	all := sprig.TxtFuncMap()
	fm := template.FuncMap{}
	for _, name := range pureSprig {
		fn, ok := all[name]
		if !ok {
			// A sprig upgrade renamed something: fail loudly in tests.
			panic(fmt.Sprintf("sprig has no function %q", name))
		}
		fm[name] = fn
	}
	fm["json"] = toJSON
	fm["required"] = required
	return fm
}

// toJSON renders v as compact JSON: exec-form CMD arrays, label values.
// HTML escaping is off so `&` and `<` stay as people write them.
func toJSON(v any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// required fails the render with msg when v is empty.
func required(msg string, v any) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, errors.New(msg)
	case string:
		if x == "" {
			return nil, errors.New(msg)
		}
	}
	return v, nil
}
