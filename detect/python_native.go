package detect

import "sort"

// pyNative is what one native dependency needs from Debian: packages to
// build it and shared libraries to run it.
type pyNative struct {
	build, runtime []string
}

// pyNatives is THE table of PyPI packages that compile C code against
// system libraries or need them at run time (FIELD-NOTES). Keys are PEP
// 503 names. Packages that ship manylinux wheels for every supported
// Python (lxml, cffi, numpy, psycopg2-binary, psycopg[binary]…) are
// deliberately absent. Names are Debian 12 (bookworm)'s; python:*-slim
// images carry the Python headers, so no python3-dev.
var pyNatives = map[string]pyNative{
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
// when a lock exists, its runtime packages (transitive ones included),
// and sets the build/runtime packages and the flavours: with native deps
// only slim, because manylinux wheels do not install on musl.
func (p *pyState) nativeDeps() {
	f := p.f
	var found []string
	for name := range p.installed {
		if _, ok := pyNatives[name]; !ok {
			continue
		}
		if name == "psycopg" && (p.installed["psycopg-binary"] || p.installed["psycopg-c"] || p.directExtra("psycopg", "binary") || p.directExtra("psycopg", "c")) {
			continue // libpq ships inside psycopg-binary; psycopg-c is listed on its own
		}
		found = append(found, name)
	}
	sort.Strings(found)
	f.NativeDeps = found
	var build, runtime []string
	for _, n := range found {
		build = append(build, pyNatives[n].build...)
		runtime = append(runtime, pyNatives[n].runtime...)
	}
	if len(found) > 0 {
		f.source("nativeDeps", p.whereDeclared(found[0]))
		f.Details.BuildPackages = sortedUnique(build)
		f.Details.RuntimePackages = sortedUnique(runtime)
	}
	f.Flavours = Flavours(FlavourInput{Language: Python, Native: len(found) > 0})
	f.Flavour = f.Flavours[0]
}

// directExtra reports whether a direct dependency name asks for extra.
func (p *pyState) directExtra(name, extra string) bool {
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
func (p *pyState) whereDeclared(name string) string {
	for _, d := range p.deps {
		if d.Req.Name == name && d.Req.Linux {
			return d.From
		}
	}
	return p.lockFile
}
