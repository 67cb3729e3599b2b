#!/bin/sh
# Stand-in for the official node images' entrypoint: run the arguments with node when the first
# one is an option or not a command (so `docker run IMAGE app.js` and `IMAGE -e 'code'` work).
set -e
case "${1:-}" in
-*) set -- node "$@" ;;
*)
	if [ -n "${1:-}" ] && { ! command -v "$1" >/dev/null 2>&1 || { [ -f "$1" ] && [ ! -x "$1" ]; }; }; then
		set -- node "$@"
	fi
	;;
esac
exec "$@"
