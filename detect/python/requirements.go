package python

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dockslim/dockslim/detect/internal/repo"
)

// reqKind says what a logical line of a requirements file does.
type reqKind int

const (
	lineDep        reqKind = iota // installs something
	lineInclude                   // -r FILE
	lineConstraint                // -c FILE
)

// reqLine is one meaningful logical line of a pip requirements file.
// Option values (index URLs, hashes…) are dropped on purpose: they may
// hold credentials and nothing downstream needs them.
type reqLine struct {
	Kind reqKind
	Line int          // 1-based line where the logical line starts
	Req  *requirement // a named requirement; nil for an unnamed URL or path
	// Path is a local project or archive (relative to the project root,
	// cleaned: "." for `-e .`) or, for includes, the file as written.
	Path     string
	Editable bool
	URL      bool   // installs from a URL (never copied anywhere)
	Warn     string // a non-fatal problem with this line
}

// commentRE is pip's comment rule: # at the start or after blanks.
var commentRE = regexp.MustCompile(`(^|\s+)#.*$`)

// reqOptions are the options pip accepts in requirements files; true
// means the option takes a value.
var reqOptions = map[string]bool{
	"-r": true, "--requirement": true, "-c": true, "--constraint": true,
	"-e": true, "--editable": true, "-i": true, "--index-url": true,
	"--extra-index-url": true, "-f": true, "--find-links": true,
	"--trusted-host": true, "--no-binary": true, "--only-binary": true,
	"--use-feature": true, "--global-option": true, "--config-settings": true,
	"--hash": true, "--install-option": true,
	"--no-index": false, "--prefer-binary": false, "--require-hashes": false, "--pre": false,
}

// reqLogicalLine is a line after pip's continuation joining.
type reqLogicalLine struct {
	n    int
	text string
}

// joinLines applies pip's rules: a line ending in a backslash continues
// on the next one (an unterminated continuation at the end of the file is
// fine); a comment line ends a continuation.
func joinLines(data string) []reqLogicalLine {
	var out []reqLogicalLine
	var cur []string
	start := 0
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSuffix(line, "\r")
		n := i + 1
		if !strings.HasSuffix(line, `\`) || commentRE.MatchString(line) {
			if commentRE.MatchString(line) {
				line = " " + line
			}
			if cur != nil {
				out = append(out, reqLogicalLine{start, strings.Join(append(cur, line), "")})
				cur = nil
			} else {
				out = append(out, reqLogicalLine{n, line})
			}
			continue
		}
		if cur == nil {
			start = n
		}
		cur = append(cur, strings.TrimRight(line, `\`))
	}
	if cur != nil {
		out = append(out, reqLogicalLine{start, strings.Join(cur, "")})
	}
	return out
}

// parseRequirementsFile parses one requirements file. file names it in
// errors. Includes are returned, not followed (see readRequirements).
func parseRequirementsFile(file string, data []byte) ([]reqLine, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := repo.LineCol(data, int64(i))
		return nil, &repo.FileError{Path: file, Line: line, Col: col, Err: errors.New("is not a text file (it holds a NUL byte)")}
	}
	if !utf8.Valid(data) {
		line, col := repo.LineCol(data, int64(firstInvalidUTF8(data)))
		return nil, &repo.FileError{Path: file, Line: line, Col: col, Err: errors.New("is not UTF-8 text")}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var out []reqLine
	for _, ll := range joinLines(string(data)) {
		text := strings.TrimSpace(commentRE.ReplaceAllString(ll.text, ""))
		if text == "" {
			continue
		}
		rl, err := parseReqLine(text)
		if err != nil {
			fe := &repo.FileError{Path: file, Line: ll.n, Err: err}
			var se *syntaxError
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

// firstInvalidUTF8 returns the offset of the first invalid byte.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// parseReqLine parses one logical line (comments already removed). It
// returns nil for lines that only set pip options.
func parseReqLine(text string) (*reqLine, error) {
	if !strings.HasPrefix(text, "-") {
		// Per-requirement options (--hash=…) follow the requirement; pip
		// ends the requirement at the first word that starts with "-".
		return classify(strings.TrimSpace(text[:optionsStart(text)]), false)
	}
	opt, val := text, ""
	if strings.HasPrefix(text, "--") {
		if i := strings.IndexAny(text, "= \t"); i >= 0 {
			opt, val = text[:i], strings.TrimLeft(text[i+1:], " \t=")
		}
	} else if len(text) > 2 {
		opt, val = text[:2], strings.TrimLeft(text[2:], " \t=")
	}
	takesValue, known := reqOptions[opt]
	if !known {
		name := "an unknown option"
		if optionNameRE.MatchString(opt) {
			name = "the unknown option " + opt
		}
		return &reqLine{Kind: lineDep, Warn: name + " is ignored"}, nil
	}
	if !takesValue {
		return nil, nil
	}
	val = unquote(val)
	if val == "" {
		return nil, fmt.Errorf("the option %s needs a value", opt)
	}
	switch opt {
	case "-r", "--requirement", "-c", "--constraint":
		kind := lineInclude
		if opt == "-c" || opt == "--constraint" {
			kind = lineConstraint
		}
		target := strings.Fields(val)[0]
		return &reqLine{Kind: kind, Path: target}, nil
	case "-e", "--editable":
		words := strings.Fields(val)
		return classify(unquote(words[0]), true)
	}
	return nil, nil // index URLs, hashes, binary policy: deliberately dropped
}

// optionsStart returns where per-requirement options begin in text:
// the first word after a blank that starts with "-" (len(text) if none).
func optionsStart(text string) int {
	for i := 1; i < len(text); i++ {
		if text[i] == '-' && (text[i-1] == ' ' || text[i-1] == '\t') {
			return i
		}
	}
	return len(text)
}

// optionNameRE is an option name safe to repeat in a warning.
var optionNameRE = regexp.MustCompile(`^--?[A-Za-z0-9][A-Za-z0-9-]{0,30}$`)

// unquote strips one pair of matching quotes.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}
