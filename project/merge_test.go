package project

import (
	"slices"
	"testing"
)

func TestMergeRecorded(t *testing.T) {
	then := nodeAnswers() // what detection gave when the record was written
	rec := nodeAnswers()  // the record: a person changed the port and the output dirs
	rec.Port = 9999
	rec.Node.OutputDirs = []string{"build"}
	rec.Vars = map[string]string{"team": "a"}
	now := nodeAnswers() // detection now, steered elsewhere (--pm pnpm)
	now.PackageManager, now.BuildCommand = "pnpm", "pnpm run build"
	now.ManifestFiles = []string{"package.json", "pnpm-lock.yaml"}
	now.Node.HasBuildScript = false
	now.Port = 3001

	got := mergeRecorded(rec, then, now)
	if got.Port != 9999 || !slices.Equal(got.Node.OutputDirs, []string{"build"}) {
		t.Errorf("a person's answers were lost: port %d, output dirs %v", got.Port, got.Node.OutputDirs)
	}
	if got.PackageManager != "pnpm" || got.BuildCommand != "pnpm run build" || got.Node.HasBuildScript || !slices.Equal(got.ManifestFiles, now.ManifestFiles) {
		t.Errorf("derived answers did not follow detection: %+v %+v", got, got.Node)
	}
	if got.Vars["team"] != "a" {
		t.Errorf("vars %v, want the record's", got.Vars)
	}
	// A record without the language's section takes detection's.
	rec.Node = nil
	if got := mergeRecorded(rec, then, now); got.Node == nil || got.Node.HasBuildScript {
		t.Errorf("section: %+v", got.Node)
	}
	// An empty list and a missing one are the same answer.
	rec, then = nodeAnswers(), nodeAnswers()
	rec.NativeDeps, then.NativeDeps = nil, []string{}
	now = nodeAnswers()
	now.NativeDeps = []string{"bcrypt"}
	if got := mergeRecorded(rec, then, now); !slices.Equal(got.NativeDeps, []string{"bcrypt"}) {
		t.Errorf("native deps %v, want detection's", got.NativeDeps)
	}
}
