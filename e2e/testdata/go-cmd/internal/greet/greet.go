// Package greet is shared by the fixture's commands.
package greet

import "fmt"

// Message is what the api answers and the worker prints.
func Message(who string) string {
	return fmt.Sprintf("hello from go-cmd %s\n", who)
}
