package project

import (
	"fmt"
	"strings"
)

// AmbiguousError is a choice that cannot be made safely without a person
// (docs/init.md): callers ask in a form, or exit 2 naming Flag.
type AmbiguousError struct {
	What       string   // "several Go main packages"
	Flag       string   // "--main"
	Candidates []string // the choices
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%s: %s; choose one with %s", e.What, strings.Join(e.Candidates, ", "), e.Flag)
}

// MissingError is an answer nothing could decide (no start command, no
// main package); Flag names the option that supplies it.
type MissingError struct {
	What string
	Flag string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("%s; pass %s", e.What, e.Flag)
}
