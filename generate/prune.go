package generate

import (
	"path"
	"slices"
	"strings"
)

// Apps without a build step run their source as it is, so the runtime
// would otherwise receive their tests too (docs/dockerfiles.md: no source it does
// not run). The test stage still needs them, so the .dockerignore cannot
// drop them; a `source` stage copies the context and deletes them instead.
// Patterns stay narrow — test folders and *.test / *.spec script files —
// because a file wrongly deleted breaks the app while a test file wrongly
// kept only costs bytes.

// nodeTestDirs and nodeTestFiles name what the Node source stage deletes.
var (
	nodeTestDirs  = []string{"test", "tests", "__tests__", "__mocks__"}
	nodeTestGlobs = []string{
		"*.test.[jt]s", "*.test.[cm][jt]s", "*.test.[jt]sx",
		"*.spec.[jt]s", "*.spec.[cm][jt]s", "*.spec.[jt]sx",
	}
)

// nodeTestFiles is the find(1) command of the Node source stage; it runs
// with POSIX and BusyBox find alike.
var nodeTestFiles = findPrune(nodeTestDirs, nodeTestGlobs)

// nodeModulesPrune deletes every node_modules folder (a workspace's
// members have their own) from a copy of the build stage.
const nodeModulesPrune = "find . -name node_modules -type d -prune -exec rm -rf {} +"

// findPrune deletes, below the working directory, every folder named in
// dirs and every file matching one of globs.
func findPrune(dirs, globs []string) string {
	name := func(ps []string) string {
		parts := make([]string, len(ps))
		for i, p := range ps {
			parts[i] = "-name '" + p + "'"
		}
		return strings.Join(parts, " -o ")
	}
	return `find . \( -type d \( ` + name(dirs) + ` \) -o -type f \( ` + name(globs) + ` \) \) -prune -exec rm -rf {} +`
}

// startsTestFile reports whether the start command names a path the
// source stage would delete (a start command running test/server.js):
// such an app keeps its whole source.
func startsTestFile(argv []string) bool {
	for _, arg := range argv {
		segs := strings.Split(strings.TrimPrefix(arg, "./"), "/")
		for i, seg := range segs {
			// A test folder counts only as a folder of the path, so a
			// plain argument "test" is not taken for one.
			if i < len(segs)-1 && slices.Contains(nodeTestDirs, seg) {
				return true
			}
			for _, g := range nodeTestGlobs {
				if ok, _ := path.Match(g, seg); ok {
					return true
				}
			}
		}
	}
	return false
}
