"""Source links accept only absolute http(s) addresses (or a citation in words): `//host/...`, `/path` and
other schemes are refused at entry and import, and an old row holding one is shown as text, not a link.
Query arguments that are numbers are checked: `?limit=abc` or `-1` is a 400, not a 500 or the whole log."""

from __future__ import annotations

import datetime as dt

import flask
import pytest
from registry_world import HEADER_EN, csv_bytes, gazetteer, registry_catalog

from dashboard.registry.database import registry_engine
from dashboard.registry.importing import preview_import
from dashboard.registry.links import acceptable_source, source_markdown, web_address
from dashboard.registry.service import EntryRejected, save_twinning_record
from dashboard.registry.users import add_user
from dashboard.web.auth import register_auth
from dashboard.web.registry import register_registry_api

PASSWORD = "correct horse battery"
HOSTILE = ["//evil.example/x", "/relative/path", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
           "ftp://example.org/x", "http:/example.org", "https://", "http://exa mple.org", "\\\\evil.example\\x",
           "https:evil.example"]


@pytest.mark.parametrize("value", HOSTILE)
def test_no_live_link_but_an_absolute_web_address(value):
    assert web_address(value) is None
    assert not acceptable_source(value)
    assert "](" not in source_markdown(value).replace("\\](", "").replace("\\(", "")


@pytest.mark.parametrize("value", ["https://example.org/a?b=1#c", "http://xn--80ak6aa92e.com/", "HTTPS://Example.org"])
def test_web_addresses_are_links(value):
    assert web_address(value) == value and acceptable_source(value)
    assert source_markdown(value).endswith(f"(<{value}>)")


def test_a_citation_in_words_is_a_source_but_no_link():
    assert acceptable_source("Minsk city council, decision 12 of 2024")
    assert web_address("Minsk city council") is None
    assert source_markdown("[x](javascript:alert(1))") == "\\[x\\]\\(javascript:alert\\(1\\)\\)"


@pytest.fixture
def engine(registry_url):
    return registry_engine(registry_url)


def test_an_import_row_with_a_protocol_relative_source_is_rejected(engine):
    rows = [HEADER_EN, ["Forum", "forum", "2024-05-14", "", "Podolsk; Gomel", "", "", "", "", "//evil.example/x"]]
    preview = preview_import(engine, csv_bytes(rows), "a.csv", gazetteer(registry_catalog()),
                             today=dt.date(2025, 6, 30))
    assert [(r.row, r.code) for r in preview.rejections] == [(2, "bad_source")]


def test_a_twinning_record_with_a_protocol_relative_source_is_rejected(engine):
    with pytest.raises(EntryRejected) as rejected:
        save_twinning_record(engine, gazetteer(registry_catalog()), "554234", "627907", "active", "anna",
                             source_url="//evil.example/x")
    assert [column for column, _ in rejected.value.problems] == ["source_url"]


@pytest.fixture
def member(engine, monkeypatch):
    from dashboard.registry import gazetteer as gazetteer_module
    monkeypatch.setattr(gazetteer_module, "_store_place_names", lambda: None)
    app = flask.Flask(__name__)
    app.config["BORDERLINKS_REGISTRY_URL"] = str(engine.url)
    register_auth(app)
    catalog = registry_catalog()
    register_registry_api(app, catalog_source=lambda: catalog)
    add_user(engine, "vera", PASSWORD, "viewer")
    client = app.test_client()
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    client.post("/auth/login", data={"name": "vera", "password": PASSWORD, "csrf_token": token, "next": "/"})
    assert client.get("/auth/whoami").get_json()["user"] == "vera"
    return client


@pytest.mark.parametrize("path", ["/api/v1/registry/imports", "/api/v1/registry/audit"])
@pytest.mark.parametrize("limit", ["abc", "-1", "0", "1e9", "99999999", "١٢"])
def test_numeric_query_arguments_are_checked(member, path, limit):
    response = member.get(f"{path}?limit={limit}")
    assert response.status_code == 400, (path, limit, response.status_code)
    assert "limit must be a whole number" in response.get_json()["error"]


@pytest.mark.parametrize("path", ["/api/v1/registry/imports", "/api/v1/registry/audit"])
def test_a_valid_limit_is_served(member, path):
    assert member.get(f"{path}?limit=5").status_code == 200
    assert member.get(path).status_code == 200
