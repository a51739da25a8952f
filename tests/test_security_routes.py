"""Every state-changing route of the whole app (found in its URL map, so routes added later are covered
without editing this file) refuses a request without the session's CSRF token, signed in or not, and
refuses anonymous visitors even with the token. Dash's own callback route needs the token too (the CSRF
layer of dashboard/web/security.py, tests/test_web_security.py) but no account: its callbacks only read
(the registry page writes through /api/v1/registry/..., see dashboard/assets/registry.js), so it is left
out of the account check here.
"""

from __future__ import annotations

import re

import pytest
from registry_world import PASSWORD, app_registry

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
DASH_INTERNAL = {"/_dash-update-component"}
SIGN_IN_OUT = {"/auth/login", "/auth/logout"}  # a browser form's target: refused by redirecting, tested below


@pytest.fixture
def server(store_engine, tmp_path, monkeypatch):
    from dashboard.app import create_app

    app_registry(tmp_path, monkeypatch)
    return create_app().server


def write_routes(server) -> list[tuple[str, str]]:
    """(method, a concrete path) of every rule that accepts a writing method."""
    routes = []
    for rule in server.url_map.iter_rules():
        path = re.sub(r"<int:[^>]+>", "1", rule.rule)
        path = re.sub(r"<[^>]+>", "x", path)
        if path in DASH_INTERNAL or path.startswith("/_dash"):
            continue
        routes.extend((method, path) for method in sorted(rule.methods & WRITE_METHODS))
    return routes


def test_the_app_has_write_routes_to_check(server):
    paths = {path for _, path in write_routes(server)}
    assert {"/auth/login", "/api/v1/registry/activities", "/api/v1/registry/import/commit"} <= paths


def test_every_write_route_needs_the_csrf_token_and_an_account(server):
    anonymous = server.test_client()
    token = anonymous.get("/auth/whoami").get_json()["csrf_token"]
    editor = server.test_client()
    editor_token = editor.get("/auth/whoami").get_json()["csrf_token"]
    signed_in = editor.post("/auth/login", data={"name": "anna", "password": PASSWORD,
                                                 "csrf_token": editor_token, "next": "/"})
    assert signed_in.status_code == 303
    body = {"title": "X", "type": "forum", "start_date": "2024-01-01", "places": "Minsk"}
    failures = []
    for method, path in write_routes(server):
        if path in SIGN_IN_OUT:
            continue
        for who, client in (("anonymous", anonymous), ("editor", editor)):
            response = client.open(path, method=method, json=body)  # no token
            if response.status_code != 403:
                failures.append(f"{method} {path} without token as {who}: {response.status_code}")
        response = anonymous.open(path, method=method, json=body, headers={"X-CSRF-Token": token})
        if response.status_code not in (401, 403):
            failures.append(f"{method} {path} anonymous with token: {response.status_code}")
    assert failures == []


def test_sign_in_and_out_without_the_token_do_nothing(server):
    stranger = server.test_client()
    stranger.get("/auth/whoami")
    stranger.post("/auth/login", data={"name": "anna", "password": PASSWORD, "next": "/"})
    assert stranger.get("/auth/whoami").get_json()["user"] is None  # a forged sign-in form does not sign in
    editor = server.test_client()
    token = editor.get("/auth/whoami").get_json()["csrf_token"]
    editor.post("/auth/login", data={"name": "anna", "password": PASSWORD, "csrf_token": token, "next": "/"})
    assert editor.get("/auth/whoami").get_json()["user"] == "anna"
    editor.post("/auth/logout", data={"next": "/"})
    assert editor.get("/auth/whoami").get_json()["user"] == "anna"  # a forged sign-out does not sign out
