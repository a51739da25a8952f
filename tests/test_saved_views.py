"""Saved views: saving, listing, editing, ordering a story, deleting; every write audited and bumping the
registry's version; who may write over HTTP (anonymous and viewers 403, editors with the CSRF token);
the shareable address; and the main figure of a page in a state (view_figure) on the real store."""

from __future__ import annotations

import json

import flask
import pandas as pd
import pytest
from registry_world import new_registry
from sqlalchemy import select

from dashboard.registry.database import registry_version
from dashboard.registry.frames import ACTIVITY_COLUMNS, RECORD_COLUMNS, frames_of
from dashboard.registry.saved_views import (
    NotFound,
    ViewRejected,
    create_view,
    delete_view,
    get_view,
    list_views,
    move_view,
    stories,
    story_views,
    update_view,
)
from dashboard.registry.schema import registry_audit, saved_views
from dashboard.registry.users import add_user
from dashboard.web.auth import register_auth
from dashboard.web.views import register_views_api

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(tmp_path):
    return new_registry(tmp_path)


def audit(engine, key: str | None = None) -> list[dict]:
    query = select(registry_audit).where(registry_audit.c.entity == "saved_view").order_by(registry_audit.c.audit_id)
    if key:
        query = query.where(registry_audit.c.entity_key == key)
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(query).mappings()]


def slide(title: str, path: str = "/", query: str = "", **extra) -> dict:
    return {"title": title, "path": path, "query": query, "story": "Forum 2026", **extra}


# ---- the registry functions --------------------------------------------------------------------------------

def test_saving_a_view_keeps_its_state_audits_and_bumps_the_version(engine):
    before = registry_version(engine)
    view = create_view(engine, {"title": "  Беларусь и ШОС  ", "description": "Twin cities", "path": "/network/",
                                "query": "?blocs=SCO&countries=RUS,BLR&lang=ru&junk=<script>"}, "anna")
    # a readable ASCII slug, the path and query canonical (junk dropped, lists sorted), trimmed text
    assert view.slug == "belarus-i-shos" and view.title == "Беларусь и ШОС"
    assert view.path == "/network" and view.query == "?lang=ru&countries=BLR,RUS&blocs=SCO"
    assert view.href == "/network?lang=ru&countries=BLR,RUS&blocs=SCO" and view.lang == "ru"
    assert view.story is None and view.position is None and view.created_by == "anna"
    assert registry_version(engine) == before + 1
    [row] = audit(engine)
    assert (row["action"], row["user_name"], row["entity_key"]) == ("insert", "anna", "belarus-i-shos")
    assert json.loads(row["new_value"])["query"] == view.query and row["old_value"] is None
    # the same title again gets its own slug; a profile path is normalised
    again = create_view(engine, {"title": "Беларусь и ШОС", "path": "/country/blr"}, "anna")
    assert again.slug == "belarus-i-shos-2" and again.path == "/country/BLR"


@pytest.mark.parametrize("values, field, code", [
    ({"title": " ", "path": "/"}, "title", "required"),
    ({"title": "X", "path": "/registry"}, "path", "not_saveable"),
    ({"title": "X", "path": "/present"}, "path", "not_saveable"),
    ({"title": "X", "path": "https://example.org/"}, "path", "not_saveable"),
    ({"title": "X", "path": "/", "story": "S", "position": "0"}, "position", "bad_position"),
    ({"title": "X" * 201, "path": "/"}, "title", "too_long"),
])
def test_invalid_values_are_refused_and_nothing_is_written(engine, values, field, code):
    before = registry_version(engine)
    with pytest.raises(ViewRejected) as rejected:
        create_view(engine, values, "anna")
    assert (field, code) in rejected.value.problems
    assert list_views(engine) == [] and audit(engine) == [] and registry_version(engine) == before


