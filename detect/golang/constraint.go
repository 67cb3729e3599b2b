package golang

import (
	"bytes"
	"errors"
	"go/build/constraint"
	"strconv"
	"strings"
)

// The image is built for linux (amd64 stands in for any 64-bit target:
// files split by architecture exist for every one the image can target)
// with the gc compiler. cgo counts as enabled so that cgo-only files are
// seen and can switch the project to a cgo build.
const (
	buildOS   = "linux"
	buildArch = "amd64"
)

// knownOS and knownArch are the GOOS and GOARCH values that make a file
// name suffix a build constraint (go/build's internal/syslist).
var knownOS = setOf("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
	"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos")

var knownArch = setOf("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
	"mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv",
	"riscv64", "s390", "s390x", "sparc", "sparc64", "wasm")

// setOf builds a read-only lookup set.
func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// fileNameOK reports whether a file name's _GOOS, _GOARCH or
// _GOOS_GOARCH suffix (if any) admits linux/amd64, with go/build's rules:
// everything up to the first "_" is ignored, so "linux.go" and
// "windows.go" carry no constraint, and a trailing "_test" is dropped.
func fileNameOK(name string) bool {
	name, _, _ = strings.Cut(name, ".")
	i := strings.Index(name, "_")
	if i < 0 {
		return true
	}
	l := strings.Split(name[i:], "_")
	if n := len(l); n > 0 && l[n-1] == "test" {
		l = l[:n-1]
	}
	n := len(l)
	if n >= 2 && knownOS[l[n-2]] && knownArch[l[n-1]] {
		return l[n-2] == buildOS && l[n-1] == buildArch
	}
	if n >= 1 && knownOS[l[n-1]] {
		return l[n-1] == buildOS
	}
	if n >= 1 && knownArch[l[n-1]] {
		return l[n-1] == buildArch
	}
	return true
}

// tagsFor returns the tag predicate for a build with Go 1.minor: linux,
// amd64, unix, gc, cgo and go1.1…go1.minor hold; every other tag (ignore,
// windows, purego, custom tags) does not.
func tagsFor(minor int) func(string) bool {
	return func(tag string) bool {
		switch tag {
		case buildOS, buildArch, "unix", "gc", "cgo":
			return true
		}
		if rest, ok := strings.CutPrefix(tag, "go1."); ok {
			n, err := strconv.Atoi(rest)
			return err == nil && n >= 1 && n <= minor && rest == strconv.Itoa(n)
		}
		return false
	}
}

// errMultipleBuild is go/build's complaint about two //go:build lines.
var errMultipleBuild = errors.New("multiple //go:build lines")

// shouldBuild evaluates a file's build constraints the way go/build does:
// a //go:build line anywhere in the leading comments controls; without
// one, every `// +build` line in the leading comment block that is
// followed by a blank line must hold. A malformed //go:build line is an
// error (the go command rejects the file too).
func shouldBuild(src []byte, ok func(string) bool) (bool, error) {
	header, goBuild, err := buildHeader(src)
	if err != nil {
		return false, err
	}
	if goBuild != nil {
		x, err := constraint.Parse(string(goBuild))
		if err != nil {
			return false, errors.New("malformed //go:build line: " + err.Error())
		}
		return x.Eval(ok), nil
	}
	for len(header) > 0 {
		var line []byte
		line, header, _ = bytes.Cut(header, []byte("\n"))
		line = bytes.TrimSpace(line)
		if !bytes.HasPrefix(line, []byte("//")) || !bytes.Contains(line, []byte("+build")) {
			continue
		}
		text := string(line)
		if !constraint.IsPlusBuild(text) {
			continue
		}
		if x, err := constraint.Parse(text); err == nil && !x.Eval(ok) {
			return false, nil
		}
	}
	return true, nil
}

// buildHeader is go/build's parseFileHeader: it returns the leading run
// of comments and blank lines up to the last blank line before the first
// code (where +build lines count), and the //go:build line if any.
func buildHeader(content []byte) (header, goBuild []byte, err error) {
	end := 0
	p := content
	ended := false       // a non-blank, non-// line was seen: no more blank-line tracking
	inSlashStar := false // inside a /* */ comment
Lines:
	for len(p) > 0 {
		line := p
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line, p = line[:i], p[i+1:]
		} else {
			p = p[len(p):]
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 && !ended {
			end = len(content) - len(p)
			continue
		}
		if !bytes.HasPrefix(line, []byte("//")) {
			ended = true
		}
		if !inSlashStar && bytes.HasPrefix(line, []byte("//go:build")) && constraint.IsGoBuild(string(line)) {
			if goBuild != nil {
				return nil, nil, errMultipleBuild
			}
			goBuild = line
		}
		for len(line) > 0 {
			if inSlashStar {
				i := bytes.Index(line, []byte("*/"))
				if i < 0 {
					continue Lines
				}
				inSlashStar = false
				line = bytes.TrimSpace(line[i+2:])
				continue
			}
			if bytes.HasPrefix(line, []byte("//")) {
				continue Lines
			}
			if bytes.HasPrefix(line, []byte("/*")) {
				inSlashStar = true
				line = bytes.TrimSpace(line[2:])
				continue
			}
			break Lines // code
		}
	}
	return content[:end], goBuild, nil
}
