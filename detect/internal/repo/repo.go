// Package repo is the one way detection reads a project: a single walk up
// front lists its files (never descending into dependency, VCS or build
// folders), and every read is size-capped, refuses anything but a regular
// file and never leaves the project's root, so a hostile repository (a
// 1 GB manifest, a FIFO, a symlink loop or one pointing at /etc) gets a
// *FileError, never a hang or a read outside it.
package repo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// Read limits. A manifest larger than MaxManifest is an error (no real
// package.json is 4 MiB); a lockfile over MaxLockfile is skipped with a
// warning; source files are scanned only in their first MaxSource bytes.
const (
	MaxManifest = 4 << 20
	MaxLockfile = 16 << 20
	MaxSource   = 256 << 10
	// maxEntries bounds the walk so a pathological tree cannot stall detect.
	maxEntries = 500_000
)

// skipDirs are never walked: dependencies, VCS data, virtualenvs, caches
// and build output. Hidden folders are skipped too (see walk).
var skipDirs = map[string]bool{
	"node_modules": true, "bower_components": true, "jspm_packages": true,
	"vendor": true, "venv": true, "__pycache__": true, "site-packages": true,
	"dist": true, "coverage": true, "htmlcov": true, "target": true,
}

// Skipped reports whether a folder named name is never walked: a
// dependency, VCS, virtualenv, cache or build folder, or a hidden one.
func Skipped(name string) bool { return skipDirs[name] || strings.HasPrefix(name, ".") }

// Repo is a read-only view of a project directory that enforces detect's
// limits: a single walk up front lists the regular files outside skipped
// folders; reads are size-capped and never leave the root.
type Repo struct {
	root     string   // directory as given, cleaned
	realRoot string   // root with symlinks resolved, to check links against
	files    []string // slash paths of regular files (and file symlinks), sorted
	fileSet  map[string]bool
	links    map[string]bool // walked entries that are symlinks
	warnings []string
}

