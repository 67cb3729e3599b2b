#!/usr/bin/env bash
# e2e/smoke-bases.sh — prove that the base images (real or stand-in) do what the generated
# Dockerfiles expect of them, with tiny builds and runs:
#   go-static   Go + a module dependency, CGO_ENABLED=0, on golang → scratch and distroless static :nonroot
#   go-cgo      import "C" on golang → distroless base :nonroot and debian slim
#   node-npm    npm install + npm ci of a package with one registry dependency (node 22 slim; yarn there)
#   node-gyp    a node-gyp addon from source (better-sqlite3 11, python3 make g++ apt-installed)
#               on node 26 slim → run on node slim and on distroless nodejs26 :nonroot
#   python      venv --without-pip + pip --python install ./localpkg → copied into a runtime stage
#   nginx       nginx-unprivileged serves a file on 127.0.0.1:8080 (--network host) as uid 101
# Builds use --network host; containers run with --network none (nginx: host), --rm, bounded.
# Everything it builds or starts is removed at the end. Needs e2e/engine.sh and e2e/bases.sh first.
# Usage: e2e/smoke-bases.sh [TEST...]   (default: all; DOCKSLIM_SMOKE_NO_CACHE=1 builds without cache)
set -euo pipefail

DOCKER=/usr/bin/docker
export DOCKER_BUILDKIT=1
BUILD_TIMEOUT=${DOCKSLIM_SMOKE_BUILD_TIMEOUT:-600}
RUN_TIMEOUT=${DOCKSLIM_SMOKE_RUN_TIMEOUT:-60}
NO_CACHE=()
if [ "${DOCKSLIM_SMOKE_NO_CACHE:-}" = 1 ]; then NO_CACHE=(--no-cache); fi

GOLANG=golang:1.26-bookworm
GOLANG_EXACT=golang:1.26.8-bookworm
DEBIAN=debian:bookworm-slim
NODE22=node:22-bookworm-slim
NODE26=node:26-bookworm-slim
DL_STATIC=gcr.io/distroless/static-debian12:nonroot
DL_BASE=gcr.io/distroless/base-debian12:nonroot
DL_NODE=gcr.io/distroless/nodejs26-debian12:nonroot
PYTHON=python:3.14-slim-bookworm
NGINX=nginxinc/nginx-unprivileged:1.29-bookworm

WORK=$(mktemp -d /tmp/dockslim-smoke.XXXXXX)
TAGS=()
NAMES=()
cleanup() {
	local n
	for n in "${NAMES[@]}"; do "$DOCKER" rm -f "$n" >/dev/null 2>&1 || true; done
	if [ ${#TAGS[@]} -gt 0 ]; then "$DOCKER" image rm -f "${TAGS[@]}" >/dev/null 2>&1 || true; fi
	rm -rf "$WORK"
}
trap cleanup EXIT

passed=0 failed=0
LOG=$WORK/log

# build TAG DIR [ARGS...]: a bounded BuildKit build with host networking; the log goes to $LOG.
build() {
	local tag=dockslim-smoke/$1 dir=$2
	shift 2
	TAGS+=("$tag")
	timeout "$BUILD_TIMEOUT" "$DOCKER" build --network host --progress plain ${NO_CACHE[@]+"${NO_CACHE[@]}"} \
		-t "$tag" "$@" "$dir" \
		</dev/null >>"$LOG" 2>&1
}
# run NAME [docker run args] IMAGE [command]: bounded, removed afterwards even on a timeout.
run() {
	local name=dockslim-smoke-$1
	shift
	NAMES+=("$name")
	local rc=0
	timeout "$RUN_TIMEOUT" "$DOCKER" run --rm --name "$name" "$@" </dev/null 2>>"$LOG" || rc=$?
	"$DOCKER" rm -f "$name" >/dev/null 2>&1 || true
	return $rc
}
# expect WANT GOT: GOT contains WANT.
expect() {
	case "$2" in
	*"$1"*) return 0 ;;
	*)
		echo "    expected '$1' in: $2" >>"$LOG"
		return 1
		;;
	esac
}
smoke() {
	local name=$1 t0=$SECONDS
	: >"$LOG"
	if "test_$name"; then
		passed=$((passed + 1))
		echo "PASS $name ($((SECONDS - t0))s)"
	else
		failed=$((failed + 1))
		echo "FAIL $name ($((SECONDS - t0))s); last lines:"
		tail -25 "$LOG" | sed 's/^/    /'
	fi
}

test_go-static() {
	local d=$WORK/go-static out
	mkdir -p "$d"
	cat >"$d/go.mod" <<'EOF'
module example.com/hello

go 1.26

require github.com/google/uuid v1.6.0
EOF
	cat >"$d/main.go" <<'EOF'
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/google/uuid"
)

