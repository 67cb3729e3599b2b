package cmd

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/pack"
)

// qVarPrefix keys a template-pack variable's question: "var:team".
const qVarPrefix = "var:"

// packVarQuestions asks for each variable the pack declares that no
// --set gave, pre-filled with the current answer (recorded in
// .dockslim.yaml, else the pack's default), its help as the hint.
func packVarQuestions(vars []pack.VarInfo, current map[string]string, sets []string) []question {
	given := map[string]bool{}
	for _, kv := range sets {
		if k, _, ok := strings.Cut(kv, "="); ok {
			given[k] = true
		}
	}
	var qs []question
	for _, v := range vars {
		if given[v.Name] {
			continue
		}
		def, source := v.Default, "pack default"
		if cur, ok := current[v.Name]; ok {
			def, source = cur, "answer"
		}
		q := question{
			Key:     qVarPrefix + v.Name,
			Title:   fmt.Sprintf("%s (%s)", v.Name, v.Type),
			Source:  fmt.Sprintf("%s ← %s", def, source),
			Help:    v.Help + " (--set " + v.Name + "=…)",
			Default: def,
		}
		switch v.Type {
		case "bool":
			q.Kind = askSelect
			q.Default = boolWord(def)
			q.Options = []option{{Label: "true", Value: "true"}, {Label: "false", Value: "false"}}
		case "int":
			q.Kind = askInput
			q.Validate = func(s string) error {
				if _, err := strconv.Atoi(strings.TrimSpace(s)); err != nil {
					return fmt.Errorf("%q is not a whole number", s)
				}
				return nil
			}
		default:
			q.Kind = askInput
			q.Validate = func(s string) error {
				if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
					return fmt.Errorf("a control character cannot be a variable's value")
				}
				return nil
			}
		}
		qs = append(qs, q)
	}
	return qs
}

// boolWord normalises the spellings a bool variable accepts to a choice.
func boolWord(s string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "on", "1":
		return "true"
	}
	return "false"
}

// takeVars turns the answers of a pack-variable page into --set values:
// only those that differ from the current answer, as a flag would.
func takeVars(res *formResult, qs []question, current map[string]string, sets []string) []string {
	for _, q := range qs {
		name, ok := strings.CutPrefix(q.Key, qVarPrefix)
		if !ok {
			continue
		}
		v := strings.TrimSpace(res.value(q.Key))
		if cur, had := current[name]; had && v == cur || !had && v == q.Default {
			continue
		}
		sets = append(sets, name+"="+v)
	}
	return sets
}
