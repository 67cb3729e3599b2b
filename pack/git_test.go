package pack

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockslim/dockslim/internal/gittest"
)

// packRepo is a pack made on the fly as a local git repository with
// tags v1.0.0 (annotated) and v1.1.0 (lightweight).
type packRepo struct {
	dir        string
	v100, v110 string // commits
	url        string // file:// URL
	cache      string
	warnings   []string
	opts       Options
}

func newPackRepo(t *testing.T) *packRepo {
	t.Helper()
	root := t.TempDir()
	r := &packRepo{dir: filepath.Join(root, "acme-pack"), cache: filepath.Join(root, "cache")}
	r.url = "file://" + filepath.ToSlash(r.dir)
	r.opts = Options{CacheDir: r.cache, Version: "0.4.0", Warn: func(s string) { r.warnings = append(r.warnings, s) }}
	writeTree(t, r.dir, map[string]string{ManifestFile: acmeManifest, "_partials/acme.tmpl": acmeBlocks})
	must(t, gittest.Init(r.dir))
	var err error
	r.v100, err = gittest.CommitAll(r.dir, "v1.0.0")
	must(t, err)
	must(t, gittest.Tag(r.dir, "v1.0.0", true))
	writeTree(t, r.dir, map[string]string{ManifestFile: strings.Replace(acmeManifest, "version: 1.0.0", "version: 1.1.0", 1)})
	r.v110, err = gittest.CommitAll(r.dir, "v1.1.0")
	must(t, err)
	must(t, gittest.Tag(r.dir, "v1.1.0", false))
	return r
}

