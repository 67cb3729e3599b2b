package node

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/dockslim/dockslim/detect/internal/core"
	"github.com/dockslim/dockslim/detect/internal/repo"
)

// lockfile is a lockfile present in the project and the manager it
// belongs to.
type lockfile struct{ pm, file string }

// lockPrecedence is the order lockfiles decide the manager in, when no
// packageManager field does (docs/detect.md).
var lockPrecedence = []string{"pnpm", "bun", "yarn", "npm"}

// lockfileNames are manager pm's lockfiles, most specific first.
func lockfileNames(pm string) []string {
	for _, m := range managers {
		if m.Name == pm {
			return m.Lockfiles
		}
	}
	return nil
}

// pmFamily maps both yarns to "yarn": they share yarn.lock.
func pmFamily(pm string) string { return strings.TrimSuffix(pm, "-berry") }

// lockfiles lists the lockfiles present, in precedence order: pnpm >
// bun > yarn (berry when .yarnrc.yml exists or yarn.lock has a __metadata
// block) > npm.
func (n *project) lockfiles() ([]lockfile, error) {
	var candidates, out []lockfile
	for _, pm := range lockPrecedence {
		for _, file := range lockfileNames(pm) {
			candidates = append(candidates, lockfile{pm, file})
		}
	}
	for _, c := range candidates {
		if !n.r.Has(c.file) {
			continue
		}
		if c.pm == "yarn" {
			berry, err := n.isBerryLock()
			if err != nil {
				return nil, err
			}
			if berry {
				c.pm = "yarn-berry"
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// isBerryLock tells Yarn 2+ from Yarn 1: berry writes .yarnrc.yml and a
// __metadata block at the top of yarn.lock.
func (n *project) isBerryLock() (bool, error) {
	if n.r.Has(".yarnrc.yml") {
		return true, nil
	}
	head, err := n.r.Head("yarn.lock", 8<<10)
	if err != nil {
		return false, err
	}
	return bytes.Contains(head, []byte("__metadata:")), nil
}

// corepackField is the packageManager field: name@x.y.z with an optional
// +hash; the version must be exact (corepack refuses ranges).
var corepackField = regexp.MustCompile(`^([a-z][a-z0-9-]*)@v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)(?:\+[0-9A-Za-z.+=/_-]*)?$`)

// parseCorepack turns "pnpm@9.12.3+sha512…" into pnpm, 9.12.3; yarn 1 is
// "yarn", yarn 2+ "yarn-berry".
func parseCorepack(v string) (pm, version string, err error) {
	m := corepackField.FindStringSubmatch(strings.TrimSpace(v))
	if m == nil {
		return "", "", fmt.Errorf("is not name@version")
	}
	pm, version = m[1], m[2]
	switch pm {
	case "npm", "pnpm", "bun":
	case "yarn":
		if !strings.HasPrefix(version, "1.") {
			pm = "yarn-berry"
		}
	default:
		return "", "", fmt.Errorf("names %s, which is not npm, yarn, pnpm or bun", pm)
	}
	return pm, version, nil
}

// packageManager sets PackageManager (and its version) by precedence:
// the --pm option > package.json#packageManager > lockfiles > .yarnrc.yml
// > engines.pnpm / engines.yarn > npm.
func (n *project) packageManager(opts core.Options) error {
	f := n.f
	locks, err := n.lockfiles()
	if err != nil {
		return err
	}
	var pm, fieldPM, fieldVersion, decidedBy string
	if raw := strings.TrimSpace(n.pkg.PackageManager); raw != "" {
		if p, v, err := parseCorepack(raw); err == nil {
			fieldPM, fieldVersion = p, v
		} else {
			f.Warnf("package.json#packageManager %q %v; it is ignored", clip(raw), err)
		}
	}
	switch {
	case lockfileNames(opts.PackageManager) != nil:
		pm, decidedBy = opts.PackageManager, "the package manager was set to "+opts.PackageManager
	case fieldPM != "":
		pm, decidedBy = fieldPM, "package.json#packageManager names "+fieldPM
		f.Source("packageManager", "package.json#packageManager")
	case len(locks) > 0:
		pm = locks[0].pm
		f.Source("packageManager", locks[0].file)
	case n.r.Has(".yarnrc.yml"):
		// Only Yarn 2+ reads .yarnrc.yml: a project that has not run its
		// first install yet.
		pm = "yarn-berry"
		f.Source("packageManager", ".yarnrc.yml")
	default:
		pm = n.enginesPM()
	}
	n.pm, f.PackageManager = pm, pm
	n.lockConflicts(locks, decidedBy)
	return n.pmVersion(fieldPM, fieldVersion)
}

// enginesPM reads engines.pnpm / engines.yarn, else returns npm.
func (n *project) enginesPM() string {
	if strings.TrimSpace(n.pkg.Engines["pnpm"]) != "" {
		n.f.Source("packageManager", "package.json#engines.pnpm")
		return "pnpm"
	}
	if rng := strings.TrimSpace(n.pkg.Engines["yarn"]); rng != "" {
		n.f.Source("packageManager", "package.json#engines.yarn")
		// Yarn 1 when the range admits a 1.x release, berry otherwise.
		if cs, err := semver.NewConstraint(rng); err == nil && !cs.Check(semver.New(1, 22, 22, "", "")) && !cs.Check(semver.New(1, 0, 0, "", "")) {
			return "yarn-berry"
		}
		return "yarn"
	}
	return "npm"
}

// lockConflicts warns about lockfiles of managers other than the chosen
// one. When nothing but lockfile precedence decided, init must ask:
// Details.ConflictingManagers lists the winner and the others.
func (n *project) lockConflicts(locks []lockfile, decidedBy string) {
	var others, otherFiles []string
	for _, l := range locks {
		if pmFamily(l.pm) != pmFamily(n.pm) {
			if !slices.Contains(others, l.pm) {
				others = append(others, l.pm)
			}
			otherFiles = append(otherFiles, l.file)
		}
	}
	if len(otherFiles) == 0 {
		return
	}
	if decidedBy != "" {
		verb := "is"
		if len(otherFiles) > 1 {
			verb = "are"
		}
		n.f.Warnf("%s %s ignored: %s", joinAnd(otherFiles), verb, decidedBy)
		return
	}
	all := []string{}
	for _, l := range locks {
		all = append(all, l.file)
	}
	slices.Sort(all)
	n.f.Warnf("lockfiles of different package managers: %s; using %s (lockfile precedence); pass --pm to choose", joinAnd(all), n.pm)
	n.f.Details.ConflictingManagers = append([]string{n.pm}, others...)
}

// joinAnd joins names as "a", "a and b", "a, b and c".
func joinAnd(s []string) string {
	if len(s) <= 1 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// pnpmLockVersion finds lockfileVersion at the top of pnpm-lock.yaml.
var pnpmLockVersion = regexp.MustCompile(`(?m)^lockfileVersion:[ \t]*['"]?([0-9]+(?:\.[0-9]+)*)['"]?[ \t]*\r?$`)

// yarnRelease finds the version in a yarnPath (.yarn/releases/yarn-4.1.0.cjs).
var yarnRelease = regexp.MustCompile(`(?:^|/)yarn-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.c?js$`)

// pmVersion sets PackageManagerVersion: from the packageManager field
// when it names the chosen manager; else pnpm's major from the lockfile
// format; else berry's release from .yarnrc.yml's yarnPath.
func (n *project) pmVersion(fieldPM, fieldVersion string) error {
	f := n.f
	if err := n.loadYarnrc(); err != nil {
		return err
	}
	switch {
	case fieldPM != "" && fieldPM == n.pm:
		f.PackageManagerVersion = fieldVersion
		f.Source("packageManagerVersion", "package.json#packageManager")
	case n.pm == "pnpm" && n.r.Has("pnpm-lock.yaml"):
		head, err := n.r.Head("pnpm-lock.yaml", 4<<10)
		if err != nil {
			return err
		}
		if m := pnpmLockVersion.FindSubmatch(head); m != nil {
			if v := pnpmMajor(string(m[1]), n.tab.Node.PnpmLockfile); v != "" {
				f.PackageManagerVersion = v
				f.Source("packageManagerVersion", "pnpm-lock.yaml#lockfileVersion")
			}
		}
		// pnpm 9 and 10 write the same lockfile; settings only pnpm 10
		// reads decide for 10 (it skips install scripts not allow-listed
		// there, so the project has said which to run).
		if f.PackageManagerVersion == "9" {
			if from := n.pnpm10Settings(); from != "" {
				f.PackageManagerVersion = "10"
				f.Source("packageManagerVersion", from)
			}
		}
	case n.pm == "yarn-berry" && n.yarnPath != "":
		if m := yarnRelease.FindStringSubmatch(n.yarnPath); m != nil {
			f.PackageManagerVersion = m[1]
			f.Source("packageManagerVersion", ".yarnrc.yml#yarnPath")
		}
	}
	return nil
}

// pnpm10Keys are settings pnpm 10 introduced.
var pnpm10Keys = []string{"onlyBuiltDependencies", "ignoredBuiltDependencies", "onlyBuiltDependenciesFile"}

// pnpm10Settings says where the project uses a pnpm-10 setting:
// package.json#pnpm.<key> or pnpm-workspace.yaml; "" when it does not.
func (n *project) pnpm10Settings() string {
	for _, k := range pnpm10Keys {
		if slices.Contains(n.pkg.PnpmSettings, k) {
			return "package.json#pnpm." + k
		}
	}
	if data, err := n.r.Head("pnpm-workspace.yaml", repo.MaxSource); err == nil {
		for _, k := range pnpm10Keys {
			if bytes.Contains(data, []byte("\n"+k+":")) || bytes.HasPrefix(data, []byte(k+":")) {
				return "pnpm-workspace.yaml#" + k
			}
		}
	}
	return ""
}

// pnpmMajor looks a lockfileVersion up in the table: exactly, then by its
// major ("6.1" → the "6" entry).
func pnpmMajor(lockVersion string, table map[string]string) string {
	if v, ok := table[lockVersion]; ok {
		return v
	}
	major, _, _ := strings.Cut(lockVersion, ".")
	return table[major]
}

// runCommand is how the chosen manager runs a package.json script.
func runCommand(pm, script string) string {
	switch pm {
	case "yarn-berry":
		pm = "yarn"
	case "":
		pm = "npm"
	}
	return pm + " run " + script
}
