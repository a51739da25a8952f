"""Network analytics, profiles, the grid's rows and exports, and their API: on the hand-made catalogue
(tests/tiny_world.py), then against direct SQL on the built store (skipped without it)."""

from __future__ import annotations

import csv
import io

import flask
import numpy as np
import openpyxl
import pandas as pd
import pytest
import shapely
from store_sql import sql
from tiny_world import tiny_catalog

from dashboard.components import table_export
from dashboard.figures import network as figures
from dashboard.state import ViewState
from dashboard.store import network, queries
from dashboard.web.api import register_api

PODOLSK, MOSCOW, BRYANSK, GOMEL, MINSK, HEIHE, ALMATY, MUNICH, TINY, HARBIN = (
    554234, 524901, 571476, 627907, 625144, 2036973, 1526384, 2867714, 900001, 2037013)


@pytest.fixture(scope="module")
def catalog():
    return tiny_catalog()


def links_of(catalog, **state):
    return queries.compute_filtered_view(catalog, ViewState(**{"space": "world", **state})).links


# ---- the country matrix ------------------------------------------------------------------------------------

def test_matrix_is_symmetric_sorted_by_totals_and_counts_each_pair(catalog):
    matrix = network.country_matrix(links_of(catalog), top=10)
    assert matrix.iso3 == ("RUS", "BLR", "DEU", "KAZ", "CHN")  # ties by code
    assert matrix.totals.tolist() == [6, 5, 2, 2, 1]
    assert (matrix.counts == matrix.counts.T).all()
    i = {c: k for k, c in enumerate(matrix.iso3)}
    assert matrix.counts[i["RUS"], i["BLR"]] == 4  # Podolsk–Gomel, Podolsk–Minsk, Bryansk–Gomel, Moscow–Minsk
    assert matrix.counts[i["DEU"], i["BLR"]] == 1 and matrix.counts[i["CHN"], i["KAZ"]] == 1
    assert np.trace(matrix.counts) == 0  # no twinning inside a country here
    # every twinning counted once in the upper triangle (with the diagonal)
    assert np.triu(matrix.counts).sum() == matrix.twinnings_in_view == 8


def test_matrix_top_n_and_domestic_diagonal():
    links = pd.DataFrame({"iso3_a": ["RUS", "RUS", "RUS", "BLR", None],
                          "iso3_b": ["RUS", "BLR", "BLR", "DEU", "RUS"]})
    matrix = network.country_matrix(links, top=2)
    assert matrix.iso3 == ("RUS", "BLR")
    assert matrix.counts.tolist() == [[1, 2], [2, 0]]
    assert matrix.totals.tolist() == [4, 3] and matrix.countries_in_view == 3  # unknown ends still count
    assert network.pair_mask(links, "BLR", "RUS").tolist() == [False, True, True, False, False]
    assert network.pair_mask(links, "RUS", "RUS").tolist() == [True, False, False, False, False]


def test_matrix_figure_is_a_symmetric_heatmap_with_names_and_the_chosen_cell(catalog):
    matrix = network.country_matrix(links_of(catalog), top=10)
    names = [network.country_name_map(catalog, "ru")[c] for c in matrix.iso3]
    figure = figures.matrix_figure(matrix, names, "ru", selected=("RUS", "BLR"))
    trace = figure["data"][0]
    assert trace["type"] == "heatmap" and trace["x"] == list(matrix.iso3)
    assert figure["layout"]["yaxis"]["ticktext"][0] == "Россия"
    z = np.array([[np.nan if v is None else v for v in row] for row in trace["z"]], dtype=float)
    assert np.allclose(np.nan_to_num(z), np.nan_to_num(z.T))
    assert trace["text"][0][1] == "4" and trace["customdata"][0][1] == "RUS|BLR"
    assert len(figure["layout"]["shapes"]) == 2  # both cells of the pair outlined


# ---- cities ------------------------------------------------------------------------------------------------------

