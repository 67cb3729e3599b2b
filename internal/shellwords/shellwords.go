package shellwords

import (
	"errors"
	"fmt"
	"strings"
)

// ErrEmpty is returned when a command has no words at all.
var ErrEmpty = errors.New("the command is empty")

// UnsafeError says why a command cannot be rendered safely. Its message is
// written to be shown after the name of the flag or file it came from.
type UnsafeError struct {
	Command string // the command as given
	Reason  string // e.g. `the shell operator "&&"`
}

func (e *UnsafeError) Error() string {
	return fmt.Sprintf("%q contains %s", e.Command, e.Reason)
}

// Split splits s into an exec-form argv as a POSIX shell would split words:
// blanks separate words, single quotes keep everything literally, double
// quotes keep everything but \" \\ \$ \` and a backslash escapes the next
// character. Anything that needs a shell to mean what it says — operators
// (&& || | ; &), redirects (< >), substitutions ($(...), backticks, $VAR),
// comments, newlines and NUL bytes — is refused with an *UnsafeError.
func Split(s string) ([]string, error) {
	// Checked before quoting is considered: a quoted line break is still a
	// line break in the Dockerfile.
	if strings.ContainsRune(s, 0) {
		return nil, &UnsafeError{Command: s, Reason: "a NUL byte"}
	}
	if strings.ContainsAny(s, "\r\n") {
		return nil, &UnsafeError{Command: s, Reason: "a line break"}
	}
	var (
		words   []string
		cur     strings.Builder
		inWord  bool
		reasonf = func(r string) error { return &UnsafeError{Command: s, Reason: r} }
	)
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\\':
			if i+1 >= len(rs) {
				return nil, reasonf("a trailing backslash")
			}
			i++
			cur.WriteRune(rs[i])
			inWord = true
		case c == '\'':
			end := indexRune(rs, i+1, '\'')
			if end < 0 {
				return nil, reasonf("an unterminated single quote")
			}
			cur.WriteString(string(rs[i+1 : end]))
			i = end
			inWord = true
		case c == '"':
			j := i + 1
			closed := false
			for ; j < len(rs); j++ {
				d := rs[j]
				if d == '"' {
					closed = true
					break
				}
				if d == '\\' && j+1 < len(rs) && strings.ContainsRune("\"\\$`", rs[j+1]) {
					j++
					cur.WriteRune(rs[j])
					continue
				}
				if d == '$' || d == '`' {
					return nil, reasonf(substitutionReason(rs, j))
				}
				cur.WriteRune(d)
			}
			if !closed {
				return nil, reasonf("an unterminated double quote")
			}
			i = j
			inWord = true
		case c == '$' || c == '`':
			return nil, reasonf(substitutionReason(rs, i))
		case c == '#' && !inWord:
			return nil, reasonf("a comment (#)")
		case strings.ContainsRune("&|;<>()", c):
			return nil, reasonf(fmt.Sprintf("the shell operator %q", operatorAt(rs, i)))
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	if len(words) == 0 {
		return nil, ErrEmpty
	}
	return words, nil
}

// substitutionReason names the expansion that starts at rs[i] ($ or `).
func substitutionReason(rs []rune, i int) string {
	if rs[i] == '`' {
		return "a command substitution (`...`)"
	}
	if i+1 < len(rs) && rs[i+1] == '(' {
		return "a command substitution ($(...))"
	}
	return "a variable expansion ($), which exec form does not perform"
}

// operatorAt returns the one- or two-character shell operator at rs[i].
func operatorAt(rs []rune, i int) string {
	if i+1 < len(rs) {
		two := string(rs[i : i+2])
		switch two {
		case "&&", "||", ">>", "<<", ";;", "&>", ">&", "<&":
			return two
		}
	}
	return string(rs[i])
}

func indexRune(rs []rune, from int, r rune) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

// Join renders argv back as one line a person can read and paste into a
// shell; words that need it are single-quoted.
func Join(argv []string) string {
	out := make([]string, len(argv))
	for i, w := range argv {
		out[i] = quote(w)
	}
	return strings.Join(out, " ")
}

func quote(w string) string {
	if w == "" {
		return "''"
	}
	if strings.IndexFunc(w, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:=,+@%", r))
	}) < 0 {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}

// LeadingAssignments splits argv into the NAME=value words a shell would
// treat as environment assignments and the command that follows them.
func LeadingAssignments(argv []string) (env, cmd []string) {
	i := 0
	for ; i < len(argv); i++ {
		if !isAssignment(argv[i]) {
			break
		}
	}
	return argv[:i], argv[i:]
}

func isAssignment(w string) bool {
	eq := strings.IndexByte(w, '=')
	if eq <= 0 {
		return false
	}
	for i, r := range w[:eq] {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// CheckBuild validates a build command: one line for the build stage's
// shell. Operators are fine (`tsc -b && vite build`); what would break out of
// the RUN instruction is not: line breaks, NUL bytes, a trailing backslash
// (it would continue the instruction onto the template's next line) and
// heredoc markers (newer BuildKit parsers would read the following lines).
func CheckBuild(cmd string) error {
	switch {
	case strings.ContainsRune(cmd, 0):
		return &UnsafeError{Command: cmd, Reason: "a NUL byte"}
	case strings.ContainsAny(cmd, "\r\n"):
		return &UnsafeError{Command: cmd, Reason: "a line break"}
	case strings.HasSuffix(strings.TrimRight(cmd, " \t"), "\\"):
		return &UnsafeError{Command: cmd, Reason: "a trailing backslash"}
	case strings.Contains(cmd, "<<"):
		return &UnsafeError{Command: cmd, Reason: "a heredoc (<<)"}
	}
	return nil
}
