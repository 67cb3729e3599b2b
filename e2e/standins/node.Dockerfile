# Stand-in for node:<v>-bookworm-slim, node:<v>-slim, node:<v>(-bookworm): the host's node binary,
# npm (and corepack, when the context carries it: Node <= 24 only, as upstream) under /usr/local,
# user node 1000:1000, headers in /usr/local/include/node for node-gyp (it cannot download them
# here). No python3/make/g++ in the slim variants: a Dockerfile that builds addons installs them.
# Whatever <v> says, the Node inside is the host's (label dockslim.standin.version).
ARG BASE=dockslim-standin/debian:bookworm
FROM ${BASE}
# Non-slim variants: the build tools of the official (buildpack-deps based) image.
ARG FULL_PKGS=""
RUN set -eux; \
	if [ -n "$FULL_PKGS" ]; then \
		apt-get update; \
		apt-get install -y --no-install-recommends $FULL_PKGS; \
		rm -rf /var/lib/apt/lists/*; \
	fi; \
	groupadd --gid 1000 node; \
	useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY node /usr/local/bin/node
COPY include/ /usr/local/include/
COPY node_modules/ /usr/local/lib/node_modules/
COPY files/node-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ARG NPM_REGISTRY=https://registry.npmjs.org/
RUN set -eux; \
	ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm; \
	ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx; \
	if [ -d /usr/local/lib/node_modules/corepack ]; then \
		ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack; \
	fi; \
	mkdir -p /usr/local/etc; \
	printf 'registry=%s\nupdate-notifier=false\n' "$NPM_REGISTRY" > /usr/local/etc/npmrc; \
	node --version; npm --version
# Yarn classic is in the official images of Node < 26 (installed here from the npm registry).
ARG YARN_VERSION=""
RUN set -eux; \
	if [ -n "$YARN_VERSION" ]; then \
		npm install -g "yarn@$YARN_VERSION"; \
		npm cache clean --force; \
		rm -rf /root/.npm /tmp/*; \
		yarn --version; \
	fi
ARG NODE_VERSION=unknown
ARG COREPACK_REGISTRY=https://registry.npmjs.org
ENV NODE_VERSION=${NODE_VERSION} \
	npm_config_nodedir=/usr/local \
	COREPACK_NPM_REGISTRY=${COREPACK_REGISTRY}
ARG STANDIN_REF=node
ARG STANDIN_VERSION=unknown
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=node \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
