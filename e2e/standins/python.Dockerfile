# Stand-in for python:<v>-slim-bookworm, python:<v>-slim, python:<v>(-bookworm): Debian's python3
# (3.11, whatever <v> says) with venv and pip, `python`/`python3`/`pip` in /usr/local/bin as in the
# official image. No package index here: pip installs offline from Debian's wheels
# (PIP_NO_INDEX, PIP_FIND_LINKS), so local setuptools-backend packages build. PEP 668 marker removed.
ARG BASE=dockslim-standin/debian:bookworm
FROM ${BASE}
ARG FULL_PKGS=""
RUN set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends \
		python3 python3-venv python3-pip python3-wheel-whl python3-setuptools-whl $FULL_PKGS; \
	rm -rf /var/lib/apt/lists/*; \
	rm -f /usr/lib/python3*/EXTERNALLY-MANAGED; \
	ln -sf /usr/bin/python3 /usr/local/bin/python3; \
	ln -sf /usr/bin/python3 /usr/local/bin/python; \
	ln -sf /usr/bin/pip3 /usr/local/bin/pip3; \
	ln -sf /usr/bin/pip3 /usr/local/bin/pip; \
	python --version; pip --version
ENV LANG=C.UTF-8 \
	PIP_NO_INDEX=1 \
	PIP_FIND_LINKS=/usr/share/python-wheels \
	PIP_DISABLE_PIP_VERSION_CHECK=1
ARG STANDIN_REF=python
ARG STANDIN_VERSION=unknown
ARG STANDIN_HASH=""
LABEL dockslim.standin=true \
	dockslim.standin.ref=${STANDIN_REF} \
	dockslim.standin.recipe=python \
	dockslim.standin.version=${STANDIN_VERSION} \
	dockslim.standin.hash=${STANDIN_HASH}
CMD ["python3"]
