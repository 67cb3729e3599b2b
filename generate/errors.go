package generate

import "fmt"

// InputError is bad input in a value a person gave — a flag, a form
// answer, a value in .dockslim.yaml or a pack variable; Flag names it
// ("--port", "answers.start", "--set").
type InputError struct {
	Flag string
	Err  error
}

func (e *InputError) Error() string { return fmt.Sprintf("%s: %v", e.Flag, e.Err) }
func (e *InputError) Unwrap() error { return e.Err }
