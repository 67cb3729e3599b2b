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

// testFiles are the folders and file patterns a language's source
// stage deletes.
type testFiles struct{ dirs, globs []string }

var (
	nodeTests = testFiles{
		dirs: []string{"test", "tests", "__tests__", "__mocks__"},
		globs: []string{
			"*.test.[jt]s", "*.test.[cm][jt]s", "*.test.[jt]sx",
			"*.spec.[jt]s", "*.spec.[cm][jt]s", "*.spec.[jt]sx",
		},
	}
)

// nodeTestFiles is the find(1) command of the Node source stage; it runs
// with POSIX and BusyBox find alike.
var nodeTestFiles = nodeTests.find()

// nodeModulesPrune deletes every node_modules folder (a workspace's
// members have their own) from a copy of the build stage.
const nodeModulesPrune = "find . -name node_modules -type d -prune -exec rm -rf {} +"

// find deletes, below the working directory, every folder named in dirs
// and every file matching one of globs.
func (tf testFiles) find() string {
	dirs, globs := tf.dirs, tf.globs
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
func (tf testFiles) startsTestFile(argv []string) bool {
	for _, arg := range argv {
		segs := strings.Split(strings.TrimPrefix(arg, "./"), "/")
		for i, seg := range segs {
			// A test folder counts only as a folder of the path, so a
			// plain argument "test" is not taken for one.
			if i < len(segs)-1 && slices.Contains(tf.dirs, seg) {
				return true
			}
			for _, g := range tf.globs {
				if ok, _ := path.Match(g, seg); ok {
					return true
				}
			}
		}
	}
	return false
}
