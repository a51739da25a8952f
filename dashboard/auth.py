"""Sign-in for the secretariat: a Flask session, a CSRF token on every form post, and roles.

The routes (/auth/login, /auth/logout, /auth/whoami) are in dashboard/web/auth.py; this module is what
they, the write routes and the pages share: the current user, the CSRF token, and the guards.

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

import flask

from dashboard.registry.database import registry_engine, registry_url
from dashboard.registry.reading import MAX_UPLOAD_BYTES
from dashboard.registry.users import User, get_user

SESSION_USER = "borderlinks_user"
SESSION_CSRF = "borderlinks_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
#: request bodies above this are refused (413): an upload of MAX_UPLOAD_BYTES grows by 4/3 in base64
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES * 4 // 3 + 1024 * 1024


def app_registry_engine():
    """The registry of the app serving this request (its config's URL, else the configured one)."""
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
    user = get_user(app_registry_engine(), name)
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
