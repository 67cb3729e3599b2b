package node

import (
	"bytes"
	"encoding/json"
	"errors"
	"sort"
	"strings"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// lockNative reads the chosen manager's lockfile for packages that run
// an install script (package-lock.json v2/v3 hasInstallScript, pnpm v6
// requiresBuild), minus optional ones and those known to ship prebuilt
// binaries. It also records locked versions of packages whose version
// matters (sharp). A lockfile over the limit or malformed warns and is
// skipped; other read errors (a symlink out of the project) are errors.
func (n *project) lockNative(versions map[string]string) (names []string, file string, err error) {
	switch n.pm {
	case "npm":
		for _, l := range lockfileNames("npm") {
			if n.r.Has(l) {
				file = l
				break
			}
		}
	case "pnpm":
		if n.r.Has("pnpm-lock.yaml") {
			file = "pnpm-lock.yaml"
		}
	}
	if file == "" {
		return nil, "", nil
	}
	data, err := n.r.Read(file, repo.MaxLockfile)
	if errors.Is(err, repo.ErrTooLarge) {
		n.f.Warnf("%s is over %d MiB; its install scripts are not checked for native dependencies", file, repo.MaxLockfile>>20)
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	if file == "pnpm-lock.yaml" {
		return pnpmRequiresBuild(data), file, nil
	}
	names, err = npmInstallScripts(file, data, versions)
	if err != nil {
		n.f.Warnf("%v; its install scripts are not checked for native dependencies", err)
		return nil, "", nil
	}
	return names, file, nil
}

// npmInstallScripts lists the packages of a package-lock.json (v2/v3)
// flagged hasInstallScript, and fills versions for sharp.
func npmInstallScripts(file string, data []byte, versions map[string]string) ([]string, error) {
	// Most lockfiles flag nothing and lock no sharp: skip the decode.
	if !bytes.Contains(data, []byte(`"hasInstallScript"`)) && !bytes.Contains(data, []byte(`node_modules/sharp"`)) {
		return nil, nil
	}
	var lock struct {
		Packages map[string]struct {
			Version          string `json:"version"`
			HasInstallScript bool   `json:"hasInstallScript"`
			Optional         bool   `json:"optional"`
			Link             bool   `json:"link"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(data, &lock); err != nil {
		return nil, jsonFileError(file, data, err)
	}
	var out []string
	for key, p := range lock.Packages {
		i := strings.LastIndex(key, "node_modules/")
		if i < 0 || p.Link {
			continue // the root project or a workspace folder
		}
		name := key[i+len("node_modules/"):]
		if name == "sharp" && p.Version != "" {
			if _, seen := versions[name]; !seen || sharpIsNative(p.Version) {
				versions[name] = p.Version // a copy below 0.33 decides
			}
		}
		if p.HasInstallScript && !p.Optional && !prebuilt[name] && validDepName(name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out, nil
}

// pnpmRequiresBuild lists the packages of a pnpm-lock.yaml (v5/v6)
// flagged requiresBuild: true and not optional. It scans lines instead of
// decoding YAML: lockfiles are large and only two keys matter.
func pnpmRequiresBuild(data []byte) []string {
	if !bytes.Contains(data, []byte("requiresBuild: true")) {
		return nil
	}
	var out []string
	inPackages := false
	cur, build, optional := "", false, false
	flush := func() {
		if cur != "" && build && !optional {
			if name := pnpmPackageName(cur); name != "" && !prebuilt[name] && validDepName(name) {
				out = append(out, name)
			}
		}
		cur, build, optional = "", false, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case line == "" || strings.HasPrefix(strings.TrimSpace(line), "#"):
		case line[0] != ' ':
			flush()
			inPackages = strings.HasPrefix(line, "packages:")
		case !inPackages:
		case strings.HasPrefix(line, "  ") && len(line) > 2 && line[2] != ' ':
			flush()
			cur = strings.TrimSuffix(strings.TrimSpace(line), ":")
		case strings.TrimSpace(line) == "requiresBuild: true":
			build = true
		case strings.TrimSpace(line) == "optional: true":
			optional = true
		}
	}
	flush()
	return core.SortedUnique(out)
}

// pnpmPackageName extracts the package name from a pnpm-lock packages
// key: /name@1.0.0, /@scope/name@1.0.0(peer@2), /name/1.0.0 (v5).
func pnpmPackageName(key string) string {
	key = strings.Trim(key, `'"`)
	key = strings.TrimPrefix(key, "/")
	if i := strings.IndexByte(key, '('); i >= 0 {
		key = key[:i]
	}
	scope := ""
	if strings.HasPrefix(key, "@") {
		i := strings.IndexByte(key, '/')
		if i < 0 {
			return ""
		}
		scope, key = key[:i+1], key[i+1:]
	}
	if i := strings.IndexAny(key, "@/"); i > 0 {
		key = key[:i]
	} else if i == 0 {
		return ""
	}
	return scope + key
}

// validDepName keeps names that look like npm package names, so nothing
// odd from a lockfile reaches the output.
func validDepName(name string) bool {
	if name == "" || len(name) > 214 {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("@/._-~", r)) {
			return false
		}
	}
	return true
}
