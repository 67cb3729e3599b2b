# Stand-in for golang:<v>-bookworm and golang:<v>: the host's Go (/usr/local/go) on the Debian
# stand-in, with the C toolchain and git of the official image (cgo works), GOTOOLCHAIN=local.
# Whatever <v> says, the Go inside is the host's (label dockslim.standin.version).
ARG BASE=dockslim-standin/debian:bookworm
FROM ${BASE}
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates g++ gcc git libc6-dev make pkg-config; \
	rm -rf /var/lib/apt/lists/*
COPY go/ /usr/local/go/
ARG GO_VERSION=unknown
ARG GOPROXY_VALUE=https://proxy.golang.org,direct
ARG GOSUMDB_VALUE=sum.golang.org
ENV GOLANG_VERSION=${GO_VERSION} \
	GOTOOLCHAIN=local \
	GOPATH=/go \
	GOPROXY=${GOPROXY_VALUE} \
	GOSUMDB=${GOSUMDB_VALUE}
ENV PATH=/go/bin:/usr/local/go/bin:${PATH}
RUN set -eux; mkdir -p "$GOPATH/src" "$GOPATH/bin"; chmod -R 1777 "$GOPATH"; go version
WORKDIR /go
ARG STANDIN_REF=golang
ARG STANDIN_VERSION=unknown
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=golang \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
