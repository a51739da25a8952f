"""The corridors page's border strip layer (on two square countries) and its activities count (against a
small fixture registry): no store needed.

    AAA (0-2°E, 50-52°N) | BBB (2-4°E): one straight land border of 222 km along 2°E
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import flask
import numpy as np
import pandas as pd
import pytest
import shapely
from registry_world import CORRIDORS, csv_bytes, gazetteer, new_registry, registry_catalog
from sqlalchemy import text
from tiny_world import tiny_catalog

from dashboard.figures import corridors as corridor_figures
from dashboard.registry import views
from dashboard.registry.frames import read_frames
from dashboard.registry.importing import commit_import
from dashboard.state import STRIP_WIDTHS, ViewState
from dashboard.store.corridor_views import corridor_activity_counts
from dashboard.store.layers import border_strips

# ---- the border strip --------------------------------------------------------------------------------------

BORDER_KM = 222.4  # 2° of latitude


@pytest.fixture(scope="module")
def strips():
    from geo.borders import land_borders

    countries = pd.DataFrame({"iso3": ["AAA", "BBB"],
                              "geometry": [shapely.box(0, 50, 2, 52), shapely.box(2, 50, 4, 52)]})
    import geopandas as gpd
    borders = land_borders(gpd.GeoDataFrame(countries, geometry="geometry", crs="EPSG:4326"))
    return border_strips(countries, pd.DataFrame(borders.drop(columns="length_km")))


def test_one_strip_per_border_side_and_per_country_for_every_width(strips):
    assert set(strips.collections) == {(w, by) for w in STRIP_WIDTHS for by in ("side", "country")}
    for by, ids in (("side", ["AAA-BBB", "BBB-AAA"]), ("country", ["AAA", "BBB"])):
        assert list(strips.rows[by].columns) == ["strip_id", "iso3", "neighbour_iso3", "width_km", "area_km2"]
        for width in STRIP_WIDTHS:
            rows = strips.of(width, by)
            assert rows["strip_id"].tolist() == ids
            # a band of the border's length and the width, rounded ends clipped by the square countries
            assert np.allclose(rows["area_km2"], BORDER_KM * width, rtol=0.03)
            features = strips.collections[width, by]["features"]
            assert [f["id"] for f in features] == ids
            assert features[0]["properties"] == {"strip_id": ids[0], "iso3": "AAA", "neighbour_iso3": "BBB",
                                                 "width_km": width, "area_km2": int(rows["area_km2"][0])}
            json.dumps(strips.collections[width, by])  # plain JSON (no numpy scalars)


def test_a_country_with_two_neighbours_has_one_strip_shaded_once():
    import geopandas as gpd

    from geo.borders import land_borders

    countries = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "geometry": [
        shapely.box(0, 50, 2, 52), shapely.box(2, 51, 4, 52), shapely.box(2, 50, 4, 51)]})
    borders = land_borders(gpd.GeoDataFrame(countries, geometry="geometry", crs="EPSG:4326"))
    both = border_strips(countries, pd.DataFrame(borders.drop(columns="length_km")), widths=(50,))
    sides = both.of(50, "side").set_index("strip_id")
    country = both.of(50, "country").set_index("strip_id")
    assert country.loc["AAA", "neighbour_iso3"] == "BBB,CCC"
    # BBB's strips towards AAA and CCC overlap near the tripoint; its country strip counts that land once
    assert country.loc["BBB", "area_km2"] < sides.loc["BBB-AAA", "area_km2"] + sides.loc["BBB-CCC", "area_km2"]
    # AAA's two borders run on along 2°E: the round ends of their strips overlap, its strip is one band
    assert country.loc["AAA", "area_km2"] == pytest.approx(BORDER_KM * 50, rel=0.03)
    assert country.loc["AAA", "area_km2"] < sides.loc["AAA-BBB", "area_km2"] + sides.loc["AAA-CCC", "area_km2"]


def test_the_strip_is_the_land_within_its_width_of_the_border(strips):
    for width in STRIP_WIDTHS:
        west, east = (shapely.geometry.shape(f["geometry"]) for f in strips.collections[width, "country"]["features"])
        reach = width / (111.32 * np.cos(np.radians(51)))  # degrees of longitude at 51°N
        assert west.bounds[2] == pytest.approx(2.0, abs=0.01) and east.bounds[0] == pytest.approx(2.0, abs=0.01)
        assert west.bounds[0] == pytest.approx(2.0 - reach, abs=0.06)  # simplified for display: 0.05°
        assert east.bounds[2] == pytest.approx(2.0 + reach, abs=0.06)
        # drawn by d3: exterior rings clockwise (see dashboard.store.layers)
        assert not shapely.geometry.Polygon(west.geoms[0].exterior).exterior.is_ccw


def strip_inputs(strips, state: ViewState, url: str | None = "/api/v1/layers/border_strip.geojson?km=50"):
    return corridor_figures.CorridorMapInputs(SimpleNamespace(state=state), tiny_catalog(), None, None,
                                              strips=strips if state.strip else None, strip_url=url)


def test_the_strip_trace_is_hidden_and_empty_while_off(strips):
    trace = corridor_figures.strip_trace(strip_inputs(strips, ViewState()))
    assert trace["visible"] is False and trace["locations"] == []
    assert trace["geojson"] == {"type": "FeatureCollection", "features": []}


def test_the_strip_trace_loads_its_polygons_by_url(strips):
    trace = corridor_figures.strip_trace(strip_inputs(strips, ViewState(strip=True, strip_km=100, lang="ru"),
                                                      "/strip?km=100"))
    assert trace["type"] == "choropleth" and trace["visible"] is True
    assert trace["geojson"] == "/strip?km=100" and trace["locations"] == ["AAA", "BBB"]  # one per country
    assert trace["name"] == "Приграничная полоса, 100 км"
    hover = trace["hovertext"][0]
    assert "AAA, вдоль сухопутной границы с: BBB" in hover and "км²" in hover
    embedded = corridor_figures.strip_trace(strip_inputs(strips, ViewState(strip=True), None))
    assert embedded["geojson"] is strips.collections[50, "country"]


def test_the_strip_is_re_sent_only_when_it_changes(strips):
    drawn = ViewState(strip=True)
    key = corridor_figures.strip_key(drawn)
    index = corridor_figures.TRACE_INDEX["border_strip"]
    assert corridor_figures.TRACES[:2] == ("countries", "border_strip")
    assert "border_strip" not in corridor_figures.DYNAMIC_TRACES
    assert corridor_figures.strip_updates(strip_inputs(strips, drawn.replace(corridor_km=50)), key) == {}
    for changed in (drawn.replace(strip_km=25), drawn.replace(strip=False), drawn.replace(lang="ru")):
        updates = corridor_figures.strip_updates(strip_inputs(strips, changed), key)
        assert list(updates) == [("data", index)]
    # the hidden strip is not re-sent for a new language
    off = corridor_figures.strip_key(ViewState())
    assert corridor_figures.strip_updates(strip_inputs(strips, ViewState(lang="ru")), off) == {}


def test_the_api_serves_the_strip_as_geojson(strips):
    from dashboard.web.api import register_api
    from dashboard.web.corridors_api import register_corridor_api

    server = flask.Flask(__name__)
    register_api(server, catalog_source=tiny_catalog, layer_source=lambda pov, name: b"{}")
    body = {key: json.dumps(c).encode() for key, c in strips.collections.items()}
    register_corridor_api(server, sources=lambda: None, strip_bytes=lambda km, by: body[km, by])
    client = server.test_client()
    response = client.get("/api/v1/layers/border_strip.geojson?km=25")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert "max-age" in response.headers["Cache-Control"]
    collection = response.get_json()
    assert [(f["id"], f["properties"]["width_km"]) for f in collection["features"]] == [("AAA-BBB", 25),
                                                                                          ("BBB-AAA", 25)]
    default = client.get("/api/v1/layers/border_strip.geojson").get_json()["features"][0]["properties"]
    assert default["width_km"] == 50 and default["strip_id"] == "AAA-BBB"
    by_country = client.get("/api/v1/layers/border_strip.geojson?km=100&by=country").get_json()
    assert [f["id"] for f in by_country["features"]] == ["AAA", "BBB"]
    for bad in ("km=30", "km=abc", "km=-50", "km=50.0", "by=region"):
        assert client.get(f"/api/v1/layers/border_strip.geojson?{bad}").status_code == 400
    assert client.get("/api/v1/layers/countries.geojson").status_code == 200  # the other layers still work


# ---- activities of the corridors ---------------------------------------------------------------------------

PODOLSK, GOMEL, MOSCOW, MINSK, BRYANSK, ALMATY, MUNICH = 554234, 627907, 524901, 625144, 571476, 1526384, 2867714
HEADER = ["Title", "Type", "Start date", "Places", "Regions", "Countries", "Corridor", "Source"]


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    """Six activities: five real ones, the last marked sample data."""
    catalog = registry_catalog()
    engine = new_registry(tmp_path_factory.mktemp("corridor_activities"))
    rows = [HEADER,
            ["Days of Belarusian culture in Podolsk", "festival", "2024-09-12", f"{PODOLSK}; {GOMEL}", "", "", "",
             "https://example.org/1"],
            ["Border regions forum", "forum", "2023-06-05", "", "Bryansk Oblast; Gomel Region", "RUS", "",
             "https://example.org/2"],
            ["Youth exchange Moscow – Minsk", "festival", "2025-07-01", f"{MOSCOW}; {MINSK}", "", "", "",
             "https://example.org/3"],
            ["Almaty trade fair", "forum", "2024-03-01", f"{ALMATY}", "", "", "", "https://example.org/4"],
            ["ABEC investors' day in Munich", "forum", "2024-04-01", f"{MUNICH}", "", "", "abec",
             "https://example.org/5"],
            ["Sample: Moscow – Minsk festival", "festival", "2024-05-01", f"{MOSCOW}; {MINSK}", "", "", "",
             "https://example.org/6"]]
    result = commit_import(engine, csv_bytes(rows), "activities.csv", gazetteer(catalog), user="anna")
    assert result.counts["add"] == 6, result.preview.rejections
    with engine.begin() as connection:
        connection.execute(text("UPDATE activities SET is_sample = 1 WHERE title LIKE 'Sample:%'"))
    return catalog, read_frames(engine)


MEMBERS = pd.DataFrame([
    ("k-podolsk_gomel", "podolsk_gomel", PODOLSK), ("k-podolsk_gomel", "podolsk_gomel", GOMEL),
    ("k-abec", "abec", ALMATY),                                         # a one-place zone
    ("p524901", None, MOSCOW), ("p524901", None, MINSK), ("p524901", None, BRYANSK),
    ("p571476", None, BRYANSK), ("p571476", None, GOMEL),               # one of the festival's two places only
], columns=["item_id", "corridor_id", "place_id"])


def counts_for(registry, state: ViewState) -> dict[str, tuple[int, int]]:
    catalog, frames = registry
    chosen = views.corridor_activities(frames, catalog, state)
    table = corridor_activity_counts(MEMBERS, chosen.activities, chosen.places)
    return {row.item_id: (row.activities, row.activities_sample) for row in table.itertuples()}


def test_activities_count_for_a_corridor_by_two_of_its_places_or_by_its_id(registry):
    assert counts_for(registry, ViewState(space="world")) == {
        "k-podolsk_gomel": (1, 0),  # the festival in Podolsk and Gomel
        "k-abec": (2, 0),           # the fair in Almaty (its only place), the day recorded for it in Munich
        "p524901": (1, 0),          # the youth exchange; the sample festival is left out
        "p571476": (0, 0),          # a forum of regions names no city; the festival only one of its places
    }
    # in the users' space (the default), as on the activities page, the day in Munich is outside
    assert counts_for(registry, ViewState())["k-abec"] == (1, 0)


def test_sample_activities_count_only_with_the_sample_switch_and_are_told_apart(registry):
    counts = counts_for(registry, ViewState(sample=True, space="world"))
    assert counts["p524901"] == (2, 1)
    assert counts["k-podolsk_gomel"] == (1, 0) and counts["k-abec"] == (2, 0)


def test_known_corridors_count_as_on_the_activities_page(registry):
    catalog, frames = registry
    for state in (ViewState(), ViewState(sample=True)):
        page = views.counts_by_corridor(views.activities_in_view(frames, catalog, state), CORRIDORS)
        counts = counts_for(registry, state)
        assert {f"k-{row.corridor_id}": row.count for row in page.itertuples()} == {
            item: total for item, (total, _) in counts.items() if item.startswith("k-")}


def test_the_year_range_and_place_filters_do_not_change_a_corridors_count(registry):
    assert counts_for(registry, ViewState(year_from=2025, countries=("KAZ",), link_scope="within")) == \
        counts_for(registry, ViewState())


def test_an_empty_registry_counts_zero(registry):
    from dashboard.registry.frames import ActivityFrames

    empty = ActivityFrames.empty()
    table = corridor_activity_counts(MEMBERS, empty.activities, empty.places)
    assert table["item_id"].tolist() == ["k-podolsk_gomel", "k-abec", "p524901", "p571476"]
    assert (table[["activities", "activities_sample"]].to_numpy() == 0).all()