def test_a_story_keeps_its_slides_in_order(engine):
    first = create_view(engine, slide("Map", "/"), "anna")
    second = create_view(engine, slide("Network", "/network"), "anna")
    third = create_view(engine, slide("Belarus", "/country/BLR"), "anna")
    loose = create_view(engine, {"title": "Loose", "path": "/corridors"}, "anna")
    assert [(v.slug, v.position) for v in story_views(engine, "Forum 2026")] == [
        (first.slug, 1), (second.slug, 2), (third.slug, 3)]
    # a new slide at position 1 moves the others down (each move audited)
    opening = create_view(engine, slide("Opening", "/activities", position=1), "boris")
    assert [v.title for v in story_views(engine, "Forum 2026")] == ["Opening", "Map", "Network", "Belarus"]
    moved = [row for row in audit(engine, first.slug) if row["action"] == "update"]
    assert json.loads(moved[-1]["old_value"]) == {"position": 1} and moved[-1]["user_name"] == "boris"
    # listing: the story in order, then the views without one
    groups = stories(list_views(engine))
    assert [(story, [v.title for v in views]) for story, views in groups] == [
        ("Forum 2026", ["Opening", "Map", "Network", "Belarus"]), (None, ["Loose"])]
    # moving: later, earlier, clamped at the ends
    assert move_view(engine, opening.slug, 1, "anna").position == 2
    assert move_view(engine, opening.slug, -1, "anna").position == 1
    assert move_view(engine, opening.slug, -1, "anna").position == 1
    assert move_view(engine, third.slug, 1, "anna").position == 4
    assert move_view(engine, loose.slug, 1, "anna").position is None
    # deleting closes the gap and leaves the old values in the audit trail
    version = registry_version(engine)
    delete_view(engine, first.slug, "anna")
    assert [(v.title, v.position) for v in story_views(engine, "Forum 2026")] == [
        ("Opening", 1), ("Network", 2), ("Belarus", 3)]
    deleted = audit(engine, first.slug)[-1]
    assert deleted["action"] == "delete" and json.loads(deleted["old_value"])["title"] == "Map"
    assert registry_version(engine) == version + 1
    with pytest.raises(NotFound):
        get_view(engine, first.slug)


def test_editing_changes_the_values_not_the_address(engine):
    view = create_view(engine, slide("Map of SCO", "/", "?blocs=SCO", notes="Say hello"), "anna")
    other = create_view(engine, slide("Network", "/network"), "anna")
    version = registry_version(engine)
    edited, changes = update_view(engine, view.slug, {"title": "SCO twin cities", "notes": "Point at Minsk",
                                                      "description": "Since 2001"}, "boris")
    assert edited.slug == view.slug and edited.title == "SCO twin cities" and edited.query == "?blocs=SCO"
    assert set(changes) == {"title", "notes", "description"}
    assert (edited.updated_by, edited.created_by) == ("boris", "anna")
    row = audit(engine, view.slug)[-1]
    assert row["action"] == "update" and json.loads(row["old_value"])["title"] == "Map of SCO"
    assert json.loads(row["new_value"])["notes"] == "Point at Minsk"
    assert registry_version(engine) == version + 1
    # saving the same values changes nothing: no audit row, no new version
    rows = len(audit(engine))
    assert update_view(engine, view.slug, {"title": "SCO twin cities"}, "boris")[1] == {}
    assert len(audit(engine)) == rows and registry_version(engine) == version + 1
    # a new position within the story; then out of the story (the other closes up)
    update_view(engine, view.slug, {"position": 2}, "boris")
    assert [v.slug for v in story_views(engine, "Forum 2026")] == [other.slug, view.slug]
    out, changes = update_view(engine, view.slug, {"story": ""}, "boris")
    assert out.story is None and out.position is None and changes["story"] == ("Forum 2026", None)
    assert [(v.slug, v.position) for v in story_views(engine, "Forum 2026")] == [(other.slug, 1)]
    with pytest.raises(ViewRejected):
        update_view(engine, view.slug, {"title": ""}, "boris")
    with pytest.raises(NotFound):
        update_view(engine, "no-such-view", {"title": "X"}, "boris")


def test_the_table_lives_in_the_registry_not_in_the_store(engine):
    from dashboard.store import schema as store_schema
    assert "saved_views" in {table.name for table in saved_views.metadata.sorted_tables}
    assert "saved_views" not in {table.name for table in store_schema.metadata.sorted_tables}


# ---- over HTTP -----------------------------------------------------------------------------------------------

