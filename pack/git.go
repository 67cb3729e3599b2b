package pack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/client"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/plumbing/transport/server"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
)

// fetchTimeout bounds one conversation with a remote.
const fetchTimeout = 2 * time.Minute

// headRef is where a mirror keeps the commit the remote's HEAD named at
// the last fetch, so a source without @REF resolves offline too.
const headRef = plumbing.ReferenceName("refs/dockslim/HEAD")

var installFile sync.Once

// installLocalTransport serves file:// and local paths in-process: go-git's
// own file transport would run git-upload-pack, and dockslim runs nothing.
func installLocalTransport() {
	installFile.Do(func() {
		client.InstallProtocol("file", server.NewClient(localLoader{}))
	})
}

// localLoader opens a local repository (bare, or a working tree's .git).
type localLoader struct{}

func (localLoader) Load(ep *transport.Endpoint) (storer.Storer, error) {
	r, err := git.PlainOpen(ep.Path)
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, transport.ErrRepositoryNotFound
	}
	if err != nil {
		return nil, err
	}
	return r.Storer, nil
}

// mirror is the cache's bare copy of one pack repository.
type mirror struct {
	repo *git.Repository
	dir  string
	src  Source
}

// mirrorDir is where src's mirror lives: keyed by its credential-free
// location, never by anything secret.
func mirrorDir(cacheDir string, src Source) string {
	sum := sha256.Sum256([]byte(src.Location))
	return filepath.Join(cacheDir, "repos", hex.EncodeToString(sum[:12]))
}

// openMirror opens src's mirror, creating it when missing and recreating
// it when it cannot be opened (a corrupted cache); warn hears about that.
func openMirror(cacheDir string, src Source, warn func(string)) (*mirror, error) {
	installLocalTransport()
	dir := mirrorDir(cacheDir, src)
	repo, err := git.PlainOpen(dir)
	if err == nil {
		if _, rerr := repo.Remote("origin"); rerr == nil {
			return &mirror{repo: repo, dir: dir, src: src}, nil
		}
		err = errors.New("no origin remote")
	}
	if !errors.Is(err, git.ErrRepositoryNotExists) {
		warn(fmt.Sprintf("the cached copy of %s was unreadable (%v); starting it afresh", src.Display, err))
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("cannot reset the pack cache %s: %w", dir, err)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the pack cache: %w", err)
	}
	if repo, err = git.PlainInit(dir, true); err != nil {
		return nil, fmt.Errorf("cannot create the pack cache %s: %w", dir, err)
	}
	if _, err := repo.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{src.Location}}); err != nil {
		return nil, fmt.Errorf("cannot create the pack cache %s: %w", dir, err)
	}
	return &mirror{repo: repo, dir: dir, src: src}, nil
}

// auth is how to authenticate to src: DOCKSLIM_GIT_TOKEN (or the URL's
// own credentials) as basic auth for https, the SSH agent for ssh,
// nothing for local repositories. Nothing here is ever written down.
func (s Source) auth(token string) (transport.AuthMethod, error) {
	switch s.scheme() {
	case "https":
		user, password := s.user, s.password
		if password == "" {
			password = token
		}
		if password == "" {
			return nil, nil
		}
		if user == "" {
			user = "x-access-token"
		}
		return &githttp.BasicAuth{Username: user, Password: password}, nil
	case "ssh":
		user := "git"
		if ep, err := transport.NewEndpoint(s.Location); err == nil && ep.User != "" {
			user = ep.User
		}
		a, err := gitssh.NewSSHAgentAuth(user)
		if err != nil {
			return nil, fmt.Errorf("ssh needs a running SSH agent with your key (SSH_AUTH_SOCK): %w", err)
		}
		return a, nil
	}
	return nil, nil
}

