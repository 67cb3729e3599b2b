package project

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Commit commits files of dir (paths from dir) to the git repository dir
// is in, with msg, the author from git's configuration (the repository's,
// then the user's): what `dockslim update --commit` does so a platform
// team's bot needs no git of its own. It returns the new commit's hash.
func Commit(dir string, files []string, msg string) (string, error) {
	repo, cfg, err := commitRepo(dir)
	if err != nil {
		return "", err
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", err
	}
	root := wt.Filesystem.Root()
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for _, f := range files {
		rel, err := filepath.Rel(root, filepath.Join(absDir, f))
		if err != nil {
			return "", err
		}
		if _, err := wt.Add(filepath.ToSlash(rel)); err != nil {
			return "", fmt.Errorf("git add %s: %w", rel, err)
		}
	}
	h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: cfg.User.Name, Email: cfg.User.Email, When: time.Now()}})
	if err != nil {
		return "", fmt.Errorf("git commit: %w", err)
	}
	return h.String(), nil
}

// CanCommit says why Commit would fail in dir, before anything is written.
func CanCommit(dir string) error {
	_, _, err := commitRepo(dir)
	return err
}

// commitRepo opens the repository dir is in and the author to commit as.
func commitRepo(dir string) (*git.Repository, *config.Config, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, nil, fmt.Errorf("%s is not in a git repository: %w", dir, err)
	}
	cfg, err := repo.ConfigScoped(config.GlobalScope)
	if err != nil {
		return nil, nil, err
	}
	if cfg.User.Name == "" || cfg.User.Email == "" {
		return nil, nil, errors.New("git has no user.name and user.email to commit as: set them with git config")
	}
	return repo, cfg, nil
}
