package pack

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/go-git/go-git/v5/plumbing"
)

var hexRE = regexp.MustCompile(`^[0-9a-f]{4,40}$`)

// resolved is the commit a REF named, and how.
type resolved struct {
	commit plumbing.Hash
	// how is "tag v1.0.0", "branch main", "commit 3f1c…", "HEAD" or
	// "v1.1.0, the highest tag matching ^1".
	how string
}

// resolveRef applies docs/packs.md's rules to ref over a mirror's refs: the
// remote's HEAD when ref is empty; else an existing tag, branch or commit
// of that name (in that order); else ref as a semver constraint picks the
// highest matching version tag. lookup finds commits by hash prefix.
func resolveRef(rs *refs, ref string, lookup func(prefix string) []plumbing.Hash) (resolved, error) {
	if ref == "" {
		if rs.head.IsZero() {
			return resolved{}, fmt.Errorf("the repository has no default branch; name a tag or branch with @REF")
		}
		return resolved{rs.head, "HEAD"}, nil
	}
	if h, ok := rs.tags[ref]; ok {
		return resolved{h, "tag " + ref}, nil
	}
	if h, ok := rs.branches[ref]; ok {
		return resolved{h, "branch " + ref}, nil
	}
	if hexRE.MatchString(strings.ToLower(ref)) {
		switch found := lookup(strings.ToLower(ref)); len(found) {
		case 1:
			return resolved{found[0], "commit " + found[0].String()[:12]}, nil
		case 0:
		default:
			return resolved{}, fmt.Errorf("%q names several commits; give more of the hash", ref)
		}
	}
	c, err := semver.NewConstraint(ref)
	if err != nil {
		return resolved{}, fmt.Errorf("no tag, branch or commit %q, and it is not a version constraint (tags: %s)", ref, tagList(rs))
	}
	var best *semver.Version
	var bestTag string
	for tag := range rs.tags {
		v, err := semver.NewVersion(tag)
		if err != nil || !c.Check(v) {
			continue
		}
		if best == nil || v.GreaterThan(best) || v.Equal(best) && tag < bestTag {
			best, bestTag = v, tag
		}
	}
	if best == nil {
		return resolved{}, fmt.Errorf("no tag matches %q (tags: %s)", ref, tagList(rs))
	}
	return resolved{rs.tags[bestTag], fmt.Sprintf("%s, the highest tag matching %s", bestTag, ref)}, nil
}

// versionTags lists the tags that are semver versions, highest first.
func versionTags(rs *refs, includePrerelease bool) []string {
	type vt struct {
		v   *semver.Version
		tag string
	}
	var list []vt
	for tag := range rs.tags {
		v, err := semver.NewVersion(tag)
		if err != nil || !includePrerelease && v.Prerelease() != "" {
			continue
		}
		list = append(list, vt{v, tag})
	}
	sort.Slice(list, func(i, j int) bool {
		if !list[i].v.Equal(list[j].v) {
			return list[i].v.GreaterThan(list[j].v)
		}
		return list[i].tag < list[j].tag
	})
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x.tag
	}
	return out
}

// tagList names a few tags for error messages.
func tagList(rs *refs) string {
	tags := versionTags(rs, true)
	if len(tags) == 0 {
		for t := range rs.tags {
			tags = append(tags, t)
		}
		sort.Strings(tags)
	}
	switch {
	case len(tags) == 0:
		return "none"
	case len(tags) > 8:
		return strings.Join(tags[:8], ", ") + ", …"
	}
	return strings.Join(tags, ", ")
}