func main() {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		fmt.Println("no zoneinfo:", err)
		os.Exit(1)
	}
	_, err = os.ReadFile("/etc/ssl/certs/ca-certificates.crt")
	fmt.Printf("hello from go uid=%d tz=%s ca=%v uuid=%d\n", os.Getuid(), loc, err == nil, len(uuid.NewString()))
}
EOF
	cat >"$d/Dockerfile" <<EOF
FROM $GOLANG AS build
WORKDIR /src
COPY go.mod main.go ./
RUN --mount=type=cache,target=/go/pkg/mod go mod tidy && go mod download
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \\
	CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/hello .

FROM scratch AS on-scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /usr/local/go/lib/time/zoneinfo.zip /zoneinfo.zip
ENV ZONEINFO=/zoneinfo.zip
COPY --from=build /out/hello /hello
USER 65532:65532
ENTRYPOINT ["/hello"]

FROM $DL_STATIC AS on-distroless
COPY --from=build /out/hello /hello
ENTRYPOINT ["/hello"]
EOF
	build go-static-scratch "$d" --target on-scratch || return 1
	build go-static-distroless "$d" --target on-distroless || return 1
	out=$(run go-scratch --network none dockslim-smoke/go-static-scratch) || return 1
	echo "    scratch: $out"
	expect "hello from go uid=65532 tz=Europe/Berlin ca=true uuid=36" "$out" || return 1
	out=$(run go-distroless --network none dockslim-smoke/go-static-distroless) || return 1
	echo "    distroless static: $out"
	expect "hello from go uid=65532 tz=Europe/Berlin ca=true uuid=36" "$out"
}

test_go-cgo() {
	local d=$WORK/go-cgo out
	mkdir -p "$d"
	printf 'module example.com/cgo\n\ngo 1.26\n' >"$d/go.mod"
	cat >"$d/main.go" <<'EOF'
package main

/*
#include <stdio.h>
#include <gnu/libc-version.h>
static const char *libc(void) { return gnu_get_libc_version(); }
*/
import "C"

import (
	"fmt"
	"os"
)

func main() {
	fmt.Printf("hello from cgo glibc=%s uid=%d\n", C.GoString(C.libc()), os.Getuid())
}
EOF
	cat >"$d/Dockerfile" <<EOF
FROM $GOLANG_EXACT AS build
WORKDIR /src
COPY go.mod main.go ./
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=1 go build -o /out/hello . && ldd /out/hello

FROM $DL_BASE AS on-distroless
COPY --from=build /out/hello /hello
ENTRYPOINT ["/hello"]

FROM $DEBIAN AS slim
COPY --from=build /out/hello /usr/local/bin/hello
USER 65532:65532
ENTRYPOINT ["hello"]
EOF
	build go-cgo-distroless "$d" --target on-distroless || return 1
	build go-cgo-slim "$d" --target slim || return 1
	out=$(run go-cgo-distroless --network none dockslim-smoke/go-cgo-distroless) || return 1
	echo "    distroless base: $out"
	expect "hello from cgo glibc=2.36 uid=65532" "$out" || return 1
	out=$(run go-cgo-slim --network none dockslim-smoke/go-cgo-slim) || return 1
	echo "    debian slim: $out"
	expect "hello from cgo glibc=2.36 uid=65532" "$out"
}

test_node-npm() {
	local d=$WORK/node-npm out
	mkdir -p "$d"
	cat >"$d/package.json" <<'EOF'
{
  "name": "smoke-npm",
  "version": "1.0.0",
  "private": true,
  "dependencies": { "is-number": "7.0.0" }
}
EOF
	cat >"$d/index.js" <<'EOF'
const isNumber = require("is-number");
const user = require("os").userInfo().username;
console.log(`npm ok is-number=${isNumber(5)} node=${process.version} user=${user}`);
EOF
	cat >"$d/Dockerfile" <<EOF
FROM $NODE22
WORKDIR /app
COPY package.json ./
# npm install writes the lockfile; npm ci then installs from it, as a generated Dockerfile does.
RUN --mount=type=cache,target=/root/.npm npm install --no-audit --no-fund && rm -rf node_modules && \\
	npm ci --omit=dev --no-audit --no-fund && test -f package-lock.json && yarn --version && corepack --version
COPY index.js ./
USER node
CMD ["node", "index.js"]
EOF
	build node-npm "$d" || return 1
	out=$(run node-npm --network none dockslim-smoke/node-npm) || return 1
	echo "    $out"
	expect "npm ok is-number=true" "$out" && expect "user=node" "$out"
}

