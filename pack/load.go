package pack

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect"
	"github.com/dockslim/dockslim/generate"
)

// Limits on what a pack may hold. Only the manifest and template files
// are read; the limits keep a hostile or mistaken pack (a whole
// repository, a generated blob) from costing memory or time.
const (
	MaxFileSize  = 256 << 10 // one template or the manifest
	MaxTotalSize = 2 << 20   // every file read, together
	MaxFiles     = 200       // files read
	maxEntries   = 20000     // entries walked (golden fixtures included)
)

// loadable reports whether a pack file is read for rendering: the
// manifest, _partials/*.tmpl and each language's fixed templates. Other
// files (README, golden/, CI) are part of the repository, not the pack.
func loadable(name string) bool {
	if name == ManifestFile {
		return true
	}
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "_partials" {
		return strings.HasSuffix(base, ".tmpl")
	}
	return slices.Contains(detect.LanguageNames(), dir) && slices.Contains(generate.TemplateFiles(dir), name)
}

// LoadError is a pack that cannot be used: unsafe, too large, malformed.
type LoadError struct {
	Where string // the pack, as a person named it
	Err   error
}

func (e *LoadError) Error() string { return fmt.Sprintf("template pack %s: %v", e.Where, e.Err) }
func (e *LoadError) Unwrap() error { return e.Err }

// loadFS reads a pack's files from fsys after checking every entry: no
// symlinks or special files anywhere (a .git folder is skipped), paths
// inside the root only, sizes within the limits, and every template
// parsing with the curated functions.
func loadFS(fsys fs.FS, where string) (memFS, error) {
	files := memFS{}
	total, entries := 0, 0
	fail := func(format string, args ...any) error {
		return &LoadError{Where: where, Err: fmt.Errorf(format, args...)}
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fail("cannot read %s: %v", p, unwrapPath(err))
		}
		if entries++; entries > maxEntries {
			return fail("more than %d files: not a template pack", maxEntries)
		}
		if !fs.ValidPath(p) || strings.Contains(p, `\`) {
			return fail("%q is not a safe path inside the pack", p)
		}
		switch t := d.Type(); {
		case d.IsDir():
			if d.Name() == ".git" && p != "." {
				return fs.SkipDir
			}
			return nil
		case t&fs.ModeSymlink != 0:
			return fail("%s is a symlink; a pack cannot contain symlinks (copy the file instead)", p)
		case !t.IsRegular():
			return fail("%s is not a regular file", p)
		}
		if !loadable(p) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return fail("cannot read %s: %v", p, unwrapPath(err))
		}
		if info.Size() > MaxFileSize {
			return fail("%s is %d bytes; a pack file may hold at most %d", p, info.Size(), MaxFileSize)
		}
		data, err := readLimited(fsys, p)
		if err != nil {
			return fail("%v", err)
		}
		total += len(data)
		switch {
		case total > MaxTotalSize:
			return fail("its files hold more than %d bytes together", MaxTotalSize)
		case len(files) >= MaxFiles:
			return fail("more than %d template files", MaxFiles)
		}
		files[p] = data
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, ok := files[ManifestFile]; !ok {
		return nil, &LoadError{Where: where, Err: errNoManifest}
	}
	for _, name := range sortedKeys(files) {
		if name == ManifestFile {
			continue
		}
		if _, err := generate.NewTemplate(name).Parse(string(files[name])); err != nil {
			return nil, &LoadError{Where: where, Err: errors.New(strings.TrimPrefix(err.Error(), "template: "))}
		}
	}
	return files, nil
}

// readLimited reads a file, refusing more than MaxFileSize bytes even if
// it grew after it was listed.
func readLimited(fsys fs.FS, p string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", p, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", p, unwrapPath(err))
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("%s holds more than %d bytes", p, MaxFileSize)
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
