package form

import (
	"bufio"
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
)

func TestLineReaderOneLinePerRead(t *testing.T) {
	r := newLineReader(context.Background(), strings.NewReader("a\n\nbb\nlast"))
	defer r.Close()
	buf := make([]byte, 64)
	for _, want := range []string{"a\n", "\n", "bb\n", "last"} {
		n, err := r.Read(buf)
		if err != nil || string(buf[:n]) != want {
			t.Fatalf("Read = %q, %v; want %q", buf[:n], err, want)
		}
	}
	if r.Starved() {
		t.Fatal("starved before anyone asked past the end")
	}
	if _, err := r.Read(buf); err != io.EOF {
		t.Fatalf("after the last line: %v, want EOF", err)
	}
	if r.Starved() {
		t.Fatal("finishing a line without newline is not starving")
	}
	if _, err := r.Read(buf); err != io.EOF || !r.Starved() {
		t.Fatalf("a prompt after the end: %v, starved %v", err, r.Starved())
	}
}

// Each bufio.Scanner huh makes gets its own line: the first one does not
// swallow the pipe.
func TestLineReaderScannerPerPrompt(t *testing.T) {
	r := newLineReader(context.Background(), strings.NewReader("1\n2\n3\n"))
	defer r.Close()
	for _, want := range []string{"1", "2", "3"} {
		sc := bufio.NewScanner(r)
		if !sc.Scan() || sc.Text() != want {
			t.Fatalf("scanner got %q, want %q", sc.Text(), want)
		}
	}
	if r.Err() != nil {
		t.Fatalf("Err = %v before the end", r.Err())
	}
}

func TestLineReaderLongLine(t *testing.T) {
	long := strings.Repeat("x", 100)
	r := newLineReader(context.Background(), strings.NewReader(long+"\nnext\n"))
	defer r.Close()
	var got []byte
	buf := make([]byte, 7)
	for !strings.HasSuffix(string(got), "\n") {
		n, err := r.Read(buf)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, buf[:n]...)
	}
	if string(got) != long+"\n" {
		t.Fatalf("got %q", got)
	}
}

// A Ctrl-C in a cooked terminal cancels the context while Read waits for
// a line that never comes: Read must give up.
func TestLineReaderInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	defer pw.Close()
	// The person presses Ctrl-C once the reader waits on the terminal.
	waiting := make(chan struct{})
	var once sync.Once
	src := readerFunc(func(p []byte) (int, error) {
		once.Do(func() { close(waiting) })
		return pr.Read(p)
	})
	r := newLineReader(ctx, src)
	defer r.Close()
	go func() { <-waiting; cancel() }()
	_, err := r.Read(make([]byte, 8))
	if !errors.Is(err, context.Canceled) || !interrupted(r.Err()) {
		t.Fatalf("Read = %v, Err = %v; want context.Canceled", err, r.Err())
	}
	if _, err := r.Read(make([]byte, 8)); !errors.Is(err, context.Canceled) {
		t.Fatalf("second Read = %v; the error is sticky", err)
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
