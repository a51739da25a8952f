"""Sign-in routes of the secretariat (the logic they use is dashboard.auth).

    POST /auth/login    form: name, password, csrf_token, next -> 303 to `next` (a path of this app)
    POST /auth/logout   form: csrf_token                       -> 303 to /registry
    GET  /auth/whoami   JSON: {"user": name or null, "role": ..., "csrf_token": ...}

`register_auth(server)` also sets what every signed-in route relies on: the session's secret key and cookie
settings, and the request body limit (413 with a plain message). No Dash imports.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import flask

from dashboard.auth import (MAX_REQUEST_BYTES, SESSION_USER, app_registry_engine, csrf_ok, csrf_token,
                            current_user, refuse)
from dashboard.registry.database import registry_engine, registry_url, secret_key
from dashboard.registry.reading import MAX_UPLOAD_BYTES
from dashboard.registry.users import authenticate
from dashboard.web.urls import AUTH_PREFIX

BLUEPRINT = "borderlinks_auth"
LOGIN_PAGE = "/registry"


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


def register_auth(server: flask.Flask) -> None:
    """The /auth/ routes, the session settings and the body size limit on `server`; idempotent."""
    if BLUEPRINT in server.blueprints:
        return
    if not server.secret_key:
        server.secret_key = secret_key(registry_engine(server.config.get("BORDERLINKS_REGISTRY_URL")
                                                       or registry_url()))
    server.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    server.config["SESSION_COOKIE_SAMESITE"] = server.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    if not server.config.get("MAX_CONTENT_LENGTH"):
        server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=AUTH_PREFIX)

    @blueprint.post("/login")
    def login():
        target = _safe_next(flask.request.form.get("next"))
        if not csrf_ok():
            return flask.redirect(_with_query(target, login="expired"), code=303)
        user = authenticate(app_registry_engine(), flask.request.form.get("name", "").strip(),
                            flask.request.form.get("password", ""))
        if user is None:
            return flask.redirect(_with_query(target, login="failed"), code=303)
        flask.session.clear()  # a new session on sign-in (no fixation)
        flask.session[SESSION_USER] = user.name
        flask.session.permanent = False
        csrf_token()
        return flask.redirect(target, code=303)

    @blueprint.post("/logout")
    def logout():
        if csrf_ok():
            flask.session.clear()
        return flask.redirect(_safe_next(flask.request.form.get("next")), code=303)

    @blueprint.get("/whoami")
    def whoami():
        user = current_user()
        return flask.jsonify({"user": user.name if user else None, "role": user.role if user else None,
                              "csrf_token": csrf_token()})

    server.register_blueprint(blueprint)

    @server.errorhandler(413)
    def too_large(_error):
        limit = MAX_UPLOAD_BYTES // 2**20
        return refuse(413, f"The upload is too large: the limit is {limit} MB per file. Nothing was imported.")
