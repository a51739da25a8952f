"""The server's guards, found in the whole app's URL map (routes added later are covered without editing
this file): every POST/PUT/PATCH/DELETE route, Dash's callback route included, refuses a cross-site
request (a signed-in editor's cookies, no token) before it runs; and every response carries the
security headers."""

from __future__ import annotations

import re

import pytest
from registry_world import PASSWORD, app_registry

from dashboard.web.security import CSRF_EXEMPT, DASH_CSRF_COOKIE

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
DASH_CALLBACKS = "/_dash-update-component"
CROSS_SITE = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}


@pytest.fixture
def dash_app(store_engine, tmp_path, monkeypatch):
    from dashboard.app import create_app

    app_registry(tmp_path, monkeypatch)
    return create_app()


@pytest.fixture
def server(dash_app):
    return dash_app.server


def write_routes(server) -> list[tuple[str, str, str]]:
    """(method, a concrete path, endpoint) of every rule of the app that accepts a writing method."""
    routes = []
    for rule in server.url_map.iter_rules():
        path = re.sub(r"<int:[^>]+>", "1", rule.rule)
        path = re.sub(r"<[^>]+>", "x", path)
        routes.extend((method, path, rule.endpoint) for method in sorted(rule.methods & WRITE_METHODS))
    return routes


def signed_in_editor(server):
    client = server.test_client()
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    response = client.post("/auth/login", data={"name": "anna", "password": PASSWORD, "csrf_token": token,
                                                "next": "/"})
    assert response.status_code == 303
    assert client.get("/auth/whoami").get_json()["user"] == "anna"
    return client, client.get("/auth/whoami").get_json()["csrf_token"]


def test_no_route_is_exempt_from_the_csrf_check():
    assert CSRF_EXEMPT == {}


def test_every_write_route_refuses_a_cross_site_request(server):
    routes = write_routes(server)
    assert {path for _, path, _ in routes} >= {DASH_CALLBACKS, "/auth/login", "/auth/logout",
                                               "/api/v1/registry/activities", "/api/v1/views"}
    editor, _ = signed_in_editor(server)
    body = {"title": "X", "type": "forum", "start_date": "2024-01-01", "places": "Minsk", "output": "x.children",
            "outputs": {"id": "x", "property": "children"}, "inputs": [], "changedPropIds": []}
    accepted = []
    for method, path, endpoint in routes:
        for kind, request in (("json", {"json": body}), ("form", {"data": {"title": "X", "next": "/"}})):
            response = editor.open(path, method=method, headers=CROSS_SITE, **request)
            if endpoint.startswith("borderlinks_auth."):  # the sign-in forms go back to their page
                ok = response.status_code == 303 and "/auth/" not in response.headers["Location"]
            else:
                ok = response.status_code == 403 and "security token" in response.get_json()["error"]
            if not ok:
                accepted.append(f"{method} {path} ({kind}): {response.status_code}")
    assert accepted == []
    assert editor.get("/auth/whoami").get_json()["user"] == "anna"  # the forged sign-out did nothing


def test_dash_callbacks_carry_the_token_through_the_cookie_dash_renderer_reads(server):
    client = server.test_client()
    page = client.get("/")
    cookie = client.get_cookie(DASH_CSRF_COOKIE)
    assert page.status_code == 200 and cookie is not None
    assert cookie.value == client.get("/auth/whoami").get_json()["csrf_token"]
    body = {"output": "nothing.children", "outputs": {"id": "nothing", "property": "children"}, "inputs": [],
            "changedPropIds": []}
    refused = client.post(DASH_CALLBACKS, json=body)
    assert refused.status_code == 403
    passed = client.post(DASH_CALLBACKS, json=body, headers={"X-CSRFToken": cookie.value})
    assert passed.status_code != 403  # past the guard: Dash itself answers (no such callback)


@pytest.mark.parametrize("path", ["/", "/about", "/_dash-layout", "/_dash-dependencies", "/auth/whoami",
                                  "/api/v1/summary", "/assets/borderlinks.css", "/no-such-page", "/present"])
def test_every_response_has_the_security_headers(server, path):
    response = server.test_client().get(path)
    headers = response.headers
    csp = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert "'unsafe-eval'" not in directives["script-src"] and "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'self'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"


def test_dash_inline_scripts_are_allowed_by_hash_only(dash_app):
    csp = dash_app.server.test_client().get("/").headers["Content-Security-Policy"]
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert set(dash_app.csp_hashes()) <= set(script_src.split()[1:])


def test_the_presentation_page_may_be_embedded_where_a_setting_allows(server, monkeypatch):
    monkeypatch.setenv("BORDERLINKS_FRAME_ANCESTORS", "https://secretariat.example")
    present = server.test_client().get("/present").headers
    assert "frame-ancestors 'self' https://secretariat.example" in present["Content-Security-Policy"]
    assert "X-Frame-Options" not in present
    other = server.test_client().get("/about").headers
    assert "frame-ancestors 'self';" in other["Content-Security-Policy"] + ";"
