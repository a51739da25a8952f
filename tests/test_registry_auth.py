"""Sign-in, roles and CSRF: anonymous visitors and viewers can never write; editors write with the token."""

from __future__ import annotations

import base64
import json

import flask
import pytest
from registry_world import RU_CP1251, csv_bytes, english_rows, registry_catalog
from sqlalchemy import func, select, text

from dashboard.registry import gazetteer as gazetteer_module
from dashboard.registry.database import registry_engine
from dashboard.registry.schema import activities, registry_audit, registry_imports, registry_users
from dashboard.registry.users import add_user, authenticate, set_role
from dashboard.web.auth import register_auth
from dashboard.web.registry import register_registry_api

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(registry_url):
    """A new registry on SQLite, and on PostgreSQL (tests/conftest.py)."""
    return registry_engine(registry_url)


@pytest.fixture
def server(engine, monkeypatch):
    monkeypatch.setattr(gazetteer_module, "_store_place_names", lambda: None)
    app = flask.Flask(__name__)
    app.config["BORDERLINKS_REGISTRY_URL"] = str(engine.url)
    catalog = registry_catalog()
    register_auth(app)
    register_registry_api(app, catalog_source=lambda: catalog)
    add_user(engine, "anna", PASSWORD, "editor")
    add_user(engine, "vera", PASSWORD, "viewer")
    return app


def sign_in(client, name: str, password: str = PASSWORD) -> str:
    """Sign in through the form like a browser; returns the session's CSRF token."""
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    response = client.post("/auth/login", data={"name": name, "password": password, "csrf_token": token,
                                                "next": "/registry?lang=ru"})
    assert response.status_code == 303
    return client.get("/auth/whoami").get_json()["csrf_token"]


