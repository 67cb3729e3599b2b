// Package greet is the workspace's second module.
package greet

// Hello greets name.
func Hello(name string) string { return "hello from " + name + ", via the workspace" }
