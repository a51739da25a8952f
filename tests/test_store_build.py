"""The store built from the real public data: contents, reproducibility and bad input."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import shapely
from sqlalchemy import create_engine, text

from dashboard import settings
from dashboard.store.build import MissingInputs, build, manifest, resolve_inputs
from dashboard.store.freshness import newest_input_time
from geo.errors import InputError

DATA_DIR = settings.data_dir()
pytestmark = pytest.mark.skipif(DATA_DIR is None, reason="no data directory (../shared/data)")


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory, store_tables) -> Path:
    """A fresh build of the store from the real data (computed once per run), in a temporary SQLite file."""
    from dashboard.store.writer import write_tables

    path = tmp_path_factory.mktemp("store") / "store.sqlite"
    write_tables(f"sqlite:///{path}", *store_tables)
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, sqlite_store) -> str:
    """The fresh build's URL: the SQLite file, and the same tables written into PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{sqlite_store}"
    return request.getfixturevalue("postgres_store_url")


def query(store: Path | str, sql: str, **params) -> pd.DataFrame:
    engine = create_engine(store if isinstance(store, str) else f"sqlite:///{store}")
    try:
        with engine.connect() as connection:
            return pd.read_sql_query(text(sql), connection, params=params)
    finally:
        engine.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_counts_are_plausible(store):
    counts = {name: int(query(store, f"SELECT COUNT(*) AS n FROM {name}").n[0])
              for name in ("countries", "regions", "places", "twinnings", "twinning_review",
                           "memberships", "land_borders")}
    assert 250 <= counts["countries"] <= 260
    assert 4500 <= counts["regions"] <= 4600
    assert 69_000 <= counts["places"] <= 80_000
    assert 15_000 <= counts["twinnings"] <= 30_000
    assert counts["twinning_review"] < 0.03 * 26_114 + 0.05 * 8_182
    assert 250 <= counts["land_borders"] <= 400
    assert counts["memberships"] >= 60


def test_most_wikipedia_pairs_match_inside_their_countries(store):
    info = dict(query(store, "SELECT key, value FROM build_info").values)
    assert float(info["wikipedia_matched_inside_pct"]) >= 97.0


def test_podolsk_has_its_russian_name_and_lies_in_moscow_oblast(store):
    podolsk = query(store, """SELECT p.name_en, p.name_ru, r.name_en AS region, r.iso_3166_2
                              FROM places p JOIN regions r USING (region_id)
                              WHERE p.name_ru = 'Подольск' AND p.iso3 = 'RUS'""")
    assert len(podolsk) == 1
    assert podolsk.name_en[0] == "Podolsk"
    assert podolsk.iso_3166_2[0] == "RU-MOS"


def test_places_in_russia_belarus_kazakhstan_have_a_russian_name_where_a_source_has_one(store):
    from dashboard.store.names import is_russian_spelling
    from dashboard.store.places import read_geonames_cities
    places = query(store, """SELECT place_id, name_ru FROM places
                             WHERE iso3 IN ('RUS', 'BLR', 'KAZ') AND origin LIKE 'geonames%'""")
    cities = read_geonames_cities("cities500").set_index("place_id")
    alternates = cities["alternatenames"].reindex(places["place_id"])
    has_russian = [any(is_russian_spelling(name.replace("ë", "ё")) for name in names)
                   for names in alternates]
    assert sum(has_russian) > 3000
    lacking = places[pd.Series(has_russian, index=places.index) & places["name_ru"].isna()]
    assert lacking.empty, lacking


def test_blagoveshchensk_heihe_is_a_twinning_inside_russia_and_china(store):
    pair = query(store, """SELECT a.iso3 AS iso3_a, b.iso3 AS iso3_b, t.distance_km, t.crosses_land_border
                           FROM twinnings t JOIN places a ON a.place_id = t.place_a
                           JOIN places b ON b.place_id = t.place_b
                           WHERE (a.name_en = 'Blagoveshchensk' AND b.name_en = 'Heihe')
                              OR (a.name_en = 'Heihe' AND b.name_en = 'Blagoveshchensk')""")
    assert len(pair) == 1
    assert {pair.iso3_a[0], pair.iso3_b[0]} == {"RUS", "CHN"}
    assert pair.distance_km[0] < 10
    assert bool(pair.crosses_land_border[0])


