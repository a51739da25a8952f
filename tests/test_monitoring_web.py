"""The monitoring writes over HTTP, as the pages send them (SQLite and PostgreSQL): the activity form's
sector, status and action-plan items; the plan import's preview and commit; sign-in, role and CSRF."""

from __future__ import annotations

import base64

import flask
import pytest
from registry_world import csv_bytes, registry_catalog
from sqlalchemy import func, select

from dashboard.registry import gazetteer as gazetteer_module
from dashboard.registry.database import registry_engine
from dashboard.registry.plans import Plan, PlanItem, create_plan, read_plans
from dashboard.registry.schema import action_plans, plan_item_activities
from dashboard.registry.statuses import status_history
from dashboard.registry.users import add_user
from dashboard.web.auth import register_auth
from dashboard.web.monitoring import register_monitoring_api
from dashboard.web.registry import register_registry_api

PASSWORD = "correct horse battery"
FORM = {"title": "Days of Gomel in Podolsk", "type": "festival", "start_date": "2025-03-01", "places": [554234, 627907],
        "countries": [], "twinning": "", "sector": ["culture", "youth"], "status": "planned"}


@pytest.fixture
def engine(registry_url):
    return registry_engine(registry_url)


@pytest.fixture
def server(engine, monkeypatch):
    monkeypatch.setattr(gazetteer_module, "_store_place_names", lambda: None)
    app = flask.Flask(__name__)
    app.config["BORDERLINKS_REGISTRY_URL"] = str(engine.url)
    catalog = registry_catalog()
    register_auth(app)
    register_registry_api(app, catalog_source=lambda: catalog)
    register_monitoring_api(app, catalog_source=lambda: catalog)
    add_user(engine, "anna", PASSWORD, "editor")
    add_user(engine, "vera", PASSWORD, "viewer")
    return app


def sign_in(client, name: str) -> str:
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    assert client.post("/auth/login", data={"name": name, "password": PASSWORD, "csrf_token": token}).status_code == 303
    return client.get("/auth/whoami").get_json()["csrf_token"]


def post(client, path: str, token: str | None, body: dict):
    return client.post(path, json=body, headers={"X-CSRF-Token": token} if token else {})


def test_the_activity_form_saves_sector_status_and_plan_items_and_keeps_each_status_change(server, engine):
    with engine.begin() as connection:
        create_plan(connection, Plan("Plan", ("RUS", "BLR")), [PlanItem("Days of culture", sector="culture")], "anna")
    item_id = int(read_plans(engine).items["item_id"].iloc[0])
    client = server.test_client()
    token = sign_in(client, "anna")
    saved = post(client, "/api/v1/registry/activities", token, {**FORM, "plan_items": [item_id]}).get_json()
    assert saved["saved"] is True
    activity_id = saved["activity_id"]
    record = client.get(f"/api/v1/registry/activities/{activity_id}").get_json()
    assert (record["sectors"], record["status"]) == (["culture", "youth"], "planned")
    corrected = post(client, f"/api/v1/registry/activities/{activity_id}", token,
                     {**FORM, "status": "held", "plan_items": []}).get_json()
    assert corrected["saved"] and set(corrected["changed"]) == {"status", "plan_items"}
    with engine.connect() as connection:
        assert [h["status"] for h in status_history(connection, activity_id)] == ["planned", "held"]
        assert connection.execute(select(func.count()).select_from(plan_item_activities)).scalar() == 0


def test_plan_import_needs_an_editor_and_the_token_and_writes_only_a_clean_file(server, engine):
    rows = [["Мероприятие", "Сектор", "Срок"], ["Дни культуры", "культура", "II квартал 2024"],
            ["Форум", "экономика", "31.02.2025"]]
    upload = {"file_name": "plan.csv", "content_base64": base64.b64encode(csv_bytes(rows, ";")).decode(), "lang": "ru",
              "title": "План", "countries": ["RUS", "BLR"]}
    client = server.test_client()
    assert post(client, "/api/v1/monitoring/plans/preview", None, upload).status_code == 403
    viewer = sign_in(client, "vera")
    assert post(client, "/api/v1/monitoring/plans/preview", viewer, upload).status_code == 403
    client = server.test_client()
    token = sign_in(client, "anna")
    assert post(client, "/api/v1/monitoring/plans/preview", None, upload).status_code == 403  # no token
    preview = post(client, "/api/v1/monitoring/plans/preview", token, upload).get_json()
    assert [(r["row"], r["column"]) for r in preview["rejections"]] == [(3, "Срок")]
    refused = post(client, "/api/v1/monitoring/plans", token, {**upload, "digest": preview["digest"]}).get_json()
    assert refused["committed"] is False
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(action_plans)).scalar() == 0
    clean = {**upload, "content_base64": base64.b64encode(csv_bytes(rows[:2], ";")).decode()}
    preview = post(client, "/api/v1/monitoring/plans/preview", token, clean).get_json()
    saved = post(client, "/api/v1/monitoring/plans", token, {**clean, "digest": preview["digest"]}).get_json()
    assert saved["committed"] is True
    plans = read_plans(engine)
    assert list(plans.plans["title"]) == ["План"] and list(plans.items["sector"]) == ["culture"]


def test_an_editor_corrects_a_plan_item_and_the_other_fields_stay(server, engine):
    with engine.begin() as connection:
        create_plan(connection, Plan("Plan", ("RUS", "BLR")),
                    [PlanItem("Days of culture", sector="culture", countries=("BLR", "RUS"), target=2)], "anna")
    item_id = int(read_plans(engine).items["item_id"].iloc[0])
    client = server.test_client()
    assert post(client, f"/api/v1/monitoring/plan-items/{item_id}", None, {"target": 3}).status_code == 403
    token = sign_in(client, "anna")
    answer = post(client, f"/api/v1/monitoring/plan-items/{item_id}", token,
                  {"text": "Days of culture and youth", "due_to": "2025-12-31", "target": "3"})
    assert answer.get_json() == {"item_id": item_id, "changed": True}
    item = read_plans(engine).items.iloc[0]
    assert (item["text"], item["sector"], item["countries"], int(item["target"]), str(item["due_to"].date())) == (
        "Days of culture and youth", "culture", ("BLR", "RUS"), 3, "2025-12-31")
    bad = post(client, f"/api/v1/monitoring/plan-items/{item_id}", token, {"due_to": "31.12.2025"})
    assert bad.status_code == 400
