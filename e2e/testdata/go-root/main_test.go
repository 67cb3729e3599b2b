package main

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

func TestGreeting(t *testing.T) {
	got := greeting(uuid.New())
	if !strings.HasPrefix(got, "hello from go-root") || !strings.Contains(got, "version 4") {
		t.Fatalf("greeting = %q", got)
	}
}
