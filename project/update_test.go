package project

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/internal/merge3"
	"github.com/dockslim/dockslim/pack"
)

// updateFixture renders a Node project with the embedded pack and writes
// it, so PlanUpdate has a base and a record.
func updateFixture(t *testing.T) (string, *Record, *pack.Pack) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"svc","scripts":{"start":"node server.js"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "server.js"), []byte(`require("http").createServer().listen(3000)`), 0o644); err != nil {
		t.Fatal(err)
	}
	pk, err := pack.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	proj, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := proj.Resolve(context.Background(), Inputs{Flavour: "slim"}, pk)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(context.Background(), pk, "(devel)", res.Answers)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := generate.WriteFile(dir, f.Name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rec := NewRecord("(devel)", res.Answers, pk.Ref(), files[:len(files)-1])
	return dir, rec, pk
}

var testLabels = merge3.Labels{Ours: "yours", Base: "v1", Theirs: "v2"}

func statusOf(plan *UpdatePlan, name string) string {
	for _, f := range plan.Files {
		if f.Name == name {
			return f.Status
		}
	}
	return ""
}

// Same version, nothing edited: unchanged, and a record to write.
func TestPlanUpdateUnchanged(t *testing.T) {
	dir, rec, pk := updateFixture(t)
	plan, err := PlanUpdate(context.Background(), dir, rec, pk, pk, "(devel)", nil, testLabels)
	if err != nil {
		t.Fatal(err)
	}
	if statusOf(plan, "Dockerfile") != UpdateUnchanged || plan.Record == nil || len(plan.Conflicts) != 0 {
		t.Errorf("%+v", plan)
	}
}

// A Dockerfile deleted on disk stays deleted; an edit of it with no base
// to merge from is a conflict left as it is.
func TestPlanUpdateDeletedAndNoBase(t *testing.T) {
	dir, rec, pk := updateFixture(t)
	if err := os.Remove(filepath.Join(dir, "Dockerfile")); err != nil {
		t.Fatal(err)
	}
	plan, err := PlanUpdate(context.Background(), dir, rec, pk, pk, "(devel)", nil, testLabels)
	if err != nil || statusOf(plan, "Dockerfile") != UpdateDeleted {
		t.Fatalf("deleted: %v %+v", err, plan)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM scratch\n# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plan, err = PlanUpdate(context.Background(), dir, rec, nil, pk, "(devel)", nil, testLabels)
	if err != nil || statusOf(plan, "Dockerfile") != UpdateConflict || plan.Record != nil {
		t.Fatalf("no base: %v %+v", err, plan)
	}
	if err := ApplyUpdate(dir, plan); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "Dockerfile")); string(got) != "FROM scratch\n# mine\n" {
		t.Errorf("an unmergeable edit was overwritten: %q", got)
	}
}

// An unedited file whose digest is the recorded one is replaced even
// without a base rendering.
func TestPlanUpdateReplacesByDigest(t *testing.T) {
	dir, rec, pk := updateFixture(t)
	old, _ := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	edited := strings.Replace(string(old), "USER 1000:1000", "USER 1001:1001", 1)
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	rec.Files["Dockerfile"] = Digest([]byte(edited)) // as if dockslim had written it
	plan, err := PlanUpdate(context.Background(), dir, rec, nil, pk, "(devel)", nil, testLabels)
	if err != nil || statusOf(plan, "Dockerfile") != UpdateReplaced {
		t.Fatalf("%v %+v", err, plan)
	}
}
