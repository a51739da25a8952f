"""The three imports (activities, action plans, practices) answer a file the same way, from dashboard/web/uploads.py:
no file or bad base64 is a 400 saying what to send, an unreadable file is refused with its reason and writes
nothing, and nobody but a signed-in editor with the session's token gets that far."""

from __future__ import annotations

import base64

import flask
import pytest
from registry_world import registry_catalog
from sqlalchemy import func, select

from dashboard.registry import gazetteer as gazetteer_module
from dashboard.registry.database import registry_engine
from dashboard.registry.practice_tables import practices
from dashboard.registry.schema import action_plans, activities, plan_items, registry_audit, registry_imports
from dashboard.registry.users import add_user
from dashboard.web.auth import register_auth
from dashboard.web.monitoring import register_monitoring_api
from dashboard.web.practices import register_practices_api
from dashboard.web.registry import register_registry_api

PASSWORD = "correct horse battery"
#: (preview URL, commit URL) of each import
IMPORTS = [
    ("/api/v1/registry/import/preview", "/api/v1/registry/import/commit"),
    ("/api/v1/monitoring/plans/preview", "/api/v1/monitoring/plans"),
    ("/api/v1/practices/import/preview", "/api/v1/practices/import/commit"),
]
GARBAGE = {"file_name": "plan.xlsx", "content_base64": base64.b64encode(b"\x00\x01 not a workbook").decode(),
           "title": "A plan", "countries": "RUS,BLR", "digest": "0" * 64}


@pytest.fixture
def engine(tmp_path):
    return registry_engine(f"sqlite:///{tmp_path / 'registry.sqlite'}")


@pytest.fixture
def client(engine, monkeypatch):
    monkeypatch.setattr(gazetteer_module, "_store_place_names", lambda: None)
    app = flask.Flask(__name__)
    app.config["BORDERLINKS_REGISTRY_URL"] = str(engine.url)
    catalog = registry_catalog()
    register_auth(app)
    register_registry_api(app, catalog_source=lambda: catalog)
    register_monitoring_api(app, catalog_source=lambda: catalog)
    register_practices_api(app, catalog_source=lambda: catalog)
    add_user(engine, "anna", PASSWORD, "editor")
    add_user(engine, "vera", PASSWORD, "viewer")
    return app.test_client()


def sign_in(client, name: str) -> str:
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    response = client.post("/auth/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    return client.get("/auth/whoami").get_json()["csrf_token"]


def written(engine) -> int:
    with engine.connect() as connection:
        return sum(connection.execute(select(func.count()).select_from(table)).scalar()
                   for table in (activities, registry_imports, action_plans, plan_items, practices, registry_audit))


@pytest.mark.parametrize("preview_url, commit_url", IMPORTS)
def test_every_import_answers_a_file_the_same_way(client, engine, preview_url, commit_url):
    before = written(engine)
    assert client.post(preview_url, json=GARBAGE).status_code == 403  # nobody signed in
    viewer = sign_in(client, "vera")
    assert client.post(preview_url, json=GARBAGE, headers={"X-CSRF-Token": viewer}).status_code == 403
    client.post("/auth/logout", data={"csrf_token": viewer})
    token = sign_in(client, "anna")
    assert client.post(commit_url, json=GARBAGE).status_code == 403  # the editor without the session's token
    headers = {"X-CSRF-Token": token}
    for url in (preview_url, commit_url):
        missing = client.post(url, json={"file_name": "x.csv"}, headers=headers)
        assert missing.status_code == 400 and "multipart field 'file'" in missing.get_json()["error"]
        bad = client.post(url, json={"file_name": "x.csv", "content_base64": "%%%"}, headers=headers)
        assert bad.status_code == 400 and bad.get_json()["error"] == "content_base64 is not base64."
    preview = client.post(preview_url + "?lang=ru", json=GARBAGE, headers=headers)
    assert preview.status_code == 200
    answer = preview.get_json()
    assert answer["refused"] is True and answer["code"] and answer["message"]
    commit = client.post(commit_url, json=GARBAGE, headers=headers).get_json()
    assert commit["refused"] is True and commit["committed"] is False and commit["code"] == answer["code"]
    assert written(engine) == before
