package core

import (
	"fmt"
	"strings"
)

// ChoiceError means a value given to steer detection is not one of the
// candidates the project offers (for example a --main that is not a main
// package). Flag names the option that settles it.
type ChoiceError struct {
	Flag       string   // "--main"
	Value      string   // what was given
	What       string   // "Go main package"
	Candidates []string // what the project offers
}

func (e *ChoiceError) Error() string {
	return fmt.Sprintf("%s %q is not a %s of this project; candidates: %s", e.Flag, e.Value, e.What, strings.Join(e.Candidates, ", "))
}
