package generate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Status says how a rendered file compares with the one on disk.
type Status int

// Statuses of a planned file.
const (
	New       Status = iota // no file on disk
	Unchanged               // identical bytes on disk
	Differs                 // a different file on disk
)

func (s Status) String() string {
	return [...]string{"new", "unchanged", "differs"}[s]
}

// Planned is one rendered file next to what is on disk.
type Planned struct {
	File
	Status  Status
	Current []byte      // bytes on disk (nil when New)
	Mode    fs.FileMode // mode to write with: the existing file's, else 0644
}

// Plan compares rendered files with the files in dir.
func Plan(dir string, files []File) ([]Planned, error) {
	out := make([]Planned, 0, len(files))
	for _, f := range files {
		p := Planned{File: f, Mode: 0o644}
		full := filepath.Join(dir, f.Name)
		st, err := os.Lstat(full)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			p.Status = New
		case err != nil:
			return nil, fmt.Errorf("cannot read %s: %w", f.Name, err)
		case st.Mode()&fs.ModeSymlink != 0:
			return nil, fmt.Errorf("%s is a symlink; dockslim will not replace it (remove it or write elsewhere)", f.Name)
		case !st.Mode().IsRegular():
			return nil, fmt.Errorf("%s exists and is not a regular file", f.Name)
		default:
			cur, err := os.ReadFile(full)
			if err != nil {
				return nil, fmt.Errorf("cannot read %s: %w", f.Name, err)
			}
			p.Current, p.Mode = cur, st.Mode().Perm()
			if string(cur) == string(f.Data) {
				p.Status = Unchanged
			} else {
				p.Status = Differs
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// WriteFile replaces dir/name atomically: the bytes go to a temporary file
// in the same directory, are synced, get mode, and are renamed over the
// target, so a reader sees the old file or the new one, never a mix.
func WriteFile(dir, name string, data []byte, mode fs.FileMode) (err error) {
	tmp, err := os.CreateTemp(dir, ".dockslim-*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	if err = os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return nil
}
