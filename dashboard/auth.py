"""Sign-in for the secretariat: a Flask session, a CSRF token on every form post, and roles.

    POST /auth/login    form: name, password, csrf_token, next -> 303 to `next` (a path of this app)
    POST /auth/logout   form: csrf_token                       -> 303 to /registry
    GET  /auth/whoami   JSON: {"user": name or null, "role": ..., "csrf_token": ...}

The session cookie is HttpOnly and SameSite=Lax, signed with BORDERLINKS_SECRET_KEY (else a random key
kept in the registry, so every worker process shares it). The session holds only the user's name: the
role and the account's state are read from the registry on each request, so disabling an account or
changing a role takes effect at once. Write endpoints are wrapped in `writer_required`: anonymous
visitors, viewers and requests without the session's CSRF token (header X-CSRF-Token or form field
csrf_token) get 403 and change nothing. `MAX_CONTENT_LENGTH` caps request bodies (an upload of 20 MB,
base64-encoded in JSON, fits; a 50 MB file is refused with 413 before it is read).

No Dash imports: the API and tests use it with a bare Flask app.
"""

from __future__ import annotations

import functools
import hmac
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

import flask

from dashboard.registry.database import registry_engine, registry_url, secret_key
from dashboard.registry.reading import MAX_UPLOAD_BYTES
from dashboard.registry.users import User, authenticate, get_user

BLUEPRINT = "borderlinks_auth"
SESSION_USER = "borderlinks_user"
SESSION_CSRF = "borderlinks_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
#: request bodies above this are refused (413): an upload of MAX_UPLOAD_BYTES grows by 4/3 in base64
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES * 4 // 3 + 1024 * 1024
LOGIN_PAGE = "/registry"


def _engine():
    return registry_engine(flask.current_app.config.get("BORDERLINKS_REGISTRY_URL") or registry_url())


def current_user() -> User | None:
    """The signed-in, active user of this request (None for anonymous visitors or outside a request)."""
    if not flask.has_request_context():
        return None
    name = flask.session.get(SESSION_USER)
    if not name:
        return None
    cached = flask.g.get("borderlinks_user")
    if cached is not None and cached.name == name:
        return cached
    user = get_user(_engine(), name)
    flask.g.borderlinks_user = user
    return user


def csrf_token() -> str:
    """The session's CSRF token (made on first use); put it in every form and write request."""
    token = flask.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        flask.session[SESSION_CSRF] = token
    return token


def csrf_ok() -> bool:
    expected = flask.session.get(SESSION_CSRF)
    given = flask.request.headers.get(CSRF_HEADER) or flask.request.form.get(CSRF_FIELD)
    if not given and flask.request.is_json:
        body = flask.request.get_json(silent=True)
        given = body.get(CSRF_FIELD) if isinstance(body, dict) else None
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(expected, given)


def refuse(status: int, message: str) -> flask.Response:
    response = flask.jsonify({"error": message})
    response.status_code = status
    return response


def writer_required(view: Callable) -> Callable:
    """Refuse (403) anyone but a signed-in editor or admin, and any request without the CSRF token."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        user = current_user()
        if user is None:
            return refuse(403, "Sign in as an editor of the registry to make changes.")
        if not user.can_write:
            return refuse(403, f"The account {user.name} ({user.role}) may view but not change the registry.")
        if not csrf_ok():
            return refuse(403, "The form's security token is missing or out of date: reload the page.")
        return view(user, *args, **kwargs)
    return guarded


def member_required(view: Callable) -> Callable:
    """Signed-in users only (any role): the import log and the audit trail name people."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        user = current_user()
        if user is None:
            return refuse(403, "Sign in to see the registry's logs.")
        return view(user, *args, **kwargs)
    return guarded


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
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix="/auth")

    @blueprint.post("/login")
    def login():
        target = _safe_next(flask.request.form.get("next"))
        if not csrf_ok():
            return flask.redirect(_with_query(target, login="expired"), code=303)
        user = authenticate(_engine(), flask.request.form.get("name", "").strip(),
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
