package greet

import "testing"

func TestMessage(t *testing.T) {
	if got := Message("api"); got != "hello from go-cmd api\n" {
		t.Fatalf("Message = %q", got)
	}
}
