package pack

import (
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

var (
	gitPlainOpen    = git.PlainOpen
	plumbingNewHash = plumbing.NewHash
)
