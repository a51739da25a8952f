"""The boundary readers on the real Natural Earth files: columns, names, validity, antimeridian."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.antimeridian import crossing_problems, split_at_antimeridian
from geo.borders import land_borders
from geo.boundaries import COUNTRY_COLUMNS, DISPUTED_COLUMNS, REGION_COLUMNS, read_countries, read_regions
from geo.errors import InputError

# `countries`, `countries_deu`, `regions` and `disputed` (the real layers) come from conftest.py


def country(frame: gpd.GeoDataFrame, iso3: str):
    rows = frame[frame["iso3"] == iso3]
    assert len(rows) == 1, iso3
    return rows.iloc[0]


def max_edge_jump(geometry) -> float:
    """The largest longitude step between two consecutive vertices of any ring."""
    rings, _ = shapely.get_rings(shapely.get_parts(geometry), return_index=True)
    coords, ring = shapely.get_coordinates(rings, return_index=True)
    same = ring[1:] == ring[:-1]
    return float(np.abs(np.diff(coords[:, 0]))[same].max())


def assert_clean_polygons(frame: gpd.GeoDataFrame) -> None:
    assert frame.crs.to_epsg() == 4326
    assert frame.is_valid.all()
    assert set(frame.geom_type) == {"MultiPolygon"}
    assert not frame.is_empty.any()
    bounds = frame.bounds
    assert bounds["minx"].min() >= -180.0 and bounds["maxx"].max() <= 180.0
    assert not crossing_problems(frame.geometry.to_numpy()).any()
    assert max(max_edge_jump(g) for g in frame.geometry) <= 180.0


def test_countries_columns_and_codes(countries):
    assert list(countries.columns) == COUNTRY_COLUMNS
    assert len(countries) == 258
    assert countries["iso3"].is_unique
    russia = country(countries, "RUS")
    assert (russia["iso2"], russia["name_en"], russia["name_ru"], russia["name_zh"]) == \
        ("RU", "Russia", "Россия", "俄罗斯")
    assert russia["wikidata"] == "Q159"
    assert russia["continent"] == "Europe"
    assert russia["pop_est"] > 100_000_000
    assert countries["pop_est"].dtype == "Int64"
    # ISO_A3 is -99 for France and Norway; ADM0_A3 is the key.
    assert country(countries, "FRA")["iso2"] == "FR"
    assert country(countries, "NOR")["iso2"] == "NO"
    # ISO_A2_EH "-99" becomes missing.
    assert countries.loc[countries["iso3"].isin(["SOL", "CYN"]), "iso2"].isna().all()
    assert not (countries["iso2"] == "-99").any()
    assert countries[["label_lon", "label_lat"]].notna().all().all()


def test_countries_geometry_is_clean(countries):
    assert_clean_polygons(countries)


def test_russia_does_not_wrap_round_the_globe(countries):
    russia = country(countries, "RUS").geometry
    assert not russia.covers(shapely.Point(-30.0, 60.0))  # the Atlantic
    assert not russia.covers(shapely.Point(-100.0, 60.0))  # Canada
    assert russia.covers(shapely.Point(-175.0, 66.5))  # Chukotka, east of 180°
    assert russia.covers(shapely.Point(37.62, 55.75))  # Moscow
    every_part_narrow = [p.bounds[2] - p.bounds[0] <= 180.0 for p in russia.geoms]
    assert all(every_part_narrow)
    fiji = country(countries, "FJI").geometry
    assert fiji.covers(shapely.Point(179.5, -16.5))
    assert not fiji.covers(shapely.Point(0.0, -16.5))


def test_antarctica_stays_a_polar_cap_without_a_360_degree_edge(countries):
    antarctica = country(countries, "ATA").geometry
    assert antarctica.covers(shapely.Point(0.0, -89.5))
    assert antarctica.covers(shapely.Point(179.0, -89.5))
    assert max_edge_jump(antarctica) <= 180.0


def test_split_at_antimeridian_cuts_a_ring_that_wraps():
    wrapping = shapely.Polygon([(179, 0), (-179, 0), (-179, 1), (179, 1)])
    assert crossing_problems([wrapping])[0]
    fixed = split_at_antimeridian([wrapping])[0]
    assert fixed.geom_type == "MultiPolygon" and len(fixed.geoms) == 2
    assert fixed.area == pytest.approx(2.0)
    assert fixed.bounds[0] == -180.0 and fixed.bounds[2] == 180.0
    assert not fixed.covers(shapely.Point(0.0, 0.5))
    assert not crossing_problems([fixed])[0]
    beyond = split_at_antimeridian([shapely.box(175, 0, 185, 1)])[0]
    assert beyond.area == pytest.approx(10.0) and beyond.bounds[2] == 180.0


def test_countries_pov_germany(countries, countries_deu):
    assert list(countries_deu.columns) == COUNTRY_COLUMNS
    assert countries_deu["iso3"].is_unique
    assert_clean_polygons(countries_deu)
    crimea = shapely.Point(34.1, 45.0)
    assert country(countries_deu, "UKR").geometry.covers(crimea)
    assert country(countries, "RUS").geometry.covers(crimea)
    assert "SOL" not in set(countries_deu["iso3"])  # Somaliland is Somalia in that view
    russia = country(countries_deu, "RUS")
    assert russia["name_ru"] == "Россия" and russia["name_zh"] == "俄罗斯"  # read as UTF-8
    assert not russia.geometry.covers(shapely.Point(-30.0, 60.0))
    # simplified to about the size of the default file, neighbours' edges still shared
    default_size = shapely.get_num_coordinates(countries.geometry.to_numpy()).sum()
    deu_size = shapely.get_num_coordinates(countries_deu.geometry.to_numpy()).sum()
    assert 0.7 * default_size < deu_size < 1.5 * default_size
    assert shapely.coverage_is_valid(countries_deu.geometry.to_numpy())


def test_pov_countries_give_that_views_borders(countries_deu):
    pairs = set(zip(*land_borders(countries_deu)[["iso3_a", "iso3_b"]].to_numpy().T))
    assert ("ESP", "GIB") in pairs  # lost in the default file, where Gibraltar is a triangle
    assert ("SOL", "SOM") not in pairs and ("ETH", "SOM") in pairs
    assert ("BLR", "RUS") in pairs and ("KAZ", "RUS") in pairs


def test_regions_columns_and_ids(regions):
    assert list(regions.columns) == REGION_COLUMNS
    assert regions["region_id"].is_unique
    assert regions["region_id"].notna().all()
    assert_clean_polygons(regions)
    primorsky = regions[regions["region_id"] == "RUS-2611"].iloc[0]
    assert (primorsky["iso3"], primorsky["name_en"], primorsky["iso_3166_2"],
            primorsky["gn_a1_code"]) == ("RUS", "Primorsky Krai", "RU-PRI", "RU.59")
    assert primorsky["name_ru"] == "Приморский край"
    codes = regions["gn_a1_code"].dropna()
    assert len(codes) > 4000
    assert codes.str.fullmatch(r"[A-Z]{2}\.[A-Za-z0-9]+").all()  # no "-1", no "MD."
    assert (regions["iso3"] == "RUS").sum() == 86  # 83 subjects + Crimea + Sevastopol + 1 fragment


def test_regions_moscow_oblast_is_told_apart_from_moscow_city(regions):
    by_id = regions.set_index("region_id")
    oblast, city = by_id.loc["RUS-2364"], by_id.loc["RUS-2365"]
    assert (oblast["name_en"], oblast["iso_3166_2"], oblast["gn_a1_code"]) == \
        ("Moscow Oblast", "RU-MOS", "RU.47")
    assert (city["name_en"], city["iso_3166_2"], city["gn_a1_code"]) == \
        ("Moscow", "RU-MOW", "RU.48")
    assert oblast.geometry.area > 10 * city.geometry.area
    assert oblast.geometry.covers(shapely.Point(oblast["label_lon"], oblast["label_lat"]))


def test_disputed_areas(disputed):
    assert list(disputed.columns) == DISPUTED_COLUMNS
    assert disputed["disputed_id"].is_unique
    assert_clean_polygons(disputed)
    by_name = disputed.set_index("name")
    assert by_name.loc["Aksai Chin", "admin_iso3"] == "CHN"
    assert by_name.loc["Aksai Chin", "note"] == "Admin. by China; Claimed by India"
    assert by_name.loc["Crimea", "admin_iso3"] == "RUS"
    assert by_name.loc["Arunachal Pradesh", "sovereign_iso3"] == "IND"


def test_missing_file_names_the_file(tmp_path):
    missing = tmp_path / "nowhere.geojson"
    with pytest.raises(InputError) as caught:
        read_countries(missing)
    assert str(missing) in str(caught.value)
    assert "not found" in caught.value.reason


def test_unreadable_file_names_the_file(tmp_path):
    broken = tmp_path / "broken.geojson"
    broken.write_text("this is not GeoJSON", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_regions(broken)
    assert caught.value.path == str(broken)


def test_missing_column_names_file_and_column(tmp_path, countries):
    path = tmp_path / "countries_without_chinese.geojson"
    sample = countries.head(2).rename(columns={
        "iso3": "ADM0_A3", "iso2": "ISO_A2_EH", "name_en": "NAME_EN", "name_ru": "NAME_RU",
        "wikidata": "WIKIDATAID", "pop_est": "POP_EST", "continent": "CONTINENT",
        "label_lon": "LABEL_X", "label_lat": "LABEL_Y"}).drop(columns=["name_zh"])
    sample.to_file(path, driver="GeoJSON")
    with pytest.raises(InputError) as caught:
        read_countries(path)
    assert caught.value.column == "NAME_ZH"
    assert str(path) in str(caught.value) and "NAME_ZH" in str(caught.value)
