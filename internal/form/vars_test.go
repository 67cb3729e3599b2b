package form

import (
	"maps"
	"testing"

	"github.com/dockslim/dockslim/pack"
)

func TestPackVarQuestions(t *testing.T) {
	vars := []pack.VarInfo{
		{Name: "healthcheck", Type: "bool", Default: "no", Help: "add a HEALTHCHECK"},
		{Name: "team", Type: "string", Default: "platform", Help: "owning team"},
		{Name: "tier", Type: "int", Default: "3", Help: "support tier"},
	}
	// tier was given with --set: not asked; team was recorded: pre-filled
	// from the answer, not the default.
	qs := packVarQuestions(vars, map[string]string{"team": "payments"}, map[string]string{"tier": "1"})
	if len(qs) != 2 || qs[0].Key != "var:healthcheck" || qs[1].Key != "var:team" {
		t.Fatalf("questions = %+v", qs)
	}
	if qs[0].Kind != askSelect || qs[0].Default != "false" {
		t.Errorf("bool question: %+v", qs[0])
	}
	if qs[1].Default != "payments" || qs[1].Source != "payments ← answer" {
		t.Errorf("recorded value not pre-filled: %+v", qs[1])
	}
	intQ := packVarQuestions(vars[2:], nil, nil)[0]
	if intQ.Validate("high") == nil || intQ.Validate("2") != nil {
		t.Error("int validation")
	}
	str := packVarQuestions(vars[1:2], nil, nil)[0]
	if str.Validate("a\nb") == nil {
		t.Error("a newline was accepted")
	}

	// Enter through everything adds no --set; a change adds exactly one.
	res := &formResult{Values: map[string]*string{}}
	for _, q := range qs {
		v := q.Default
		res.Values[q.Key] = &v
	}
	if got := takeVars(res, qs, map[string]string{"team": "payments"}, map[string]string{"tier": "1"}); !maps.Equal(got, map[string]string{"tier": "1"}) {
		t.Errorf("unchanged answers became %q", got)
	}
	yes := "true"
	res.Values["var:healthcheck"] = &yes
	if got := takeVars(res, qs, map[string]string{"team": "payments"}, nil); !maps.Equal(got, map[string]string{"healthcheck": "true"}) {
		t.Errorf("changed answer became %q", got)
	}
}