def test_city_ranking_counts_twins_and_partner_countries(catalog):
    view = queries.compute_filtered_view(catalog, ViewState(space="world"))
    ranking = network.city_ranking(catalog, view, "en").set_index("place_id")
    assert ranking.loc[PODOLSK, "twinnings"] == 3 and ranking.loc[PODOLSK, "partner_countries"] == 2
    assert ranking.loc[MINSK, "twinnings"] == 3 and ranking.loc[MINSK, "partner_countries"] == 2
    assert ranking.loc[GOMEL, "partner_countries"] == 1 and ranking.loc[GOMEL, "neighbour_twinnings"] == 2
    assert TINY not in ranking.index  # no twin
    top = network.top_cities(network.city_ranking(catalog, view, "ru"), "partner_countries", 2)
    assert list(top["place_id"]) == [PODOLSK, MINSK] and top["name"].tolist() == ["Подольск", "Минск"]


def test_city_ranking_keeps_to_the_filtered_places(catalog):
    view = queries.compute_filtered_view(catalog, ViewState(space="world", countries=("BLR",)))
    ranking = network.city_ranking(catalog, view, "en")
    assert set(ranking["iso3"]) == {"BLR"}  # Moscow's twinning with Minsk counts for Minsk only
    assert ranking.set_index("place_id").loc[MINSK, "twinnings"] == 3


# ---- neighbours and blocs ------------------------------------------------------------------------------------

def test_country_shares_split_every_twinning_once(catalog):
    shares = network.country_shares(catalog, links_of(catalog)).set_index("iso3")
    assert shares.loc["RUS", ["twinnings", "domestic", "neighbours", "within_bloc", "beyond_bloc"]].tolist() == \
        [6, 0, 5, 5, 1]  # with Belarus (4) and Kazakhstan (1): SCO/EAEU members; with Germany: beyond
    assert shares.loc["BLR", ["twinnings", "within_bloc", "beyond_bloc", "within_EAEU"]].tolist() == [5, 4, 1, 4]
    assert shares.loc["DEU", ["within_bloc", "beyond_bloc", "blocs"]].tolist() == [0, 2, ""]
    parts = shares[["domestic", "within_bloc", "beyond_bloc"]].sum(axis=1)
    assert (parts == shares["twinnings"]).all()
    assert shares.loc["RUS", "share_beyond_bloc"] == pytest.approx(1 / 6)


def test_bloc_members_are_current_full_members(catalog):
    members = network.bloc_members_of(catalog.memberships)
    assert members["BLR"] == ("SCO", "EAEU")  # a BRICS partner is not a member
    assert "DEU" not in members


# ---- lengths -------------------------------------------------------------------------------------------------------

def test_length_histogram_and_nearest_cross_border(catalog):
    links = links_of(catalog)
    histogram = network.length_histogram(links, bin_km=500)
    assert histogram["twinnings"].sum() == 8 and histogram["neighbours"].sum() == 6
    assert histogram.iloc[0][["bin_start_km", "bin_end_km", "twinnings"]].tolist() == [0, 500, 1]
    summary = network.length_summary(links)
    assert summary["median_km"] == pytest.approx(np.median([540, 680, 1980, 240, 675, 3100, 3400, 1370]))
    nearest = network.nearest_cross_border(catalog, links, "en", count=3)
    assert nearest["distance_km"].tolist() == [240.0, 540.0, 675.0]
    assert (nearest["iso3_a"] != nearest["iso3_b"]).all() and nearest["name_a"].iloc[0] == "Bryansk"


# ---- communities ----------------------------------------------------------------------------------------------------

def test_communities_are_deterministic_and_cover_every_city(catalog):
    links = links_of(catalog)
    first, second = network.detect_communities(links, seed=7), network.detect_communities(links, seed=7)
    assert first.place_id.tolist() == second.place_id.tolist()
    assert first.community.tolist() == second.community.tolist()
    assert sorted(first.place_id) == sorted(set(links["place_a"]) | set(links["place_b"]))
    assert first.sizes.sum() == len(first.place_id) and list(first.sizes) == sorted(first.sizes, reverse=True)
    assert first.of([GOMEL, TINY])[1] == -1
    # cities twinned with each other end up together here: Heihe–Almaty–Moscow vs the Belarus group
    assert first.of([HEIHE])[0] == first.of([ALMATY])[0]


