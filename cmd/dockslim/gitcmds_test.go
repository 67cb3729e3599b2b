package main

import (
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dockslim/dockslim/internal/gittest"
)

// gitCmds are the scripts' own commands: exits, and the ones that build
// template packs as git repositories with go-git (no git binary needed):
//
//	exits N CMD ARGS…      run CMD; fail unless its exit status is N
//	gitinit DIR            make DIR a repository
//	gitcommit DIR MSG      commit everything in DIR's working tree
//	gittag DIR TAG         tag DIR's HEAD (annotated, like git tag -a)
var gitCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"gitinit": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: gitinit DIR")
		}
		ts.Check(gittest.Init(ts.MkAbs(args[0])))
	},
	"gitcommit": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: gitcommit DIR MSG")
		}
		_, err := gittest.CommitAll(ts.MkAbs(args[0]), args[1])
		ts.Check(err)
	},
	"exits": exitsCmd,
	"gittag": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: gittag DIR TAG")
		}
		ts.Check(gittest.Tag(ts.MkAbs(args[0]), args[1], true))
	},
}
