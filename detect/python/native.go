package python

import (
	"fmt"
	"slices"
	"sort"

	"github.com/dockslim/dockslim/detect/internal/core"
)

// nativeNeeds is what one native dependency needs from Debian: packages to
// build it and shared libraries to run it.
type nativeNeeds struct {
	build, runtime []string
}

// nativeDistro is the one distro natives has names for: Python with
// native dependencies builds and runs on Debian only (manylinux wheels
// and source builds need glibc).
const nativeDistro = "bookworm"

// bareToolchain is what --native asks for when no dependency says more.
// gcc only recommends the C library's headers, which python:*-slim
// purges after building Python: without libc6-dev a C extension fails
// at `#include <stdio.h>`.
var bareToolchain = []string{"gcc", "libc6-dev"}

// natives is the one table of PyPI packages that compile C code against
// system libraries or need them at run time. Keys are PEP 503 names. Packages that ship manylinux wheels for every supported
// Python (lxml, cffi, numpy, psycopg2-binary, psycopg[binary]…) are
// deliberately absent. Names are Debian 12 (bookworm)'s; python:*-slim
// images carry the Python headers, so no python3-dev.
var natives = map[string]nativeNeeds{
	"psycopg2":     {build: []string{"gcc", "libpq-dev"}, runtime: []string{"libpq5"}},
	"psycopg":      {runtime: []string{"libpq5"}}, // pure Python; loads libpq with ctypes
	"psycopg-c":    {build: []string{"gcc", "libpq-dev"}, runtime: []string{"libpq5"}},
	"mysqlclient":  {build: []string{"gcc", "default-libmysqlclient-dev", "pkg-config"}, runtime: []string{"libmariadb3"}},
	"mysql-python": {build: []string{"gcc", "default-libmysqlclient-dev", "pkg-config"}, runtime: []string{"libmariadb3"}},
	"pycairo":      {build: []string{"gcc", "libcairo2-dev", "pkg-config"}, runtime: []string{"libcairo2"}},
	"pygraphviz":   {build: []string{"gcc", "libgraphviz-dev", "pkg-config"}, runtime: []string{"libcgraph6", "libgvc6"}},
	"python-ldap":  {build: []string{"gcc", "libldap2-dev", "libsasl2-dev"}, runtime: []string{"libldap-2.5-0", "libsasl2-2"}},
	"pyodbc":       {build: []string{"g++", "unixodbc-dev"}, runtime: []string{"unixodbc"}},
	"uwsgi":        {build: []string{"gcc"}},
	"pycurl":       {build: []string{"gcc", "libcurl4-openssl-dev", "libssl-dev"}, runtime: []string{"libcurl4"}},
	"xmlsec":       {build: []string{"gcc", "libxmlsec1-dev", "pkg-config"}, runtime: []string{"libxmlsec1-openssl"}},
	"dbus-python":  {build: []string{"gcc", "libdbus-1-dev", "libglib2.0-dev", "pkg-config"}, runtime: []string{"libdbus-1-3", "libglib2.0-0"}},
	"gssapi":       {build: []string{"gcc", "libkrb5-dev"}, runtime: []string{"libgssapi-krb5-2"}},
	"m2crypto":     {build: []string{"gcc", "libssl-dev", "swig"}, runtime: []string{"libssl3"}},
	"pyaudio":      {build: []string{"gcc", "portaudio19-dev"}, runtime: []string{"libportaudio2"}},
}

// nativeDeps finds native dependencies among the direct dependencies and,
// when a lock exists, its runtime packages (transitive ones included).
func (p *state) nativeDeps() {
	f := p.f
	var found []string
	for name := range p.installed {
		if _, ok := natives[name]; !ok {
			continue
		}
		if name == "psycopg" && (p.installed["psycopg-binary"] || p.installed["psycopg-c"] || p.directExtra("psycopg", "binary") || p.directExtra("psycopg", "c")) {
			continue // libpq ships inside psycopg-binary; psycopg-c is listed on its own
		}
		found = append(found, name)
	}
	sort.Strings(found)
	f.NativeDeps = found
	if len(found) > 0 {
		f.Source("nativeDeps", p.whereDeclared(found[0]))
	}
}

// systemPackages are the Debian packages deps (PEP 503 names) need to
// build and to run; native alone asks for a C compiler.
func systemPackages(deps []string, native bool, distro string) (core.Packages, error) {
	if !native && len(deps) == 0 {
		return core.Packages{}, nil
	}
	if distro != nativeDistro {
		return core.Packages{}, fmt.Errorf("Python native dependencies are known for Debian %s only, not %s", nativeDistro, distro)
	}
	if len(deps) == 0 {
		return core.Packages{Build: slices.Clone(bareToolchain)}, nil
	}
	var out core.Packages
	for _, d := range deps {
		n, ok := natives[d]
		if !ok {
			return core.Packages{}, fmt.Errorf("%s is not a native dependency dockslim knows the system packages of", d)
		}
		out.Build = append(out.Build, n.build...)
		out.Runtime = append(out.Runtime, n.runtime...)
	}
	if slices.Contains(out.Build, "gcc") || slices.Contains(out.Build, "g++") {
		out.Build = append(out.Build, "libc6-dev") // see bareToolchain
	}
	return core.Packages{Build: core.SortedUnique(out.Build), Runtime: core.SortedUnique(out.Runtime)}, nil
}

// directExtra reports whether a direct dependency name asks for extra.
func (p *state) directExtra(name, extra string) bool {
	for _, d := range p.deps {
		if d.Req.Name == name {
			for _, e := range d.Req.Extras {
				if e == extra {
					return true
				}
			}
		}
	}
	return false
}

// whereDeclared is the manifest that lists name directly, else the lock.
func (p *state) whereDeclared(name string) string {
	for _, d := range p.deps {
		if d.Req.Name == name && d.Req.Linux {
			return d.From
		}
	}
	return p.lockFile
}
