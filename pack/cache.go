package pack

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// A snapshot is the pack's files at one commit, written once into
// <cache>/<commit>/ with a list of their SHA-256 sums (sumFile). Loading
// checks every sum, so a damaged snapshot is noticed and rebuilt from the
// mirror (or fetched again), never rendered.
const sumFile = ".dockslim-snapshot"

var commitRE = regexp.MustCompile(`^[0-9a-f]{40}$`)

// errCorrupt is a snapshot whose files do not match their sums.
var errCorrupt = errors.New("cache entry does not match its checksums")

func snapshotDir(cacheDir, commit string) string { return filepath.Join(cacheDir, commit) }

// loadSnapshot reads and verifies the snapshot of commit; fs.ErrNotExist
// when there is none, errCorrupt when it is damaged.
func loadSnapshot(cacheDir, commit string) (memFS, error) {
	dir := snapshotDir(cacheDir, commit)
	sums, err := os.ReadFile(filepath.Join(dir, sumFile))
	if err != nil {
		if _, serr := os.Stat(dir); serr == nil {
			return nil, errCorrupt
		}
		return nil, err
	}
	files, err := loadFS(os.DirFS(dir), "cache "+commit[:12])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	want := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok {
			return nil, errCorrupt
		}
		want[name] = sum
	}
	if len(want) != len(files) {
		return nil, errCorrupt
	}
	for name, data := range files {
		if want[name] != sha(data) {
			return nil, errCorrupt
		}
	}
	return files, nil
}

// writeSnapshot writes files as commit's snapshot: into a temporary
// folder first, renamed into place, so a reader never sees half of one.
func writeSnapshot(cacheDir, commit string, files memFS) error {
	if !commitRE.MatchString(commit) {
		return fmt.Errorf("refusing to cache %q: not a commit hash", commit)
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return fmt.Errorf("cannot create the pack cache: %w", err)
	}
	tmp, err := os.MkdirTemp(cacheDir, ".snapshot-*")
	if err != nil {
		return fmt.Errorf("cannot write the pack cache: %w", err)
	}
	defer os.RemoveAll(tmp)
	var sums strings.Builder
	for _, name := range sortedKeys(files) {
		// Names were checked when the tree was read: slash paths inside
		// the snapshot, nothing else.
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("cannot write the pack cache: %w", err)
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return fmt.Errorf("cannot write the pack cache: %w", err)
		}
		fmt.Fprintf(&sums, "%s  %s\n", sha(files[name]), name)
	}
	if err := os.WriteFile(filepath.Join(tmp, sumFile), []byte(sums.String()), 0o644); err != nil {
		return fmt.Errorf("cannot write the pack cache: %w", err)
	}
	final := snapshotDir(cacheDir, commit)
	if err := os.RemoveAll(final); err != nil {
		return fmt.Errorf("cannot write the pack cache: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		if _, serr := os.Stat(filepath.Join(final, sumFile)); serr == nil {
			return nil // another dockslim wrote it first
		}
		return fmt.Errorf("cannot write the pack cache: %w", err)
	}
	return nil
}

// readTree reads the pack's files at commit from the mirror, checking
// every entry of the tree on the way: no symlinks, submodules or unsafe
// names (.., /, \, .git) anywhere, limits on what is read. The result
// then goes through loadFS like a directory's files.
func (m *mirror) readTree(commit plumbing.Hash, where string) (memFS, error) {
	c, err := m.repo.CommitObject(commit)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", commit, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", commit, err)
	}
	files := memFS{}
	entries, total := 0, 0
	fail := func(format string, args ...any) error {
		return &LoadError{Where: where, Err: fmt.Errorf(format, args...)}
	}
	var walk func(t *object.Tree, dir string, depth int) error
	walk = func(t *object.Tree, dir string, depth int) error {
		if depth > 32 {
			return fail("folders nested more than 32 deep")
		}
		for _, e := range t.Entries {
			if entries++; entries > maxEntries {
				return fail("more than %d files: not a template pack", maxEntries)
			}
			name := e.Name
			if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`+"\x00") || strings.EqualFold(name, ".git") {
				return fail("the tree holds the unsafe name %q in %q; a pack cannot reach outside its root", name, dir+"/")
			}
			p := path.Join(dir, name)
			switch e.Mode {
			case filemode.Dir:
				sub, err := m.repo.TreeObject(e.Hash)
				if err != nil {
					return fail("%s: %v", p, err)
				}
				if err := walk(sub, p, depth+1); err != nil {
					return err
				}
			case filemode.Symlink:
				return fail("%s is a symlink; a pack cannot contain symlinks (copy the file instead)", p)
			case filemode.Submodule:
				return fail("%s is a submodule; a pack cannot contain submodules", p)
			case filemode.Regular, filemode.Executable, filemode.Deprecated:
				if !loadable(p) {
					continue
				}
				blob, err := m.repo.BlobObject(e.Hash)
				if err != nil {
					return fail("%s: %v", p, err)
				}
				if blob.Size > MaxFileSize {
					return fail("%s is %d bytes; a pack file may hold at most %d", p, blob.Size, MaxFileSize)
				}
				if total += int(blob.Size); total > MaxTotalSize {
					return fail("its files hold more than %d bytes together", MaxTotalSize)
				}
				r, err := blob.Reader()
				if err != nil {
					return fail("%s: %v", p, err)
				}
				data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
				r.Close()
				if err != nil {
					return fail("%s: %v", p, err)
				}
				files[p] = data
			default:
				return fail("%s has the unsupported mode %o", p, uint32(e.Mode))
			}
		}
		return nil
	}
	if err := walk(tree, "", 0); err != nil {
		return nil, err
	}
	// The same checks as any directory: sizes, the manifest, templates
	// that parse with the curated functions.
	return loadFS(files, where)
}

func sha(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