def rows(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar()


def upload_json(data: bytes, name: str = "ru.csv", **extra) -> dict:
    return {"file_name": name, "content_base64": "data:text/csv;base64," + base64.b64encode(data).decode(),
            **extra}


WRITES = [
    ("/api/v1/registry/import/preview", upload_json(b"Title,Type\n")),
    ("/api/v1/registry/import/commit", upload_json(RU_CP1251.read_bytes())),
    ("/api/v1/registry/activities", {"title": "X", "type": "forum", "start_date": "2024-01-01", "places": "Minsk"}),
    ("/api/v1/registry/activities/1", {"title": "X", "type": "forum", "start_date": "2024-01-01"}),
    ("/api/v1/registry/activities/1/withdraw", {}),
    ("/api/v1/registry/activities/1/restore", {}),
    ("/api/v1/registry/twinnings", {"place_a": 554234, "place_b": 627907, "status": "active"}),
]


@pytest.mark.parametrize("path, body", WRITES, ids=[w[0].split("registry/")[1] for w in WRITES])
def test_an_anonymous_post_to_a_write_endpoint_is_refused(server, engine, path, body):
    client = server.test_client()
    token = client.get("/auth/whoami").get_json()["csrf_token"]  # even with a valid token
    response = client.post(path, json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 403 and "Sign in" in response.get_json()["error"]
    form = client.post(path, data={"csrf_token": token, "title": "X"})
    assert form.status_code == 403
    assert rows(engine, activities) == 0 and rows(engine, registry_imports) == 0


@pytest.mark.parametrize("path, body", WRITES[2:3] + WRITES[6:7])
def test_a_viewer_may_not_write(server, engine, path, body):
    client = server.test_client()
    token = sign_in(client, "vera")
    response = client.post(path, json=body, headers={"X-CSRF-Token": token})
    assert response.status_code == 403 and "vera (viewer)" in response.get_json()["error"]
    assert rows(engine, activities) == 0


def test_an_editor_needs_the_csrf_token(server, engine):
    client = server.test_client()
    token = sign_in(client, "anna")
    body = {"title": "Forum", "type": "forum", "start_date": "2024-01-01", "places": "Minsk"}
    assert client.post("/api/v1/registry/activities", json=body).status_code == 403
    assert client.post("/api/v1/registry/activities", json=body,
                       headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert rows(engine, activities) == 0
    saved = client.post("/api/v1/registry/activities", json=body, headers={"X-CSRF-Token": token})
    assert saved.status_code == 200 and saved.get_json()["saved"] is True
    assert rows(engine, activities) == 1


def test_an_editor_imports_with_preview_then_commit(server, engine):
    client = server.test_client()
    token = sign_in(client, "anna")
    headers = {"X-CSRF-Token": token}
    preview = client.post("/api/v1/registry/import/preview?lang=ru", json=upload_json(RU_CP1251.read_bytes()),
                          headers=headers).get_json()
    assert preview["refused"] is False and preview["counts"]["add"] == 6 and preview["encoding"] == "windows-1251"
    assert rows(engine, activities) == 0
    done = client.post("/api/v1/registry/import/commit", headers=headers,
                       json=upload_json(RU_CP1251.read_bytes(), digest=preview["digest"])).get_json()
    assert done["committed"] is True and done["counts"]["add"] == 6
    assert rows(engine, activities) == 6
    with engine.connect() as connection:
        log = connection.execute(select(registry_imports)).mappings().one()
    assert (log["user_name"], log["file_name"], log["origin"]) == ("anna", "ru.csv", "web")
    # multipart works too (curl -F file=@...)
    again = client.post("/api/v1/registry/import/preview", headers=headers,
                        data={"file": (RU_CP1251.open("rb"), "ru.csv")}, content_type="multipart/form-data")
    assert again.get_json()["counts"]["unchanged"] == 6
    # the logs are for signed-in users
    assert client.get("/api/v1/registry/imports").get_json()["imports"][0]["user_name"] == "anna"
    audit = client.get("/api/v1/registry/audit?entity=activity").get_json()["audit"]
    assert len(audit) == 6 and all(a["action"] == "insert" for a in audit)


def test_a_rejected_file_reports_rows_and_writes_nothing(server, engine):
    client = server.test_client()
    headers = {"X-CSRF-Token": sign_in(client, "anna")}
    bad = english_rows() + [["Party", "party", "2024-01-01", "", "Atlantis", "", "", "", "", ""]]
    preview = client.post("/api/v1/registry/import/preview", json=upload_json(csv_bytes(bad), "bad.csv"),
                          headers=headers).get_json()
    assert {(r["row"], r["column"], r["code"]) for r in preview["rejections"]} == {
        (5, "Type", "unknown_type"), (5, "Places", "unknown_place")}
    done = client.post("/api/v1/registry/import/commit", headers=headers,
                       json=upload_json(csv_bytes(bad), "bad.csv", digest=preview["digest"])).get_json()
    assert done["committed"] is False and done["code"] == "has_rejections"
    assert rows(engine, activities) == 0 and rows(engine, registry_imports) == 0


def test_a_50_mb_upload_is_refused_with_a_clear_message(server, engine):
    client = server.test_client()
    headers = {"X-CSRF-Token": sign_in(client, "anna")}
    big = b"Title,Type,Start date,Places\n" + b"x" * (50 * 2**20)
    response = client.post("/api/v1/registry/import/preview", headers=headers,
                           data={"file": (__import__("io").BytesIO(big), "big.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 413 and "20 MB" in response.get_json()["error"]
    assert rows(engine, activities) == 0
    # a file just over 20 MB that fits in the request is refused by the reader, in the user's language
    over = b"Title,Type,Start date,Places\n" + b"x" * (21 * 2**20)
    answer = client.post("/api/v1/registry/import/preview?lang=ru", headers=headers,
                         data={"file": (__import__("io").BytesIO(over), "over.csv")},
                         content_type="multipart/form-data").get_json()
    assert answer["refused"] is True and answer["code"] == "too_large" and "21.0 МБ" in answer["message"]


def test_sign_in_failures_and_safe_redirects(server):
    client = server.test_client()
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    wrong = client.post("/auth/login", data={"name": "anna", "password": "nope", "csrf_token": token,
                                             "next": "/registry"})
    assert wrong.status_code == 303 and wrong.headers["Location"].endswith("/registry?login=failed")
    assert client.get("/auth/whoami").get_json()["user"] is None
    no_token = client.post("/auth/login", data={"name": "anna", "password": PASSWORD, "next": "/registry"})
    assert "login=expired" in no_token.headers["Location"]
    assert client.get("/auth/whoami").get_json()["user"] is None
    evil = client.post("/auth/login", data={"name": "anna", "password": PASSWORD, "csrf_token": token,
                                            "next": "https://evil.example/"})
    assert evil.headers["Location"].endswith("/registry")
    assert client.get("/auth/whoami").get_json() | {"csrf_token": None} == {
        "user": "anna", "role": "editor", "csrf_token": None}


def test_sign_out_needs_the_token_and_ends_the_session(server):
    client = server.test_client()
    token = sign_in(client, "anna")
    client.post("/auth/logout", data={"next": "/registry"})
    assert client.get("/auth/whoami").get_json()["user"] == "anna"  # no token: nothing happens
    client.post("/auth/logout", data={"csrf_token": token, "next": "/registry"})
    assert client.get("/auth/whoami").get_json()["user"] is None


def test_a_disabled_account_loses_its_session(server, engine):
    client = server.test_client()
    token = sign_in(client, "anna")
    set_role(engine, "anna", active=False)
    response = client.post("/api/v1/registry/activities", headers={"X-CSRF-Token": token},
                           json={"title": "X", "type": "forum", "start_date": "2024-01-01", "places": "Minsk"})
    assert response.status_code == 403 and authenticate(engine, "anna", PASSWORD) is None


def test_the_session_cookie_is_httponly_and_samesite(server):
    client = server.test_client()
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    response = client.post("/auth/login", data={"name": "anna", "password": PASSWORD, "csrf_token": token})
    [cookie] = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_passwords_are_stored_hashed(engine):
    add_user(engine, "boris", PASSWORD, "admin")
    with engine.connect() as connection:
        stored = connection.execute(select(registry_users.c.password_hash)
                                    .where(registry_users.c.name == "boris")).scalar()
        dump = "\n".join(connection.connection.iterdump()) if hasattr(connection.connection, "iterdump") else ""
    assert stored.startswith("scrypt:") and PASSWORD not in stored and PASSWORD not in dump
    assert authenticate(engine, "boris", PASSWORD).role == "admin"
    assert authenticate(engine, "boris", "wrong") is None and authenticate(engine, "nobody", PASSWORD) is None
    with engine.connect() as connection:
        audit = connection.execute(select(registry_audit.c.new_value).where(registry_audit.c.entity == "user")).all()
    assert all(PASSWORD not in row[0] for row in audit)


def test_public_reads(server, engine):
    client = server.test_client()
    template = client.get("/api/v1/registry/template.csv?lang=ru")
    assert template.status_code == 200 and template.data.decode("utf-8-sig").startswith("Название;Тип")
    assert client.get("/api/v1/registry/template.xlsx").data[:2] == b"PK"
    assert client.get("/api/v1/registry/imports").status_code == 403  # logs name people
    assert client.get("/api/v1/registry/activities/99").status_code == 404


def test_corrections_withdrawals_and_twinning_records_are_audited(server, engine):
    client = server.test_client()
    headers = {"X-CSRF-Token": sign_in(client, "anna")}
    body = {"title": "Forum", "type": "forum", "start_date": "2024-01-01", "places": ["554234", "627907"],
            "twinning": "554234 – 627907"}
    first = client.post("/api/v1/registry/activities", json=body, headers=headers).get_json()
    corrected = client.post(f"/api/v1/registry/activities/{first['activity_id']}", headers=headers,
                            json=body | {"organiser": "Gomel city"}).get_json()
    assert corrected == {"saved": True, "activity_id": first["activity_id"], "changed": ["organiser"]}
    invalid = client.post("/api/v1/registry/activities", headers=headers,
                          json=body | {"type": "party", "start_date": "31.02.2024"}).get_json()
    assert invalid["saved"] is False and {p["column"] for p in invalid["problems"]} == {"type", "start_date"}
    duplicate = client.post("/api/v1/registry/activities", json=body, headers=headers).get_json()
    assert duplicate["saved"] is False and duplicate["problems"][0]["code"] == "duplicate_activity"
    assert client.post(f"/api/v1/registry/activities/{first['activity_id']}/withdraw",
                       headers=headers).get_json()["changed"] is True
    twin = client.post("/api/v1/registry/twinnings", headers=headers,
                       json={"place_a": 627907, "place_b": 554234, "status": "suspended", "year_signed": 2004})
    assert twin.get_json() == {"saved": True, "changed": ["notes", "signed", "signed_precision", "source_url",
                                                          "status", "year_signed"]}  # signed: '2004', a year
    with engine.connect() as connection:
        audit = connection.execute(text("SELECT action, entity, old_value FROM registry_audit "
                                        "WHERE entity != 'user' ORDER BY audit_id")).all()
    assert [(a, e) for a, e, _ in audit] == [("insert", "activity"), ("update", "activity"),
                                             ("withdraw", "activity"), ("insert", "twinning_record")]
    assert json.loads(audit[1][2])["organiser"] is None  # the old value is kept
