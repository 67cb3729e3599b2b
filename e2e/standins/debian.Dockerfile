# Stand-in for debian:bookworm / debian:bookworm-slim (and the root of every other stand-in).
# FROM: the debootstrap --variant=minbase root that bases.sh imports. Adds what the official image
# has (apt sources for bookworm, -updates and -security; the docker-* apt and dpkg settings;
# slim's dpkg excludes) and what this machine needs (its TLS proxy CAs, so apt/npm/go/git work in builds).
ARG ROOTFS=dockslim-standin/debian-rootfs:bookworm
FROM ${ROOTFS}
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
COPY files/apt/ /etc/apt/apt.conf.d/
COPY files/dpkg-slim-excludes /etc/dpkg/dpkg.cfg.d/docker
COPY files/dpkg-apt-speedup /etc/dpkg/dpkg.cfg.d/docker-apt-speedup
COPY files/debian.sources /etc/apt/sources.list.d/debian.sources
# The proxy CAs go where update-ca-certificates looks, so a later `apt-get install ca-certificates`
# keeps them; the host bundle stands in until then; a copy no package rewrites for Node.
COPY certs/local/ /usr/local/share/ca-certificates/
COPY certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY certs/extra-ca.crt /usr/local/share/dockslim-standin/extra-ca.crt
RUN set -eux; \
	rm -f /etc/apt/sources.list; \
	apt-get update; \
	apt-get -y upgrade; \
	rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb /var/log/apt/* /var/log/dpkg.log; \
	find /usr/share/doc -mindepth 2 ! -name copyright ! -type d -delete; \
	find /usr/share/doc -mindepth 1 -type d -empty -delete; \
	rm -rf /usr/share/man/* /usr/share/info/* /usr/share/locale/* /usr/share/groff/* /usr/share/lintian/*
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt \
	NODE_EXTRA_CA_CERTS=/usr/local/share/dockslim-standin/extra-ca.crt
ARG STANDIN_REF=dockslim-standin/debian:bookworm
ARG STANDIN_VERSION="Debian 12 bookworm (debootstrap minbase)"
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=debian \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
CMD ["bash"]
