"""Places against land borders (geo.corridors): small exact cases, then real geography."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.borders import land_borders
from geo.corridors import border_chunks, border_distances, facing_pairs, nearest_land_border
from geo.distance import haversine_km
from geo.locate import distance_km

# ---- a tiny world: A | B side by side on the equator, C an island --------------------------------------------

def tiny_world() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"iso3": ["AAA", "BBB", "CCC"]}, geometry=[
        shapely.box(0.0, -1.0, 1.0, 1.0), shapely.box(1.0, -1.0, 2.0, 1.0), shapely.box(5.0, -1.0, 6.0, 1.0),
    ], crs="EPSG:4326")


@pytest.fixture(scope="module")
def tiny_borders():
    return land_borders(tiny_world())


def test_distance_to_a_straight_border_is_the_great_circle_distance(tiny_borders):
    lon = np.array([0.5, 1.9, 1.0 - 0.1])
    lat = np.array([0.0, 0.5, -0.5])
    rows = border_distances(lon, lat, ["AAA", "BBB", "AAA"], tiny_borders, within_km=1000)
    km = rows.set_index("place")["border_km"]
    # the border is the meridian 1°E: the nearest point has the place's latitude
    expected = haversine_km(lon, lat, np.ones(3), lat)
    assert np.allclose(km.sort_index().to_numpy(), expected, rtol=1e-3)
    assert list(rows.set_index("place").sort_index()["neighbour_iso3"]) == ["BBB", "AAA", "BBB"]


def test_coast_is_no_border_and_an_island_has_none(tiny_borders):
    # a place on the far coast of AAA is 111 km from the border, not 0 km from the sea
    nearest = nearest_land_border([0.0, 5.5], [0.0, 0.0], ["AAA", "CCC"], tiny_borders)
    assert nearest.loc[0, "across_iso3"] == "BBB"
    assert nearest.loc[0, "border_km"] == pytest.approx(haversine_km(0.0, 0.0, 1.0, 0.0), rel=1e-3)
    assert np.isnan(nearest.loc[1, "border_km"]) and nearest.loc[1, "across_iso3"] is None


def test_missing_coordinates_and_unknown_countries_give_nothing(tiny_borders):
    nearest = nearest_land_border([np.nan, 0.5], [0.0, 0.0], ["AAA", "ZZZ"], tiny_borders)
    assert nearest["border_km"].isna().all()
    assert border_distances([np.nan], [0.0], ["AAA"], tiny_borders).empty


def test_facing_pairs_are_across_the_border_within_the_distance(tiny_borders):
    lon = np.array([0.9, 1.1, 1.5, 0.2, 0.95])
    lat = np.array([0.0, 0.0, 0.0, 0.0, 0.9])
    iso3 = ["AAA", "BBB", "BBB", "AAA", "AAA"]
    rows = border_distances(lon, lat, iso3, tiny_borders, within_km=300)
    pairs = facing_pairs(lon, lat, rows, tiny_borders, max_km=70)
    found = {(a, b) for a, b in zip(pairs["place_a"], pairs["place_b"])}
    assert (0, 1) in found and (0, 2) in found      # 22 km and 67 km across
    assert (3, 2) not in found                      # 144 km: too far
    assert all(pairs["iso3_a"] == "AAA") and all(pairs["iso3_b"] == "BBB")
    assert (pairs["distance_km"] <= 70).all()
    eligible = facing_pairs(lon, lat, rows, tiny_borders, max_km=70, eligible=np.array([1, 1, 0, 1, 1], bool))
    assert 2 not in set(eligible["place_b"])


def test_a_pair_whose_way_runs_round_by_the_sea_is_not_facing():
    # an L-shaped country AAA wraps a bay; BBB lies beyond the bay's far shore, touching AAA only far away
    aaa = shapely.Polygon([(0, 0), (4, 0), (4, 1), (1, 1), (1, 3), (0, 3)])
    bbb = shapely.box(4.0, 0.0, 5.0, 3.0)
    world = gpd.GeoDataFrame({"iso3": ["AAA", "BBB"]}, geometry=[aaa, bbb], crs="EPSG:4326")
    borders = land_borders(world)
    lon, lat = np.array([0.9, 4.1]), np.array([2.9, 2.9])  # across the bay, 356 km apart
    rows = border_distances(lon, lat, ["AAA", "BBB"], borders, within_km=600)
    assert facing_pairs(lon, lat, rows, borders, max_km=500).empty


def test_border_chunks_keep_every_vertex_and_short_pieces():
    line = shapely.LineString([(0, 0), (10, 0)])
    pieces, owner = border_chunks([line], vertices=4, step_degrees=1.0)
    assert (owner == 0).all()
    assert shapely.length(shapely.union_all(pieces)) == pytest.approx(10.0)
    assert max(len(shapely.get_coordinates(p)) for p in pieces) <= 5


# ---- real geography --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def world(countries, land_borders_of_countries):
    return countries, land_borders_of_countries


#: (name, lon, lat, iso3) as GeoNames has them
PLACES = [
    ("Brest", 23.71749, 52.10894, "BLR"),
    ("Moscow", 37.61781, 55.75204, "RUS"),
    ("Narva", 28.19028, 59.37722, "EST"),
    ("Ivangorod", 28.21625, 59.37155, "RUS"),
    ("Blagoveshchensk", 127.52637, 50.27593, "RUS"),
    ("Heihe", 127.49016, 50.24413, "CHN"),
    ("Minsk", 27.56667, 53.9, "BLR"),
    ("Almaty", 76.9115, 43.25249, "KAZ"),
    ("Fort McMurray", -111.38103, 56.72676, "CAN"),
]


@pytest.fixture(scope="module")
def nearest(world):
    countries, borders = world
    lon = [p[1] for p in PLACES]
    lat = [p[2] for p in PLACES]
    result = nearest_land_border(lon, lat, [p[3] for p in PLACES], borders)
    result.index = [p[0] for p in PLACES]
    return result


def test_brest_lies_within_10_km_of_the_polish_border(nearest):
    assert nearest.loc["Brest", "across_iso3"] == "POL"
    assert nearest.loc["Brest", "border_km"] < 10


def test_moscow_is_more_than_350_km_from_any_land_border(nearest):
    assert nearest.loc["Moscow", "border_km"] > 350
    assert nearest.loc["Moscow", "across_iso3"] in ("BLR", "UKR")


def test_twin_border_towns_sit_on_their_border(nearest):
    assert nearest.loc["Narva", "across_iso3"] == "RUS" and nearest.loc["Narva", "border_km"] < 5
    assert nearest.loc["Ivangorod", "across_iso3"] == "EST" and nearest.loc["Ivangorod", "border_km"] < 5
    assert nearest.loc["Blagoveshchensk", "across_iso3"] == "CHN" and nearest.loc["Blagoveshchensk", "border_km"] < 6
    assert nearest.loc["Heihe", "across_iso3"] == "RUS" and nearest.loc["Heihe", "border_km"] < 6


def test_a_long_straight_border_is_measured_along_its_parallel(nearest):
    # the US-Canada border west of the Great Lakes runs along 49°N: Fort McMurray is ~860 km north of it
    assert nearest.loc["Fort McMurray", "across_iso3"] == "USA"
    assert nearest.loc["Fort McMurray", "border_km"] == pytest.approx((56.72676 - 49.0) * 111.2, rel=0.01)


def test_distances_agree_with_the_exact_measure(world, nearest):
    """geo.locate.distance_km projects each place's own neighbourhood: the two agree where the border's
    edges are short (everywhere here but the 49th parallel)."""
    countries, borders = world
    for name, lon, lat, iso3 in PLACES[:-1]:
        across = nearest.loc[name, "across_iso3"]
        pair = borders[((borders["iso3_a"] == iso3) & (borders["iso3_b"] == across))
                       | ((borders["iso3_b"] == iso3) & (borders["iso3_a"] == across))]
        exact = distance_km(shapely.points([lon], [lat]), pair.geometry.to_numpy())[0]
        assert nearest.loc[name, "border_km"] == pytest.approx(exact, rel=0.01, abs=0.05), name


def test_blagoveshchensk_and_heihe_face_each_other(world):
    countries, borders = world
    lon = np.array([127.52637, 127.49016, 37.61781])
    lat = np.array([50.27593, 50.24413, 55.75204])
    iso3 = ["RUS", "CHN", "RUS"]
    rows = border_distances(lon, lat, iso3, borders, within_km=200)
    pairs = facing_pairs(lon, lat, rows, borders, max_km=150)
    assert list(zip(pairs["place_a"], pairs["place_b"], pairs["iso3_a"], pairs["iso3_b"])) == [(1, 0, "CHN", "RUS")]
    assert pairs["distance_km"].iloc[0] == pytest.approx(4.4, abs=0.2)
