package detect

import (
	"path"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
)

// committedEnvFiles lists the environment files (.env.production,
// .env.staging…) that the git repository rooted at dir tracks. A
// committed one is source — a frontend build reads its public settings —
// while the .dockerignore keeps every other .env file out of the build
// context: .env itself and *.local files hold a person's secrets and
// stay excluded even when committed. Without a git repository: none.
func committedEnvFiles(dir string) []string {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: false})
	if err != nil {
		return nil
	}
	idx, err := repo.Storer.Index()
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range idx.Entries {
		base := path.Base(e.Name)
		if !strings.HasPrefix(base, ".env.") || base == ".env.example" || strings.HasSuffix(base, ".local") {
			continue
		}
		if strings.ContainsAny(e.Name, " \t\n\\*?[]!#") || strings.HasPrefix(e.Name, "/") || strings.Contains(e.Name, "..") {
			continue // not a name a .dockerignore line can carry as it is
		}
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return out
}
