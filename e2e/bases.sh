#!/usr/bin/env bash
# e2e/bases.sh [--strict] IMAGE_REF... — make every given base image reference present in the engine.
#
# Per reference it prints one line: "present" (already there), "pulled" (a registry answered), or
# "stand-in" (built here under exactly that name:tag from a recipe in e2e/standins/, labelled
# dockslim.standin=true). Whether a registry answers is probed once per registry host, fast, and
# remembered in a file for the run (DOCKSLIM_REGISTRY_TTL seconds, default 3600). References no
# recipe covers (alpine and the like) are reported; with --strict they make the exit status 1.
#
# Idempotent: present references cost one `docker image ls` and one `docker image inspect`. A
# stand-in built from older recipes (its dockslim.standin.hash label differs) is rebuilt.
#
# Environment:
#   DOCKSLIM_E2E_STATE      state folder (probe answers, build logs, contexts); default /tmp/dockslim-e2e
#   DOCKSLIM_REGISTRY       yes|no: skip the probe (no = never pull, always stand in)
#   DOCKSLIM_REGISTRY_TTL   seconds a probe answer is kept (default 3600)
#   DOCKSLIM_DEBIAN_MIRROR  debootstrap mirror (default: debootstrap's own)
#   DOCKSLIM_BUILD_TIMEOUT  seconds for one stand-in build (default 1200)
#   DOCKSLIM_STANDIN_COREPACK  yes|no|auto (auto: corepack in node stand-ins for Node <= 24 only, as upstream)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RECIPES=$HERE/standins
DOCKER=/usr/bin/docker
STATE=${DOCKSLIM_E2E_STATE:-/tmp/dockslim-e2e}
TTL=${DOCKSLIM_REGISTRY_TTL:-3600}
BUILD_TIMEOUT=${DOCKSLIM_BUILD_TIMEOUT:-1200}
export DEBIAN_FRONTEND=noninteractive DOCKER_BUILDKIT=1

DEBIAN_ROOTFS=dockslim-standin/debian-rootfs:bookworm
DEBIAN_BASE=dockslim-standin/debian:bookworm
DL_STATIC=dockslim-standin/distroless-static:latest
DL_BASE=dockslim-standin/distroless-base:latest
DL_CC=dockslim-standin/distroless-cc:latest

say() { echo "bases: $*"; }
die() { echo "bases.sh: $*" >&2; exit 1; }

strict=0
refs=()
for a in "$@"; do
	case "$a" in
	--strict) strict=1 ;;
	-h | --help)
		sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
		exit 0
		;;
	-*) die "unknown option $a" ;;
	*) refs+=("$a") ;;
	esac
done
[ ${#refs[@]} -gt 0 ] || die "usage: bases.sh [--strict] IMAGE_REF..."
[ -x "$DOCKER" ] || die "$DOCKER is missing: run e2e/engine.sh first"
timeout 10 "$DOCKER" info >/dev/null 2>&1 || die "the engine does not answer: run e2e/engine.sh first"
mkdir -p "$STATE/logs"

# --- references -----------------------------------------------------------------------------------
# The name docker shows in `image ls` for a reference: docker.io/library/ dropped, :latest added.
normalize() {
	local r=$1
	r=${r#docker.io/}
	r=${r#index.docker.io/}
	r=${r#library/}
	case "$r" in
	*@*) ;;
	*) case "${r##*/}" in *:*) ;; *) r=$r:latest ;; esac ;;
	esac
	echo "$r"
}
repo_of() { echo "${1%:*}"; }
tag_of() { echo "${1##*:}"; }
registry_host() {
	local first=${1%%/*}
	case "$1" in
	*/*) case "$first" in *.* | *:* | localhost) echo "$first"; return ;; esac ;;
	esac
	echo registry-1.docker.io
}

