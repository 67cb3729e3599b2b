// Package greet is the library the API of the go-work-member fixture
// takes from its workspace.
package greet

// Hello greets name.
func Hello(name string) string { return "greetings, " + name }