func (r *packRepo) open(t *testing.T, spec string) *Pack {
	t.Helper()
	p, err := Open(context.Background(), spec, r.opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", spec, err)
	}
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestPinningAndConstraints(t *testing.T) {
	r := newPackRepo(t)
	more, err := gittest.CommitAll(r.dir, "unreleased")
	var p *Pack
	must(t, err)
	for spec, want := range map[string]string{
		r.url + "@v1.0.0":         r.v100, // an exact (annotated) tag
		r.url + "@v1.1.0":         r.v110, // a lightweight tag
		r.url + "@v1":             r.v110, // a constraint: the highest matching tag
		r.url + "@^1.0":           r.v110,
		r.url + "@~1.0":           r.v100,
		r.url + "@" + r.v100:      r.v100, // a full commit
		r.url + "@" + r.v100[:10]: r.v100, // an abbreviated one
		r.url + "@master":         more,   // a branch
		r.url:                     more,   // the remote's HEAD
		r.dir + "@v1.0.0":         r.v100, // a local repository path
	} {
		p := r.open(t, spec)
		ref := p.Ref()
		if ref.Commit != want {
			t.Errorf("%s resolved to %s, want %s", spec, ref.Commit, want)
		}
		if len(ref.Commit) != 40 {
			t.Errorf("%s: commit %q is not the full hash", spec, ref.Commit)
		}
	}
	p = r.open(t, r.url+"@v1")
	if ref := p.Ref(); ref.Source != r.url || ref.Ref != "v1" {
		t.Errorf("recorded %+v", ref)
	}
	if p.Manifest.Version != "1.1.0" {
		t.Errorf("v1 opened manifest version %s", p.Manifest.Version)
	}
	// A local path is recorded relative to the project, and read back
	// from there.
	project := filepath.Join(filepath.Dir(r.dir), "services", "api")
	must(t, os.MkdirAll(project, 0o755))
	popts := r.opts
	popts.ProjectDir = project
	p, err = Open(context.Background(), r.dir+"@v1.0.0", popts)
	must(t, err)
	if got := p.Ref().Source; got != "../../acme-pack" {
		t.Errorf("recorded local source %q", got)
	}
	must(t, os.RemoveAll(filepath.Join(r.cache, r.v100)))
	if _, err := OpenRef(context.Background(), p.Ref(), popts); err != nil {
		t.Errorf("reading the relative record back: %v", err)
	}
	if _, err := Open(context.Background(), r.url+"@v2", r.opts); err == nil || !strings.Contains(err.Error(), "no tag matches") || !strings.Contains(err.Error(), "v1.1.0, v1.0.0") {
		t.Errorf("@v2: %v", err)
	}
	if _, err := Open(context.Background(), r.url+"@nope", r.opts); err == nil {
		t.Error("@nope resolved")
	}
}

func TestExactTagWinsOverConstraint(t *testing.T) {
	r := newPackRepo(t)
	// A tag literally named "v1" on the first commit: it wins over the
	// constraint v1 (which would pick v1.1.0).
	must(t, gittest.TagAt(r.dir, "v1", r.v100))
	if got := r.open(t, r.url+"@v1").Ref().Commit; got != r.v100 {
		t.Errorf("@v1 with a v1 tag = %s, want the tag's %s", got, r.v100)
	}
}

func TestCacheServesOffline(t *testing.T) {
	r := newPackRepo(t)
	p := r.open(t, r.url+"@v1.0.0")
	ref := p.Ref()
	if len(r.warnings) != 0 {
		t.Errorf("online open warned: %v", r.warnings)
	}
	if _, err := os.Stat(filepath.Join(r.cache, ref.Commit, sumFile)); err != nil {
		t.Errorf("no snapshot keyed by commit: %v", err)
	}
	// The remote goes away.
	must(t, os.RemoveAll(r.dir))
	// A recorded commit: the snapshot serves, without even a warning.
	if _, err := OpenRef(context.Background(), ref, r.opts); err != nil || len(r.warnings) != 0 {
		t.Fatalf("OpenRef offline: %v %v", err, r.warnings)
	}
	// A full commit as the ref: the snapshot serves too, silently.
	if got := r.open(t, r.url+"@"+ref.Commit).Ref().Commit; got != ref.Commit || len(r.warnings) != 0 {
		t.Errorf("offline @commit = %s, warnings %v", got, r.warnings)
	}
	// A recorded local path (no URL) is a repository too.
	if _, err := OpenRef(context.Background(), &Ref{Source: r.dir, Ref: "v1.0.0", Commit: ref.Commit}, r.opts); err != nil {
		t.Errorf("recorded local path: %v", err)
	}
	// A ref: resolved from the mirror, with a warning.
	p = r.open(t, r.url+"@v1")
	if p.Ref().Commit != r.v110 || len(r.warnings) != 1 || !strings.Contains(r.warnings[0], "using the cached copy") {
		t.Errorf("offline @v1 = %s, warnings %v", p.Ref().Commit, r.warnings)
	}
	// Nothing cached and nothing reachable: an error.
	r.opts.CacheDir = t.TempDir()
	if _, err := Open(context.Background(), r.url+"@v1", r.opts); err == nil || !strings.Contains(err.Error(), "cache holds no copy") {
		t.Errorf("no cache, no remote: %v", err)
	}
	if _, err := OpenRef(context.Background(), ref, r.opts); err == nil || !strings.Contains(err.Error(), "not in the cache") {
		t.Errorf("no cache, no remote, recorded: %v", err)
	}
}

func TestCacheHitNeedsNoFetch(t *testing.T) {
	r := newPackRepo(t)
	ref := r.open(t, r.url+"@v1.0.0").Ref()
	// Break the mirror: a snapshot hit never opens it.
	must(t, os.WriteFile(filepath.Join(mirrorDir(r.cache, mustSource(t, r.url)), "HEAD"), []byte("garbage"), 0o644))
	must(t, os.RemoveAll(r.dir))
	if _, err := OpenRef(context.Background(), ref, r.opts); err != nil || len(r.warnings) != 0 {
		t.Errorf("snapshot hit: %v %v", err, r.warnings)
	}
}

func TestCorruptedCache(t *testing.T) {
	r := newPackRepo(t)
	ref := r.open(t, r.url+"@v1.0.0").Ref()
	// A tampered snapshot is noticed and rebuilt from the mirror.
	tampered := filepath.Join(r.cache, ref.Commit, "_partials", "acme.tmpl")
	must(t, os.WriteFile(tampered, []byte(`{{ define "header" }}# evil{{ end }}`), 0o644))
	p, err := OpenRef(context.Background(), ref, r.opts)
	must(t, err)
	if len(r.warnings) != 1 || !strings.Contains(r.warnings[0], "damaged") {
		t.Errorf("warnings %v", r.warnings)
	}
	if strings.Contains(string(p.fsys["_partials/acme.tmpl"]), "evil") {
		t.Error("the tampered file was used")
	}
	data, err := os.ReadFile(tampered)
	must(t, err)
	if strings.Contains(string(data), "evil") {
		t.Error("the snapshot was not rebuilt")
	}
	// A mirror that cannot be opened and a snapshot that is gone: with
	// the remote there, both are rebuilt.
	r.warnings = nil
	mdir := mirrorDir(r.cache, mustSource(t, r.url))
	must(t, os.RemoveAll(filepath.Join(mdir, "objects")))
	must(t, os.WriteFile(filepath.Join(mdir, "config"), []byte("[[[ not a config"), 0o644))
	must(t, os.RemoveAll(filepath.Join(r.cache, ref.Commit)))
	if _, err := OpenRef(context.Background(), ref, r.opts); err != nil {
		t.Fatalf("rebuilding from the remote: %v", err)
	}
	if len(r.warnings) != 1 || !strings.Contains(r.warnings[0], "unreadable") {
		t.Errorf("warnings %v", r.warnings)
	}
	// The same damage offline: exit-2 material, a clear error.
	must(t, os.RemoveAll(filepath.Join(mdir, "objects")))
	must(t, os.RemoveAll(filepath.Join(r.cache, ref.Commit)))
	must(t, os.RemoveAll(r.dir))
	if _, err := OpenRef(context.Background(), ref, r.opts); err == nil {
		t.Error("a damaged cache with no remote rendered")
	}
}

func TestRequires(t *testing.T) {
	r := newPackRepo(t)
	writeTree(t, r.dir, map[string]string{ManifestFile: strings.Replace(acmeManifest, `requires: ">=0.1.0"`, `requires: ">=9.0.0"`, 1)})
	_, err := gittest.CommitAll(r.dir, "needs dockslim 9")
	must(t, err)
	must(t, gittest.Tag(r.dir, "v2.0.0", false))
	_, err = Open(context.Background(), r.url+"@v2.0.0", r.opts)
	var re *RequiresError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "requires dockslim >=9.0.0, and this is dockslim 0.4.0") {
		t.Errorf("requires mismatch: %v", err)
	}
	// A development build passes, with a warning.
	r.opts.Version = "(devel)"
	r.open(t, r.url+"@v2.0.0")
	if len(r.warnings) != 1 || !strings.Contains(r.warnings[0], "development build") {
		t.Errorf("warnings %v", r.warnings)
	}
	r.warnings = nil
	r.opts.Version = "0.0.0-20261127101500-abcdef123456"
	r.open(t, r.url+"@v2.0.0")
	if len(r.warnings) != 1 {
		t.Errorf("pseudo-version: warnings %v", r.warnings)
	}
}

