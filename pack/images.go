package pack

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/internal/versions"
)

// Base images: a pack changes them in two ways, both applied to
// dockslim's table (internal/versions/versions.yaml, by role: node,
// nodeAlpine, nodeDistroless, golang, golangAlpine, python, pythonAlpine,
// debianSlim, alpine, distrolessStatic, distrolessBase, nginx,
// nginxAlpine, uv).
//
//	images:            # by role
//	  node: registry.acme.internal/node:{version}-bookworm-slim  # a full reference
//	  nodeAlpine: registry.acme.internal/node                   # a repository: dockslim's tag is kept
//	mirrors:           # by repository prefix, for every role not named in images
//	  node: registry.acme.internal/node                  # node:… → registry.acme.internal/node:…
//	  gcr.io/distroless: registry.acme.internal/distroless
//	  docker.io: registry.acme.internal/hub              # node:… → registry.acme.internal/hub/library/node:…
//
// An images value with a tag or digest replaces the role's reference
// entirely; {version} (the project's runtime version, or its ARG) and
// {major} are filled in where the role's default uses them. A value
// without tag or digest replaces only the repository and keeps the
// role's default tag. A mirrors key is a repository prefix matched on
// whole path segments against the default's fully qualified name (node
// is docker.io/library/node); the longest matching key wins and its
// value replaces the matched prefix. scratch is never rewritten.

var (
	repoRE   = regexp.MustCompile(`^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*$`)
	tagRE    = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	digestRE = regexp.MustCompile(`^sha256:[a-f0-9]{64}$`)
)

// placeholders stand in for what the renderer fills in, to check a
// reference's syntax; the placeholders themselves stay in the pattern
// (mirrors rewrite gcr.io/distroless/nodejs{major}-debian12 as it is).
var placeholders = strings.NewReplacer("{version}", "1", "{major}", "1")

// reference is an image reference split into its parts.
type reference struct{ repo, tag, digest string }

func (r reference) String() string {
	s := r.repo
	if r.tag != "" {
		s += ":" + r.tag
	}
	if r.digest != "" {
		s += "@" + r.digest
	}
	return s
}

// parseReference splits and checks a reference (placeholders allowed in
// the tag).
func parseReference(s string) (reference, error) {
	var r reference
	rest := s
	if i := strings.IndexByte(rest, '@'); i >= 0 {
		r.digest, rest = rest[i+1:], rest[:i]
		if !digestRE.MatchString(r.digest) {
			return r, fmt.Errorf("%q has a malformed digest (want @sha256:<64 hex>)", s)
		}
	}
	if i := strings.LastIndexByte(rest, ':'); i > strings.LastIndexByte(rest, '/') {
		r.tag, rest = rest[i+1:], rest[:i]
		if !tagRE.MatchString(placeholders.Replace(r.tag)) {
			return r, fmt.Errorf("%q has a malformed tag", s)
		}
		if r.tag == "latest" {
			return r, fmt.Errorf("%q uses the latest tag; pin a version tag", s)
		}
	}
	r.repo = rest
	if !repoRE.MatchString(placeholders.Replace(r.repo)) {
		return r, fmt.Errorf("%q is not an image repository (lower-case host/path)", s)
	}
	return r, nil
}

// qualified is repo's fully qualified name: Docker Hub's implicit
// docker.io/ and library/ made explicit.
func qualified(repo string) string {
	first, rest, hasSlash := strings.Cut(repo, "/")
	if hasSlash && (strings.ContainsAny(first, ".:") || first == "localhost") {
		return repo
	}
	if !hasSlash && (strings.ContainsAny(first, ".:") || first == "localhost") {
		return repo // a bare registry host, as a mirrors key
	}
	if !hasSlash {
		return "docker.io/library/" + repo
	}
	return "docker.io/" + first + "/" + rest
}

func (m *Manifest) checkImages() error {
	tab, err := versions.Load()
	if err != nil {
		return err
	}
	for _, role := range sortedKeys(m.Images) {
		img, ok := tab.Images[role]
		def := img.Ref
		if !ok {
			return m.errorf("images."+role, "images: %q is not an image role (roles: %s)", role, strings.Join(sortedKeys(tab.Images), ", "))
		}
		ref, err := parseReference(m.Images[role])
		if err != nil {
			return m.errorf("images."+role, "images: %s: %v", role, err)
		}
		for _, ph := range []string{"{version}", "{major}"} {
			if strings.Contains(ref.String(), ph) && !strings.Contains(def, "{version}") && !strings.Contains(def, "{major}") {
				return m.errorf("images."+role, "images: %s has no version to fill %s (its default is %s)", role, ph, def)
			}
		}
	}
	for _, key := range sortedKeys(m.Mirrors) {
		if !repoRE.MatchString(key) {
			return m.errorf("mirrors."+key, "mirrors: %q is not a repository prefix (like node, docker.io or gcr.io/distroless)", key)
		}
		if !repoRE.MatchString(m.Mirrors[key]) {
			return m.errorf("mirrors."+key, "mirrors: %s: %q is not a repository prefix (no tag or digest)", key, m.Mirrors[key])
		}
	}
	return nil
}

// resolveImages computes the role → pattern replacements this manifest
// makes to dockslim's table (roles it leaves alone are absent).
func (m *Manifest) resolveImages() (map[string]string, error) {
	tab, err := versions.Load()
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for role, img := range tab.Images {
		defRef, err := parseReference(img.Ref)
		if err != nil {
			return nil, fmt.Errorf("versions.yaml: %w", err)
		}
		if v, ok := m.Images[role]; ok {
			ref, _ := parseReference(v)
			if ref.tag == "" && ref.digest == "" {
				ref.tag, ref.digest = defRef.tag, defRef.digest
			}
			out[role] = ref.String()
			continue
		}
		if repo, ok := m.mirror(defRef.repo); ok {
			defRef.repo = repo
			out[role] = defRef.String()
		}
	}
	return out, nil
}

// mirror rewrites repo by the longest mirrors key that prefixes its
// qualified name on a path-segment boundary.
func (m *Manifest) mirror(repo string) (string, bool) {
	q := qualified(repo)
	keys := sortedKeys(m.Mirrors)
	sort.SliceStable(keys, func(i, j int) bool { return len(qualified(keys[i])) > len(qualified(keys[j])) })
	for _, k := range keys {
		qk := qualified(k)
		if q == qk {
			return m.Mirrors[k], true
		}
		if strings.HasPrefix(q, qk+"/") {
			return m.Mirrors[k] + q[len(qk):], true
		}
	}
	return "", false
}
