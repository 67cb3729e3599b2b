package form

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/huh"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
	"github.com/dockslim/dockslim/project"
)

// goFacts are the facts of a Go module with the given main packages.
func goFacts(mains ...string) *detect.Facts {
	f := &detect.Facts{
		Dir: ".", Language: detect.Go, LanguageVersion: "1.24", PackageManager: "go",
		Flavour: detect.Scratch, Flavours: []string{detect.Scratch, detect.Alpine, detect.Slim, detect.Distroless},
		Mains: mains, Start: []string{"/app"}, Port: 8080, NativeDeps: []string{},
		Sources: map[string]string{"languageVersion": "go.mod#go", "mains": "go.mod"},
	}
	if len(mains) == 1 {
		f.Main = mains[0]
	}
	return f
}

func nodeFacts(native ...string) *detect.Facts {
	f := &detect.Facts{
		Dir: ".", Language: detect.Node, LanguageVersion: "22", PackageManager: "npm",
		Start: []string{"node", "server.js"}, Port: 3000, NativeDeps: native,
		Sources: map[string]string{"languageVersion": ".nvmrc", "packageManager": "package-lock.json", "nativeDeps": "package.json#dependencies"},
	}
	l, _ := detect.Lookup(detect.Node)
	f.Flavours = detect.AllowedFlavours(l, detect.Traits{Native: len(native) > 0, NativeDeps: native, Start: f.Start})
	f.Flavour = f.Flavours[0]
	return f
}

func stateOf(f *detect.Facts, flags *project.Inputs, style Style) formState {
	if flags == nil {
		flags = &project.Inputs{}
	}
	return formState{Flags: *flags, Answers: generate.FromFacts(f), Facts: f, Style: style}
}

func keys(qs []question) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.Key)
	}
	return out
}

func TestQuestionsSkipWhatFlagsAnswered(t *testing.T) {
	f := goFacts("./cmd/api", "./cmd/worker")
	f.Main = "./cmd/api"
	st := stateOf(f, nil, Style{})
	if got, want := keys(runtimeQuestions(st)), []string{qVersion, qMain}; !slices.Equal(got, want) {
		t.Errorf("runtime questions = %v, want %v", got, want)
	}
	if got, want := keys(commandQuestions(st)), []string{qNative, qStart, qBuild, qPort}; !slices.Equal(got, want) {
		t.Errorf("command questions = %v, want %v", got, want)
	}
	if flavourQuestion(st) == nil {
		t.Error("no flavour question")
	}

	flags := &project.Inputs{LangVersion: "1.25", Main: "./cmd/api", Native: ptr(false), Start: "/app", Build: ptr(""), Port: 9000, Flavour: "slim"}
	st = stateOf(f, flags, Style{})
	if qs := append(runtimeQuestions(st), commandQuestions(st)...); len(qs) != 0 {
		t.Errorf("flags answered everything, still asked %v", keys(qs))
	}
	if q := flavourQuestion(st); q != nil {
		t.Errorf("--flavour given, still asked %q", q.Title)
	}
}

func TestMainQuestionOnlyWithSeveralMains(t *testing.T) {
	st := stateOf(goFacts("./cmd/api"), nil, Style{})
	if slices.Contains(keys(runtimeQuestions(st)), qMain) {
		t.Error("one main package: nothing to ask")
	}
	f := goFacts("./cmd/api", "./cmd/worker")
	st = stateOf(f, nil, Style{})
	st.Answers.Main = "./cmd/api"
	st.MustMain = f.Mains
	for _, q := range runtimeQuestions(st) {
		if q.Key != qMain {
			continue
		}
		if !strings.Contains(q.Source, "choose one") || len(q.Options) != 2 || q.Options[1].Value != "./cmd/worker" {
			t.Errorf("main question = %+v", q)
		}
		return
	}
	t.Error("several main packages and no --main: main not asked")
}

func TestPackageManagersDetectedFirst(t *testing.T) {
	f := nodeFacts()
	f.PackageManager = "pnpm"
	f.Sources["packageManager"] = "pnpm-lock.yaml"
	st := stateOf(f, nil, Style{})
	for _, q := range runtimeQuestions(st) {
		if q.Key == qPM {
			if q.Options[0].Value != "pnpm" || q.Options[0].Label != "pnpm ← pnpm-lock.yaml" || q.Default != "pnpm" || len(q.Options) != 5 {
				t.Errorf("pm question = %+v", q)
			}
			return
		}
	}
	t.Error("no package manager question")
}