# What the recipes and the host put into stand-ins: a change rebuilds stand-ins when next asked for.
# Bump BUILD_REV when this script changes what goes into a stand-in (contexts, build args).
BUILD_REV=1
HOST_GOROOT=${DOCKSLIM_HOST_GOROOT:-/usr/local/go}
HOST_NODE=$(readlink -f "$(command -v node 2>/dev/null || echo /usr/bin/node)")
recipes_hash() {
	{
		(cd "$RECIPES" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
		echo "build rev $BUILD_REV"
		cat "$HOST_GOROOT/VERSION" 2>/dev/null || true
		[ -x "$HOST_NODE" ] && "$HOST_NODE" --version
		cat /usr/local/share/ca-certificates/*.crt 2>/dev/null || true
	} | sha256sum | cut -c1-16
}
HASH=$(recipes_hash)

# One `image ls` for presence, one `image inspect` for the stand-in labels of what is present.
declare -A present=() standin_hash=()
while read -r name; do present[$name]=1; done < <("$DOCKER" image ls --format '{{.Repository}}:{{.Tag}}')
refresh_present() { present[$1]=1; }

inspect_labels() {
	local have=() r i lines=()
	for r in "$@"; do [ -n "${present[$r]:-}" ] && have+=("$r"); done
	[ ${#have[@]} -gt 0 ] || return 0
	# `image inspect` answers in the order asked: line i is have[i].
	mapfile -t lines < <("$DOCKER" image inspect --format \
		'{{index .Config.Labels "dockslim.standin"}}|{{index .Config.Labels "dockslim.standin.hash"}}' \
		"${have[@]}" 2>/dev/null || true)
	for i in "${!have[@]}"; do
		case "${lines[$i]:-}" in
		true\|*) r=${lines[$i]#true|}; standin_hash[${have[$i]}]=${r:-none} ;;
		esac
	done
}

# --- the registry probe, once per host and run ----------------------------------------------------
registry_answers() {
	local host=$1 f=$STATE/registry-$1 ans hdrs
	case "${DOCKSLIM_REGISTRY:-}" in yes) return 0 ;; no) return 1 ;; esac
	if [ -f "$f" ] && [ $(($(date +%s) - $(stat -c %Y "$f"))) -lt "$TTL" ]; then
		ans=$(cat "$f")
	else
		ans=no
		if command -v curl >/dev/null 2>&1; then
			# A registry answers /v2/ (200 or 401) with this header; a proxy's error page does not.
			hdrs=$(curl -sS --connect-timeout 3 --max-time 5 -o /dev/null -D - "https://$host/v2/" 2>/dev/null || true)
			if printf '%s' "$hdrs" | grep -qi '^docker-distribution-api-version:'; then ans=yes; fi
		else
			# No curl: ask the engine to log in anonymously, bounded.
			if timeout 10 "$DOCKER" manifest inspect "$host/library/hello-world:latest" >/dev/null 2>&1; then
				ans=yes
			fi
		fi
		echo "$ans" >"$f"
		say "registry $host: $( [ "$ans" = yes ] && echo answers || echo 'no answer') (probed once; kept in $f)"
	fi
	[ "$ans" = yes ]
}

# --- building -------------------------------------------------------------------------------------
ensure_debootstrap() {
	command -v debootstrap >/dev/null 2>&1 && return 0
	{ { timeout 300 apt-get update -qq || true; } && timeout 600 apt-get install -y -qq --no-install-recommends debootstrap; } \
		</dev/null >"$STATE/logs/apt-debootstrap.log" 2>&1 ||
		die "cannot install debootstrap (log: $STATE/logs/apt-debootstrap.log)"
}

# The Debian root every stand-in starts from: debootstrap once, imported as one local image.
ensure_rootfs() {
	[ -n "${present[$DEBIAN_ROOTFS]:-}" ] && return 0
	ensure_debootstrap
	local root=$STATE/rootfs log=$STATE/logs/debootstrap.log t0=$SECONDS
	rm -rf "$root"
	# shellcheck disable=SC2086 # the mirror is optional
	if ! timeout 900 debootstrap --variant=minbase bookworm "$root" ${DOCKSLIM_DEBIAN_MIRROR:-} \
		</dev/null >"$log" 2>&1; then
		tail -20 "$log" >&2
		die "debootstrap failed (log: $log)"
	fi
	# Slim, as the official debian:*-slim: no docs but copyright files, no man pages, no translations.
	rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin "$root"/var/lib/apt/lists/* \
		"$root"/var/log/*.log "$root"/var/log/apt/* "$root"/etc/apt/sources.list.d/* \
		"$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
		"$root"/usr/share/groff/* "$root"/usr/share/lintian/*
	find "$root"/usr/share/doc -mindepth 1 ! -type d ! -name copyright -delete
	find "$root"/usr/share/doc -mindepth 1 -type d -empty -delete
	tar --numeric-owner -C "$root" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . |
		timeout 300 "$DOCKER" import \
			-c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
			-c 'CMD ["bash"]' \
			-c 'LABEL dockslim.standin=true dockslim.standin.recipe=debootstrap' \
			- "$DEBIAN_ROOTFS" >/dev/null ||
		die "docker import of the debootstrap root failed"
	rm -rf "$root"
	refresh_present "$DEBIAN_ROOTFS"
	say "$DEBIAN_ROOTFS built by debootstrap --variant=minbase bookworm in $((SECONDS - t0))s"
}

# Copy a host tree into a build context: hard links when possible (same file system), else a copy.
put() {
	mkdir -p "$(dirname "$2")"
	cp -al "$1" "$2" 2>/dev/null || cp -a "$1" "$2"
}

# build RECIPE REF [--build-arg K=V]...: one stand-in from e2e/standins/RECIPE.Dockerfile.
build() {
	local recipe=$1 ref=$2
	shift 2
	local ctx=$STATE/ctx/$recipe log t0=$SECONDS old=""
	log=$STATE/logs/build-$(echo "$ref" | tr '/:@' '___').log
	if [ -n "${present[$ref]:-}" ]; then old=$("$DOCKER" image inspect --format '{{.Id}}' "$ref" 2>/dev/null || true); fi
	rm -rf "$ctx"
	mkdir -p "$ctx"
	cp "$RECIPES/$recipe.Dockerfile" "$ctx/Dockerfile"
	cp -a "$RECIPES/files" "$ctx/files"
	case "$recipe" in
	debian)
		mkdir -p "$ctx/certs/local"
		cp /etc/ssl/certs/ca-certificates.crt "$ctx/certs/ca-certificates.crt"
		if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
			cp /usr/local/share/ca-certificates/*.crt "$ctx/certs/local/"
			cat /usr/local/share/ca-certificates/*.crt >"$ctx/certs/extra-ca.crt"
		else
			cp /etc/ssl/certs/ca-certificates.crt "$ctx/certs/extra-ca.crt"
		fi
		;;
	golang) put "$HOST_GOROOT" "$ctx/go" ;;
	node)
		put "$HOST_NODE" "$ctx/node"
		put "$NODE_PREFIX/include/node" "$ctx/include/node"
		put "$NODE_MODULES/npm" "$ctx/node_modules/npm"
		if [ "$WITH_COREPACK" = yes ] && [ -d "$NODE_MODULES/corepack" ]; then
			put "$NODE_MODULES/corepack" "$ctx/node_modules/corepack"
		fi
		;;
	distroless-nodejs) put "$HOST_NODE" "$ctx/node" ;;
	esac
	if ! timeout "$BUILD_TIMEOUT" "$DOCKER" build --network host --progress plain \
		-f "$ctx/Dockerfile" -t "$ref" \
		--build-arg "STANDIN_REF=$ref" --build-arg "STANDIN_HASH=$HASH" "$@" \
		"$ctx" </dev/null >"$log" 2>&1; then
		tail -30 "$log" >&2
		rm -rf "$ctx"
		echo "build of $ref failed (log: $log)" >&2
		return 1
	fi
	rm -rf "$ctx"
	# The stand-in this one replaces, once untagged, is only litter (kept if anything still uses it).
	if [ -n "$old" ] && [ -z "$("$DOCKER" image inspect --format '{{join .RepoTags ""}}' "$old" 2>/dev/null || echo tagged)" ]; then
		"$DOCKER" image rm "$old" >/dev/null 2>&1 || true
	fi
	refresh_present "$ref"
	standin_hash[$ref]=$HASH
	BUILD_SECONDS=$((SECONDS - t0))
}

# Internal parents, built on demand (and rebuilt when the recipes changed).
ensure_internal() {
	local ref=$1
	if [ -n "${present[$ref]:-}" ] && [ "${standin_hash[$ref]:-}" = "$HASH" ]; then return 0; fi
	case "$ref" in
	"$DEBIAN_BASE")
		ensure_rootfs
		build debian "$ref" --build-arg "ROOTFS=$DEBIAN_ROOTFS" || return 1
		;;
	"$DL_STATIC")
		ensure_internal "$DEBIAN_BASE" || return 1
		build distroless-static "$ref" --build-arg "BASE=$DEBIAN_BASE" || return 1
		;;
	"$DL_BASE")
		ensure_internal "$DL_STATIC" || return 1
		build distroless-base "$ref" --build-arg "BASE=$DEBIAN_BASE" --build-arg "STATIC=$DL_STATIC" || return 1
		;;
	"$DL_CC")
		ensure_internal "$DL_STATIC" || return 1
		build distroless-base "$ref" --build-arg "BASE=$DEBIAN_BASE" --build-arg "STATIC=$DL_STATIC" \
			--build-arg "PKGS=libc6 libssl3 libgcc-s1 libstdc++6 libgomp1" \
			--build-arg "STANDIN_RECIPE=distroless-cc" \
			--build-arg "STANDIN_VERSION=distroless cc, Debian 12 glibc + libssl3 + libstdc++" || return 1
		;;
	*) die "internal: no recipe for $ref" ;;
	esac
	say "$ref built in ${BUILD_SECONDS}s (shared parent)"
}

host_go_version() { "$HOST_GOROOT/bin/go" env GOVERSION 2>/dev/null || head -1 "$HOST_GOROOT/VERSION"; }
host_node_version() { "$HOST_NODE" --version; }
NODE_PREFIX=$(dirname "$(dirname "$HOST_NODE")")
NODE_MODULES=$NODE_PREFIX/lib/node_modules
WITH_COREPACK=no

# The user a distroless tag implies.
distroless_user_args() {
	case "$1" in
	*nonroot*) echo "--build-arg STANDIN_USER=65532 --build-arg STANDIN_WORKDIR=/home/nonroot" ;;
	*) echo "--build-arg STANDIN_USER=0 --build-arg STANDIN_WORKDIR=/" ;;
	esac
}

# standin REF: decide the recipe for REF and build it. Sets NOTE (what the stand-in really is).
# Returns 2 when no stand-in can be made here (NOTE says why).
standin() {
	local ref=$1 repo tag v major
	repo=$(repo_of "$ref")
	tag=$(tag_of "$ref")
	NOTE=
	case "$ref" in
	*@*) NOTE="a digest cannot be stood in"; return 2 ;;
	*alpine*) NOTE="alpine: lint-only here"; return 2 ;;
	esac
	case "$repo:$tag" in
	gcr.io/distroless/*:debug*)
		# A :debug twin (the debug target's base): the plain stand-in plus busybox.
		local plain=${tag#debug} inner
		plain=${plain#-}
		standin "$repo:${plain:-latest}" || return $?
		inner=$NOTE
		refresh_present "$repo:${plain:-latest}"
		ensure_internal "$DEBIAN_BASE" || return 1
		build distroless-debug "$ref" --build-arg "DEBIAN=$DEBIAN_BASE" --build-arg "BASE=$repo:${plain:-latest}" \
			--build-arg "STANDIN_VERSION=$inner + busybox" || return 1
		NOTE="$inner + busybox in /busybox"
		return 0
		;;
	esac
	case "$repo" in
	debian)
		case "$tag" in
		bookworm* | 12* | stable* | latest | *-slim) ;;
		*) NOTE="no recipe for Debian $tag (only bookworm here)"; return 2 ;;
		esac
		ensure_internal "$DEBIAN_BASE" || return 1
		build debian "$ref" --build-arg "ROOTFS=$DEBIAN_ROOTFS" || return 1
		NOTE="Debian 12 bookworm minbase"
		;;
	golang)
		case "$tag" in *windows* | *nanoserver* | *bullseye* | *trixie*) NOTE="no recipe for golang:$tag"; return 2 ;; esac
		ensure_internal "$DEBIAN_BASE" || return 1
		v=$(host_go_version)
		build golang "$ref" --build-arg "BASE=$DEBIAN_BASE" --build-arg "GO_VERSION=${v#go}" \
			--build-arg "GOPROXY_VALUE=$("$HOST_GOROOT/bin/go" env GOPROXY)" \
			--build-arg "GOSUMDB_VALUE=$("$HOST_GOROOT/bin/go" env GOSUMDB)" \
			--build-arg "STANDIN_VERSION=$v from the host" || return 1
		NOTE="$v from the host"
		;;
	node)
		case "$tag" in *bullseye* | *trixie* | *buster*) NOTE="no recipe for node:$tag"; return 2 ;; esac
		[ -x "$HOST_NODE" ] || { NOTE="no node on the host"; return 2; }
		ensure_internal "$DEBIAN_BASE" || return 1
		v=$(host_node_version)
		major=${tag%%[.-]*}
		case "$major" in '' | *[!0-9]*) major=${v#v} major=${major%%.*} ;; esac
		# Upstream: corepack ships with Node <= 24; yarn classic is in the images of Node < 26.
		WITH_COREPACK=${DOCKSLIM_STANDIN_COREPACK:-auto}
		if [ "$WITH_COREPACK" = auto ]; then
			if [ "$major" -le 24 ]; then WITH_COREPACK=yes; else WITH_COREPACK=no; fi
		fi
		local yarn="" full=""
		if [ "$major" -lt 26 ]; then yarn=1.22.22; fi
		case "$tag" in *slim*) ;; *) full="build-essential python3 git curl ca-certificates pkg-config" ;; esac
		local reg
		reg=$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
		build node "$ref" --build-arg "BASE=$DEBIAN_BASE" --build-arg "NODE_VERSION=${v#v}" \
			--build-arg "NPM_REGISTRY=$reg" --build-arg "COREPACK_REGISTRY=${reg%/}" \
			--build-arg "YARN_VERSION=$yarn" --build-arg "FULL_PKGS=$full" \
			--build-arg "STANDIN_VERSION=node $v from the host" || return 1
		NOTE="node $v from the host; corepack $WITH_COREPACK; yarn ${yarn:-no}${full:+; build tools (non-slim)}"
		;;
	python)
		case "$tag" in *bullseye* | *trixie* | *windows*) NOTE="no recipe for python:$tag"; return 2 ;; esac
		ensure_internal "$DEBIAN_BASE" || return 1
		local full=""
		case "$tag" in *slim*) ;; *) full="build-essential git curl pkg-config" ;; esac
		build python "$ref" --build-arg "BASE=$DEBIAN_BASE" --build-arg "FULL_PKGS=$full" \
			--build-arg "STANDIN_VERSION=python3 3.11 from Debian bookworm" || return 1
		NOTE="Debian's python3 3.11, offline pip${full:+; build tools (non-slim)}"
		;;
	gcr.io/distroless/static-debian12 | gcr.io/distroless/static)
		ensure_internal "$DL_STATIC" || return 1
		# shellcheck disable=SC2046 # word splitting intended
		build distroless-static "$ref" --build-arg "BASE=$DEBIAN_BASE" $(distroless_user_args "$tag") || return 1
		NOTE="scratch + CA bundle, zoneinfo, passwd"
		;;
	gcr.io/distroless/base-debian12 | gcr.io/distroless/base | gcr.io/distroless/base-nossl-debian12 | \
		gcr.io/distroless/cc-debian12 | gcr.io/distroless/cc)
		local pkgs="libc6 libssl3" rname=distroless-base
		case "$repo" in
		*/cc*) pkgs="libc6 libssl3 libgcc-s1 libstdc++6 libgomp1" rname=distroless-cc ;;
		*nossl*) pkgs="libc6" ;;
		esac
		ensure_internal "$DL_STATIC" || return 1
		# shellcheck disable=SC2046 # word splitting intended
		build distroless-base "$ref" --build-arg "BASE=$DEBIAN_BASE" --build-arg "STATIC=$DL_STATIC" \
			--build-arg "PKGS=$pkgs" --build-arg "STANDIN_RECIPE=$rname" $(distroless_user_args "$tag") || return 1
		NOTE="static + Debian 12 $pkgs"
		;;
	gcr.io/distroless/nodejs*-debian12)
		[ -x "$HOST_NODE" ] || { NOTE="no node on the host"; return 2; }
		ensure_internal "$DL_CC" || return 1
		v=$(host_node_version)
		# shellcheck disable=SC2046 # word splitting intended
		build distroless-nodejs "$ref" --build-arg "CC=$DL_CC" \
			--build-arg "STANDIN_VERSION=node $v from the host" $(distroless_user_args "$tag") || return 1
		NOTE="cc stand-in + node $v from the host"
		;;
	nginxinc/nginx-unprivileged)
		ensure_internal "$DEBIAN_BASE" || return 1
		build nginx-unprivileged "$ref" --build-arg "BASE=$DEBIAN_BASE" \
			--build-arg "STANDIN_VERSION=nginx from Debian bookworm" || return 1
		NOTE="Debian's nginx on 8080 as uid 101"
		;;
	*)
		NOTE="no recipe here"
		return 2
		;;
	esac
}

