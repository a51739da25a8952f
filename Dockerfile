# Borderlinks served by gunicorn (see README, "Serving it for a secretariat"; with PostgreSQL: compose.yaml).
# The input data, either
#   mounted at run time:  docker build -t borderlinks .
#                         docker run -e BORDERLINKS_DATA_DIR=/data -v /path/to/data:/data:ro -p 8050:8050 borderlinks
#   or in the image:      docker build --build-arg FETCH_DATA=1 [--build-arg BORDERLINKS_DATA_MIRROR=URL] -t borderlinks .
#                         (downloaded by `python -m dashboard fetch-data`, checked against data/downloads.csv)
FROM python:3.11-slim-bookworm

SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Debian's Chromium renders the PNG / SVG / PDF exports (kaleido; nothing is downloaded at run time),
# a CJK font draws Chinese labels in them. Versions are those of the Debian release (security updates included).
# hadolint ignore=DL3008
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-wqy-microhei \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BORDERLINKS_CHROMIUM=/usr/bin/chromium \
    BORDERLINKS_DATA_CACHE=/var/cache/borderlinks \
    BORDERLINKS_EXPORT_DIR=/var/lib/borderlinks/exports \
    BORDERLINKS_CACHE_DIR=/var/lib/borderlinks/cache \
    HOME=/var/lib/borderlinks \
    PORT=8050 \
    WORKERS=4

RUN useradd --system --uid 10001 --home-dir /var/lib/borderlinks --create-home borderlinks
WORKDIR /app

# the dependencies first (a layer that changes only with pyproject.toml), then the code; installed in place
# (-e): the app reads data/*.csv beside its package
COPY pyproject.toml README.md ./
COPY dashboard/__init__.py dashboard/__init__.py
COPY geo/__init__.py geo/__init__.py
RUN pip install -e .
COPY . .
RUN pip install --no-deps -e . \
    && python -m babel.messages.frontend compile -d dashboard/locale -D messages

# The input data: left out (FETCH_DATA=0) for a copy mounted at run time with BORDERLINKS_DATA_DIR, or
# downloaded and checked against data/downloads.csv into data/inputs (FETCH_DATA=1), from the canonical
# addresses or from BORDERLINKS_DATA_MIRROR (a server holding a copy of the data folder).
ARG FETCH_DATA=0
ARG BORDERLINKS_DATA_MIRROR=""
RUN if [ "$FETCH_DATA" = "1" ]; then \
        BORDERLINKS_DATA_MIRROR="$BORDERLINKS_DATA_MIRROR" BORDERLINKS_DATA_CACHE=/tmp/fetch-cache \
            python -m dashboard fetch-data --dir data/inputs \
        && rm -rf /tmp/fetch-cache; \
    fi \
    && mkdir -p /var/cache/borderlinks \
    && chown -R 10001 /app/data /var/cache/borderlinks

USER 10001
EXPOSE 8050

HEALTHCHECK --interval=30s --timeout=5s --start-period=600s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ['PORT'] + '/api/v1/summary', timeout=4)"]

# At start: build the store when it is missing or older than its inputs (into BORDERLINKS_DATABASE_URL;
# PostgreSQL under compose), then serve. gunicorn trusts X-Forwarded-* from the reverse proxy in front.
CMD ["bash", "-c", "python -m dashboard fetch-data --if-missing && python -m dashboard build --if-stale && exec gunicorn --workers \"$WORKERS\" --bind \"0.0.0.0:$PORT\" --timeout 120 --forwarded-allow-ips='*' app:server"]