def test_no_matched_twinning_end_lies_outside_its_country(store):
    """Within 10 km of its country's polygon (the polygons' coasts are simplified), in either
    point of view (Crimea is RUS in one, UKR in the other)."""
    from geo.locate import distance_km
    ends = query(store, """SELECT DISTINCT p.place_id, p.iso3, p.lon, p.lat FROM places p
                           JOIN twinnings t ON p.place_id IN (t.place_a, t.place_b)""")
    points = shapely.points(ends.lon, ends.lat)
    km = []
    for table in ("countries", "country_views"):
        shapes = query(store, f"SELECT iso3, geometry FROM {table}")
        polygons = pd.Series(shapely.from_wkb(shapes.geometry), index=shapes.iso3)
        geometry = polygons.reindex(ends.iso3).to_numpy(dtype=object, copy=True)
        geometry[pd.isna(geometry)] = None
        km.append(pd.Series(distance_km(points, geometry)).fillna(float("inf")))
    outside = ends[(km[0] > 10) & (km[1] > 10)]
    assert len(ends) > 15_000
    assert outside.empty, outside.head(20)


def test_unmatched_pairs_are_kept_for_review_with_a_reason(store):
    review = query(store, "SELECT source, source_row, city_a, city_b, reason FROM twinning_review")
    assert review["reason"].str.len().gt(0).all()
    assert not review["reason"].str.contains(r"\bnan\b|None").any()
    assert set(review["source"]) <= {"wikipedia", "wikidata", "city_list"}  # city_list: the cities' own lists
    info = dict(query(store, "SELECT key, value FROM build_info").values)
    matched = int(info["wikipedia_pairs_matched"])
    assert matched + (review["source"] == "wikipedia").sum() == 26_114


def test_a_rebuild_produces_the_same_store(store, sqlite_store, tmp_path):
    """The module's fresh build equals the project's store (`make test` builds it just before, from
    the same data and code); without one, a second build is made here. On PostgreSQL: the same tables
    read back from PostgreSQL equal those read back from SQLite."""
    from sqlalchemy.engine import make_url

    project_store = make_url(settings.database_url()).database
    fresh = (settings.database_url().startswith("sqlite") and project_store
             and Path(project_store).is_file()
             and Path(project_store).stat().st_mtime >= newest_input_time(resolve_inputs(DATA_DIR)))
    again = Path(project_store) if fresh else tmp_path / "again.sqlite"
    if not store.startswith("sqlite"):
        again = sqlite_store
    elif not fresh:
        build(DATA_DIR, f"sqlite:///{again}", echo=lambda message: None)
    for table in ("countries", "regions", "places", "place_names", "twinnings", "twinning_review",
                  "memberships", "land_borders"):
        first = query(store, f"SELECT * FROM {table}")
        second = query(again, f"SELECT * FROM {table}")
        # same values; PostgreSQL reads booleans as bool where SQLite gives 0/1
        pd.testing.assert_frame_equal(first, second, obj=table, check_dtype=store.startswith("sqlite"))


def data_dir_with(tmp_path: Path, replace: dict[str, bytes | None]) -> Path:
    """A copy of the data directory (as links) with some files replaced or removed."""
    copy = tmp_path / "data"
    for entry in manifest():
        target = copy / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry["key"] in replace:
            if replace[entry["key"]] is not None:
                target.write_bytes(replace[entry["key"]])
        else:
            target.symlink_to(DATA_DIR / entry["path"])
    return copy


@pytest.fixture
def previous_store(tmp_path, sqlite_store) -> Path:
    path = tmp_path / "previous.sqlite"
    shutil.copy(sqlite_store, path)
    return path


