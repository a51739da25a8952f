"""The /api/v1/ routes: JSON and CSV, the UI's filters, and a store that is missing."""

from __future__ import annotations

import csv
import io
import json

import flask
import pytest
from tiny_world import tiny_catalog, tiny_layers

from dashboard.store.layers import LAYER_NAMES
from dashboard.web.api import register_api
from dashboard.web.urls import layer_path


def tiny_layer_bytes(pov: str, name: str) -> bytes:
    if name not in LAYER_NAMES:
        raise KeyError(name)
    return json.dumps(getattr(tiny_layers(pov), name)).encode()


@pytest.fixture(scope="module")
def client():
    server = flask.Flask(__name__)
    catalog = tiny_catalog()
    register_api(server, catalog_source=lambda: catalog, layer_source=tiny_layer_bytes)
    register_api(server, catalog_source=lambda: catalog)  # a second registration changes nothing
    return server.test_client()


def test_summary_has_counts_and_match_rates(client):
    response = client.get("/api/v1/summary")
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert body["counts"]["twinnings"] == 8 and body["counts"]["places"] == 10
    assert body["counts"]["border_regions"] == 4 and body["counts"]["places_with_twins"] == 8
    assert body["match_rates"]["wikipedia_matched_pct"] == 80.0
    assert body["match_rates"]["wikidata_matched_pct"] == 50.0
    assert body["built_at"] == "2026-11-21T12:00:00"


def test_twinnings_take_the_ui_filters(client):
    body = client.get("/api/v1/twinnings?space=world&countries=BLR").get_json()
    assert body["count"] == 5 and body["kpis"]["twinnings"] == 5
    assert body["filters"] == "space=world&countries=BLR"
    row = body["twinnings"][0]
    assert set(row) >= {"twinning_id", "place_a", "name_a", "iso3_a", "place_b", "name_b", "iso3_b",
                        "distance_km", "crosses_land_border"}
    between = client.get("/api/v1/twinnings?space=world&scope=between&pair=RUS,BLR&border=1").get_json()
    assert [(r["name_a"], r["name_b"]) for r in between["twinnings"]] == [("Bryansk", "Gomel")]
    blocs = client.get("/api/v1/twinnings?space=world&blocs=SCO&scope=within").get_json()
    assert blocs["count"] == 6 and blocs["countries"] == ["BLR", "CHN", "KAZ", "RUS"]


def test_twinnings_in_russian_and_as_csv(client):
    response = client.get("/api/v1/twinnings?space=world&countries=KAZ&lang=ru&format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 2 and {rows[0]["name_a"], rows[0]["name_b"]} == {"Москва", "Алматы"}


def test_filters_outside_their_allowed_sets_are_refused_with_the_reason(client):
    assert client.get("/api/v1/twinnings?space=world&countries=BLR&unknown=1").status_code == 200  # other keys: ignored
    for query, reason in [
        ("countries=XX1,BLR", "countries: 'XX1' not allowed"),
        ("countries=BLR%27%20OR%201%3D1--", "countries: \"BLR' OR 1=1--\" not allowed"),
        ("countries=BLR,QQQ", "countries: QQQ not known"),
        ("regions=RUS-99999", "regions: RUS-99999 not known"),
        ("minpop=lots", "minpop: 'lots' not allowed"),
        ("scope=everything", "scope: 'everything' not allowed"),
        ("lang=xx&from=1200", "lang: 'xx' not allowed; from: '1200' not allowed"),
    ]:
        for route in ("twinnings", "places", "network/matrix"):
            response = client.get(f"/api/v1/{route}?{query}")
            assert response.status_code == 400, (route, query)
            assert response.get_json()["error"] == f"Invalid filters: {reason}", (route, query)


def test_bad_format_is_a_client_error(client):
    response = client.get("/api/v1/twinnings?space=world&format=xml")
    assert response.status_code == 400 and "format" in response.get_json()["error"]


def test_places_endpoint(client):
    body = client.get("/api/v1/places?space=world&border=1&minpop=1000000").get_json()
    assert [(p["name"], p["partners"]) for p in body["places"]] == [("Almaty", 2), ("Harbin", 0)]


def test_missing_store_says_what_to_do():
    server = flask.Flask(__name__)

    def no_store():
        raise FileNotFoundError("no store at data/borderlinks.sqlite")

    register_api(server, catalog_source=no_store)
    response = server.test_client().get("/api/v1/summary")
    assert response.status_code == 503 and "python -m dashboard build" in response.get_json()["error"]


def test_map_layers_are_geojson_the_browser_may_cache(client):
    response = client.get(layer_path("countries", "deu", "20261121"))
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert "max-age" in response.headers["Cache-Control"]
    features = json.loads(response.get_data())["features"]
    assert features[0]["id"] == "RUS" and features[0]["geometry"]["coordinates"][0][0][0] == [30.0, 46.0]
    assert client.get("/api/v1/layers/rivers.geojson").status_code == 404
    assert client.get("/api/v1/layers/countries.geojson?pov=xyz").status_code == 400
