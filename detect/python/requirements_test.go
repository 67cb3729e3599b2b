package python

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/detect/internal/fixture"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

func TestPyJoinLines(t *testing.T) {
	in := "a \\\n  b\n# c \\\nd\\\n# e\nf \\"
	got := joinLines(in)
	want := []reqLogicalLine{{1, "a   b"}, {3, " # c \\"}, {4, "d # e"}, {6, "f "}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("joinLines = %+v, want %+v", got, want)
	}
}

func TestPyParseRequirementsFile(t *testing.T) {
	data := strings.Join([]string{
		"# comment",
		"--index-url https://user:secret@example.com/simple",
		"-i https://other",
		"--extra-index-url=https://x",
		"--find-links ./wheels",
		"--trusted-host example.com",
		"--no-index",
		"--pre",
		"-r base.txt",
		"-rother.txt",
		"--requirement=third.txt",
		"-c constraints.txt",
		"-e .",
		"-e ./libs/a[extra]",
		"--editable git+https://github.com/x/y.git#egg=y_lib",
		"./libs/b",
		"./dist/pkg-1.0-py3-none-any.whl",
		"Flask>=2 # web",
		"pkg==1.0  # trailing comment",
		"gunicorn==23 --hash=sha256:aa --hash=sha256:bb",
		"https://example.com/archive.zip#egg=arch",
		`tzdata ; sys_platform == "win32"`,
		"--frobnicate yes",
		"",
	}, "\n")
	lines, err := parseRequirementsFile("requirements.txt", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		kind  reqKind
		line  int
		name  string
		path  string
		edit  bool
		url   bool
		linux bool
		warn  bool
	}
	var got []row
	for _, l := range lines {
		r := row{kind: l.Kind, line: l.Line, path: l.Path, edit: l.Editable, url: l.URL, warn: l.Warn != "", linux: true}
		if l.Req != nil {
			r.name, r.linux = l.Req.Name, l.Req.Linux
		}
		got = append(got, r)
	}
	want := []row{
		{lineInclude, 9, "", "base.txt", false, false, true, false},
		{lineInclude, 10, "", "other.txt", false, false, true, false},
		{lineInclude, 11, "", "third.txt", false, false, true, false},
		{lineConstraint, 12, "", "constraints.txt", false, false, true, false},
		{lineDep, 13, "", ".", true, false, true, false},
		{lineDep, 14, "", "libs/a", true, false, true, false},
		{lineDep, 15, "y-lib", "", true, true, true, false},
		{lineDep, 16, "", "libs/b", false, false, true, false},
		{lineDep, 17, "", "dist/pkg-1.0-py3-none-any.whl", false, false, true, false},
		{lineDep, 18, "flask", "", false, false, true, false},
		{lineDep, 19, "pkg", "", false, false, true, false},
		{lineDep, 20, "gunicorn", "", false, false, true, false},
		{lineDep, 21, "arch", "", false, true, true, false},
		{lineDep, 22, "tzdata", "", false, false, false, false},
		{lineDep, 23, "", "", false, false, true, true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines:\n got %+v\nwant %+v", got, want)
	}
	for _, l := range lines {
		if strings.Contains(l.Warn, "secret") || strings.Contains(l.Path, "secret") {
			t.Errorf("an option value leaked: %+v", l)
		}
	}
}

func TestPyParseRequirementsFileErrors(t *testing.T) {
	cases := []struct {
		data      string
		line, col int
		msg       string
	}{
		{"flask\nrequests >= 2.0 <<< x\n", 2, 17, "invalid requirement"},
		{"flask\n$(curl x)\n", 2, 1, "expected a package name"},
		{"ok\n  bad name!\n", 2, 7, "invalid requirement"},
		{"-r\n", 1, 0, "needs a value"},
		{"-e django\n", 0, 0, ""}, // -e with a bare name is a path that does not exist: a warning later
		{"a\x00b", 1, 2, "NUL"},
		{"a\n\xff", 2, 1, "UTF-8"},
		{"pkg ; os_name ==\n", 1, 17, "marker"},
	}
	for _, c := range cases {
		_, err := parseRequirementsFile("r.txt", []byte(c.data))
		if c.msg == "" {
			if err != nil {
				t.Errorf("%q: %v", c.data, err)
			}
			continue
		}
		var fe *repo.FileError
		if !errors.As(err, &fe) {
			t.Errorf("%q: error %v is not a *repo.FileError", c.data, err)
			continue
		}
		if fe.Line != c.line || fe.Col != c.col || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%q: got %v (line %d col %d), want line %d col %d containing %q", c.data, err, fe.Line, fe.Col, c.line, c.col, c.msg)
		}
	}
}

