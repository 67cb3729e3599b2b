package main

import "testing"

func TestNamespaced(t *testing.T) {
	const want = "534f2c78-038a-591d-90f8-b1c4e70948ae"
	if got := namespaced("https://github.com/dockslim/dockslim"); got != want {
		t.Fatalf("namespaced = %s, want %s", got, want)
	}
}
