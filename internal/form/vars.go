package form

import (
	"fmt"
	"strings"

	"github.com/dockslim/dockslim/pack"
)

// qVarPrefix keys a template-pack variable's question: "var:team".
const qVarPrefix = "var:"

// packVarQuestions asks for each variable the pack declares that no
// --set gave, pre-filled with the current answer (recorded in
// .dockslim.yaml, else the pack's default), its help as the hint.
func packVarQuestions(vars []pack.VarInfo, current, sets map[string]string) []question {
	var qs []question
	for _, v := range vars {
		if _, given := sets[v.Name]; given {
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
			if norm, err := pack.NormaliseVar(v.Type, def); err == nil {
				q.Default = norm
			}
			q.Options = []option{{Label: "true", Value: "true"}, {Label: "false", Value: "false"}}
		default:
			// The pack's own check, so the form refuses what --set refuses.
			q.Kind = askInput
			typ := v.Type
			q.Validate = func(s string) error {
				_, err := pack.NormaliseVar(typ, strings.TrimSpace(s))
				return err
			}
		}
		qs = append(qs, q)
	}
	return qs
}

// takeVars turns the answers of a pack-variable page into --set values:
// only those that differ from the current answer, as a flag would.
func takeVars(res *formResult, qs []question, current, sets map[string]string) map[string]string {
	for _, q := range qs {
		name, ok := strings.CutPrefix(q.Key, qVarPrefix)
		if !ok {
			continue
		}
		v := strings.TrimSpace(res.value(q.Key))
		if cur, had := current[name]; had && v == cur || !had && v == q.Default {
			continue
		}
		if sets == nil {
			sets = map[string]string{}
		}
		sets[name] = v
	}
	return sets
}