func TestLatest(t *testing.T) {
	r := newPackRepo(t)
	p := r.open(t, r.url+"@v1.0.0")
	l, err := p.Latest(context.Background(), r.opts)
	must(t, err)
	if l.Current != "v1.0.0" || l.Newest != "v1.1.0" || !l.Newer {
		t.Errorf("latest = %+v", l)
	}
	p = r.open(t, r.url+"@v1")
	if l, _ := p.Latest(context.Background(), r.opts); l.Newer || l.Current != "v1.1.0" {
		t.Errorf("latest at v1.1.0 = %+v", l)
	}
	must(t, os.RemoveAll(r.dir))
	if _, err := p.Latest(context.Background(), r.opts); err == nil {
		t.Error("latest without the remote")
	}
	e, _ := Embedded()
	if _, err := e.Latest(context.Background(), r.opts); !errors.Is(err, ErrNotGit) {
		t.Errorf("embedded latest: %v", err)
	}
}

func TestCredentialsAreNeverWritten(t *testing.T) {
	cache := t.TempDir()
	var warnings []string
	opts := Options{CacheDir: cache, Token: "tok-SECRET-2", Version: "0.4.0", Warn: func(s string) { warnings = append(warnings, s) }}
	_, err := Open(context.Background(), "https://bot:pw-SECRET-1@127.0.0.1:1/acme/pack.git@v1", opts)
	if err == nil {
		t.Fatal("an unreachable pack opened")
	}
	for _, s := range append(warnings, err.Error()) {
		if strings.Contains(s, "SECRET") {
			t.Errorf("a credential was printed: %s", s)
		}
	}
	must(t, filepath.Walk(cache, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if strings.Contains(string(data), "SECRET") || strings.Contains(p, "SECRET") {
			t.Errorf("a credential was written to %s", p)
		}
		return err
	}))
}