@pytest.fixture
def server(engine):
    app = flask.Flask(__name__)
    app.config["BORDERLINKS_REGISTRY_URL"] = str(engine.url)
    register_auth(app)
    register_views_api(app)
    add_user(engine, "anna", PASSWORD, "editor")
    add_user(engine, "vera", PASSWORD, "viewer")
    add_user(engine, "adam", PASSWORD, "admin")
    return app


def sign_in(client, name: str) -> str:
    token = client.get("/auth/whoami").get_json()["csrf_token"]
    response = client.post("/auth/login", data={"name": name, "password": PASSWORD, "csrf_token": token, "next": "/views"})
    assert response.status_code == 303
    return client.get("/auth/whoami").get_json()["csrf_token"]


def writes(slug: str) -> list[tuple[str, dict]]:
    return [("/api/v1/views", {"title": "X", "path": "/"}), (f"/api/v1/views/{slug}", {"title": "Y"}),
            (f"/api/v1/views/{slug}/move", {"step": 1}), (f"/api/v1/views/{slug}/delete", {})]


def test_anonymous_visitors_and_viewers_cannot_write(server, engine):
    view = create_view(engine, slide("Kept", "/network"), "anna")
    version = registry_version(engine)
    anonymous = server.test_client()
    token = anonymous.get("/auth/whoami").get_json()["csrf_token"]
    viewer = server.test_client()
    viewer_token = sign_in(viewer, "vera")
    for path, body in writes(view.slug):
        refused = anonymous.post(path, json=body, headers={"X-CSRF-Token": token})
        assert refused.status_code == 403 and "Sign in" in refused.get_json()["error"]
        refused = viewer.post(path, json=body, headers={"X-CSRF-Token": viewer_token})
        assert refused.status_code == 403 and "viewer" in refused.get_json()["error"]
    assert [v.title for v in list_views(engine)] == ["Kept"] and registry_version(engine) == version
    # everyone reads
    listing = anonymous.get("/api/v1/views").get_json()
    assert [v["slug"] for v in listing["views"]] == [view.slug]
    assert listing["stories"] == [{"story": "Forum 2026", "slugs": [view.slug]}]


def test_an_editor_saves_edits_reorders_and_deletes_with_the_csrf_token(server, engine):
    client = server.test_client()
    token = sign_in(client, "anna")
    body = {"title": "Belarus, SCO", "path": "/", "query": "?countries=BLR&blocs=SCO&view=fit", "story": "Forum",
            "notes": "Mention Gomel"}
    # without the token: refused
    assert client.post("/api/v1/views", json=body).status_code == 403 and list_views(engine) == []
    saved = client.post("/api/v1/views", json=body, headers={"X-CSRF-Token": token}).get_json()
    assert saved["saved"] and saved["view"]["share_path"] == "/views/belarus-sco"
    assert saved["view"]["href"] == "/?countries=BLR&blocs=SCO&view=fit" and saved["view"]["position"] == 1
    second = client.post("/api/v1/views", json={**body, "title": "Network", "path": "/network"},
                         headers={"X-CSRF-Token": token}).get_json()["view"]
    # the shareable address opens the page in its state
    opened = client.get("/views/belarus-sco")
    assert opened.status_code == 302 and opened.headers["Location"] == "/?countries=BLR&blocs=SCO&view=fit"
    assert client.get("/views/nothing-here").headers["Location"] == "/views?missing=nothing-here"
    # a rejected value says which field and why, in the request's language
    rejected = client.post("/api/v1/views?lang=ru", json={"title": "", "path": "/"},
                           headers={"X-CSRF-Token": token}).get_json()
    assert rejected["saved"] is False and rejected["problems"][0]["field"] == "title"
    assert "Название" in rejected["problems"][0]["message"]
    # edit, move, delete
    edited = client.post("/api/v1/views/belarus-sco", json={"title": "Belarus in the SCO"},
                         headers={"X-CSRF-Token": token}).get_json()
    assert edited["changed"] == ["title"] and edited["view"]["slug"] == "belarus-sco"
    moved = client.post(f"/api/v1/views/{second['slug']}/move", json={"step": -1}, headers={"X-CSRF-Token": token})
    assert moved.get_json()["view"]["position"] == 1
    assert client.post("/api/v1/views/belarus-sco/move", json={"step": 5},
                       headers={"X-CSRF-Token": token}).status_code == 400
    assert client.post("/api/v1/views/belarus-sco/delete", headers={"X-CSRF-Token": token}).get_json()["deleted"]
    assert client.get("/api/v1/views/belarus-sco").status_code == 404
    assert [row["action"] for row in audit(engine, "belarus-sco")] == ["insert", "update", "update", "delete"]
    assert {row["user_name"] for row in audit(engine)} == {"anna"}
    # an admin may write too
    admin = server.test_client()
    admin_token = sign_in(admin, "adam")
    assert admin.post("/api/v1/views", json={"title": "Admin's", "path": "/corridors"},
                      headers={"X-CSRF-Token": admin_token}).get_json()["saved"]