def test_communities_are_cached_per_filter_not_per_click(catalog):
    network.clear_caches()
    state = ViewState(space="world", countries=("RUS",))
    found = network.communities_for(catalog, state)
    misses = network._community_cache.misses
    assert network.communities_for(catalog, state.replace(lang="ru", place=GOMEL, viewport="fit")) is found
    assert network._community_cache.misses == misses
    assert network.communities_for(catalog, state.replace(countries=("BLR",))) is not found
    summary = network.community_summary(catalog, queries.filtered_view(catalog, state).links, found, "en")
    assert summary["cities"].sum() <= len(found.place_id) and summary["community"].tolist()[0] == 0


# ---- the twinnings table, profiles, border distance ------------------------------------------------------------

def test_twinnings_frame_names_both_ends_in_the_language(catalog):
    frame = network.twinnings_in_view(catalog, ViewState(space="world", lang="ru", countries=("DEU",)))
    assert len(frame) == 2
    row = frame.set_index("twinning_id").loc[8]
    assert (row["name_a"], row["country_a"], row["name_b"], row["country_b"]) == \
        ("Мунич", "Германия", "Минск", "Беларусь")  # no Russian name for Munich here: transcribed, never Latin


def test_country_profile(catalog):
    profile = network.country_profile(catalog, "BLR", "ru")
    assert profile.name == "Беларусь" and profile.names["en"] == "Belarus"
    assert profile.figures["twinnings"] == 5 and profile.figures["cities"] == 2
    assert profile.figures["partner_countries"] == 2 and profile.figures["neighbour_twinnings"] == 4
    assert profile.partner_countries[["iso3", "twinnings", "neighbour"]].values.tolist() == \
        [["RUS", 4, True], ["DEU", 1, False]]
    assert set(profile.regions["region_id"]) == {"BLR-GOM", "BLR-MIN"}
    assert (profile.twinnings["iso3_a"] == "BLR").all()  # the subject's side first
    assert network.country_profile(catalog, "XXX", "en") is None


def test_city_profile_with_border_distance(catalog):
    borders = pd.DataFrame({"iso3_a": ["BLR"], "iso3_b": ["RUS"], "length_km": [900.0],
                            "geometry": [shapely.LineString([(32.0, 50.0), (32.0, 56.0)])]})
    profile = network.city_profile(catalog, GOMEL, "ru", borders)
    assert profile.name == "Гомель" and profile.country == "Беларусь" and profile.on_land_border
    assert sorted(profile.partners["place_id"]) == sorted([PODOLSK, BRYANSK])
    assert profile.figures["twinnings"] == 2 and profile.figures["partner_countries"] == 1
    # 1.02° of longitude at 52.43°N: about 69 km to the line
    assert profile.border["across_iso3"] == "RUS" and profile.border["km"] == pytest.approx(69.2, abs=1.0)
    assert network.city_profile(catalog, 1, "en") is None


def test_border_distances_for_a_country_without_land_borders():
    borders = pd.DataFrame({"iso3_a": ["BLR"], "iso3_b": ["RUS"], "length_km": [1.0],
                            "geometry": [shapely.LineString([(32.0, 50.0), (32.0, 56.0)])]})
    out = network.border_distances_km([10.0, 31.0], [50.0, 52.0], ["ISL", "BLR"], borders)
    assert np.isnan(out["border_km"].iloc[0]) and out["across_iso3"].iloc[0] is None
    assert out["across_iso3"].iloc[1] == "RUS"


# ---- the grid's rows and the files -----------------------------------------------------------------------------

@pytest.fixture
def grid():
    return pd.DataFrame({"name": ["Minsk", "Gomel", "=cmd|' /C calc'!A0", "Брест", "Mogilev"],
                         "country": ["Belarus", "Belarus", "Nowhere", "Беларусь", "Belarus"],
                         "km": [675.0, 240.0, np.nan, 1000.0, 500.0], "id": [1, 2, 3, 4, 5]})