// fetch brings every branch and tag of the remote into the mirror and
// remembers what its HEAD names.
func (m *mirror) fetch(ctx context.Context, token string) error {
	auth, err := m.src.auth(token)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	remote, err := m.repo.Remote("origin")
	if err != nil {
		return err
	}
	refs, err := remote.ListContext(ctx, &git.ListOptions{Auth: auth})
	if err != nil {
		return cleanGitError(err)
	}
	err = remote.FetchContext(ctx, &git.FetchOptions{
		RefSpecs: []config.RefSpec{"+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"},
		Auth:     auth,
		Tags:     git.NoTags,
		Force:    true,
		Prune:    true,
	})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) && !errors.Is(err, transport.ErrEmptyRemoteRepository) {
		return cleanGitError(err)
	}
	return m.rememberHead(refs)
}

// rememberHead stores the commit the remote's HEAD names.
func (m *mirror) rememberHead(refs []*plumbing.Reference) error {
	byName := map[plumbing.ReferenceName]*plumbing.Reference{}
	for _, r := range refs {
		byName[r.Name()] = r
	}
	head := byName[plumbing.HEAD]
	for i := 0; head != nil && head.Type() == plumbing.SymbolicReference && i < 5; i++ {
		head = byName[head.Target()]
	}
	if head == nil || head.Type() != plumbing.HashReference {
		return nil
	}
	return m.repo.Storer.SetReference(plumbing.NewHashReference(headRef, head.Hash()))
}

// cleanGitError makes go-git's errors one readable line.
func cleanGitError(err error) error {
	switch {
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return errors.New("repository not found")
	case errors.Is(err, transport.ErrAuthenticationRequired):
		return errors.New("authentication required (set DOCKSLIM_GIT_TOKEN for https, or load your key into the SSH agent)")
	case errors.Is(err, transport.ErrAuthorizationFailed):
		return errors.New("authorization failed (check DOCKSLIM_GIT_TOKEN or your SSH key)")
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("no answer within %s", fetchTimeout)
	}
	return errors.New(strings.ReplaceAll(err.Error(), "\n", " "))
}

// refs are a mirror's branches and tags, each peeled to its commit.
type refs struct {
	tags     map[string]plumbing.Hash
	branches map[string]plumbing.Hash
	head     plumbing.Hash
}

func (m *mirror) refs() (*refs, error) {
	out := &refs{tags: map[string]plumbing.Hash{}, branches: map[string]plumbing.Hash{}}
	iter, err := m.repo.References()
	if err != nil {
		return nil, err
	}
	err = iter.ForEach(func(r *plumbing.Reference) error {
		if r.Type() != plumbing.HashReference {
			return nil
		}
		switch name := r.Name(); {
		case name.IsTag():
			if c, ok := m.peel(r.Hash()); ok {
				out.tags[name.Short()] = c
			}
		case name.IsBranch():
			if c, ok := m.peel(r.Hash()); ok {
				out.branches[name.Short()] = c
			}
		case name == headRef:
			out.head = r.Hash()
		}
		return nil
	})
	return out, err
}

// peel follows annotated tags to the commit they name.
func (m *mirror) peel(h plumbing.Hash) (plumbing.Hash, bool) {
	for i := 0; i < 10; i++ {
		if _, err := m.repo.CommitObject(h); err == nil {
			return h, true
		}
		t, err := m.repo.TagObject(h)
		if err != nil {
			return plumbing.ZeroHash, false
		}
		h = t.Target
	}
	return plumbing.ZeroHash, false
}

// hasCommit reports whether the mirror holds commit h.
func (m *mirror) hasCommit(h plumbing.Hash) bool {
	_, err := m.repo.CommitObject(h)
	return err == nil
}

// commitsWithPrefix lists the mirror's commits whose hash starts with p.
func (m *mirror) commitsWithPrefix(p string) []plumbing.Hash {
	var out []plumbing.Hash
	iter, err := m.repo.CommitObjects()
	if err != nil {
		return nil
	}
	_ = iter.ForEach(func(c *object.Commit) error {
		if strings.HasPrefix(c.Hash.String(), p) {
			out = append(out, c.Hash)
		}
		return nil
	})
	return out
}
