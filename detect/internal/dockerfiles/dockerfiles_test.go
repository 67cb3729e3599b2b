package dockerfiles

import (
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		argv      []string
		line      int
		expose    []int
	}{
		{"entrypoint and cmd", "FROM a AS build\nCMD [\"/wrong\"]\nFROM b\nENTRYPOINT [\"/usr/bin/app\"]\nCMD [\"serve\", \"--x\"]\n", []string{"/usr/bin/app", "serve", "--x"}, 5, nil},
		{"cmd before entrypoint is kept", "FROM b\nCMD [\"serve\"]\nENTRYPOINT [\"/app\"]\n", []string{"/app", "serve"}, 2, nil},
		{"shell form cmd", "FROM b\nCMD /srv/app server\nEXPOSE 8080/tcp 9090/udp $PORT\n", []string{"/srv/app", "server"}, 2, []int{8080}},
		{"shell form needing a shell", "FROM b\nCMD /srv/app $ARGS\n", nil, 0, nil},
		{"shell entrypoint ignores cmd", "FROM b\nENTRYPOINT /app run\nCMD [\"x\"]\n", []string{"/app", "run"}, 2, nil},
		{"exec entrypoint with shell cmd", "FROM b\nENTRYPOINT [\"/app\"]\nCMD serve now\n", []string{"/app"}, 2, nil},
		{"first expose", "FROM b\nEXPOSE 3000\nEXPOSE 4000\n", nil, 0, []int{3000}},
		{"only the final stage", "FROM a\nEXPOSE 1\nCMD [\"/a\"]\nFROM b\n", nil, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := parse("Dockerfile", []byte(tt.src))
			if !ok {
				t.Fatal("not parsed")
			}
			if !slices.Equal(f.Argv, tt.argv) || f.ArgvLine != tt.line || !slices.Equal(f.Expose, tt.expose) {
				t.Errorf("got argv %q line %d expose %v, want %q line %d expose %v", f.Argv, f.ArgvLine, f.Expose, tt.argv, tt.line, tt.expose)
			}
		})
	}
	// The parser takes almost anything as instructions; junk must yield
	// no command.
	if f, ok := parse("Dockerfile", []byte("\x00\x01 not a dockerfile {{")); ok && f.Argv != nil {
		t.Errorf("junk gave argv %q", f.Argv)
	}
}

func TestCandidates(t *testing.T) {
	got := candidates([]string{"a/b/c/Dockerfile", "docker/Dockerfile.prod", "Dockerfile.dev", "Dockerfile", "docker/Dockerfile", "main.go", "web/app.dockerfile", "Containerfile"})
	want := []string{"Dockerfile", "Containerfile", "Dockerfile.dev", "docker/Dockerfile", "docker/Dockerfile.prod", "web/app.dockerfile"}
	if !slices.Equal(got, want) {
		t.Errorf("candidates = %q, want %q", got, want)
	}
}

func TestPort(t *testing.T) {
	tests := []struct {
		name, src string
		port      int
		from      string
	}{
		{"expose wins", "FROM b\nENV PORT=3000\nEXPOSE 4000\n", 4000, "Dockerfile:3"},
		{"expose of a variable", "FROM b\nENV HOST=0.0.0.0 PORT=80\nEXPOSE $PORT\n", 80, "Dockerfile:2"},
		{"last env wins", "FROM b\nENV PORT 81\nENV PORT=82\n", 82, "Dockerfile:3"},
		{"env not a port", "FROM b\nENV PORT=${P}\n", 0, ""},
		{"other stages do not count", "FROM a\nEXPOSE 1\nENV PORT=2\nFROM b\n", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := parse("Dockerfile", []byte(tt.src))
			if !ok {
				t.Fatal("not parsed")
			}
			if p, from := f.Port(); p != tt.port || from != tt.from {
				t.Errorf("Port() = %d %q, want %d %q", p, from, tt.port, tt.from)
			}
		})
	}
}
