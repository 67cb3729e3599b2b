package form

import (
	"bufio"
	"context"
	"errors"
	"io"
	"sync"
)

// lineReader feeds huh's accessible mode. In huh v1 every accessible
// prompt makes its own bufio.Scanner, and the first one would read ahead
// the whole of a piped stdin, leaving every later answer at its default.
// lineReader hands out at most one line per Read, so each prompt gets its
// line and no more.
//
// It also makes the form interruptible: huh blocks in Read, and a Ctrl-C
// in a cooked terminal only cancels ctx, so Read returns ctx's error as
// soon as ctx is done. huh swallows read errors (it takes the default and
// moves on), so the form's caller asks Err afterwards.
type lineReader struct {
	ctx  context.Context
	src  *bufio.Reader
	once sync.Once
	recv chan lineResult
	done chan struct{}

	mu      sync.Mutex
	rest    []byte // what is left of the line being read
	err     error  // sticky: io.EOF, a read error or ctx's error
	partial bool   // the line handed out last had no newline yet
	starved bool   // a prompt asked for a line after the input ended
}

type lineResult struct {
	line []byte
	err  error
}

func newLineReader(ctx context.Context, r io.Reader) *lineReader {
	return &lineReader{ctx: ctx, src: bufio.NewReader(r), recv: make(chan lineResult), done: make(chan struct{})}
}

// Read returns at most the rest of one line.
func (r *lineReader) Read(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.rest) == 0 {
		if r.err != nil {
			if r.err == io.EOF && !r.partial {
				r.starved = true
			}
			r.partial = false
			return 0, r.err
		}
		r.once.Do(func() { go r.pump() })
		select {
		case <-r.ctx.Done():
			r.err = r.ctx.Err()
			return 0, r.err
		case res := <-r.recv:
			if res.err != nil {
				r.err = res.err
			}
			if len(res.line) == 0 {
				r.starved = r.err == io.EOF
				return 0, r.err
			}
			r.rest = res.line
			r.partial = res.line[len(res.line)-1] != '\n'
		}
	}
	n := copy(p, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}

// pump reads lines in the background, so that Read can give up when ctx
// is done while the source still blocks (a terminal waiting for a line).
func (r *lineReader) pump() {
	for {
		line, err := r.src.ReadBytes('\n')
		select {
		case r.recv <- lineResult{line, err}:
		case <-r.done:
			return
		}
		if err != nil {
			return
		}
	}
}

// Close stops the background reader once it is no longer blocked.
func (r *lineReader) Close() error {
	select {
	case <-r.done:
	default:
		close(r.done)
	}
	return nil
}

// Err is the error that ended the input: nil while it lasts, io.EOF when
// it ran out, ctx's error when interrupted.
func (r *lineReader) Err() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// Starved reports whether a prompt found the input already ended (and so
// kept its pre-filled answer).
func (r *lineReader) Starved() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.starved
}

// interrupted reports whether err means the person stopped the run.
func interrupted(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
