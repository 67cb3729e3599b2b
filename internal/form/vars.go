package form

import (
	"context"
	"fmt"
	"io"
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

// AskVars asks for variables a new pack version adds with no default
// (`dockslim update` in a terminal), and returns sets with their values.
func AskVars(ctx context.Context, style Style, in io.Reader, out io.Writer, vars []pack.VarInfo, sets map[string]string) (map[string]string, error) {
	s := New(ctx, Config{Style: style, In: in, Out: out})
	defer s.Close()
	qs := packVarQuestions(vars, nil, sets)
	if len(qs) == 0 {
		return sets, nil
	}
	res, err := s.run(ctx, formSpec{Heading: "Template pack", Intro: "The new pack version adds these variables, with no default.", Qs: qs})
	if err != nil {
		return nil, err
	}
	s.recap("Template pack", res, qs)
	return takeVars(res, qs, nil, sets), nil
}
