#!/usr/bin/env bash
# e2e/engine.sh — make a real Docker engine answer on this machine, without a bridge network.
#
# Idempotent and quick the second time. On a fresh Debian machine (root, CI=true, no stdin) it:
#   1. writes /etc/docker/daemon.json with bridge/iptables/ip-forward/ip-masq off (other keys kept),
#      BEFORE anything could start dockerd, so a default bridge (172.17/16) never comes up;
#   2. installs Debian's docker.io (+ debootstrap, jq) when /usr/bin/docker or dockerd is missing;
#   3. starts dockerd in the background when `/usr/bin/docker info` fails, and waits for it (bounded).
# Prints one line saying what it did. Exit non-zero with a clear message when the engine never answers.
#
# Use /usr/bin/docker (Debian's client): /usr/local/bin/docker, when present, wants buildx, which is missing.
# Environment: DOCKSLIM_ENGINE_WAIT (seconds to wait for dockerd, default 60),
#              DOCKSLIM_DOCKERD_LOG (default /var/log/dockerd.log).
set -euo pipefail

DOCKER=/usr/bin/docker
DOCKERD=/usr/sbin/dockerd
DAEMON_JSON=/etc/docker/daemon.json
WAIT=${DOCKSLIM_ENGINE_WAIT:-60}
LOG=${DOCKSLIM_DOCKERD_LOG:-/var/log/dockerd.log}
export DEBIAN_FRONTEND=noninteractive

did=()
die() { echo "engine.sh: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (installs packages, starts dockerd)"

have_tools() {
	[ -x "$DOCKER" ] && [ -x "$DOCKERD" ] && command -v debootstrap >/dev/null 2>&1 &&
		command -v jq >/dev/null 2>&1
}

# --- 1. daemon config, first --------------------------------------------------------------------
# These four keys are forced; anything else an operator put there is kept.
want='{"bridge":"none","iptables":false,"ip-forward":false,"ip-masq":false}'
write_config() {
	mkdir -p /etc/docker
	local cur='{}' new
	if [ -s "$DAEMON_JSON" ]; then
		cur=$(cat "$DAEMON_JSON")
	fi
	if command -v jq >/dev/null 2>&1; then
		new=$(printf '%s' "$cur" | jq -S --argjson want "$want" '. + $want') ||
			die "$DAEMON_JSON is not valid JSON; fix or remove it"
		if [ -s "$DAEMON_JSON" ] &&
			[ "$(jq -S . "$DAEMON_JSON" 2>/dev/null)" = "$new" ]; then
			return 1 # unchanged
		fi
	else
		# No jq yet (fresh machine, before the install): only safe when there is nothing to merge.
		[ "$cur" = '{}' ] || die "jq is needed to merge $DAEMON_JSON; install jq"
		new=$want
	fi
	printf '%s\n' "$new" >"$DAEMON_JSON.tmp"
	mv "$DAEMON_JSON.tmp" "$DAEMON_JSON"
	return 0
}
config_changed=0
if write_config; then config_changed=1; fi

# --- 2. packages ----------------------------------------------------------------------------------
if ! have_tools; then
	# Never let the package's maintainer scripts start a daemon (it would start before we do, and
	# elsewhere perhaps with a bridge): a policy-rc.d that denies every start, for the install only.
	policy=/usr/sbin/policy-rc.d
	made_policy=0
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod 755 "$policy"
		made_policy=1
	fi
	aptlog=$(mktemp /tmp/dockslim-engine-apt.XXXXXX)
	pkgs=(docker.io debootstrap jq)
	# A failing third-party list must not stop us: the install below says whether it matters.
	if ! { { timeout 300 apt-get update -qq || true; } &&
		timeout 900 apt-get install -y -qq --no-install-recommends "${pkgs[@]}"; } \
		</dev/null >"$aptlog" 2>&1; then
		[ "$made_policy" = 0 ] || rm -f "$policy"
		tail -20 "$aptlog" >&2
		die "apt-get install ${pkgs[*]} failed (log: $aptlog)"
	fi
	[ "$made_policy" = 0 ] || rm -f "$policy"
	rm -f "$aptlog"
	have_tools || die "docker.io installed but $DOCKER or $DOCKERD is still missing"
	did+=("installed ${pkgs[*]}")
	# jq is here now: merge again in case the first pass could not.
	if write_config; then config_changed=1; fi
fi
[ "$config_changed" = 0 ] || did+=("wrote $DAEMON_JSON")

# --- 3. the daemon --------------------------------------------------------------------------------
dockerd_pid() {
	local p
	p=$(cat /var/run/docker.pid 2>/dev/null || true)
	# A stale pid file (the daemon died with the last session) may name another process now.
	if [ -n "$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = dockerd ]; then echo "$p"; fi
}
engine_up() { timeout 10 "$DOCKER" info >/dev/null 2>&1; }

# A running daemon that predates a config change may have a bridge up: restart it.
if [ "$config_changed" = 1 ] && pid=$(dockerd_pid) && [ -n "$pid" ]; then
	kill -TERM "$pid"
	for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
	kill -0 "$pid" 2>/dev/null && die "dockerd (pid $pid) did not stop after a config change"
	did+=("stopped dockerd $pid for the new config")
fi

if engine_up; then
	state="already up"
else
	if pid=$(dockerd_pid) && [ -n "$pid" ]; then
		: # a dockerd is starting (or hung): wait for it rather than start a second one
	else
		mkdir -p "$(dirname "$LOG")"
		# setsid + nohup: the daemon outlives this script and its session.
		nohup setsid "$DOCKERD" --config-file "$DAEMON_JSON" </dev/null >>"$LOG" 2>&1 &
		did+=("started dockerd (log $LOG)")
	fi
	start=$SECONDS
	until engine_up; do
		if [ $((SECONDS - start)) -ge "$WAIT" ]; then
			tail -20 "$LOG" >&2 || true
			die "dockerd did not answer within ${WAIT}s (log: $LOG)"
		fi
		sleep 1
	done
	state="up after $((SECONDS - start))s"
fi

# Never a bridge: refuse to go on if one is there.
if command -v ip >/dev/null 2>&1 && ip link show docker0 >/dev/null 2>&1; then
	die "a docker0 bridge exists: stop dockerd, 'ip link delete docker0', then run this again"
fi

version=$("$DOCKER" version --format '{{.Server.Version}}' 2>/dev/null || echo '?')
if [ ${#did[@]} -eq 0 ]; then did=("nothing to do"); fi
summary=$(printf '%s; ' "${did[@]}")
echo "engine: ${summary%; } — Docker ${version} ${state}, no bridge"