# --- main -----------------------------------------------------------------------------------------
# One bases.sh at a time (builds share the state folder).
exec 9>"$STATE/lock"
flock -w 3600 9 || die "another bases.sh holds $STATE/lock"

norm=()
for r in "${refs[@]}"; do norm+=("$(normalize "$r")"); done
inspect_labels "${norm[@]}" "$DEBIAN_BASE" "$DL_STATIC" "$DL_BASE" "$DL_CC"

failed=0 missing=0
for i in "${!refs[@]}"; do
	given=${refs[$i]} ref=${norm[$i]}
	if [ -n "${present[$ref]:-}" ]; then
		if [ -z "${standin_hash[$ref]:-}" ]; then
			say "$given present"
			continue
		elif [ "${standin_hash[$ref]}" = "$HASH" ]; then
			say "$given present (stand-in)"
			continue
		fi
		# A stand-in from older recipes: build it again below.
	elif registry_answers "$(registry_host "$ref")"; then
		t0=$SECONDS
		if timeout 900 "$DOCKER" pull -q "$given" </dev/null >"$STATE/logs/pull.log" 2>&1; then
			refresh_present "$ref"
			say "$given pulled in $((SECONDS - t0))s"
			continue
		fi
		say "$given: pull failed ($(tail -1 "$STATE/logs/pull.log")); standing in"
	fi
	BUILD_SECONDS=0
	rc=0
	standin "$ref" || rc=$?
	case $rc in
	0) say "$given stand-in ($NOTE; built in ${BUILD_SECONDS}s)" ;;
	2)
		say "cannot stand in for $given ($NOTE)"
		missing=$((missing + 1))
		;;
	*)
		echo "bases: $given FAILED (stand-in build; see $STATE/logs)" >&2
		failed=$((failed + 1))
		;;
	esac
done

if [ "$failed" -gt 0 ]; then exit 1; fi
if [ "$missing" -gt 0 ] && [ "$strict" = 1 ]; then exit 1; fi
exit 0