def test_a_missing_file_stops_the_build_and_names_it(tmp_path, previous_store):
    before = digest(previous_store)
    with pytest.raises(MissingInputs) as error:
        build(data_dir_with(tmp_path, {"wikidata_edges": None}), f"sqlite:///{previous_store}")
    assert "wikidata_p190_edges.csv" in str(error.value)
    assert "BORDERLINKS_DATA_DIR" in str(error.value)
    assert digest(previous_store) == before


def test_a_broken_csv_row_stops_the_build_and_names_the_row(tmp_path, previous_store):
    before = digest(previous_store)
    original = (DATA_DIR / "twinnings/wikidata_p190_cities_nodes.csv").read_text(encoding="utf-8")
    lines = original.splitlines()
    lines[41] = lines[41] + ",an extra field"
    broken = data_dir_with(tmp_path, {"wikidata_nodes": "\n".join(lines).encode()})
    with pytest.raises(InputError) as error:
        build(broken, f"sqlite:///{previous_store}", echo=lambda message: None)
    message = str(error.value)
    assert "wikidata_p190_cities_nodes.csv" in message and "row 42" in message
    assert digest(previous_store) == before


def test_a_csv_without_an_expected_column_names_it(tmp_path, previous_store):
    before = digest(previous_store)
    original = (DATA_DIR / "places/ne_10m_populated_places_v4.1.csv").read_text(encoding="utf-8")
    renamed = original.replace("NAME_RU", "NAME_XX", 1).encode()
    with pytest.raises(InputError) as error:
        build(data_dir_with(tmp_path, {"populated_places": renamed}), f"sqlite:///{previous_store}",
              echo=lambda message: None)
    assert "ne_10m_populated_places_v4.1.csv" in str(error.value)
    assert "NAME_RU" in str(error.value)
    assert digest(previous_store) == before


def test_a_layer_without_an_expected_column_names_it(tmp_path, previous_store):
    import geopandas as gpd
    layer = gpd.read_file(DATA_DIR / "boundaries/ne_10m_admin_0_disputed_areas_v4.1.geojson")
    path = tmp_path / "layer.geojson"
    layer.drop(columns=["ADM0_A3"]).to_file(path, driver="GeoJSON")
    before = digest(previous_store)
    with pytest.raises(InputError) as error:
        build(data_dir_with(tmp_path, {"disputed_areas": path.read_bytes()}),
              f"sqlite:///{previous_store}", echo=lambda message: None)
    assert "ne_10m_admin_0_disputed_areas_v4.1.geojson" in str(error.value)
    assert "ADM0_A3" in str(error.value)
    assert digest(previous_store) == before


def test_the_cli_explains_a_missing_data_directory(tmp_path):
    result = subprocess.run([sys.executable, "-m", "dashboard", "build", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, cwd=settings.PROJECT_ROOT,
                            env={"BORDERLINKS_DATABASE_URL": f"sqlite:///{tmp_path}/s.sqlite",
                                 "PATH": "/usr/bin:/bin"})
    assert result.returncode == 2
    assert "Missing input files" in result.stderr
    assert "ne_admin_1_states_provinces_world.gpkg" in result.stderr
    assert not (tmp_path / "s.sqlite").exists()


def test_natural_earth_id_mistakes_do_not_move_capitals_abroad(store):
    """Natural Earth gives Asunción the GeoNames id of a Philippine town; the build must not follow."""
    linked = query(store, """SELECT p.name_en, p.iso3, COUNT(*) AS n FROM twinnings t
                             JOIN places p ON p.place_id IN (t.place_a, t.place_b)
                             WHERE p.name_en IN ('Asunción', 'Montevideo') GROUP BY 1, 2""")
    by_country = dict(zip(linked.name_en + "/" + linked.iso3, linked.n))
    assert by_country.get("Asunción/PRY", 0) >= 20
    assert "Asunción/PHL" not in by_country
    assert by_country.get("Montevideo/URY", 0) >= 20
