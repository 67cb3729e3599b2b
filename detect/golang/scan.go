package golang

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/parser"
	"go/scanner"
	"go/token"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// headChunk is how much of a .go file is read to find its package
// clause, build constraints and imports; a file whose header is longer
// (a huge licence comment) is read again up to repo.MaxSource.
const headChunk = 32 << 10

// scanWorkers is how many files are read at once: opening and reading
// thousands of small files is syscall-bound, and a few readers in
// parallel cut the wall time of a large module by more than half.
const scanWorkers = 8

// maxSkipWarnings caps the per-file warnings about unreadable .go files;
// the rest are counted in one more warning.
const maxSkipWarnings = 5

// sourceFile is one non-test .go file of the module that a linux build
// compiles (its name, build constraints and directory all admit it).
type sourceFile struct {
	rel     string // slash path from the root
	dir     string // its directory, "." for the root
	pkg     string // package name
	imports []importSpec
	// src is the whole file when it fitted in the first read and the port
	// search may need it (a main package, or a server/config import), so
	// that search does not open the file again; nil otherwise.
	src []byte
	// generated is true for a "Code generated … DO NOT EDIT." file, which
	// never states the app's port.
	generated bool
	// mainFunc is whether the file declares func main: yes, no (the whole
	// file was read), or unknown (it was longer than what was read).
	mainFunc tri
}

// tri is a yes/no/unknown answer.
type tri int

const (
	unknown tri = iota
	yes
	no
)

// importSpec is one import of a sourceFile, with the line it is on.
type importSpec struct {
	path string
	line int
}

// sources is what scanning the module's .go files found.
type sources struct {
	files    []sourceFile // kept files, sorted by path
	hasTests bool         // a _test.go file of this module exists
	warnings []string
}

// scanSources reads the package clause, build constraints and imports
// of every .go file of the module at the root: not tests, not under
// testdata/, vendor/ or _/. folders, not in a nested module. Files that
// cannot be read or parsed are skipped with a warning. Results keep the
// walk's sorted order whatever order the readers finish in.
func scanSources(ctx context.Context, r *repo.Repo, minor int) (*sources, error) {
	src := &sources{}
	nested := nestedModules(r)
	var todo []string
	for _, rel := range r.FilesWithExt(".go") {
		if !inModule(rel, nested) {
			continue
		}
		base := path.Base(rel)
		if strings.HasSuffix(base, "_test.go") {
			src.hasTests = true
			continue
		}
		if fileNameOK(base) {
			todo = append(todo, rel)
		}
	}

	type result struct {
		f   *sourceFile
		err error
	}
	results := make([]result, len(todo))
	tags := tagsFor(minor)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(scanWorkers, len(todo)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) || ctx.Err() != nil {
					return
				}
				f, err := readFile(r, todo[i], tags)
				results[i] = result{f, err}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	var skipped []string
	for _, res := range results {
		switch {
		case res.err != nil:
			skipped = append(skipped, res.err.Error())
		case res.f != nil:
			src.files = append(src.files, *res.f)
		}
	}
	for i, s := range skipped {
		if i == maxSkipWarnings {
			src.warnings = append(src.warnings, fmt.Sprintf("skipped %d more .go files that could not be read", len(skipped)-i))
			break
		}
		src.warnings = append(src.warnings, "skipped "+s)
	}
	return src, nil
}

// nestedModules lists the folders below the root that hold their own
// go.mod: their packages belong to another module.
func nestedModules(r *repo.Repo) []string {
	var out []string
	for _, f := range r.FilesNamed("go.mod") {
		if f != "go.mod" {
			out = append(out, path.Dir(f))
		}
	}
	return out
}

// inModule reports whether rel is a file `go build ./...` at the root
// would consider: the go command ignores testdata/, vendor/ and names
// starting with "_" or "."; nested modules are separate.
func inModule(rel string, nested []string) bool {
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		if p == "" || p[0] == '_' || p[0] == '.' || (i < len(parts)-1 && (p == "testdata" || p == "vendor")) {
			return false
		}
	}
	for _, n := range nested {
		if strings.HasPrefix(rel, n+"/") {
			return false
		}
	}
	return true
}

// readFile returns rel's package and imports, nil when its build
// constraints exclude it, or an error (a sentence naming the file) when
// it cannot be read or parsed.
func readFile(r *repo.Repo, rel string, tags func(string) bool) (*sourceFile, error) {
	for _, limit := range []int64{headChunk, repo.MaxSource} {
		data, err := r.Head(rel, limit)
		if err != nil {
			return nil, err
		}
		f, err := parseHeader(rel, data, tags)
		if err != nil && int64(len(data)) == limit && limit < repo.MaxSource {
			continue // the header may just be longer than the first chunk
		}
		if f == nil {
			return nil, err
		}
		f.generated = isGenerated(data)
		if f.pkg == "main" {
			switch {
			case mainFuncRE.Match(data):
				f.mainFunc = yes
			case int64(len(data)) < limit:
				f.mainFunc = no
			}
		}
		if int64(len(data)) < limit && (f.pkg == "main" || !f.generated && importsAny(*f, serverImports)) {
			f.src = data
		}
		return f, err
	}
	return nil, nil // unreachable: the last limit always returns
}

// mainFuncRE finds a func main declaration at the start of a line.
var mainFuncRE = regexp.MustCompile(`(?m)^func main\(\s*\)`)

// isGenerated reports whether src has the Go convention's marker of a
// generated file (https://go.dev/s/generatedcode): a whole line
// "// Code generated … DO NOT EDIT." near the top. Plain byte searches:
// a regexp here cost more than reading the file.
func isGenerated(src []byte) bool {
	head := src[:min(len(src), 4<<10)]
	for from := 0; ; {
		i := bytes.Index(head[from:], []byte("// Code generated "))
		if i < 0 {
			return false
		}
		start := from + i
		end := bytes.IndexByte(head[start:], '\n')
		if end < 0 {
			end = len(head) - start
		}
		line := bytes.TrimRight(head[start:start+end], "\r")
		if (start == 0 || head[start-1] == '\n') && bytes.HasSuffix(line, []byte(" DO NOT EDIT.")) {
			return true
		}
		from = start + 1
	}
}

// parseHeader evaluates src's build constraints and parses its package
// clause and imports. The file name is used for positions only.
func parseHeader(rel string, src []byte, tags func(string) bool) (*sourceFile, error) {
	ok, err := shouldBuild(src, tags)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", rel, err)
	}
	if !ok {
		return nil, nil
	}
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, rel, src, parser.ImportsOnly)
	if err != nil {
		return nil, errors.New(parseError(rel, err))
	}
	f := &sourceFile{rel: rel, dir: path.Dir(rel), pkg: af.Name.Name}
	for _, imp := range af.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		f.imports = append(f.imports, importSpec{path: p, line: fset.Position(imp.Path.Pos()).Line})
	}
	return f, nil
}

// parseError renders a parse error as "file:line:col: message" with
// only the first of a scanner's errors.
func parseError(rel string, err error) string {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		return fmt.Sprintf("%s:%d:%d: %s", rel, e.Pos.Line, e.Pos.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %v", rel, err)
}
