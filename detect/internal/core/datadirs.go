package core

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
)

// A server that keeps a SQLite database in a file of its own (the docker
// getting-started app's `/etc/todos/todo.db`, a `./data/app.db`) cannot
// create it as the image's non-root user: the folder does not exist, or
// belongs to root. Detection finds such paths in the code; the runtime
// creates their folders empty and owned by the user (docs/dockerfiles.md).

// sqliteLiteralRE is a quoted database file name, optionally a
// SQLAlchemy URL's `sqlite:///` (three slashes: relative; four:
// absolute). Group 1 is the path.
var sqliteLiteralRE = regexp.MustCompile(`["'](?:sqlite:///)?([A-Za-z0-9_./-]{1,200}\.(?:db|sqlite3?))["']`)

// safeDirRE is a folder the Dockerfile may name unquoted.
var safeDirRE = regexp.MustCompile(`^/[A-Za-z0-9_./-]+$`)

// systemDirs are folders never created or handed to the app's user: the
// image's own tree, and places anyone can already write.
var systemDirs = []string{"/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/opt", "/proc", "/root",
	"/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var", "/var/tmp", "/var/lib", "/dev/shm", "/home", "/mnt"}

// CheckDataDir accepts a folder the runtime may create for the app's
// user: absolute, clean, plain characters, not the image's own system
// folders (nor /tmp, which anyone can write), and not the app's folder
// itself.
func CheckDataDir(dir string) error {
	if !safeDirRE.MatchString(dir) || path.Clean(dir) != dir || dir == AppDir ||
		slices.Contains(systemDirs, dir) || strings.HasPrefix(dir, "/tmp/") || strings.HasPrefix(dir, "/proc/") ||
		strings.HasPrefix(dir, "/sys/") || strings.HasPrefix(dir, "/dev/") || strings.HasPrefix(dir, "/usr/") {
		return fmt.Errorf("%q is not a folder the app's user may be given (absolute, plain, outside the system's folders)", dir)
	}
	return nil
}

// DataFile is a database file the code names, where it was found.
type DataFile struct {
	// Path is the file as written: absolute, or relative to the working
	// directory.
	Path string
	// From is "file:line".
	From string
}

// FindDataFiles lists the SQLite file names in one source file's text.
func FindDataFiles(file string, data []byte) []DataFile {
	var out []DataFile
	for _, m := range sqliteLiteralRE.FindAllSubmatchIndex(data, 8) {
		p := string(data[m[2]:m[3]])
		if strings.HasPrefix(path.Base(p), ".") && path.Base(p) == path.Ext(p) {
			continue // ".db" alone: an extension, not a file
		}
		if !strings.Contains(p, "/") && strings.Count(p, ".") > 1 {
			continue // a dotted name: django.db.backends.sqlite3
		}
		line := bytes.Count(data[:m[0]], []byte("\n")) + 1
		out = append(out, DataFile{Path: p, From: fmt.Sprintf("%s:%d", file, line)})
	}
	return out
}

// DataDirs decides, for the database files found, the folders the
// runtime creates for the app's user (absolute paths in the image, sorted)
// and warns about each; workdir is where the app runs. A file directly
// in workdir only warns: handing the app's own folder to its user would
// let it rewrite its code. So does a folder under workdir that the
// repository has (inRepo, given a file or folder relative to the
// project); a database file the repository itself holds is data it
// ships, never warned about:
// the copy of the source makes it root's again, and BuildKit keeps an
// existing folder's owner.
func (f *Facts) DataDirs(workdir string, files []DataFile, inRepo func(rel string) bool) []string {
	var dirs []string
	warned := map[string]bool{}
	for _, df := range files {
		p := df.Path
		if !path.IsAbs(p) {
			p = path.Join(workdir, p)
		}
		p = path.Clean(p)
		dir := path.Dir(p)
		switch {
		case strings.HasPrefix(p, workdir+"/") && inRepo(strings.TrimPrefix(p, workdir+"/")):
			// A database the repository ships (a read-only search index):
			// data, not state.
		case dir == workdir:
			if !warned[p] {
				warned[p] = true
				f.Warnf("%s keeps a database in %s, inside the app's folder, which the image's user cannot write: point it at a folder of its own (its setting or environment variable) and mount a volume there", df.From, p)
			}
		case CheckDataDir(dir) != nil:
		case strings.HasPrefix(dir, workdir+"/") && inRepo(strings.TrimPrefix(dir, workdir+"/")):
			if !warned[dir] {
				warned[dir] = true
				f.Warnf("%s keeps a database in %s, and the repository has that folder, so the image copies it owned by root: the app's user cannot write it; mount a volume there, or keep the folder out of the repository (dockslim then creates it for the user)", df.From, p)
			}
		case !slices.Contains(dirs, dir):
			dirs = append(dirs, dir)
			f.Warnf("%s keeps a database in %s: the image creates %s for the app's user (mount a volume there to keep the data)", df.From, p, dir)
		}
	}
	slices.Sort(dirs)
	return dirs
}

// AppDir is the working directory of the Node and Python images, where
// their templates copy the application.
const AppDir = "/app"