func TestPyReadRequirementsTree(t *testing.T) {
	dir := t.TempDir()
	fixture.Write(t, dir, map[string]string{
		"requirements.txt":          "-r req/a.txt\n-r req/b.txt\n-e .\n",
		"req/a.txt":                 "-r common.txt\nflask\n",
		"req/b.txt":                 "-r common.txt\n-c pins.txt\n",
		"req/common.txt":            "requests\n",
		"req/pins.txt":              "urllib3<3\n-r more-pins.txt\n",
		"req/more-pins.txt":         "idna<4\n",
		"too-deep/requirements.txt": "x\n",
	})
	r, err := repo.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := readRequirements(context.Background(), r, "requirements.txt")
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{"requirements.txt", "req/a.txt", "req/common.txt", "req/b.txt", "req/pins.txt", "req/more-pins.txt"}
	if !reflect.DeepEqual(tree.Files, wantFiles) {
		t.Errorf("files = %q, want %q", tree.Files, wantFiles)
	}
	var names []string
	for _, d := range tree.Deps {
		names = append(names, d.Req.Name+"@"+d.From)
	}
	if want := []string{"requests@req/common.txt", "flask@req/a.txt"}; !reflect.DeepEqual(names, want) {
		t.Errorf("deps = %q, want %q (constraints install nothing)", names, want)
	}
	if !tree.InstallProject || !reflect.DeepEqual(tree.LocalPaths, []string{"."}) {
		t.Errorf("install = %v, local = %q", tree.InstallProject, tree.LocalPaths)
	}
}

func TestPyReadRequirementsLimits(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("requests==2.32.3\n", (repo.MaxManifest/17)+1)
	fixture.Write(t, dir, map[string]string{"requirements.txt": big, "outside.txt": "-r link.txt\n"})
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	r, err := repo.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = readRequirements(context.Background(), r, "requirements.txt")
	if !errors.Is(err, repo.ErrTooLarge) {
		t.Errorf("huge file: got %v, want repo.ErrTooLarge", err)
	}
	_, err = readRequirements(context.Background(), r, "outside.txt")
	if !errors.Is(err, repo.ErrOutside) {
		t.Errorf("symlink out of the project: got %v, want repo.ErrOutside", err)
	}
}

func FuzzRequirements(f *testing.F) {
	for _, s := range []string{
		"flask>=2\n-r base.txt\n-c c.txt\n-e .\n./libs/x[extra]\n",
		"gunicorn==23 \\\n  --hash=sha256:aa \\\n",
		"--index-url https://u:p@h/simple\nmylib @ https://h/x.whl ; os_name == 'nt'\n",
		"git+https://h/r.git#egg=name\nfile:///${PROJECT_ROOT}/libs/a\n# c\n",
		"\x00junk", "$(id)\n", "-e\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := parseRequirementsFile("requirements.txt", data)
		if err != nil {
			var fe *repo.FileError
			if !errors.As(err, &fe) || fe.Line < 1 {
				t.Fatalf("error %v is not a *repo.FileError with a line", err)
			}
			return
		}
		for _, l := range lines {
			if l.Line < 1 {
				t.Fatalf("line %+v has no line number", l)
			}
			if l.Req != nil && l.Req.Name != "" && !normNameRE.MatchString(l.Req.Name) {
				t.Fatalf("name %q is not normalised", l.Req.Name)
			}
			if l.Kind == lineDep && (strings.HasPrefix(l.Path, "/") || strings.HasPrefix(l.Path, "../") || l.Path == ".." || strings.ContainsAny(l.Path, "$`\n")) {
				t.Fatalf("unsafe local path %q", l.Path)
			}
		}
	})
}
