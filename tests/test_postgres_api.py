"""The /api/v1/ routes on the real store, on SQLite and on PostgreSQL (tests/conftest.py `store_backend`):
the answers equal direct SQL on the same database, so no SQLite-ism hides behind the catalogue."""

from __future__ import annotations

import flask
import pytest
from store_sql import sql

PAIR_SQL = """
    SELECT COUNT(*) AS n FROM twinnings t
    JOIN places a ON a.place_id = t.place_a JOIN places b ON b.place_id = t.place_b
    WHERE (a.iso3 = :x AND b.iso3 = :y) OR (a.iso3 = :y AND b.iso3 = :x)"""


@pytest.fixture
def api(store_backend, monkeypatch):
    """A bare Flask server with the API, reading the backend's store (its URL as the configured one)."""
    from dashboard.web.api import register_api
    from dashboard.web.corridors_api import register_corridor_api

    name, url, engine = store_backend
    monkeypatch.setenv("BORDERLINKS_DATABASE_URL", url)
    server = flask.Flask(__name__)
    register_api(server)
    register_corridor_api(server)
    return server.test_client(), engine


@pytest.mark.store
def test_api_answers_equal_sql_on_both_backends(api):
    client, engine = api
    summary = client.get("/api/v1/summary").get_json()
    counts = sql(engine, """SELECT (SELECT COUNT(*) FROM twinnings) AS twinnings,
                                   (SELECT COUNT(*) FROM places) AS places,
                                   (SELECT COUNT(*) FROM regions WHERE on_land_border) AS border_regions""")
    assert summary["counts"]["twinnings"] == counts.twinnings[0] > 15_000
    assert summary["counts"]["places"] == counts.places[0]
    assert summary["counts"]["border_regions"] == counts.border_regions[0] > 500

    between = client.get("/api/v1/twinnings?scope=between&pair=RUS,BLR").get_json()
    assert between["count"] == int(sql(engine, PAIR_SQL, x="RUS", y="BLR").n[0]) > 100

    layer = client.get("/api/v1/layers/countries.geojson")
    assert layer.status_code == 200
    shapes = set(sql(engine, "SELECT iso3 FROM countries WHERE geometry IS NOT NULL").iso3)
    drawn = {feature["id"] for feature in layer.get_json()["features"]}
    assert {"RUS", "BLR", "KAZ", "CHN"} <= drawn <= shapes and len(drawn) > 0.95 * len(shapes)

    corridors = client.get("/api/v1/corridors?countries=RUS")
    assert corridors.status_code == 200, corridors.get_data(as_text=True)[:300]
    borders = client.get("/api/v1/place-borders?countries=BLR")
    assert borders.status_code == 200, borders.get_data(as_text=True)[:300]
    communities = client.get("/api/v1/network/communities?blocs=EAEU").get_json()
    assert communities["method"] == "louvain" and communities["cities"] > 100
