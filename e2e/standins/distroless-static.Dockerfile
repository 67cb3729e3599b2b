# Stand-in for gcr.io/distroless/static-debian12 (:nonroot, :latest): FROM scratch with what the
# real one carries: CA bundle, tzdata's zoneinfo, /etc/passwd and /etc/group with root 0,
# nobody 65534 and nonroot 65532, /etc/services, /tmp 1777, /home/nonroot.
ARG BASE=dockslim-standin/debian:bookworm
FROM ${BASE} AS src
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends ca-certificates tzdata netbase; \
	rm -rf /var/lib/apt/lists/*; \
	mkdir -p /out/etc/ssl/certs /out/usr/share /out/tmp /out/home/nonroot /out/root \
		/out/usr/local/share/dockslim-standin; \
	cp /etc/ssl/certs/ca-certificates.crt /out/etc/ssl/certs/; \
	cp /usr/local/share/dockslim-standin/extra-ca.crt /out/usr/local/share/dockslim-standin/; \
	cp -a /usr/share/zoneinfo /out/usr/share/; \
	cp /etc/services /etc/protocols /out/etc/; \
	sed 's/^PRETTY_NAME=.*/PRETTY_NAME="Distroless (dockslim stand-in)"/' /usr/lib/os-release > /out/etc/os-release; \
	printf '%s\n' \
		'root:x:0:0:root:/root:/sbin/nologin' \
		'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
		'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' > /out/etc/passwd; \
	printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'tty:x:5:' 'staff:x:50:' 'nonroot:x:65532:' > /out/etc/group; \
	printf 'hosts: files dns\n' > /out/etc/nsswitch.conf; \
	chmod 1777 /out/tmp; \
	chmod 700 /out/root; \
	chown 65532:65532 /out/home/nonroot

FROM scratch
COPY --from=src /out/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
# :nonroot → 65532 and /home/nonroot; :latest → 0 and /.
ARG STANDIN_USER=0
ARG STANDIN_WORKDIR=/
USER ${STANDIN_USER}
WORKDIR ${STANDIN_WORKDIR}
ARG STANDIN_REF=gcr.io/distroless/static-debian12
ARG STANDIN_VERSION="distroless static, Debian 12 files"
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=distroless-static \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
