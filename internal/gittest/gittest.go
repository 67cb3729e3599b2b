// Package gittest makes small git repositories with go-git for tests:
// template packs with commits and tags, made on the fly in a temporary
// directory (a nested .git cannot be committed to this repository).
package gittest

import (
	"fmt"
	"sort"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// sig is a fixed author, so commits are reproducible.
func sig(n int) *object.Signature {
	return &object.Signature{Name: "Pack Author", Email: "pack@example.com", When: time.Date(2026, 11, 27, 12, 0, n, 0, time.UTC)}
}

// Init makes dir a git repository (a working tree; branch master).
func Init(dir string) error {
	_, err := git.PlainInit(dir, false)
	return err
}

// CommitAll records every file of dir's working tree (additions,
// changes, removals) and returns the commit's full hash.
func CommitAll(dir, msg string) (string, error) {
	r, err := git.PlainOpen(dir)
	if err != nil {
		return "", err
	}
	w, err := r.Worktree()
	if err != nil {
		return "", err
	}
	if err := w.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return "", err
	}
	n := 0
	if iter, err := r.Log(&git.LogOptions{}); err == nil {
		_ = iter.ForEach(func(*object.Commit) error { n++; return nil })
	}
	h, err := w.Commit(msg, &git.CommitOptions{Author: sig(n), AllowEmptyCommits: true})
	if err != nil {
		return "", err
	}
	return h.String(), nil
}

// Tag tags HEAD; annotated makes a tag object (as `git tag -a`), else a
// lightweight tag.
func Tag(dir, name string, annotated bool) error {
	r, err := git.PlainOpen(dir)
	if err != nil {
		return err
	}
	head, err := r.Head()
	if err != nil {
		return err
	}
	var opts *git.CreateTagOptions
	if annotated {
		opts = &git.CreateTagOptions{Tagger: sig(59), Message: "release " + name}
	}
	_, err = r.CreateTag(name, head.Hash(), opts)
	return err
}

// TagAt tags commit (a full hash) with a lightweight tag.
func TagAt(dir, name, commit string) error {
	r, err := git.PlainOpen(dir)
	if err != nil {
		return err
	}
	_, err = r.CreateTag(name, plumbing.NewHash(commit), nil)
	return err
}

// Head returns the full hash of HEAD.
func Head(dir string) (string, error) {
	r, err := git.PlainOpen(dir)
	if err != nil {
		return "", err
	}
	h, err := r.Head()
	if err != nil {
		return "", err
	}
	return h.Hash().String(), nil
}

// CommitTree commits a hand-made tree to dir's HEAD branch: entries map
// names (used as they are, unchecked — "../evil" included) to file
// contents. It makes the hostile trees git's own tools refuse to build.
func CommitTree(dir string, entries map[string]string, msg string) (string, error) {
	r, err := git.PlainOpen(dir)
	if err != nil {
		return "", err
	}
	tree := &object.Tree{}
	names := make([]string, 0, len(entries))
	for name := range entries {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		content := entries[name]
		blob := r.Storer.NewEncodedObject()
		blob.SetType(plumbing.BlobObject)
		wr, err := blob.Writer()
		if err != nil {
			return "", err
		}
		if _, err := wr.Write([]byte(content)); err != nil {
			return "", err
		}
		wr.Close()
		h, err := r.Storer.SetEncodedObject(blob)
		if err != nil {
			return "", err
		}
		tree.Entries = append(tree.Entries, object.TreeEntry{Name: name, Mode: 0o100644, Hash: h})
	}
	obj := r.Storer.NewEncodedObject()
	if err := tree.Encode(obj); err != nil {
		return "", err
	}
	th, err := r.Storer.SetEncodedObject(obj)
	if err != nil {
		return "", err
	}
	c := &object.Commit{Author: *sig(1), Committer: *sig(1), Message: msg, TreeHash: th}
	cobj := r.Storer.NewEncodedObject()
	if err := c.Encode(cobj); err != nil {
		return "", err
	}
	ch, err := r.Storer.SetEncodedObject(cobj)
	if err != nil {
		return "", err
	}
	head, err := r.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", err
	}
	if err := r.Storer.SetReference(plumbing.NewHashReference(head.Target(), ch)); err != nil {
		return "", fmt.Errorf("moving %s: %w", head.Target(), err)
	}
	return ch.String(), nil
}
