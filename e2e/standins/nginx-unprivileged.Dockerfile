# Stand-in for nginxinc/nginx-unprivileged:<v>(-bookworm): Debian's nginx (1.22, whatever <v> says)
# configured like the real image: listens on 8080, runs as uid 101 (user nginx), pid file and temp
# paths under /tmp, serves /usr/share/nginx/html, logs to stdout/stderr.
ARG BASE=dockslim-standin/debian:bookworm
FROM ${BASE}
RUN set -eux; \
	groupadd --system --gid 101 nginx; \
	useradd --system --uid 101 --gid nginx --no-create-home --home-dir /nonexistent \
		--shell /bin/false nginx; \
	apt-get update; \
	apt-get install -y --no-install-recommends nginx; \
	rm -rf /var/lib/apt/lists/*; \
	rm -rf /etc/nginx/sites-enabled /etc/nginx/sites-available /etc/nginx/modules-enabled \
		/etc/nginx/conf.d /var/www/html; \
	mkdir -p /etc/nginx/conf.d /usr/share/nginx/html /var/cache/nginx /var/log/nginx; \
	ln -sf /dev/stdout /var/log/nginx/access.log; \
	ln -sf /dev/stderr /var/log/nginx/error.log
COPY files/nginx/nginx.conf /etc/nginx/nginx.conf
COPY files/nginx/default.conf /etc/nginx/conf.d/default.conf
COPY files/nginx/index.html files/nginx/50x.html /usr/share/nginx/html/
RUN set -eux; \
	chown -R 101:0 /var/cache/nginx /var/lib/nginx /etc/nginx; \
	chmod -R g+w /var/cache/nginx /etc/nginx; \
	nginx -t; \
	rm -rf /tmp/* /var/lib/nginx/*
EXPOSE 8080
STOPSIGNAL SIGQUIT
ARG STANDIN_REF=nginxinc/nginx-unprivileged
ARG STANDIN_VERSION="nginx from Debian bookworm"
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=nginx-unprivileged \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
USER 101
CMD ["nginx", "-g", "daemon off;"]