func TestFlavourQuestionOffersWhatWorks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		facts *detect.Facts
		want  []string
	}{
		{"node", nodeFacts(), []string{"alpine", "slim", "distroless"}},
		{"node native", nodeFacts("bcrypt"), []string{"slim", "alpine", "distroless"}},
		{"go", goFacts("."), []string{"scratch", "alpine", "slim", "distroless"}},
	} {
		q := flavourQuestion(stateOf(tc.facts, nil, Style{}))
		var got []string
		for i, o := range q.Options {
			got = append(got, o.Value)
			if !strings.Contains(o.Label, detect.DescribeFlavour(o.Value)) {
				t.Errorf("%s: %q lacks its reason", tc.name, o.Label)
			}
			if (i == 0) != strings.HasSuffix(o.Label, "(recommended)") {
				t.Errorf("%s: %q: only the first is recommended", tc.name, o.Label)
			}
		}
		if !slices.Equal(got, tc.want) || q.Default != tc.want[0] {
			t.Errorf("%s: flavours %v default %q, want %v", tc.name, got, q.Default, tc.want)
		}
	}
	// A cgo binary cannot run on scratch: not offered.
	f := goFacts(".")
	f.CGO = true
	q := flavourQuestion(stateOf(f, nil, Style{}))
	if slices.ContainsFunc(q.Options, func(o option) bool { return o.Value == detect.Scratch }) {
		t.Error("scratch offered for a cgo binary")
	}
}

func TestNativeAnswer(t *testing.T) {
	deps := []string{"bcrypt", "canvas"}
	for _, tc := range []struct {
		sel  []string
		want string
		bad  bool
	}{
		{[]string{"bcrypt", "canvas", toolchainOption}, nativeYes, false},
		{nil, nativeNo, false},
		{[]string{toolchainOption}, nativeYes, false},
		{[]string{"bcrypt", toolchainOption}, "", true},
		{[]string{"bcrypt", "canvas"}, "", true},
	} {
		got, err := nativeAnswer(tc.sel, deps)
		if got != tc.want || (err != nil) != tc.bad {
			t.Errorf("nativeAnswer(%v) = %q, %v", tc.sel, got, err)
		}
	}
}

func TestSourcesSayWhereValuesCameFrom(t *testing.T) {
	f := nodeFacts()
	st := stateOf(f, nil, Style{})
	if got := st.source("languageVersion", "22", "22"); got != "22 ← .nvmrc" {
		t.Errorf("detected: %q", got)
	}
	if got := st.source("port", "3000", "3000"); got != "3000 ← default" {
		t.Errorf("default: %q", got)
	}
	f.Sources["start"], f.Confidence = "server.js", map[string]string{"start": "likely"}
	if got := st.source("start", "node server.js", "node server.js"); got != "node server.js ← server.js (likely)" {
		t.Errorf("likely: %q", got)
	}
	st.Recorded = true
	if got := st.source("languageVersion", "20", "22"); got != "20 ← .dockslim.yaml (detected now: 22 ← .nvmrc)" {
		t.Errorf("recorded: %q", got)
	}
}

// runAccessible runs a form headless in accessible mode over input.
func runAccessible(t *testing.T, spec formSpec, input string) (*formResult, string) {
	t.Helper()
	form, res := newForm(Style{Accessible: true}, spec)
	var out bytes.Buffer
	lr := newLineReader(t.Context(), strings.NewReader(input))
	defer lr.Close()
	if err := form.WithInput(lr).WithOutput(&out).Run(); err != nil {
		t.Fatal(err)
	}
	return res, out.String()
}

