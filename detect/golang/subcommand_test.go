package golang

import (
	"go/parser"
	"go/token"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/dockerfiles"
)

// commandsOf parses one file and lists the commands it defines.
func commandsOf(t *testing.T, src, bin string) []string {
	t.Helper()
	s := &addrSearch{fset: token.NewFileSet()}
	file, err := parser.ParseFile(s.fset, "x.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range s.commandsIn(&parsedFile{src: sourceFile{rel: "x.go"}, ast: file}, bin) {
		if !c.hidden {
			names = append(names, c.name)
		}
	}
	return names
}

func TestGoCommandsIn(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"kong", "package main\nimport \"github.com/alecthomas/kong\"\nvar cli struct {\n\tServeHTTP struct{} `cmd:\"\"`\n\tMigrate struct{} `cmd:\"\" name:\"db-migrate\"`\n}\nvar _ = kong.Parse", []string{"serve-http", "db-migrate"}},
		{"kingpin", "package main\nimport \"gopkg.in/alecthomas/kingpin.v2\"\nvar app = kingpin.New(\"x\", \"\")\nvar s = app.Command(\"serve\", \"\")\n", []string{"serve"}},
		{"flagset", "package main\nimport \"flag\"\nvar s = flag.NewFlagSet(\"server\", flag.ExitOnError)\n", []string{"server"}},
		{"urfave v1 elided", "package main\nimport \"github.com/urfave/cli\"\nvar c = []cli.Command{{Name: \"web\"}, {Name: \"migrate\"}}\n", []string{"web"}},
		{"elided without urfave", "package main\ntype T struct{ Name string }\nvar c = []T{{Name: \"serve\"}}\n", nil},
		{"cobra hidden and root", "package main\nimport \"github.com/spf13/cobra\"\nvar rootCmd = &cobra.Command{Use: \"serve\"}\nvar a = &cobra.Command{Use: \"api\", Hidden: true}\nvar b = &cobra.Command{Use: \"run [flags]\"}\n", []string{"run"}},
		{"cobra named like the binary", "package main\nimport \"github.com/spf13/cobra\"\nvar c = &cobra.Command{Use: \"tool\"}\n", nil},
		{"switch over a request", "package main\nfunc f(method string) {\n\tswitch method {\n\tcase \"serve\":\n\t}\n}\n", nil},
		{"switch over os.Args", "package main\nimport \"os\"\nfunc main() {\n\tswitch os.Args[1] {\n\tcase \"start\", \"stop\":\n\t}\n}\n", []string{"start", "stop"}},
		{"command tag without go-flags", "package main\ntype O struct {\n\tS struct{} `command:\"server\"`\n}\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := commandsOf(t, tt.src, "tool")
			if len(got) != len(tt.want) {
				t.Fatalf("commands = %q, want %q", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("commands = %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestGoSubcommandFromRepository(t *testing.T) {
	s := &addrSearch{fset: token.NewFileSet(), parsed: map[string]*parsedFile{}, texts: map[string][]byte{}}
	own := []dockerfiles.File{
		{Path: "Dockerfile", Argv: []string{"/bin/sh", "-c", "x"}, ArgvLine: 3},
		{Path: "docker/Dockerfile", Argv: []string{"tini", "--", "/usr/bin/app", "serve"}, ArgvLine: 9},
	}
	sub, ok := s.findSubcommand(nil, "app", "", "", own)
	if !ok || sub.name != "serve" || sub.from != "docker/Dockerfile:9" || !sub.ran {
		t.Errorf("from the Dockerfile: got %+v %v", sub, ok)
	}
	sub, ok = s.findSubcommand(nil, "app", "bin/app server -p $PORT", "Procfile:1", own)
	if !ok || sub.name != "server" || sub.from != "Procfile:1" {
		t.Errorf("the Procfile comes first: got %+v %v", sub, ok)
	}
	for _, argv := range [][]string{{"/app", "--port", "80"}, {"./entrypoint.sh", "serve"}, {"go", "run", "."}, {"/app", "config.yaml"}} {
		if sub, ok := s.findSubcommand(nil, "app", "", "", []dockerfiles.File{{Path: "Dockerfile", Argv: argv, ArgvLine: 1}}); ok {
			t.Errorf("%q gave subcommand %+v", argv, sub)
		}
	}
}
