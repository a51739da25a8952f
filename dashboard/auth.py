"""Sign-in for the secretariat: a Flask session, its CSRF token, and roles.

The routes (/auth/login, /auth/logout, /auth/whoami) are in dashboard/web/auth.py; this module is what
they, the write routes and the pages share: the current user, the CSRF token, and the guards.

The session cookie is HttpOnly and SameSite=Lax (Secure over HTTPS: dashboard/web/security.py), signed
with BORDERLINKS_SECRET_KEY (else a random key kept in the registry, so every worker process shares it).
The session holds the user's name, when they signed in and their account's session generation: the role
and the account's state are read from the registry on each request, so disabling an account or changing
a role takes effect at once. A sign-in lasts SESSION_LIFETIME (BORDERLINKS_SESSION_HOURS, default 8);
signing out raises the account's generation in the registry, which ends every session of that account
on every worker and device, not only the cookie in this browser. The CSRF token is checked once for every
write by dashboard/web/security.py (`protect_writes`, installed with the sign-in routes); write endpoints
are wrapped in `writer_required`: anonymous visitors and viewers get 403 and change nothing.
`MAX_CONTENT_LENGTH` caps request bodies (an upload of 20 MB, base64-encoded in JSON, fits; a 50 MB file
is refused with 413 before it is read).

No Dash imports: the API and tests use it with a bare Flask app.
"""

from __future__ import annotations

import datetime as dt
import functools
import hmac
import os
import secrets
import time
from collections.abc import Callable

import flask

from dashboard.registry.database import meta_value, registry_engine, registry_url, set_meta_value
from dashboard.registry.reading import MAX_UPLOAD_BYTES
from dashboard.registry.users import User, get_user

SESSION_USER = "borderlinks_user"
SESSION_CSRF = "borderlinks_csrf"
SESSION_SIGNED_IN_AT = "borderlinks_signed_in_at"
SESSION_GENERATION = "borderlinks_generation"
CSRF_HEADER = "X-CSRF-Token"
DASH_CSRF_HEADER = "X-CSRFToken"  # what dash-renderer sends on every callback
CSRF_FIELD = "csrf_token"
#: the server's extension flag set by dashboard/web/security.py once the CSRF layer guards every write
CSRF_LAYER = "borderlinks_csrf_layer"
SESSION_LIFETIME = dt.timedelta(hours=float(os.environ.get("BORDERLINKS_SESSION_HOURS") or 8))
#: request bodies above this are refused (413): an upload of MAX_UPLOAD_BYTES grows by 4/3 in base64
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES * 4 // 3 + 1024 * 1024


def app_registry_engine():
    """The registry of the app serving this request (its config's URL, else the configured one)."""
    return registry_engine(flask.current_app.config.get("BORDERLINKS_REGISTRY_URL") or registry_url())


def _generation_key(name: str) -> str:
    return f"session_generation:{name}"


def session_generation(engine, name: str) -> int:
    """The account's session generation: sessions made under an older one are over."""
    with engine.connect() as connection:
        return int(meta_value(connection, _generation_key(name)) or 0)


def end_sessions(engine, name: str) -> None:
    """End every session of the account `name`, on every device (sign-out)."""
    with engine.begin() as connection:
        current = int(meta_value(connection, _generation_key(name)) or 0)
        set_meta_value(connection, _generation_key(name), str(current + 1))


def start_session(user: User) -> None:
    """A new session for `user` (nothing of the old one is kept: no fixation), with a new CSRF token."""
    flask.session.clear()
    flask.session[SESSION_USER] = user.name
    flask.session[SESSION_SIGNED_IN_AT] = time.time()
    flask.session[SESSION_GENERATION] = session_generation(app_registry_engine(), user.name)
    flask.session.permanent = True  # the cookie ends with the sign-in (PERMANENT_SESSION_LIFETIME)
    csrf_token()


def _session_is_current(name: str) -> bool:
    signed_in_at = flask.session.get(SESSION_SIGNED_IN_AT)
    if not isinstance(signed_in_at, (int, float)) or time.time() - signed_in_at > SESSION_LIFETIME.total_seconds():
        return False
    return flask.session.get(SESSION_GENERATION) == session_generation(app_registry_engine(), name)


def current_user() -> User | None:
    """The signed-in, active user of this request (None for anonymous visitors, outside a request, after
    the session's lifetime, or once the account signed out elsewhere)."""
    if not flask.has_request_context():
        return None
    name = flask.session.get(SESSION_USER)
    if not name:
        return None
    cached = flask.g.get("borderlinks_user")
    if cached is not None and cached.name == name:
        return cached
    user = get_user(app_registry_engine(), name) if _session_is_current(name) else None
    flask.g.borderlinks_user = user
    return user


def requester() -> str:
    """Who is asking, for per-person limits: "user:<name>" when signed in, else "address:<ip>" (the
    visitor's address, as ProxyFix reports it behind a proxy); "local" outside a request."""
    if not flask.has_request_context():
        return "local"
    user = current_user()
    return f"user:{user.name}" if user else f"address:{flask.request.remote_addr or 'unknown'}"


def csrf_token() -> str:
    """The session's CSRF token (made on first use); put it in every form and write request."""
    token = flask.session.get(SESSION_CSRF)
    if not token:
        token = secrets.token_urlsafe(32)
        flask.session[SESSION_CSRF] = token
    return token


def csrf_ok() -> bool:
    expected = flask.session.get(SESSION_CSRF)
    given = (flask.request.headers.get(CSRF_HEADER) or flask.request.headers.get(DASH_CSRF_HEADER)
             or flask.request.form.get(CSRF_FIELD))
    if not given and flask.request.is_json:
        body = flask.request.get_json(silent=True)
        given = body.get(CSRF_FIELD) if isinstance(body, dict) else None
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(expected, given)


def refuse(status: int, message: str) -> flask.Response:
    response = flask.jsonify({"error": message})
    response.status_code = status
    return response


def writer_required(view: Callable) -> Callable:
    """Refuse (403) anyone but a signed-in editor or admin. The CSRF token was checked before the route
    (dashboard/web/security.py); a server without that layer refuses every write rather than run unguarded."""
    @functools.wraps(view)
    def guarded(*args, **kwargs):
        if not flask.current_app.extensions.get(CSRF_LAYER):
            return refuse(500, "This server has no CSRF protection installed (register_auth): writes are off.")
        user = current_user()
        if user is None:
            return refuse(403, "Sign in as an editor of the registry to make changes.")
        if not user.can_write:
            return refuse(403, f"The account {user.name} ({user.role}) may view but not change the registry.")
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
