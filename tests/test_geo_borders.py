"""Land borders, border regions and border strips checked against real geography."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo.borders import border_strip, region_border_contacts, region_border_neighbours
from geo.locate import distance_km

BREST = (23.69, 52.10)
MOSCOW = (37.6173, 55.7558)


@pytest.fixture(scope="module")
def borders(land_borders_of_countries) -> gpd.GeoDataFrame:
    return land_borders_of_countries


@pytest.fixture(scope="module")
def neighbours(regions, countries, borders) -> pd.Series:
    return region_border_neighbours(regions, countries, borders)


@pytest.fixture(scope="module")
def strips(borders, countries) -> gpd.GeoDataFrame:
    return border_strip(borders, countries, width_km=50)


def pair_set(borders: gpd.GeoDataFrame) -> set[tuple[str, str]]:
    return set(zip(borders["iso3_a"], borders["iso3_b"]))


def border_line(borders: gpd.GeoDataFrame, a: str, b: str):
    a, b = sorted((a, b))
    rows = borders[(borders["iso3_a"] == a) & (borders["iso3_b"] == b)]
    assert len(rows) == 1, (a, b)
    return rows.iloc[0]


@pytest.mark.parametrize("a, b", [
    ("RUS", "BLR"), ("RUS", "CHN"), ("RUS", "KAZ"), ("BLR", "POL"), ("KAZ", "KGZ"),
    ("RUS", "EST"), ("RUS", "NOR"), ("RUS", "PRK"), ("CHN", "IND"), ("CHN", "PAK"),
    ("RUS", "UKR"), ("RUS", "MNG"), ("RUS", "FIN"), ("RUS", "GEO"), ("RUS", "AZE"),
    ("RUS", "LTU"), ("RUS", "POL"), ("CHN", "KAZ"), ("UZB", "KAZ"), ("CHN", "MNG"),
])
def test_known_land_borders_are_found(borders, a, b):
    assert tuple(sorted((a, b))) in pair_set(borders)


@pytest.mark.parametrize("a, b", [("RUS", "JPN"), ("RUS", "USA"), ("GBR", "FRA"),
                                  ("RUS", "SWE"), ("KAZ", "AZE"), ("CHN", "JPN")])
def test_neighbours_across_the_sea_are_no_land_border(borders, a, b):
    assert tuple(sorted((a, b))) not in pair_set(borders)


def test_border_table_shape(borders):
    assert list(borders.columns) == ["iso3_a", "iso3_b", "length_km", "geometry"]
    assert borders.crs.to_epsg() == 4326
    assert (borders["iso3_a"] < borders["iso3_b"]).all()
    assert not borders.duplicated(["iso3_a", "iso3_b"]).any()
    assert set(borders.geom_type) <= {"LineString", "MultiLineString"}
    assert (borders["length_km"] > 0).all()
    assert 300 < len(borders) < 380


def test_border_lengths_are_plausible(borders):
    # official lengths: RUS-KAZ 7,600 km, RUS-CHN 4,200 km, RUS-PRK 18 km; the simplified lines
    # are shorter where the border winds
    assert 5_500 < border_line(borders, "RUS", "KAZ")["length_km"] < 8_000
    assert 3_000 < border_line(borders, "RUS", "CHN")["length_km"] < 4_500
    assert 10 < border_line(borders, "RUS", "PRK")["length_km"] < 60
    # the Russia-China border is in two pieces, west and east of Mongolia
    assert border_line(borders, "RUS", "CHN").geometry.geom_type == "MultiLineString"
    assert border_line(borders, "RUS", "BLR").geometry.geom_type == "LineString"


def test_brest_is_within_10_km_of_the_polish_border(borders):
    line = border_line(borders, "BLR", "POL").geometry
    assert distance_km([shapely.Point(BREST)], [line])[0] <= 10.0


def test_moscow_is_more_than_350_km_from_any_land_border(borders):
    lines = borders.geometry.to_numpy()
    km = distance_km([shapely.Point(MOSCOW)] * len(lines), lines)
    assert km.min() > 350.0


def test_borders_lie_on_both_countries_outlines(borders, countries):
    outline = countries.set_index("iso3").geometry.boundary
    for a, b in [("BLR", "POL"), ("RUS", "EST"), ("KAZ", "KGZ")]:
        line = border_line(borders, a, b).geometry
        near_a = shapely.intersection(line, outline[a].buffer(0.03)).length / line.length
        near_b = shapely.intersection(line, outline[b].buffer(0.03)).length / line.length
        assert near_a > 0.99 and near_b > 0.99


def region(regions: gpd.GeoDataFrame, iso3: str, name_en: str) -> int:
    rows = np.flatnonzero((regions["iso3"] == iso3).to_numpy()
                          & (regions["name_en"] == name_en).to_numpy())
    assert len(rows) == 1, (iso3, name_en)
    return int(rows[0])


@pytest.mark.parametrize("iso3, name_en, expected", [
    ("RUS", "Krasnodar Krai", ["GEO"]),  # the Psou river (Abkhazia, de jure Georgia)
    ("RUS", "Kamchatka Krai", []),
    ("RUS", "Moscow Oblast", []),
    ("RUS", "Moscow", []),
    ("RUS", "Pskov", ["BLR", "EST", "LVA"]),
    ("RUS", "Amur", ["CHN"]),
    ("BLR", "Brest", ["POL", "UKR"]),
    ("RUS", "Kaliningrad", ["LTU", "POL"]),
    ("RUS", "Primorsky Krai", ["CHN", "PRK"]),
    ("RUS", "Leningrad", ["EST", "FIN"]),
    ("RUS", "Murmansk", ["FIN", "NOR"]),
    ("RUS", "Altai Republic", ["CHN", "KAZ", "MNG"]),
    ("RUS", "Chukotka Autonomous Okrug", []),
    ("RUS", "Sevastopol", []),
])
def test_region_border_neighbours(regions, neighbours, iso3, name_en, expected):
    assert neighbours.iloc[region(regions, iso3, name_en)] == expected


def test_region_border_neighbours_is_indexed_like_regions(regions, neighbours):
    assert neighbours.index.equals(regions.index)
    assert all(isinstance(codes, list) for codes in neighbours)
    assert all(codes == sorted(set(codes)) for codes in neighbours)
    russian = neighbours[(regions["iso3"] == "RUS").to_numpy()]
    assert (russian.str.len() > 0).sum() == 37  # incl. Crimea (de facto view)
    assert not any("RUS" in codes for codes in russian)


def test_region_contacts_give_point_touches_next_to_nothing(regions, countries, borders):
    russia = regions[regions["iso3"] == "RUS"]
    contacts = region_border_contacts(russia, countries, borders)
    assert list(contacts.columns) == ["region", "home_iso3", "neighbour_iso3", "shared_km"]
    named = russia["name_en"].to_numpy()[contacts["region"].to_numpy()]
    # Samara Oblast meets Kazakhstan at a corner in this data: no more than a stray piece
    assert contacts.loc[named == "Samara", "shared_km"].sum() < 2.0
    orenburg = contacts[(named == "Orenburg") & (contacts["neighbour_iso3"] == "KAZ").to_numpy()]
    assert orenburg["shared_km"].sum() > 1_000
    assert (contacts["home_iso3"] == "RUS").all()


def test_border_strip_rows_and_geometry(strips, borders, countries):
    assert list(strips.columns) == ["iso3", "neighbour_iso3", "width_km", "area_km2", "geometry"]
    assert len(strips) == 2 * len(borders)
    assert strips.is_valid.all() and set(strips.geom_type) == {"MultiPolygon"}
    assert (strips["area_km2"] > 0).all()
    # the strip is land of its own country
    own = countries.set_index("iso3").geometry.reindex(strips["iso3"]).to_numpy()
    outside = shapely.area(shapely.difference(strips.geometry.to_numpy(), own))
    assert (outside < 1e-6 * shapely.area(strips.geometry.to_numpy()) + 1e-9).all()


def test_border_strip_reaches_50_km_and_no_further(strips, borders):
    belarus = strips[(strips["iso3"] == "BLR") & (strips["neighbour_iso3"] == "POL")].iloc[0]
    assert belarus.geometry.covers(shapely.Point(BREST))
    line = border_line(borders, "BLR", "POL").geometry
    corners = shapely.get_coordinates(belarus.geometry)
    km = distance_km(shapely.points(corners), [line] * len(corners))
    assert km.max() < 51.0
    assert km.max() > 45.0
    # about the border's length times the width (325 km x 50 km, plus the rounded ends)
    assert 12_000 < belarus["area_km2"] < 22_000
    moscow = shapely.Point(MOSCOW)
    assert not strips.geometry.covers(moscow).any()


@pytest.mark.parametrize("width_km", [25, 100])
def test_border_strip_works_at_every_width_the_corridors_page_offers(borders, countries, width_km):
    # at 100 km the unprojected buffer of the Swiss-German border self-intersects; it is repaired
    wide = border_strip(borders, countries, width_km=width_km)
    assert len(wide) == 2 * len(borders) and wide.is_valid.all()
    swiss = wide[(wide["iso3"] == "CHE") & (wide["neighbour_iso3"] == "DEU")].iloc[0]
    assert swiss["width_km"] == width_km and swiss["area_km2"] > 0
    belarus = wide[(wide["iso3"] == "BLR") & (wide["neighbour_iso3"] == "POL")].iloc[0]
    assert 325 * width_km * 0.75 < belarus["area_km2"] < 325 * width_km * 1.4
