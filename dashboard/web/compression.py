"""Responses on the wire: compressed (brotli, else zstd or gzip, as the browser accepts) and, for
files whose URL changes with their content, cached by the browser for a year.

`compress_responses(server)` sets up Flask-Compress on the app's Flask server: HTML, JS, CSS, JSON (Dash's
layout and callback answers included), GeoJSON and SVG. Static files (Dash's component bundles under
/_dash-component-suites/, our /assets/) are compressed once per process and kept in memory (a few MB),
so a large bundle costs its compression only on its first request; answers that change (callbacks, API)
are compressed every time and never kept.

Dash fingerprints its component bundles itself (a version in the file name, a year of max-age); the
files of assets/ carry `?m=<modification time>` in the URLs Dash writes, so those requests get the same
year (`immutable`). Nothing here touches the security headers (web/security.py adds them to every
response, compressed or not). No Dash imports.
"""

from __future__ import annotations

import threading

import flask
from flask_compress import Compress

#: what is worth compressing (Flask-Compress's own list lacks GeoJSON and CSV)
COMPRESSED_TYPES = ["text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
                    "application/json", "application/geo+json", "image/svg+xml", "image/x-icon",
                    "image/vnd.microsoft.icon", "text/csv"]
STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/")
FINGERPRINTED_ASSET_SECONDS = 365 * 24 * 3600
#: brotli first: at these levels it is ~10 % smaller than zstd on our bundles and GeoJSON, for similar time
ALGORITHMS = ["br", "zstd", "gzip", "deflate"]
BROTLI_QUALITY = 5  # ~4 % smaller than Flask-Compress's 4 for the same time on a 1.5 MB bundle
_NOT_KEPT = "-"  # the cache key of an answer that must not be kept


class StaticBodies:
    """Flask-Compress's cache: keeps the compressed bodies of static files (keyed by algorithm, path and
    fingerprint), ignores every other answer."""

    def __init__(self) -> None:
        self._bodies: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        if key.endswith(_NOT_KEPT):
            return None
        with self._lock:
            return self._bodies.get(key)

    def set(self, key: str, body: bytes) -> None:
        if key.endswith(_NOT_KEPT):
            return
        with self._lock:
            self._bodies[key] = body


def static_file_key(request: flask.Request) -> str:
    """The cache key of a GET of a static file (its path and query, i.e. its fingerprint), else '-'."""
    if request.method == "GET" and request.path.startswith(STATIC_PREFIXES):
        return request.full_path
    return _NOT_KEPT


def compress_responses(server: flask.Flask) -> None:
    """Compress the responses of `server` and give fingerprinted assets a long cache life (idempotent)."""
    if server.extensions.get("compress"):
        return
    server.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    server.config.setdefault("COMPRESS_BR_LEVEL", BROTLI_QUALITY)
    server.config.setdefault("COMPRESS_MIN_SIZE", 500)
    server.config.setdefault("COMPRESS_ALGORITHM", ALGORITHMS)
    bodies = StaticBodies()
    server.config.setdefault("COMPRESS_CACHE_BACKEND", lambda: bodies)
    server.config.setdefault("COMPRESS_CACHE_KEY", static_file_key)
    Compress(server)

    @server.after_request
    def cache_fingerprinted_assets(response: flask.Response) -> flask.Response:
        """Runs before Flask-Compress (registered after it). An asset is sent from a file, as a stream that
        Flask-Compress would compress again on every request (and never with gzip): read it into the
        response instead, so its compressed body is kept (assets are small, the largest is 1.6 MB)."""
        request = flask.request
        if not request.path.startswith("/assets/") or response.status_code != 200:
            return response
        if request.method == "GET" and response.is_streamed:
            response.direct_passthrough = False
            response.set_data(response.get_data())
        if request.args.get("m"):
            response.cache_control.public = True
            response.cache_control.max_age = FINGERPRINTED_ASSET_SECONDS
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        return response
