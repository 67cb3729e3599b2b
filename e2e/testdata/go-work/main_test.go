package main

import (
	"testing"

	"example.com/e2e/greet"
)

func TestHello(t *testing.T) {
	if got := greet.Hello("x"); got != "hello from x, via the workspace" {
		t.Fatalf("Hello = %q", got)
	}
}