test_node-gyp() {
	local d=$WORK/node-gyp out
	mkdir -p "$d"
	cat >"$d/package.json" <<'EOF'
{
  "name": "smoke-gyp",
  "version": "1.0.0",
  "private": true,
  "dependencies": { "better-sqlite3": "^11.0.0" }
}
EOF
	cat >"$d/index.js" <<'EOF'
const Database = require("better-sqlite3");
const db = new Database(":memory:");
const row = db.prepare("select sqlite_version() as v, 6*7 as answer").get();
console.log(`sqlite ok v=${row.v} answer=${row.answer} uid=${process.getuid()}`);
EOF
	cat >"$d/Dockerfile" <<EOF
FROM $NODE26 AS build
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked \\
	rm -f /etc/apt/apt.conf.d/docker-clean && apt-get update && \\
	apt-get install -y --no-install-recommends python3 make g++
WORKDIR /app
COPY package.json ./
ENV npm_config_build_from_source=true
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev --no-audit --no-fund && \\
	test -f node_modules/better-sqlite3/build/Release/better_sqlite3.node && ! command -v corepack && ! command -v yarn
COPY index.js ./

FROM $NODE26 AS slim
WORKDIR /app
COPY --from=build /app /app
USER node
CMD ["node", "index.js"]

FROM $DL_NODE AS on-distroless
WORKDIR /app
COPY --from=build /app /app
CMD ["index.js"]
EOF
	build node-gyp-slim "$d" --target slim || return 1
	build node-gyp-distroless "$d" --target on-distroless || return 1
	out=$(run node-gyp-slim --network none dockslim-smoke/node-gyp-slim) || return 1
	echo "    node slim: $out"
	expect "sqlite ok" "$out" && expect "answer=42 uid=1000" "$out" || return 1
	out=$(run node-gyp-distroless --network none dockslim-smoke/node-gyp-distroless) || return 1
	echo "    distroless nodejs: $out"
	expect "answer=42 uid=65532" "$out"
}

test_python() {
	local d=$WORK/python out
	mkdir -p "$d/localpkg/src/smokepkg"
	cat >"$d/localpkg/pyproject.toml" <<'EOF'
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "smokepkg"
version = "0.1.0"

[project.scripts]
smoke = "smokepkg:main"
EOF
	cat >"$d/localpkg/src/smokepkg/__init__.py" <<'EOF'
import os
import sys


def main():
    print(f"python ok {sys.version.split()[0]} prefix={sys.prefix} uid={os.getuid()}")
EOF
	cat >"$d/Dockerfile" <<EOF
FROM $PYTHON AS build
RUN python -m venv --without-pip /venv
COPY localpkg /src/localpkg
RUN pip --python /venv/bin/python install /src/localpkg && \\
	! ls /venv/lib/python3*/site-packages | grep -E '^(pip|setuptools)'

FROM $PYTHON
COPY --from=build /venv /venv
ENV PATH=/venv/bin:\$PATH PYTHONUNBUFFERED=1
USER 65532:65532
CMD ["smoke"]
EOF
	build python "$d" || return 1
	out=$(run python --network none dockslim-smoke/python) || return 1
	echo "    $out"
	expect "python ok" "$out" && expect "prefix=/venv uid=65532" "$out"
}

test_nginx() {
	local d=$WORK/nginx out="" i
	mkdir -p "$d"
	echo "dockslim nginx smoke $$" >"$d/index.html"
	printf 'FROM %s\nCOPY index.html /usr/share/nginx/html/index.html\n' "$NGINX" >"$d/Dockerfile"
	build nginx "$d" || return 1
	if curl -fsS --max-time 2 http://127.0.0.1:8080/ >/dev/null 2>&1; then
		echo "    something already listens on 127.0.0.1:8080" >>"$LOG"
		return 1
	fi
	NAMES+=(dockslim-smoke-nginx)
	timeout 30 "$DOCKER" run -d --rm --name dockslim-smoke-nginx --network host dockslim-smoke/nginx \
		>>"$LOG" 2>&1 || return 1
	for i in $(seq 1 20); do
		out=$(curl -fsS --max-time 2 http://127.0.0.1:8080/ 2>/dev/null) && break
		sleep 0.5
	done
	local user
	user=$("$DOCKER" exec dockslim-smoke-nginx sh -c 'ps -o user= -C nginx 2>/dev/null || id -u' 2>/dev/null || true)
	timeout 30 "$DOCKER" stop dockslim-smoke-nginx >/dev/null 2>&1 || true
	"$DOCKER" rm -f dockslim-smoke-nginx >/dev/null 2>&1 || true
	echo "    GET 127.0.0.1:8080 → $out (after ${i} tries; runs as ${user//$'\n'/,})"
	expect "dockslim nginx smoke $$" "$out"
}

all=(go-static go-cgo node-npm node-gyp python nginx)
tests=("$@")
[ ${#tests[@]} -gt 0 ] || tests=("${all[@]}")
timeout 10 "$DOCKER" info >/dev/null 2>&1 || { echo "smoke-bases.sh: no engine; run e2e/engine.sh" >&2; exit 1; }
for t in "${tests[@]}"; do smoke "$t"; done
echo "smoke: $passed passed, $failed failed"
[ "$failed" = 0 ]
