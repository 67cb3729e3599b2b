package python

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// A project that installs from a package index other than PyPI needs
// that index's credentials in the build: the Dockerfile takes them as
// the netrc build secret, which pip, uv and poetry read (~/.netrc), never
// as an ARG, an ENV or a copied file (docs/dockerfiles.md).

// publicIndexes are PyPI's hosts.
var publicIndexes = []string{"pypi.org", "files.pythonhosted.org", "test.pypi.org", "pypi.python.org"}

// indexOptionRE is a requirements file's index option and its URL.
var indexOptionRE = regexp.MustCompile(`(?m)^\s*(?:-i|--index-url|--extra-index-url)(?:\s*=\s*|\s+)(\S+)`)

// privateIndexes fills Details.PrivateIndexes from the requirement
// files' index options, pyproject's [[tool.uv.index]],
// [[tool.poetry.source]] and [[tool.pdm.source]], and the Pipfile's
// [[source]]. Only hosts are kept: a URL's credentials never reach the
// output, and one written into a file is warned about.
func (p *state) privateIndexes() {
	type found struct{ file, raw string }
	var urls []found
	for _, f := range p.r.FilesWithExt(".txt") {
		if !strings.Contains(path.Base(f), "requirements") && path.Dir(f) != "requirements" {
			continue
		}
		if data, err := p.r.Read(f, repo.MaxManifest); err == nil {
			for _, m := range indexOptionRE.FindAllSubmatch(data, 16) {
				urls = append(urls, found{f, string(m[1])})
			}
		}
	}
	if pp := p.pp; pp != nil {
		for _, t := range [][]map[string]any{pp.Tool.UvIndexes(), pp.Tool.PoetrySources(), pp.Tool.PdmSources()} {
			for _, e := range t {
				if s, ok := e["url"].(string); ok {
					urls = append(urls, found{"pyproject.toml", s})
				}
			}
		}
	}
	if p.pf != nil {
		for _, e := range tables(p.pf.Source) {
			if s, ok := e["url"].(string); ok {
				urls = append(urls, found{"Pipfile", s})
			}
		}
	}
	var hosts []string
	var from string
	for _, u := range urls {
		parsed, err := url.Parse(u.raw)
		if err != nil || parsed.Host == "" {
			continue // $PIP_INDEX_URL and friends: set where the build runs
		}
		host := strings.ToLower(parsed.Hostname())
		if slices.Contains(publicIndexes, host) {
			continue
		}
		if parsed.User != nil {
			p.f.Warnf("%s names the package index %s with credentials in its URL: the file reaches the build, so they do; remove them, revoke them, and pass them as the netrc build secret", u.file, host)
		}
		if !slices.Contains(hosts, host) {
			hosts = append(hosts, host)
			if from == "" {
				from = u.file
			}
		}
	}
	if len(hosts) == 0 {
		return
	}
	slices.Sort(hosts)
	p.d.PrivateIndexes = hosts
	p.f.Warnf("%s installs from %s, not PyPI: pass its credentials as the netrc build secret (docker build --secret id=netrc,src=$HOME/.netrc .)", from, strings.Join(hosts, ", "))
}