def test_search_filter_and_sort_models_are_applied_like_the_grid(grid):
    rows = table_export.grid_rows(grid, None, "bela", ["name", "country"], default_sort=["id"])
    assert rows["id"].tolist() == [1, 2, 5]  # "bela" is case-insensitive and not in Cyrillic "Беларусь"
    request = {"filterModel": {"km": {"filterType": "number", "type": "greaterThan", "filter": 400}},
               "sortModel": [{"colId": "km", "sort": "desc"}]}
    assert table_export.grid_rows(grid, request)["id"].tolist() == [4, 1, 5]
    either = {"filterModel": {"name": {"filterType": "text", "operator": "OR", "conditions": [
        {"filterType": "text", "type": "startsWith", "filter": "go"},
        {"filterType": "text", "type": "endsWith", "filter": "СТ"}]}}}
    assert table_export.grid_rows(grid, either, default_sort=["id"])["id"].tolist() == [2, 4]
    in_range = {"filterModel": {"km": {"filterType": "number", "type": "inRange", "filter": 500, "filterTo": 1000}}}
    assert table_export.grid_rows(grid, in_range)["id"].tolist() == [1]  # ends excluded, as AG Grid does
    blank = {"filterModel": {"km": {"filterType": "number", "type": "blank"}}}
    assert table_export.grid_rows(grid, blank)["id"].tolist() == [3]
    by_name = {"sortModel": [{"colId": "name", "sort": "asc"}]}
    assert table_export.grid_rows(grid, by_name)["name"].tolist()[:3] == ["=cmd|' /C calc'!A0", "Gomel", "Minsk"]


def test_block_of_rows():
    rows = pd.DataFrame({"x": range(250)})
    block, start, total = table_export.block_of(rows, {"startRow": 200, "endRow": 300})
    assert (start, total, block["x"].tolist()[0], len(block)) == (200, 250, 200, 50)


def test_shown_columns_follow_the_grid_state():
    defs = [{"field": "a", "headerName": "A"}, {"field": "b", "headerName": "B"},
            {"field": "c", "headerName": "C", "hide": True}]
    assert table_export.shown_columns(defs) == [("a", "A"), ("b", "B")]
    state = [{"colId": "b", "hide": False}, {"colId": "c", "hide": False}, {"colId": "a", "hide": True}]
    assert table_export.shown_columns(defs, state) == [("b", "B"), ("c", "C")]


def test_formulas_are_neutralised():
    frame = pd.DataFrame({"text": ["=1+1", "+7", "-x", "@SUM(A1)", "\tTab", "plain", None],
                          "n": [-1, 2, 3, 4, 5, 6, 7]})
    safe = table_export.neutralise_formulas(frame)
    assert safe["text"].tolist()[:6] == ["'=1+1", "'+7", "'-x", "'@SUM(A1)", "'\tTab", "plain"]
    assert safe["n"].tolist()[0] == -1  # numbers stay numbers
    assert table_export.neutralise_formulas(pd.DataFrame(columns=["=A1"])).columns[0] == "'=A1"


def test_csv_and_xlsx_hold_exactly_the_rows_shown(grid):
    rows = table_export.grid_rows(grid, {"sortModel": [{"colId": "id", "sort": "desc"}]})
    shown = table_export.export_frame(rows, [("name", "City"), ("km", "Distance, km")])
    content = table_export.csv_bytes(shown)
    assert content.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert parsed[0] == ["City", "Distance, km"] and len(parsed) == 1 + len(grid)
    assert parsed[3][0] == "'=cmd|' /C calc'!A0"
    book = openpyxl.load_workbook(io.BytesIO(table_export.xlsx_bytes(shown, "Twinnings")))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Twinnings" and values[0] == ("City", "Distance, km")
    assert [v[0] for v in values[1:]] == ["Mogilev", "Брест", "'=cmd|' /C calc'!A0", "Gomel", "Minsk"]
    assert values[1][1] == 500 and values[3][1] is None
    assert sheet["A4"].data_type == "s"  # text, never a formula


# ---- the API ------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(catalog):
    server = flask.Flask(__name__)
    register_api(server, catalog_source=lambda: catalog)
    return server.test_client()