// Open walks dir once. It fails only when dir itself is unusable.
func Open(ctx context.Context, dir string) (*Repo, error) {
	root := filepath.Clean(dir)
	st, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", dir, UnwrapPathError(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("cannot resolve %s: %w", dir, UnwrapPathError(err))
	}
	if realRoot, err = filepath.Abs(realRoot); err != nil {
		return nil, err
	}
	r := &Repo{root: root, realRoot: realRoot, fileSet: map[string]bool{}, links: map[string]bool{}}
	n := 0
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if n++; n%4096 == 0 {
			if cerr := ctx.Err(); cerr != nil {
				return cerr
			}
		}
		if n > maxEntries {
			r.Warnf("stopped scanning after %d entries; detection used what it had seen", maxEntries)
			return fs.SkipAll
		}
		if err != nil {
			if p == root {
				return err
			}
			// An unreadable sub-folder is not fatal: detection works with
			// what it can see, and a manifest it needs is reported by read.
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel := filepath.ToSlash(strings.TrimPrefix(strings.TrimPrefix(p, root), string(filepath.Separator)))
		if d.IsDir() {
			if rel != "" && Skipped(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.Type().IsRegular():
			r.files = append(r.files, rel)
		case d.Type()&fs.ModeSymlink != 0:
			r.files = append(r.files, rel)
			r.links[rel] = true
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		return nil, fmt.Errorf("cannot read %s: %w", dir, UnwrapPathError(err))
	}
	sort.Strings(r.files)
	for _, f := range r.files {
		r.fileSet[f] = true
	}
	return r, nil
}

// UnwrapPathError drops an fs.PathError's path: messages name files
// relative to the project, never by their absolute path.
func UnwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *Repo) Warnf(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// Abs returns the OS path of a slash path relative to the root.
func (r *Repo) Abs(rel string) string { return filepath.Join(r.root, filepath.FromSlash(rel)) }

// Has reports whether rel exists as a file. It also sees files inside
// skipped folders (vendor/modules.txt, .yarnrc.yml), which the walk omits.
func (r *Repo) Has(rel string) bool {
	if r.fileSet[rel] {
		return true
	}
	st, err := os.Lstat(r.Abs(rel))
	return err == nil && !st.IsDir()
}

// HasDir reports whether rel is a directory inside the project.
func (r *Repo) HasDir(rel string) bool {
	st, err := os.Lstat(r.Abs(rel))
	return err == nil && st.IsDir()
}

// FilesWithExt lists walked files whose name ends in one of exts, sorted.
func (r *Repo) FilesWithExt(exts ...string) []string {
	var out []string
	for _, f := range r.files {
		for _, e := range exts {
			if strings.HasSuffix(f, e) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// FilesNamed lists walked files whose base name is name, sorted.
func (r *Repo) FilesNamed(name string) []string {
	var out []string
	for _, f := range r.files {
		if path.Base(f) == name {
			out = append(out, f)
		}
	}
	return out
}

// Read returns the whole of rel, or a *FileError when it is missing,
// larger than limit, unreadable, or a symlink that leaves the project. An
// oversized file is refused from its size alone, without reading it.
func (r *Repo) Read(rel string, limit int64) ([]byte, error) {
	f, size, err := r.open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size > limit {
		return nil, &FileError{Path: rel, Err: fmt.Errorf("%w (over %d MiB)", ErrTooLarge, limit>>20)}
	}
	return readAtMost(f, rel, size)
}

// Head returns at most the first limit bytes of rel; for scanning sources
// and lockfile headers, where a truncated read is good enough.
func (r *Repo) Head(rel string, limit int64) ([]byte, error) {
	f, size, err := r.open(rel)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAtMost(f, rel, min(size, limit))
}

// readAtMost reads n bytes in one sized read (the file's size is known,
// so there is no growing buffer); a file that shrank meanwhile gives what
// it has.
func readAtMost(f *os.File, rel string, n int64) ([]byte, error) {
	buf := make([]byte, n)
	m, err := io.ReadFull(f, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, &FileError{Path: rel, Err: UnwrapPathError(err)}
	}
	return buf[:m], nil
}

// open opens rel for reading after checking that it resolves inside the
// project and is a regular file (not a FIFO or device that could block).
func (r *Repo) open(rel string) (*os.File, int64, error) {
	p := r.Abs(rel)
	if r.fileSet[rel] && !r.links[rel] {
		// The walk saw a regular file under real folders (WalkDir never
		// descends into a linked folder), so it cannot leave the root.
		return r.openRegular(rel, p)
	}
	real, err := filepath.EvalSymlinks(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, 0, &FileError{Path: rel, Err: fs.ErrNotExist}
		}
		return nil, 0, &FileError{Path: rel, Err: fmt.Errorf("cannot resolve symlink: %v", UnwrapPathError(err))}
	}
	if real, err = filepath.Abs(real); err != nil {
		return nil, 0, &FileError{Path: rel, Err: err}
	}
	if real != r.realRoot && !strings.HasPrefix(real, r.realRoot+string(filepath.Separator)) {
		return nil, 0, &FileError{Path: rel, Err: ErrOutside}
	}
	return r.openRegular(rel, real)
}

// openRegular opens p and returns it with its size, refusing anything
// but a regular file. O_NONBLOCK keeps a FIFO from blocking the open; the
// check on the open descriptor then rejects it (and devices).
func (r *Repo) openRegular(rel, p string) (*os.File, int64, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, 0, &FileError{Path: rel, Err: UnwrapPathError(err)}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, &FileError{Path: rel, Err: UnwrapPathError(err)}
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, 0, &FileError{Path: rel, Err: errors.New("not a regular file")}
	}
	return f, st.Size(), nil
}

// Files lists the walked files (slash paths, sorted). The slice is
// shared: callers must not change it.
func (r *Repo) Files() []string { return r.files }

// Root is the directory as given, cleaned.
func (r *Repo) Root() string { return r.root }

// Warnings are what the walk had to say (a scan cut short).
func (r *Repo) Warnings() []string { return r.warnings }
