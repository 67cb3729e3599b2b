package project

import (
	"fmt"
	"maps"
	"reflect"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/shellwords"
)

// mergeRecorded combines the answers .dockslim.yaml records (rec) with
// fresh detection (now), field by field, knowing what detection produced
// when the record was steered as it was (then):
//
//   - a recorded answer equal to then's is what detection produced: it
//     follows detection and takes now's value;
//   - a recorded answer that differs from then's was chosen by a person
//     (a flag, the form, an edit of the file) and is kept.
//
// When nothing steers detection differently from the record, then and
// now are the same detection and the result is the record itself: a
// re-run renders what `check` expects. When --pm, --main or --lang moves
// detection, the derived answers (build command, lockfiles, the
// language's own section) follow it while a person's port, version or
// flavour stay. Language-specific sections are merged field by field
// too; pack variables are always the record's (the pack checks them).
func mergeRecorded(rec, then, now *generate.Answers) *generate.Answers {
	out := &generate.Answers{}
	mergeStruct(reflect.ValueOf(out).Elem(), reflect.ValueOf(rec).Elem(), reflect.ValueOf(then).Elem(), reflect.ValueOf(now).Elem())
	out.Vars = maps.Clone(rec.Vars)
	if out.Vars == nil {
		out.Vars = map[string]string{}
	}
	return out
}

func mergeStruct(out, rec, then, now reflect.Value) {
	for i := range out.NumField() {
		o, r, t, n := out.Field(i), rec.Field(i), then.Field(i), now.Field(i)
		if !o.CanSet() {
			continue
		}
		if o.Kind() == reflect.Pointer && o.Type().Elem().Kind() == reflect.Struct {
			switch {
			case r.IsNil(): // a record without the section: nobody chose any of it
				o.Set(n)
			case t.IsNil() || n.IsNil():
				o.Set(r)
			default:
				o.Set(reflect.New(o.Type().Elem()))
				mergeStruct(o.Elem(), r.Elem(), t.Elem(), n.Elem())
			}
			continue
		}
		if sameAnswer(r, t) {
			o.Set(n)
		} else {
			o.Set(r)
		}
	}
}

// sameAnswer compares two answer values; an empty list and a missing one
// are the same answer.
func sameAnswer(a, b reflect.Value) bool {
	if a.Kind() == reflect.Slice && a.Len() == 0 && b.Len() == 0 {
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// changedFacts lists detected values that differ from recorded answers,
// the way a person reads them.
func changedFacts(rec, now *generate.Answers) []string {
	var out []string
	diff := func(what, a, b string) {
		if a != b {
			out = append(out, fmt.Sprintf("%s %q (recorded %q)", what, b, a))
		}
	}
	diff("version", rec.LanguageVersion, now.LanguageVersion)
	diff("package manager", rec.PackageManager, now.PackageManager)
	diff("framework", rec.Framework, now.Framework)
	diff("build command", rec.BuildCommand, now.BuildCommand)
	diff("start", shellwords.Join(rec.Start), shellwords.Join(now.Start))
	diff("port", strconv.Itoa(rec.Port), strconv.Itoa(now.Port))
	diff("native dependencies", strings.Join(rec.NativeDeps, ", "), strings.Join(now.NativeDeps, ", "))
	diff("main package", rec.Main, now.Main)
	return out
}
