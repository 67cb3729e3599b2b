# Stand-in for gcr.io/distroless/base-debian12 (and cc-debian12): the static stand-in plus the files
# of Debian's packages as the real one lays them out (glibc under /lib/x86_64-linux-gnu,
# /lib64/ld-linux-x86-64.so.2, libssl3 under /usr/lib/x86_64-linux-gnu), without docs.
# base: PKGS="libc6 libssl3"; cc: + libgcc-s1 libstdc++6 libgomp1.
ARG BASE=dockslim-standin/debian:bookworm
ARG STATIC=dockslim-standin/distroless-static:latest
FROM ${BASE} AS src
ARG PKGS="libc6 libssl3"
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends $PKGS; \
	rm -rf /var/lib/apt/lists/*; \
	mkdir /out; \
	for p in $PKGS; do dpkg -L "$p"; done | sort -u | while read -r f; do \
		case "$f" in /usr/share/*) continue ;; esac; \
		if [ -L "$f" ] || { [ -f "$f" ] && [ ! -d "$f" ]; }; then \
			if [ -d "$f" ]; then continue; fi; \
			mkdir -p "/out$(dirname "$f")"; \
			cp -a "$f" "/out$f"; \
		fi; \
	done; \
	test -e /out/lib/x86_64-linux-gnu/libc.so.6; \
	test -L /out/lib64/ld-linux-x86-64.so.2

FROM ${STATIC}
COPY --from=src /out/ /
ARG STANDIN_USER=0
ARG STANDIN_WORKDIR=/
USER ${STANDIN_USER}
WORKDIR ${STANDIN_WORKDIR}
ARG STANDIN_REF=gcr.io/distroless/base-debian12
ARG STANDIN_RECIPE=distroless-base
ARG STANDIN_VERSION="distroless base, Debian 12 glibc + libssl3"
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=${STANDIN_RECIPE} \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