func mustSource(t *testing.T, spec string) Source {
	t.Helper()
	s, err := ParseSource(spec, true)
	must(t, err)
	return s
}

func TestRecordedSourceIsCredentialFree(t *testing.T) {
	for spec, want := range map[string]Source{
		"https://bot:pw@git.example.com/acme/pack.git@v1.2.0": {Kind: Git, Location: "https://git.example.com/acme/pack.git", Display: "https://git.example.com/acme/pack.git", Ref: "v1.2.0", user: "bot", password: "pw"},
		"https://tok@git.example.com/acme/pack":               {Kind: Git, Location: "https://git.example.com/acme/pack", Display: "https://git.example.com/acme/pack", user: "tok"},
		"git@github.com:acme/p.git@v1":                        {Kind: Git, Location: "git@github.com:acme/p.git", Display: "git@github.com:acme/p.git", Ref: "v1"},
		"git@github.com:acme/p.git":                           {Kind: Git, Location: "git@github.com:acme/p.git", Display: "git@github.com:acme/p.git"},
		"ssh://git@host:2222/acme/p@^1.2":                     {Kind: Git, Location: "ssh://git@host:2222/acme/p", Display: "ssh://git@host:2222/acme/p", Ref: "^1.2"},
		"file:///srv/packs/acme@main":                         {Kind: Git, Location: "file:///srv/packs/acme", Display: "file:///srv/packs/acme", Ref: "main"},
	} {
		got, err := ParseSource(spec, false)
		if err != nil || got != want {
			t.Errorf("ParseSource(%q) = %+v, %v; want %+v", spec, got, err, want)
		}
	}
	for _, bad := range []string{"", "http://x/y", "ftp://x/y", "https://host", "git@host:p@", "./no-such-dir", "https://h/p@$(x)"} {
		if _, err := ParseSource(bad, false); err == nil {
			t.Errorf("ParseSource(%q) accepted", bad)
		}
	}
	dir := t.TempDir()
	at := filepath.Join(dir, "odd@name")
	must(t, os.Mkdir(at, 0o755))
	if s, err := ParseSource(at, false); err != nil || s.Kind != Dir || s.Ref != "" {
		t.Errorf("an existing directory with @ in its name: %+v %v", s, err)
	}
	if s, err := ParseSource(dir+"@v1", false); err != nil || s.Kind != Git || s.Ref != "v1" {
		t.Errorf("a local repository with a ref: %+v %v", s, err)
	}
}