def test_api_network_figures_take_the_ui_filters(client):
    body = client.get("/api/v1/network/matrix?space=world&top=3").get_json()
    assert body["countries"] == ["RUS", "BLR", "DEU"] and body["square"][0][1] == 4
    rows = {(r["iso3_a"], r["iso3_b"]): r["twinnings"] for r in body["matrix"]}
    assert rows[("RUS", "BLR")] == 4
    cities = client.get("/api/v1/network/cities?space=world&countries=BLR&by=partner_countries&lang=ru").get_json()
    assert cities["filters"] == "lang=ru&space=world&countries=BLR" and {c["iso3"] for c in cities["cities"]} == {"BLR"}
    shares = client.get("/api/v1/network/shares?space=world").get_json()["shares"]
    assert shares[0]["iso3"] == "RUS" and shares[0]["beyond_bloc"] == 1
    communities = client.get("/api/v1/network/communities?space=world").get_json()
    assert communities["method"] == "louvain" and communities["cities"] == 8
    text_ = client.get("/api/v1/network/nearest?space=world&format=csv").get_data(as_text=True)
    assert text_.splitlines()[0].startswith("twinning_id,place_a,name_a")
    assert client.get("/api/v1/network/nope?space=world").status_code == 404
    assert client.get("/api/v1/network/matrix?space=world&format=xml").status_code == 400


def test_api_profiles(client):
    country = client.get("/api/v1/countries/blr?lang=ru").get_json()
    assert country["name"] == "Беларусь" and country["figures"]["twinnings"] == 5
    place = client.get(f"/api/v1/places/{GOMEL}").get_json()
    assert place["name"] == "Gomel" and {p["place_id"] for p in place["partners"]} == {PODOLSK, BRYANSK}
    assert client.get("/api/v1/countries/XXX").status_code == 404
    assert client.get("/api/v1/places/1").status_code == 404


# ---- against the built store: figures equal direct SQL ------------------------------------------------------------

@pytest.fixture(scope="module")
def store(store_backend):
    """The built store on SQLite and on PostgreSQL (tests/conftest.py): its engine and its catalogue."""
    from dashboard.store.catalog import load_catalog

    _, url, engine = store_backend
    return engine, load_catalog(url)


PAIR_SQL = """
    SELECT COUNT(*) AS n FROM twinnings t
    JOIN places a ON a.place_id = t.place_a JOIN places b ON b.place_id = t.place_b
    WHERE (a.iso3 = :x AND b.iso3 = :y) OR (a.iso3 = :y AND b.iso3 = :x)"""


@pytest.mark.store
def test_store_matrix_equals_sql(store):
    engine, full = store
    links = queries.filtered_view(full, ViewState(space="world", countries=("BLR", "RUS"))).links
    matrix = network.country_matrix(links, top=25)
    i = {c: k for k, c in enumerate(matrix.iso3)}
    expected = int(sql(engine, PAIR_SQL, x="RUS", y="BLR").n[0])
    assert expected > 100
    assert matrix.counts[i["RUS"], i["BLR"]] == matrix.counts[i["BLR"], i["RUS"]] == expected
    assert (matrix.counts == matrix.counts.T).all()
    everything = network.country_matrix(queries.filtered_view(full, ViewState(space="world")).links, top=25)
    j = {c: k for k, c in enumerate(everything.iso3)}
    assert everything.counts[j["DEU"], j["DEU"]] == int(sql(engine, PAIR_SQL, x="DEU", y="DEU").n[0])
    assert everything.counts[j["DEU"], j["FRA"]] == int(sql(engine, PAIR_SQL, x="DEU", y="FRA").n[0])


@pytest.mark.store
def test_store_top_city_and_profiles_equal_sql(store):
    engine, full = store
    view = queries.filtered_view(full, ViewState(space="world", countries=("BLR",)))
    top = network.top_cities(network.city_ranking(full, view, "en"), "twinnings", 1).iloc[0]
    expected = sql(engine, """
        SELECT COUNT(*) AS n, COUNT(DISTINCT CASE WHEN o.iso3 <> 'BLR' THEN o.iso3 END) AS countries
        FROM twinnings t JOIN places o ON o.place_id = CASE WHEN t.place_a = :id THEN t.place_b ELSE t.place_a END
        WHERE t.place_a = :id OR t.place_b = :id""", id=int(top.place_id))
    active = sql(engine, """
        SELECT COUNT(*) AS n, COUNT(DISTINCT CASE WHEN o.iso3 <> 'BLR' THEN o.iso3 END) AS countries
        FROM twinnings t JOIN places o ON o.place_id = CASE WHEN t.place_a = :id THEN t.place_b ELSE t.place_a END
        WHERE (t.place_a = :id OR t.place_b = :id) AND t.status NOT IN ('suspended', 'ended')""",
                 id=int(top.place_id))
    assert (top.twinnings, top.partner_countries) == (active.n[0], active.countries[0])  # the view: active ties
    profile = network.country_profile(full, "BLR", "en")
    touching = sql(engine, """SELECT COUNT(*) AS n FROM twinnings t JOIN places a ON a.place_id = t.place_a
                              JOIN places b ON b.place_id = t.place_b WHERE a.iso3 = 'BLR' OR b.iso3 = 'BLR'""")
    assert profile.figures["twinnings"] == touching.n[0]
    city = network.city_profile(full, int(top.place_id), "en", network.load_land_borders())
    assert city.figures["twinnings"] == expected.n[0] and city.border is not None and city.border["km"] >= 0