func TestFormAccessibleHeadless(t *testing.T) {
	f := goFacts("./cmd/api", "./cmd/worker")
	st := stateOf(f, nil, Style{Accessible: true})
	st.Answers.Main = "./cmd/api"
	qs := append(runtimeQuestions(st), commandQuestions(st)...)

	// Enter through everything keeps every pre-filled answer.
	res, out := runAccessible(t, formSpec{Heading: "Runtime", Qs: qs}, strings.Repeat("\n", len(qs)))
	for _, q := range qs {
		if got := res.value(q.Key); got != q.Default {
			t.Errorf("%s = %q after Enter, want %q", q.Key, got, q.Default)
		}
	}
	if !strings.Contains(out, "Go version [1.24 ← go.mod#go; Enter keeps it]:") {
		t.Errorf("the version prompt does not show the value and its source:\n%s", out)
	}

	// Answers: version 1.25, main 2, cgo 2, a start with a shell
	// operator (refused and asked again), build as is, port 9090.
	res, out = runAccessible(t, formSpec{Qs: qs}, "1.25\n2\n2\n/app a && b\n/app serve\n\n9090\n")
	want := map[string]string{qVersion: "1.25", qMain: "./cmd/worker", qNative: nativeYes, qStart: "/app serve", qPort: "9090"}
	for k, v := range want {
		if got := res.value(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if !strings.Contains(out, `the shell operator "&&"`) {
		t.Errorf("the start command's error is not shown:\n%s", out)
	}

	// A version that is not one is refused inline, like --lang-version.
	_, out = runAccessible(t, formSpec{Qs: qs[:1]}, "latest\n1.26\n")
	if !strings.Contains(out, `"latest" is not a version like 22, 3.12 or 1.24.3`) {
		t.Errorf("no inline version error:\n%s", out)
	}
}

func TestFileQuestionKeepsByDefault(t *testing.T) {
	q := fileQuestion("Dockerfile")
	res, out := runAccessible(t, formSpec{Qs: []question{q}}, "\n")
	if res.value(q.Key) != fileKeep {
		t.Errorf("Enter chose %q, want keep", res.value(q.Key))
	}
	if !strings.Contains(out, "write dockslim's version to Dockerfile.dockslim") {
		t.Errorf("no beside option:\n%s", out)
	}
	res, _ = runAccessible(t, formSpec{Qs: []question{q}}, "3\n")
	if res.value(q.Key) != fileBeside {
		t.Errorf("3 chose %q, want beside", res.value(q.Key))
	}
}

// drawn is the form's output as a test watches it: every Write is a
// frame the form drew.
type drawn struct{ frames chan struct{} }

func (d drawn) Write(p []byte) (int, error) {
	select {
	case d.frames <- struct{}{}:
	default: // a frame is already waiting to be seen
	}
	return len(p), nil
}

// next waits for a frame drawn since the last call.
func (d drawn) next(t *testing.T) {
	t.Helper()
	select {
	case <-d.frames:
	case <-time.After(5 * time.Second):
		t.Fatal("the form drew nothing")
	}
}

// runTerminal drives the full (bubbletea) form headless: keys go in
// through a pipe, one at a time, each once the form has drawn its answer
// to the one before (the first once it has drawn itself), so no key
// lands before the form can take it.
func runTerminal(t *testing.T, spec formSpec, keys ...string) (*formResult, error) {
	t.Helper()
	form, res := newForm(Style{NoColor: true}, spec)
	pr, pw := io.Pipe()
	defer pw.Close()
	out := drawn{frames: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() { done <- form.WithInput(pr).WithOutput(out).WithWidth(80).Run() }()
	for _, k := range keys {
		out.next(t)
		if _, err := io.WriteString(pw, k); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case err := <-done:
		return res, err
	case <-time.After(5 * time.Second):
		t.Fatal("the form did not finish")
	}
	return nil, nil
}

const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
	keySpace = " "
	keyCtrlC = "\x03"
)

func TestFormTerminalHeadless(t *testing.T) {
	f := nodeFacts("bcrypt")
	st := stateOf(f, &project.Inputs{Start: "node server.js", Build: ptr(""), Port: 3000}, Style{})
	qs := commandQuestions(st) // the native multi-select only
	if len(qs) != 1 || qs[0].Kind != askMulti {
		t.Fatalf("questions = %+v", qs)
	}
	// Enter keeps bcrypt and the toolchain.
	res, err := runTerminal(t, formSpec{Qs: qs}, keyEnter)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := nativeAnswer(*res.Multi[qNative], []string{"bcrypt"}); got != nativeYes {
		t.Errorf("Enter: native %q, want yes", got)
	}
	// Clearing both builds without a toolchain.
	res, err = runTerminal(t, formSpec{Qs: qs}, keySpace, keyDown, keySpace, keyEnter)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := nativeAnswer(*res.Multi[qNative], []string{"bcrypt"}); got != nativeNo {
		t.Errorf("cleared: native %q (selection %v), want no", got, *res.Multi[qNative])
	}

	// The flavour select: down twice picks the third.
	fq := flavourQuestion(st)
	res, err = runTerminal(t, formSpec{Qs: []question{*fq}}, keyDown, keyDown, keyEnter)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.value(qFlavour); got != fq.Options[2].Value {
		t.Errorf("flavour = %q, want %q", got, fq.Options[2].Value)
	}

	// Ctrl-C aborts.
	if _, err := runTerminal(t, formSpec{Qs: []question{*fq}}, keyDown, keyCtrlC); !errors.Is(err, huh.ErrUserAborted) {
		t.Errorf("Ctrl-C: %v, want huh.ErrUserAborted", err)
	}
}

func TestHealthQuestion(t *testing.T) {
	f := goFacts("./cmd/api")
	if _, ok := healthQuestion(stateOf(f, nil, Style{})); ok {
		t.Error("asked about a health check with no route found")
	}
	f.Details.HealthRoutes, f.Details.HealthSource = []string{"/healthz", "/ready"}, "main.go:12"
	q, ok := healthQuestion(stateOf(f, nil, Style{}))
	if !ok {
		t.Fatal("no health question for a module serving /healthz")
	}
	if q.Default != healthNone {
		t.Errorf("default %q: a HEALTHCHECK is off until chosen", q.Default)
	}
	var values []string
	for _, o := range q.Options {
		values = append(values, o.Value)
	}
	if want := []string{healthNone, "/healthz", "/ready"}; !slices.Equal(values, want) {
		t.Errorf("options %q, want %q", values, want)
	}
	if !strings.Contains(q.Source, "main.go:12") {
		t.Errorf("source %q does not say where the route was found", q.Source)
	}
	if _, ok := healthQuestion(stateOf(f, &project.Inputs{Healthcheck: ptr("/healthz")}, Style{})); ok {
		t.Error("asked although --healthcheck was given")
	}
	f.Port = 0
	if _, ok := healthQuestion(stateOf(f, nil, Style{})); ok {
		t.Error("asked for a project without a port, which no probe can ask")
	}
}
