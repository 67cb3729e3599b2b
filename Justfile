# dockslim's developer tasks. `just --list` shows them. The README's
# commands (`go run …`, `go test ./...`) need nothing but Go; this file is
# the convenience layer on top.

set shell := ["bash", "-euo", "pipefail", "-c"]

fuzztime := env_var_or_default("FUZZTIME", "30s")

# Build the binary into ./bin/dockslim.
build:
    go build -trimpath -o bin/dockslim ./cmd/dockslim

# The release binary: static (no cgo), reproducible paths, no symbol table,
# the version stamped in (`just release v0.5.0`); `dockslim version` prints
# it and .dockslim.yaml records it. .ci/release-check verifies the result.
release version:
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/dockslim/dockslim/internal/buildinfo.stamped={{version}}" -o bin/dockslim ./cmd/dockslim
    .ci/release-check bin/dockslim {{version}}

# Run every test (what CI runs, minus the e2e suite).
test:
    go test ./...

# The race detector over everything.
race:
    go test -race ./...

# gofmt and go vet, as CI checks them.
lint:
    test -z "$(gofmt -l $(git ls-files '*.go' | grep -v '/testdata/'))" || { gofmt -l $(git ls-files '*.go' | grep -v '/testdata/'); exit 1; }
    go vet ./...

# Run every fuzz target for FUZZTIME (default 30s) each; crashers land in testdata/fuzz.
fuzz:
    #!/usr/bin/env bash
    set -euo pipefail
    for pkg in $(go list ./...); do
      for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
        echo "== $pkg $target"
        go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime {{fuzztime}}
      done
    done

# Benchmarks (detect on a 100,000-file repository, a typical repository, …).
bench:
    go test ./... -run '^$' -bench . -benchmem

# Regenerate every golden file of the embedded pack; review the diff.
golden:
    go test ./golden -update

# The e2e build-and-probe matrix: every fixture app of e2e/testdata × every flavour buildable here,
# built, run and probed in a real Docker engine, test stages run (needs root; see e2e/README.md).
e2e:
    e2e/engine.sh
    DOCKSLIM_E2E=1 go test ./e2e -v -count=1 -timeout 40m

# Image bytes, bytes over base, cold and warm builds of dockslim's, the seed's naive and the best peers'
# Dockerfiles, measured in one run in a real Docker engine (needs root; 84 minutes here with DOCKSLIM_E2E_REPORT_WARM=3).
# Measure dockslim against the naive and peer Dockerfiles: writes e2e/REPORT.md and e2e/REPORT.json.
e2e-report:
    e2e/engine.sh
    DOCKSLIM_E2E_REPORT=1 go test ./e2e -run TestReport -v -count=1 -timeout 180m

# Regenerate the CLI reference in docs/cli from the commands (a test fails when it is stale).
docs:
    go test ./cmd -run TestCLIReference -update