@pytest.mark.store
def test_store_communities_are_identical_between_runs(store):
    _, full = store
    links = queries.filtered_view(full, ViewState(space="world", blocs=("EAEU",))).links
    first, second = network.detect_communities(links), network.detect_communities(links)
    assert np.array_equal(first.place_id, second.place_id) and np.array_equal(first.community, second.community)
    assert first.modularity > 0.3 and len(first.sizes) > 5


def test_precomputed_sort_ranks_and_haystack_give_the_same_rows(grid):
    ranks = {c: table_export.sort_ranks(grid[c]) for c in grid.columns}
    for model in ([{"colId": "name", "sort": "asc"}], [{"colId": "km", "sort": "desc"}],
                  [{"colId": "country", "sort": "desc"}, {"colId": "km", "sort": "asc"}], []):
        plain = table_export.apply_sort_model(grid, model, ["id"])
        ranked = table_export.apply_sort_model(grid, model, ["id"], ranks.get)
        assert plain["id"].tolist() == ranked["id"].tolist(), model
    haystack = table_export.search_haystack(grid, ["name", "country"])
    for text_ in ("bela", "БРЕСТ", "min bel", "zzz"):
        assert (table_export.haystack_mask(haystack, text_)
                == table_export.search_mask(grid, text_, ["name", "country"])).all(), text_


# ---- a profile's activities (from the registry's frames) -------------------------------------------------------

def test_a_profile_lists_the_subjects_activities(catalog):
    from dashboard.pages import profile_parts
    from dashboard.registry.frames import frames_of

    rows = [(1, "Gomel–Bryansk forum", "2024-05-01", [GOMEL, BRYANSK], False),
            (2, "Minsk exhibition", "2019-03-01", [MINSK], False),
            (3, "Sample in Gomel", "2024-06-01", [GOMEL], True)]
    acts = pd.DataFrame([{
        "activity_id": aid, "title": title, "activity_type": "forum", "start_date": start, "end_date": start,
        "date_precision": "day", "twinning_a": None, "twinning_b": None, "corridor_id": None, "organiser": None,
        "source_url": None, "notes": None, "is_sample": sample, "created_at": None, "created_by": "t",
        "updated_at": None, "updated_by": None, "import_id": None} for aid, title, start, _, sample in rows])
    places = pd.DataFrame([(aid, p) for aid, _, _, ps, _ in rows for p in ps], columns=["activity_id", "place_id"])
    frames = frames_of(acts, places, pd.DataFrame(columns=["activity_id", "region_id"]),
                       pd.DataFrame(columns=["activity_id", "iso3"]),
                       pd.DataFrame(columns=["place_a", "place_b", "year_signed", "status", "source_url", "notes",
                                             "recorded_by", "recorded_at", "updated_by", "updated_at"]))
    city = profile_parts.subject_activities(catalog, ViewState(space="world"), place_id=GOMEL, frames=frames)
    assert city["title"].tolist() == ["Gomel–Bryansk forum"]  # the sample only when the URL asks for it
    with_sample = profile_parts.subject_activities(catalog, ViewState(space="world", sample=True), place_id=GOMEL, frames=frames)
    assert with_sample["title"].tolist() == ["Sample in Gomel", "Gomel–Bryansk forum"]
    country = profile_parts.subject_activities(catalog, ViewState(space="world", year_from=2020), iso3="BLR", frames=frames)
    assert country["title"].tolist() == ["Gomel–Bryansk forum"]
    section = profile_parts.activities_section(country, ViewState(space="world"), "/activities?countries=BLR")
    assert "Activities (1)" in str(section.children[0].children)
