package main

import "testing"

func TestAnswer(t *testing.T) {
	n, v, err := answer()
	if err != nil || n != 42 || v == "" {
		t.Fatalf("answer() = %d, %q, %v", n, v, err)
	}
}
