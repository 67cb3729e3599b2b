package node

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/dockslim/dockslim/detect/internal/dockerfiles"
	"github.com/dockslim/dockslim/detect/internal/repo"
	"github.com/dockslim/dockslim/internal/versions"
)

// nodeVersion sets LanguageVersion by the precedence of docs/detect.md: .nvmrc >
// .node-version > engines.node (newest satisfying LTS major) > volta.node
// > the table's default. A value that cannot be used warns and falls
// through to the next rule.
func (n *project) nodeVersion() error {
	f, tab := n.f, n.tab
	var chosen, chosenFrom string
	for _, name := range []string{".nvmrc", ".node-version"} {
		if !n.r.Has(name) {
			continue
		}
		data, err := n.r.Read(name, repo.MaxManifest)
		if err != nil {
			return err
		}
		raw := versionFileValue(data)
		v, ok := resolveNvmrc(raw, tab)
		switch {
		case raw == "":
			f.Warnf("%s is empty; it is ignored", name)
		case !ok:
			f.Warnf("%s names %q, which is not a Node version dockslim knows; it is ignored", name, clip(raw))
		case chosen == "":
			chosen, chosenFrom = v, name
		case v != chosen:
			f.Warnf("%s says %s but %s says %s; using %s", chosenFrom, chosen, name, v, chosenFrom)
		}
	}
	if chosen != "" {
		f.LanguageVersion = chosen
		f.Source("languageVersion", chosenFrom)
		return nil
	}
	if rng := strings.TrimSpace(n.pkg.Engines["node"]); rng != "" {
		major, err := resolveNodeRange(rng, tab)
		if err == nil {
			f.LanguageVersion = strconv.Itoa(major)
			f.Source("languageVersion", "package.json#engines.node")
			return nil
		}
		f.Warnf("package.json#engines.node %q %v; it is ignored", clip(rng), err)
	}
	if v := strings.TrimSpace(n.pkg.Volta["node"]); v != "" {
		if exactVersion.MatchString(v) {
			f.LanguageVersion = strings.TrimPrefix(strings.TrimPrefix(v, "v"), "V")
			f.Source("languageVersion", "package.json#volta.node")
			return nil
		}
		f.Warnf("package.json#volta.node %q is not a Node version; it is ignored", clip(v))
	}
	f.LanguageVersion = tab.Defaults[Name]
	n.dockerfileNode()
	return nil
}

// oldestBookworm is the oldest Node line with Debian 12 images, the base
// of dockslim's Node Dockerfiles.
const oldestBookworm = 18

// nodeImageRE is an official Node image with a numeric tag: its major.
var nodeImageRE = regexp.MustCompile(`^(?:docker\.io/)?(?:library/)?node:v?(\d{1,3})(?:[.-]|$)`)

// dockerfileNode takes the Node major of the image the repository's own
// Dockerfile builds on (`FROM node:18.20-alpine AS build`) when nothing
// else states a version: what the project is known to build with, and
// likely what its locked dependencies' engines accept (a Vue CLI 4 app's
// node-ipc refuses Node > 17). A line older than the images dockslim
// uses is warned about, not taken.
func (n *project) dockerfileNode() {
	for _, df := range dockerfiles.Find(n.ctx, n.r) {
		for _, img := range df.Images {
			m := nodeImageRE.FindStringSubmatch(img.Value)
			if m == nil {
				continue
			}
			major, _ := strconv.Atoi(m[1])
			from := df.From(img.Line)
			if major < oldestBookworm {
				n.f.Warnf("%s builds on %s, but dockslim's Node images start at Node %d: the image uses Node %s; if the locked dependencies need the older line, pass --lang-version", from, img.Value, oldestBookworm, n.f.LanguageVersion)
				return
			}
			if slices.ContainsFunc(ltsLines(n.tab), func(l versions.LTSLine) bool { return l.Major == major }) {
				n.f.LanguageVersion = strconv.Itoa(major)
				n.f.Likely("languageVersion", from)
			}
			return
		}
	}
}

// exactVersion is a Node version as nvm/volta write it: 20, v20.11,
// 20.11.1.
var exactVersion = regexp.MustCompile(`^[vV]?\d{1,3}(\.\d{1,4}){0,2}$`)

