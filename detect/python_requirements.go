package detect

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// pyReqKind says what a logical line of a requirements file does.
type pyReqKind int

const (
	pyLineDep        pyReqKind = iota // installs something
	pyLineInclude                     // -r FILE
	pyLineConstraint                  // -c FILE
)

// pyReqLine is one meaningful logical line of a pip requirements file.
// Option values (index URLs, hashes…) are dropped on purpose: they may
// hold credentials and nothing downstream needs them.
type pyReqLine struct {
	Kind pyReqKind
	Line int    // 1-based line where the logical line starts
	Req  *pyReq // a named requirement; nil for an unnamed URL or path
	// Path is a local project or archive (relative to the project root,
	// cleaned: "." for `-e .`) or, for includes, the file as written.
	Path     string
	Editable bool
	URL      bool   // installs from a URL (never copied anywhere)
	Warn     string // a non-fatal problem with this line
}

// pyCommentRE is pip's comment rule: # at the start or after blanks.
var pyCommentRE = regexp.MustCompile(`(^|\s+)#.*$`)

// pyReqOptions are the options pip accepts in requirements files; true
// means the option takes a value.
var pyReqOptions = map[string]bool{
	"-r": true, "--requirement": true, "-c": true, "--constraint": true,
	"-e": true, "--editable": true, "-i": true, "--index-url": true,
	"--extra-index-url": true, "-f": true, "--find-links": true,
	"--trusted-host": true, "--no-binary": true, "--only-binary": true,
	"--use-feature": true, "--global-option": true, "--config-settings": true,
	"--hash": true, "--install-option": true,
	"--no-index": false, "--prefer-binary": false, "--require-hashes": false, "--pre": false,
}

// pyReqLogicalLine is a line after pip's continuation joining.
type pyReqLogicalLine struct {
	n    int
	text string
}

// pyJoinLines applies pip's rules: a line ending in a backslash continues
// on the next one (an unterminated continuation at the end of the file is
// fine); a comment line ends a continuation.
func pyJoinLines(data string) []pyReqLogicalLine {
	var out []pyReqLogicalLine
	var cur []string
	start := 0
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSuffix(line, "\r")
		n := i + 1
		if !strings.HasSuffix(line, `\`) || pyCommentRE.MatchString(line) {
			if pyCommentRE.MatchString(line) {
				line = " " + line
			}
			if cur != nil {
				out = append(out, pyReqLogicalLine{start, strings.Join(append(cur, line), "")})
				cur = nil
			} else {
				out = append(out, pyReqLogicalLine{n, line})
			}
			continue
		}
		if cur == nil {
			start = n
		}
		cur = append(cur, strings.TrimRight(line, `\`))
	}
	if cur != nil {
		out = append(out, pyReqLogicalLine{start, strings.Join(cur, "")})
	}
	return out
}

// pyParseRequirementsFile parses one requirements file. file names it in
// errors. Includes are returned, not followed (see pyReadRequirements).
func pyParseRequirementsFile(file string, data []byte) ([]pyReqLine, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := lineCol(data, int64(i))
		return nil, &FileError{Path: file, Line: line, Col: col, Err: errors.New("is not a text file (it holds a NUL byte)")}
	}
	if !utf8.Valid(data) {
		line, col := lineCol(data, int64(pyFirstInvalidUTF8(data)))
		return nil, &FileError{Path: file, Line: line, Col: col, Err: errors.New("is not UTF-8 text")}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out []pyReqLine
	for _, ll := range pyJoinLines(string(data)) {
		text := strings.TrimSpace(pyCommentRE.ReplaceAllString(ll.text, ""))
		if text == "" {
			continue
		}
		rl, err := pyParseReqLine(text)
		if err != nil {
			fe := &FileError{Path: file, Line: ll.n, Err: err}
			var se *pySyntaxError
			if errors.As(err, &se) && !strings.HasPrefix(text, "-") && !strings.Contains(ll.text, `\`) {
				fe.Col = strings.Index(ll.text, text) + se.Pos + 1
				fe.Err = fmt.Errorf("invalid requirement: %s", se.Msg)
			}
			return nil, fe
		}
		if rl == nil {
			continue
		}
		rl.Line = ll.n
		out = append(out, *rl)
	}
	return out, nil
}

// pyFirstInvalidUTF8 returns the offset of the first invalid byte.
func pyFirstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// pyParseReqLine parses one logical line (comments already removed). It
// returns nil for lines that only set pip options.
func pyParseReqLine(text string) (*pyReqLine, error) {
	if !strings.HasPrefix(text, "-") {
		// Per-requirement options (--hash=…) follow the requirement; pip
		// ends the requirement at the first word that starts with "-".
		return pyClassify(strings.TrimSpace(text[:pyOptionsStart(text)]), false)
	}
	opt, val := text, ""
	if strings.HasPrefix(text, "--") {
		if i := strings.IndexAny(text, "= \t"); i >= 0 {
			opt, val = text[:i], strings.TrimLeft(text[i+1:], " \t=")
		}
	} else if len(text) > 2 {
		opt, val = text[:2], strings.TrimLeft(text[2:], " \t=")
	}
	takesValue, known := pyReqOptions[opt]
	if !known {
		name := "an unknown option"
		if pyOptionNameRE.MatchString(opt) {
			name = "the unknown option " + opt
		}
		return &pyReqLine{Kind: pyLineDep, Warn: name + " is ignored"}, nil
	}
	if !takesValue {
		return nil, nil
	}
	val = pyUnquote(val)
	if val == "" {
		return nil, fmt.Errorf("the option %s needs a value", opt)
	}
	switch opt {
	case "-r", "--requirement", "-c", "--constraint":
		kind := pyLineInclude
		if opt == "-c" || opt == "--constraint" {
			kind = pyLineConstraint
		}
		target := strings.Fields(val)[0]
		return &pyReqLine{Kind: kind, Path: target}, nil
	case "-e", "--editable":
		words := strings.Fields(val)
		return pyClassify(pyUnquote(words[0]), true)
	}
	return nil, nil // index URLs, hashes, binary policy: deliberately dropped
}

// pyOptionsStart returns where per-requirement options begin in text:
// the first word after a blank that starts with "-" (len(text) if none).
func pyOptionsStart(text string) int {
	for i := 1; i < len(text); i++ {
		if text[i] == '-' && (text[i-1] == ' ' || text[i-1] == '\t') {
			return i
		}
	}
	return len(text)
}

// pyOptionNameRE is an option name safe to repeat in a warning.
var pyOptionNameRE = regexp.MustCompile(`^--?[A-Za-z0-9][A-Za-z0-9-]{0,30}$`)

// pyUnquote strips one pair of matching quotes.
func pyUnquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
