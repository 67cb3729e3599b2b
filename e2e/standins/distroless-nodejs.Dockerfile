# Stand-in for gcr.io/distroless/nodejs<major>-debian12: the cc stand-in (base + libgcc-s1,
# libstdc++6) plus the host's node binary at /nodejs/bin/node, as the entrypoint like the real one.
# No npm, no shell. Whatever <major> says, the Node inside is the host's.
ARG CC=dockslim-standin/distroless-cc:latest
FROM ${CC}
COPY node /nodejs/bin/node
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/dockslim-standin/extra-ca.crt
ARG STANDIN_USER=0
ARG STANDIN_WORKDIR=/
USER ${STANDIN_USER}
WORKDIR ${STANDIN_WORKDIR}
ARG STANDIN_REF=gcr.io/distroless/nodejs-debian12
ARG STANDIN_VERSION=unknown
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=distroless-nodejs \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
ENTRYPOINT ["/nodejs/bin/node"]
