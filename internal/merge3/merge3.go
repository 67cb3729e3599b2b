// Package merge3 merges two edits of one text, line by line, as diff3
// does (docs/update.md): a region only one side changed takes that side's
// lines, a region both changed alike takes them once, and a region both
// changed differently is a conflict, written with git's markers.
package merge3

import (
	"bytes"
	"errors"
)

// Labels name the sides in conflict markers.
type Labels struct{ Ours, Base, Theirs string }

// MaxLines bounds each input: the line matching is quadratic, and no file
// dockslim writes is anywhere near it.
const MaxLines = 20000

// ErrTooLong is returned for an input over MaxLines.
var ErrTooLong = errors.New("too many lines to merge")

// Result is a merge's outcome.
type Result struct {
	// Text is the merged text, with conflict markers where Conflicts > 0.
	Text      []byte
	Conflicts int
}

// Merge merges ours and theirs, each an edit of base. Lines keep their
// endings, so CRLF files merge as they are.
func Merge(base, ours, theirs []byte, l Labels) (Result, error) {
	b, o, t := split(base), split(ours), split(theirs)
	if len(b) > MaxLines || len(o) > MaxLines || len(t) > MaxLines {
		return Result{}, ErrTooLong
	}
	mo, mt := match(b, o), match(b, t)
	var out bytes.Buffer
	conflicts := 0
	i, a, c := 0, 0, 0 // positions in base, ours, theirs
	for i <= len(b) {
		// A stable line: base[i] kept by both sides where they are.
		if i < len(b) && mo[i] == a && mt[i] == c {
			out.Write(b[i])
			i, a, c = i+1, a+1, c+1
			continue
		}
		// The next line both sides kept, or the end.
		j := i
		for j < len(b) && !(mo[j] >= a && mt[j] >= c) {
			j++
		}
		ea, ec := len(o), len(t)
		if j < len(b) {
			ea, ec = mo[j], mt[j]
		}
		bb, oo, tt := b[i:j], o[a:ea], t[c:ec]
		switch {
		case equal(oo, bb):
			writeAll(&out, tt)
		case equal(tt, bb), equal(oo, tt):
			writeAll(&out, oo)
		default:
			conflicts++
			eol := lineEnding(bb, oo, tt)
			out.WriteString("<<<<<<< " + l.Ours + eol)
			writeAll(&out, ensureEOL(oo, eol))
			out.WriteString("||||||| " + l.Base + eol)
			writeAll(&out, ensureEOL(bb, eol))
			out.WriteString("=======" + eol)
			writeAll(&out, ensureEOL(tt, eol))
			out.WriteString(">>>>>>> " + l.Theirs + eol)
		}
		if j == len(b) {
			break
		}
		i, a, c = j, ea, ec
	}
	return Result{Text: out.Bytes(), Conflicts: conflicts}, nil
}

// HasMarkers reports whether text still holds conflict markers.
func HasMarkers(text []byte) bool {
	for _, line := range split(text) {
		for _, m := range []string{"<<<<<<< ", "=======", ">>>>>>> ", "||||||| "} {
			if bytes.HasPrefix(line, []byte(m)) {
				return true
			}
		}
	}
	return false
}

// split cuts text into lines, each with its ending; a last line without
// one is kept as it is.
func split(text []byte) [][]byte {
	var out [][]byte
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+1])
		text = text[i+1:]
	}
	return out
}

// match pairs each line of base with the line of other it is kept as in a
// longest common subsequence: m[i] is its index in other, or -1.
func match(base, other [][]byte) []int {
	n, m := len(base), len(other)
	// lcs[i][j] is the LCS length of base[i:] and other[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case bytes.Equal(base[i], other[j]):
				lcs[i][j] = lcs[i+1][j+1] + 1
			case lcs[i+1][j] >= lcs[i][j+1]:
				lcs[i][j] = lcs[i+1][j]
			default:
				lcs[i][j] = lcs[i][j+1]
			}
		}
	}
	out := make([]int, n)
	for k := range out {
		out[k] = -1
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case bytes.Equal(base[i], other[j]):
			out[i] = j
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

func equal(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

func writeAll(w *bytes.Buffer, lines [][]byte) {
	for _, l := range lines {
		w.Write(l)
	}
}

// lineEnding is the ending the sides use ("\r\n" when any line has it).
func lineEnding(groups ...[][]byte) string {
	for _, g := range groups {
		for _, l := range g {
			if bytes.HasSuffix(l, []byte("\r\n")) {
				return "\r\n"
			}
		}
	}
	return "\n"
}

// ensureEOL ends the last line, so a marker never joins it.
func ensureEOL(lines [][]byte, eol string) [][]byte {
	if n := len(lines); n > 0 && !bytes.HasSuffix(lines[n-1], []byte("\n")) {
		out := append([][]byte{}, lines[:n-1]...)
		return append(out, append(append([]byte{}, lines[n-1]...), eol...))
	}
	return lines
}
