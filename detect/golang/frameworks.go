package golang

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
)

// servedFramework is a Go framework that owns its program's command line:
// an app built on it is run the framework's way, whatever the app's own
// code says (it says nothing — the serve command, its listen address and
// its data folder live in the framework's code, outside the repository).
type servedFramework struct {
	importPath string
	// args follow the binary: the serve command, and the flags that make
	// it reachable and writable in the image (the runtime's WORKDIR,
	// /data, is the only folder its user owns).
	args []string
	port int
	why  string
}

// servedFrameworks, matched against the chosen main's import graph
// (docs/detect.md, "Go subcommands").
var servedFrameworks = []servedFramework{
	{
		importPath: "github.com/pocketbase/pocketbase",
		args:       []string{"serve", "--http=0.0.0.0:8090", "--dir=/data/pb_data"},
		port:       8090,
		why:        "PocketBase serves with `serve` on 127.0.0.1:8090 and keeps pb_data beside the binary (unreachable and unwritable in the image)",
	},
}

// frameworkOf returns the framework the compiled files import, and the
// import's place ("main.go:9").
func frameworkOf(compiled []sourceFile) (servedFramework, string, bool) {
	for _, fw := range servedFrameworks {
		for _, f := range compiled {
			for _, imp := range f.imports {
				if imp.path == fw.importPath {
					return fw, fmt.Sprintf("%s:%d", f.rel, imp.line), true
				}
			}
		}
	}
	return servedFramework{}, "", false
}

// setFramework runs the program the framework's way.
func setFramework(f *core.Facts, fw servedFramework, from string) {
	f.Start = append(f.Start, fw.args...)
	f.Port = fw.port
	f.Likely("start", from)
	f.Likely("port", from)
	f.Warnf("%s imports %s: %s; the image runs `%s` and exposes %s", from, fw.importPath, fw.why,
		strings.Join(f.Start, " "), strconv.Itoa(fw.port))
}

// setSubcommand passes the subcommand the program needs.
func setSubcommand(f *core.Facts, sub subcommand) {
	f.Start = append(f.Start, sub.name)
	if sub.ran {
		f.Source("start", sub.from) // the repository runs it so
		return
	}
	f.Likely("start", sub.from)
	f.Warnf("%s: the program runs commands (%s); the image runs `%s`; pass --start to run another",
		sub.from, strings.Join(sub.defined, ", "), strings.Join(f.Start, " "))
}
