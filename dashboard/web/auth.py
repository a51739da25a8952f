"""Sign-in routes of the secretariat (the logic they use is dashboard.auth).

    POST /auth/login    form: name, password, csrf_token, next -> 303 to `next` (a path of this app)
    POST /auth/logout   form: csrf_token                       -> 303 to /registry (every session of the
                                                                  account ends, on every device)
    GET  /auth/whoami   JSON: {"user": name or null, "role": ..., "csrf_token": ...}

Sign-in is throttled with Flask-Limiter, per account and per address (SIGN_IN_LIMITS, settings
BORDERLINKS_SIGN_IN_LIMIT_ACCOUNT / _ADDRESS): past the limit the answer is 429 with Retry-After, whether
the password was right or not, and whether the account exists or not (same message, and authenticate()
hashes a dummy password for an unknown name, so the timing is the same). The counters live where every
worker process sees them: BORDERLINKS_RATE_LIMIT_STORAGE (any Flask-Limiter storage URI, e.g. redis://
for several machines), else a SQLite file per registry under the export directory
(dashboard/web/rate_limit_storage.py).

`register_auth(server)` also sets what every signed-in route relies on: the session's secret key, cookie
settings and lifetime, the CSRF layer and security headers (dashboard/web/security.py), and the request
body limit (413 with a plain message). No Dash imports.
"""

from __future__ import annotations

import hashlib
import os
from urllib.parse import urlsplit

import flask
from flask_limiter import Limiter, RateLimitExceeded

from dashboard.auth import (
    MAX_REQUEST_BYTES,
    SESSION_LIFETIME,
    app_registry_engine,
    csrf_token,
    current_user,
    end_sessions,
    refuse,
    start_session,
)
from dashboard.exports.jobs import export_dir
from dashboard.registry.database import registry_engine, registry_url, secret_key
from dashboard.registry.reading import MAX_UPLOAD_BYTES
from dashboard.registry.users import authenticate
from dashboard.web.rate_limit_storage import SCHEME as RATE_LIMIT_SCHEME
from dashboard.web.security import add_security_headers, on_csrf_refusal, protect_writes
from dashboard.web.urls import AUTH_PREFIX

BLUEPRINT = "borderlinks_auth"
LOGIN_PAGE = "/registry"
#: tries of sign-in (right or wrong) per account and per address, unless set (see sign_in_limit); a
#: secretariat's office may share one address, hence the larger second limit
SIGN_IN_LIMITS = {"account": "5 per minute", "address": "20 per minute"}
THROTTLED = "Too many sign-in attempts. Wait a minute and try again."


def _safe_next(target: str | None) -> str:
    """Only paths of this app (no scheme, no host): never an open redirect."""
    if not target:
        return LOGIN_PAGE
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return LOGIN_PAGE
    return target


def _with_query(path: str, **params: str) -> str:
    separator = "&" if "?" in path else "?"
    return path + separator + "&".join(f"{k}={v}" for k, v in params.items())


def sign_in_limit(kind: str) -> str:
    """The limit of sign-in tries per `kind` ("account" or "address"), e.g. "5 per minute"."""
    return os.environ.get(f"BORDERLINKS_SIGN_IN_LIMIT_{kind.upper()}") or SIGN_IN_LIMITS[kind]


def rate_limit_storage_uri(server: flask.Flask) -> str:
    """Where the sign-in counters live (see the module's text): one store for all of a registry's workers."""
    configured = server.config.get("BORDERLINKS_RATE_LIMIT_STORAGE") or os.environ.get(
        "BORDERLINKS_RATE_LIMIT_STORAGE")
    if configured:
        return configured
    registry = server.config.get("BORDERLINKS_REGISTRY_URL") or registry_url()
    name = hashlib.sha256(str(registry).encode()).hexdigest()[:16]
    return f"{RATE_LIMIT_SCHEME}://{export_dir() / f'sign-in-limits-{name}.sqlite'}"


def _account_key() -> str:
    return "account:" + flask.request.form.get("name", "").strip().casefold()[:64]


def _address_key() -> str:
    return "address:" + (flask.request.remote_addr or "unknown")


def _sign_in_limiter(server: flask.Flask) -> Limiter:
    return Limiter(_address_key, app=server, storage_uri=rate_limit_storage_uri(server), strategy="fixed-window",
                   headers_enabled=True, key_prefix="borderlinks-sign-in")


def register_auth(server: flask.Flask) -> None:
    """The /auth/ routes, the session settings, the CSRF layer, the security headers and the body size
    limit on `server`; idempotent."""
    if BLUEPRINT in server.blueprints:
        return
    if not server.secret_key:
        server.secret_key = secret_key(registry_engine(server.config.get("BORDERLINKS_REGISTRY_URL")
                                                       or registry_url()))
    server.config["SESSION_COOKIE_HTTPONLY"] = True
    server.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    server.config["PERMANENT_SESSION_LIFETIME"] = SESSION_LIFETIME
    if not server.config.get("MAX_CONTENT_LENGTH"):
        server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    protect_writes(server)
    add_security_headers(server)
    limiter = _sign_in_limiter(server)
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=AUTH_PREFIX)

    @blueprint.post("/login")
    @limiter.limit(sign_in_limit("address"), key_func=_address_key, scope="sign-in-address",
                   error_message=THROTTLED)
    @limiter.limit(sign_in_limit("account"), key_func=_account_key, scope="sign-in-account",
                   error_message=THROTTLED)
    def login():
        target = _safe_next(flask.request.form.get("next"))
        user = authenticate(app_registry_engine(), flask.request.form.get("name", "").strip(),
                            flask.request.form.get("password", ""))
        if user is None:
            return flask.redirect(_with_query(target, login="failed"), code=303)
        start_session(user)
        return flask.redirect(target, code=303)

    @blueprint.post("/logout")
    def logout():
        user = current_user()
        if user is not None:
            end_sessions(app_registry_engine(), user.name)
        flask.session.clear()
        return flask.redirect(_safe_next(flask.request.form.get("next")), code=303)

    @blueprint.get("/whoami")
    def whoami():
        user = current_user()
        return flask.jsonify({"user": user.name if user else None, "role": user.role if user else None,
                              "csrf_token": csrf_token()})

    server.register_blueprint(blueprint)
    # a sign-in or sign-out form without the token goes back to its page and does nothing
    on_csrf_refusal(server, f"{BLUEPRINT}.login", lambda: flask.redirect(
        _with_query(_safe_next(flask.request.form.get("next")), login="expired"), code=303))
    on_csrf_refusal(server, f"{BLUEPRINT}.logout", lambda: flask.redirect(
        _safe_next(flask.request.form.get("next")), code=303))

    @server.errorhandler(RateLimitExceeded)
    def throttled(error: RateLimitExceeded):
        response = refuse(429, THROTTLED)
        response.headers["Retry-After"] = str(max(1, int(error.limit.limit.get_expiry())))
        return response

    @server.errorhandler(413)
    def too_large(_error):
        limit = MAX_UPLOAD_BYTES // 2**20
        return refuse(413, f"The upload is too large: the limit is {limit} MB per file. Nothing was imported.")
