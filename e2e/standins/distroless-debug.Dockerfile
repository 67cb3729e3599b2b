# Stand-in for gcr.io/distroless/<image>-debian12:debug and :debug-nonroot: the plain stand-in of
# the same image plus busybox's static binary and its applets (sh, ps, wget…) in /busybox, on
# PATH, as the real :debug images have them. User, working directory and entrypoint are the plain
# stand-in's.
ARG DEBIAN=dockslim-standin/debian:bookworm
ARG BASE=dockslim-standin/distroless-static:latest
FROM ${DEBIAN} AS busybox
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends busybox-static; \
	mkdir /busybox; \
	cp /bin/busybox /busybox/busybox; \
	/busybox/busybox --install -s /busybox; \
	rm -rf /var/lib/apt/lists/*

FROM ${BASE}
COPY --from=busybox /busybox/ /busybox/
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/busybox
ARG STANDIN_REF=gcr.io/distroless/static-debian12:debug
ARG STANDIN_VERSION="distroless :debug, Debian 12 files and busybox"
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=distroless-debug \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
