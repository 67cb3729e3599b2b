package core

import (
	"strconv"
	"strings"
)

// portFlags are the options a start command names its port with (uvicorn
// --port, next start -p, gunicorn -b/--bind, PocketBase --http).
var portFlags = []string{"--port", "-p", "--bind", "-b", "--http", "--listen", "--addr"}

// MovePort rewrites the port a start command names from old to new: the
// value of a port option ("--port 8000", "--port=8000") or the port of an
// address ("0.0.0.0:8000", ":8000") given to one. A start command made
// from the port (gunicorn --bind 0.0.0.0:8000) must follow when the port
// changes, or the image exposes one port and listens on another. Other
// words are left alone; argv is not modified.
func MovePort(argv []string, old, new int) []string {
	if old == new || old == 0 || new == 0 {
		return argv
	}
	from, to := strconv.Itoa(old), strconv.Itoa(new)
	retarget := func(v string) string {
		if v == from {
			return to
		}
		if host, port, ok := cutLast(v, ":"); ok && port == from {
			return host + ":" + to
		}
		return v
	}
	out := make([]string, len(argv))
	copy(out, argv)
	for i, w := range out {
		for _, flag := range portFlags {
			switch {
			case w == flag && i+1 < len(out):
				out[i+1] = retarget(out[i+1])
			case strings.HasPrefix(w, flag+"="):
				out[i] = flag + "=" + retarget(strings.TrimPrefix(w, flag+"="))
			}
		}
	}
	return out
}

// cutLast splits s around the last sep.
func cutLast(s, sep string) (before, after string, ok bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