// versionFileValue returns the first meaningful word of an .nvmrc or
// .node-version: blank lines and # comments (nvm ≥ 0.40) are skipped.
func versionFileValue(data []byte) string {
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if fields := strings.Fields(line); len(fields) > 0 {
			return fields[0]
		}
	}
	return ""
}

// resolveNvmrc turns an .nvmrc value into a languageVersion: exact
// versions keep their precision (minus the v), lts/* and lts/<codename>
// give the LTS major, node/latest/current/stable the default line.
func resolveNvmrc(v string, tab *versions.Table) (string, bool) {
	lower := strings.ToLower(v)
	switch {
	case exactVersion.MatchString(v):
		return strings.TrimLeft(v, "vV"), true
	case lower == "node" || lower == "latest" || lower == "current" || lower == "stable":
		return tab.Defaults[Name], true
	case lower == "lts/*" || lower == "lts":
		if lines := ltsLines(tab); len(lines) > 0 {
			return strconv.Itoa(lines[0].Major), true
		}
	case strings.HasPrefix(lower, "lts/-"):
		// nvm's lts/-1 is the LTS line before the newest one.
		k, err := strconv.Atoi(lower[len("lts/-"):])
		if lines := ltsLines(tab); err == nil && k >= 0 && k < len(lines) {
			return strconv.Itoa(lines[k].Major), true
		}
	case strings.HasPrefix(lower, "lts/"):
		name := lower[len("lts/"):]
		for _, l := range tab.Node.LTS {
			if l.Codename != "" && strings.EqualFold(l.Codename, name) {
				return strconv.Itoa(l.Major), true
			}
		}
	}
	return "", false
}

// ltsLines lists the LTS lines not newer than the default, newest first
// (the table is sorted that way by versions.Load).
func ltsLines(tab *versions.Table) []versions.LTSLine {
	def := leadingInt(tab.Defaults[Name])
	var out []versions.LTSLine
	for _, l := range tab.Node.LTS {
		if def == 0 || l.Major <= def {
			out = append(out, l)
		}
	}
	return out
}

// leadingInt parses the digits at the start of s ("26" and "26.1" → 26).
func leadingInt(s string) int {
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, _ := strconv.Atoi(s[:end])
	return n
}

// versionInRange finds x.y.z versions mentioned in a range.
var versionInRange = regexp.MustCompile(`(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?`)

// resolveNodeRange resolves an npm semver range (||, x, ^, ~, hyphen
// ranges, space-separated comparators) to the newest LTS major, not newer
// than the default, that has a version in the range.
func resolveNodeRange(rng string, tab *versions.Table) (int, error) {
	rng = strings.TrimSpace(rng)
	if rng == "" {
		return 0, fmt.Errorf("is empty")
	}
	cs, err := semver.NewConstraint(rng)
	if err != nil {
		return 0, fmt.Errorf("is not a semver range")
	}
	// A major satisfies the range when one of its versions does. The range
	// can only cut a major at the versions it names, so testing the edges
	// of the major and each named version (and its neighbours) suffices.
	mentioned := versionInRange.FindAllStringSubmatch(rng, 64)
	for _, line := range ltsLines(tab) {
		m := uint64(line.Major)
		cands := []*semver.Version{semver.New(m, 0, 0, "", ""), semver.New(m, 99999, 99999, "", "")}
		for _, mv := range mentioned {
			if mj, err := strconv.ParseUint(mv[1], 10, 64); err != nil || mj != m {
				continue
			}
			mi, _ := strconv.ParseUint(mv[2], 10, 32)
			pa, _ := strconv.ParseUint(mv[3], 10, 32)
			cands = append(cands, semver.New(m, mi, pa, "", ""), semver.New(m, mi, pa+1, "", ""), semver.New(m, mi+1, 0, "", ""))
		}
		for _, v := range cands {
			if cs.Check(v) {
				return line.Major, nil
			}
		}
	}
	return 0, fmt.Errorf("is satisfied by no Node LTS line up to %s", tab.Defaults[Name])
}

// clip shortens a repository value for a warning and makes it one line.
func clip(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r", " "), "\n", " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return s
}
