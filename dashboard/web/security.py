"""The guards every request and response of the server passes through, whatever route serves it.

CSRF by default. `protect_writes(server)` adds one `before_request` check: every POST, PUT, PATCH and
DELETE must carry the session's CSRF token (dashboard.auth.csrf_ok: header X-CSRF-Token or X-CSRFToken,
form field or JSON field csrf_token), or it is refused with 403 before its route runs. A route is exempt
only by being named in CSRF_EXEMPT with its reason; today none is. Routes added later (monitoring,
practices, anything) are covered without a line of their own. Dash's callback route
(/_dash-update-component) is covered too, deliberately: it writes nothing in the registry (the registry's
writes go through /api/v1/registry/...), but a callback queues PDF briefs, and a forged page must not be
able to do that in a visitor's name. dash-renderer sends the value of the `_csrf_token` cookie as the
X-CSRFToken header on every callback, so the server keeps that cookie equal to the session's token (a
cross-site page can neither read it nor set the header). Some routes answer a refusal their own way
(the sign-in form goes back to the page with ?login=expired): `on_csrf_refusal(server, endpoint, view)`.

Headers on every response (`add_security_headers`): a Content-Security-Policy the app runs under (scripts
only from this server plus the hashes of Dash's own inline scripts, no eval; styles inline because
plotly.js writes style elements; images and workers from blob:/data: for MapLibre and plotly),
X-Content-Type-Options: nosniff, Referrer-Policy: strict-origin-when-cross-origin, and frame-ancestors
'self' (the presentation page may also be embedded by the origins in BORDERLINKS_FRAME_ANCESTORS).

Behind a proxy: BORDERLINKS_PROXY_HOPS (default 1 under gunicorn, else 0) proxies are trusted for
X-Forwarded-For/-Proto/-Host (werkzeug's ProxyFix), so the sign-in limits see the visitor's address and
cookies know the request came over HTTPS. BORDERLINKS_SECURE_COOKIES: `auto` (default: Secure when the
request came over HTTPS), `always` or `never`. No Dash imports.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import flask
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard.auth import CSRF_LAYER, SESSION_CSRF, csrf_ok, csrf_token, refuse

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
#: endpoint -> why it may be written to without the session's token. Keep it empty unless a route truly
#: cannot carry the token (a webhook signed some other way); the CSRF test lists every other write route.
CSRF_EXEMPT: dict[str, str] = {}
DASH_CSRF_COOKIE = "_csrf_token"  # the name dash-renderer reads (its config's csrf_token_name default)
PRESENT_PATH = "/present"
SCRIPT_HASHES = "BORDERLINKS_CSP_SCRIPT_HASHES"
_REFUSALS = "borderlinks_csrf_refusals"


def proxy_hops() -> int:
    """How many proxies in front of the app to trust for X-Forwarded-*: the setting, else 1 under gunicorn
    (which is meant to be served behind one, see the Dockerfile), else 0."""
    configured = os.environ.get("BORDERLINKS_PROXY_HOPS", "").strip()
    if configured:
        return max(0, int(configured))
    return 1 if "gunicorn" in sys.modules else 0


def secure_cookies(request: flask.Request | None = None) -> bool:
    """Whether cookies get the Secure flag on this request (BORDERLINKS_SECURE_COOKIES)."""
    mode = os.environ.get("BORDERLINKS_SECURE_COOKIES", "auto").strip().lower()
    if mode in ("always", "1", "true", "yes"):
        return True
    if mode in ("never", "0", "false", "no"):
        return False
    return bool(request is not None and request.is_secure)


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, Secure over HTTPS (per request, not per deployment)."""

    def get_cookie_secure(self, app: flask.Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or secure_cookies(
            flask.request if flask.has_request_context() else None)


# ---- CSRF ------------------------------------------------------------------------------------------------

def on_csrf_refusal(server: flask.Flask, endpoint: str, respond: Callable[[], flask.Response]) -> None:
    """Answer a write to `endpoint` without the token with `respond()` instead of the plain 403 (it must
    not do what the route does)."""
    server.extensions.setdefault(_REFUSALS, {})[endpoint] = respond


def protect_writes(server: flask.Flask) -> None:
    """Refuse every write request without the session's CSRF token (idempotent); see the module's text."""
    if server.extensions.get(CSRF_LAYER):
        return
    server.extensions[CSRF_LAYER] = True
    server.session_interface = SessionCookies()

    @server.before_request
    def refuse_cross_site_writes():
        request = flask.request
        if request.method not in WRITE_METHODS or request.endpoint in CSRF_EXEMPT:
            return None
        if csrf_ok():
            return None
        respond = server.extensions.get(_REFUSALS, {}).get(request.endpoint)
        if respond is not None:
            return respond()
        return refuse(403, "The request's security token is missing or out of date: reload the page.")

    @server.after_request
    def share_token_with_dash(response: flask.Response) -> flask.Response:
        """Keep the `_csrf_token` cookie (read by dash-renderer) equal to the session's token; a page
        load makes the token if the session has none."""
        if response.mimetype == "text/html":
            token = csrf_token()
        else:
            token = flask.session.get(SESSION_CSRF)
        if token and flask.request.cookies.get(DASH_CSRF_COOKIE) != token:
            response.set_cookie(DASH_CSRF_COOKIE, token, samesite="Lax", secure=secure_cookies(flask.request),
                                httponly=False, path="/")  # dash-renderer must read it: it holds no secret
        return response


# ---- headers ---------------------------------------------------------------------------------------------

def allow_inline_scripts(server: flask.Flask, hashes: Callable[[], list[str]]) -> None:
    """`hashes()` gives the CSP hashes ("'sha256-...'") of the inline scripts the app itself writes (Dash's
    renderer start and its clientside callbacks: `dash_app.csp_hashes`, asked on each response because Dash
    may add a script after start)."""
    server.config[SCRIPT_HASHES] = hashes


def frame_ancestors_for(path: str) -> str:
    """'self', and for the presentation page the origins in BORDERLINKS_FRAME_ANCESTORS."""
    allowed = os.environ.get("BORDERLINKS_FRAME_ANCESTORS", "").split()
    if path.rstrip("/") == PRESENT_PATH and allowed:
        return " ".join(["'self'", *allowed])
    return "'self'"


def content_security_policy(script_hashes: list[str], frame_ancestors: str) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",  # plotly.js and MapLibre add <style> rules at run time
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "worker-src": "'self' blob:",  # MapLibre's workers
        "child-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def add_security_headers(server: flask.Flask) -> None:
    """Security headers on every response of `server`, and the proxy set-up (idempotent)."""
    if server.extensions.get("borderlinks_security_headers"):
        return
    server.extensions["borderlinks_security_headers"] = True
    hops = proxy_hops()
    if hops:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    @server.after_request
    def security_headers(response: flask.Response) -> flask.Response:
        ancestors = frame_ancestors_for(flask.request.path)
        headers = response.headers
        headers.setdefault("Content-Security-Policy",
                           content_security_policy(server.config.get(SCRIPT_HASHES, list)(), ancestors))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        if ancestors == "'self'":
            headers.setdefault("X-Frame-Options", "SAMEORIGIN")  # for browsers without frame-ancestors
        return response
