"""The HTTP surface is registered in one place (dashboard.web.register_routes), once per server, and never
by importing a page: two apps built in one process each serve every route, a second registration adds
nothing, and a bare Flask server gets the whole surface from register_routes alone."""

from __future__ import annotations

import subprocess
import sys

import flask

from dashboard.web import register_routes

WEB_BLUEPRINTS = {"borderlinks_auth", "borderlinks_api_v1", "borderlinks_api_v1_corridors",
                  "borderlinks_registry_api", "borderlinks_views_api", "borderlinks_exports"}


def rules(server: flask.Flask) -> list[tuple[str, str, tuple[str, ...]]]:
    return sorted((rule.rule, rule.endpoint, tuple(sorted(rule.methods))) for rule in server.url_map.iter_rules())


def test_register_routes_gives_a_bare_server_the_whole_surface_once(tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", f"sqlite:///{tmp_path / 'registry.sqlite'}")
    server = flask.Flask(__name__)
    register_routes(server)
    first = rules(server)
    register_routes(server)  # idempotent
    assert rules(server) == first
    assert WEB_BLUEPRINTS <= set(server.blueprints)
    paths = {rule for rule, _, _ in first}
    assert {"/auth/login", "/api/v1/summary", "/api/v1/corridors", "/api/v1/registry/activities",
            "/api/v1/views", "/views/<slug>", "/export/<name>.<fmt>"} <= paths
    assert server.test_client().get("/auth/whoami").get_json()["user"] is None


def test_each_app_in_a_process_has_every_route(store_engine, tmp_path, monkeypatch):
    from registry_world import app_registry

    from dashboard.app import create_app

    app_registry(tmp_path, monkeypatch)
    first, second = create_app().server, create_app().server
    assert WEB_BLUEPRINTS <= set(first.blueprints) and WEB_BLUEPRINTS <= set(second.blueprints)
    assert rules(first) == rules(second)
    assert second.test_client().get("/api/v1/summary").status_code == 200


PAGES_IMPORT = """
import importlib, pkgutil, sys
import dash
import dashboard.pages
app = dash.Dash("probe", use_pages=True, pages_folder=sys.argv[1])
rules = lambda: sorted(rule.rule for rule in app.server.url_map.iter_rules())
before = rules()
for module in pkgutil.iter_modules(dashboard.pages.__path__):
    importlib.import_module("dashboard.pages." + module.name)
print(sorted(set(rules()) - set(before)))
"""


def test_importing_the_pages_registers_no_route(tmp_path):
    """Every page imported into an app that has no routes yet (in a child process: Dash's page and
    callback registries are global) leaves its URL map as it was."""
    result = subprocess.run([sys.executable, "-c", PAGES_IMPORT, str(tmp_path)], capture_output=True, text=True,
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