# ---- the figure of a view, on the real store ----------------------------------------------------------------

@pytest.fixture(scope="module")
def catalog(store_catalog):
    return store_catalog


def three_activities():
    """Two forums in Minsk in 2023 and a festival in Gomel in 2024 (none a sample)."""
    rows = [(1, "forum", "2023-03-01", 625144), (2, "forum", "2023-09-01", 625144), (3, "festival", "2024-05-01", 627907)]
    acts = pd.DataFrame([{**{column: None for column in ACTIVITY_COLUMNS}, "activity_id": aid, "title": f"A{aid}",
                          "activity_type": kind, "start_date": start, "end_date": start, "date_precision": "day",
                          "is_sample": False, "created_by": "t"} for aid, kind, start, _ in rows])
    places = pd.DataFrame({"activity_id": [r[0] for r in rows], "place_id": [r[3] for r in rows]})
    return frames_of(acts, places, pd.DataFrame(columns=["activity_id", "region_id"]),
                     pd.DataFrame(columns=["activity_id", "iso3"]), pd.DataFrame(columns=RECORD_COLUMNS))


def test_view_figure_draws_each_page_in_its_state(catalog, monkeypatch):
    from dashboard.charts import activities as activity_charts
    from dashboard.charts.views import view_figure, view_title

    frames = three_activities()  # the registry the activities chart reads, whatever the machine's registry holds
    monkeypatch.setattr(activity_charts, "live_frames", lambda _catalog: frames)

    # the map: filtered to Belarus, the countries layer marks the selection; geography embedded by default
    figure = view_figure("/", "?countries=BLR&scope=within&view=fit", "en", catalog)  # ties inside Belarus
    countries = figure.data[0]
    assert countries.type == "choropleth" and isinstance(countries.geojson, dict)
    assert figure.layout.geo.projection.scale > 1  # zoomed to the selection, not the world
    with_urls = view_figure("/", "?countries=BLR", "en", catalog, layer_url=lambda name, pov: f"/layers/{name}?{pov}")
    assert with_urls.data[0].geojson == "/layers/countries?default"
    # the network: its matrix, the filter's countries on its axes
    matrix = view_figure("/network", "?countries=BLR", "ru", catalog).data[0]
    assert matrix.type == "heatmap" and "BLR" in matrix.x
    # a country and a city profile: the subject in the legend, Russian when asked
    country = view_figure("/country/BLR", "", "ru", catalog)
    assert [trace.type for trace in country.data][0] == "choropleth" and country.data[0].geojson
    city = view_figure("/city/625144", "?lang=ru", "ru", catalog)
    assert "Минск" in [trace.name for trace in city.data]
    # activities per year (bars or the empty-registry message), the corridors map
    bars = {trace.name: {int(year): int(count) for year, count in zip(trace.x, trace.y, strict=True) if count}
            for trace in view_figure("/activities", "", "en", catalog).data if trace.type == "bar"}
    assert bars == {"Forum": {2023: 2}, "Festival": {2024: 1}}
    assert any(trace.type == "scattergeo" for trace in view_figure("/corridors", "", "en", catalog).data)
    # no figure for other pages or unknown subjects: a sentence instead of an error
    assert "no figure" in view_figure("/about", "", "en", catalog).layout.annotations[0].text
    assert view_figure("/country/XXX", "", "en", catalog).layout.annotations
    assert view_title("/", "?countries=BLR,RUS&blocs=SCO", "ru", catalog) == "Карта · Беларусь, Россия · ШОС"
    assert view_title("/city/625144", "", "en", catalog) == "City profile · Minsk"
