"""Distances on the sphere and measuring in km through local azimuthal projections."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely

from geo.azimuthal import area_km2, buffer_km, project, unproject
from geo.distance import great_circle_points, haversine_km, km_to_degrees, line_length_km

MOSCOW = (37.6173, 55.7558)
SAINT_PETERSBURG = (30.3141, 59.9386)
VLADIVOSTOK = (131.8855, 43.1155)


def test_haversine_known_distances():
    assert haversine_km(*MOSCOW, *SAINT_PETERSBURG) == pytest.approx(634, abs=3)
    assert haversine_km(*MOSCOW, *VLADIVOSTOK) == pytest.approx(6_420, abs=30)
    assert haversine_km(0, 0, 180, 0) == pytest.approx(np.pi * 6371.0088)
    assert haversine_km(*MOSCOW, *MOSCOW) == 0.0
    assert haversine_km(179.9, 0, -179.9, 0) == pytest.approx(22.24, abs=0.01)


def test_haversine_is_vectorised_and_reads_series_by_position():
    lon1 = pd.Series([MOSCOW[0], 0.0], index=[5, 6])
    lat1 = pd.Series([MOSCOW[1], 0.0], index=[7, 8])
    km = haversine_km(lon1, lat1, [SAINT_PETERSBURG[0], 1.0], [SAINT_PETERSBURG[1], np.nan])
    assert isinstance(km, np.ndarray) and km.shape == (2,)
    assert km[0] == pytest.approx(634, abs=3) and np.isnan(km[1])
    assert haversine_km(0.0, 0.0, np.array([1.0, 2.0]), 0.0) == pytest.approx([111.195, 222.39],
                                                                            abs=0.01)


def test_great_circle_points():
    path = great_circle_points(*MOSCOW, *VLADIVOSTOK, 11)
    assert path.shape == (11, 2)
    assert path[0] == pytest.approx(MOSCOW) and path[-1] == pytest.approx(VLADIVOSTOK)
    steps = haversine_km(path[:-1, 0], path[:-1, 1], path[1:, 0], path[1:, 1])
    assert steps == pytest.approx(np.full(10, haversine_km(*MOSCOW, *VLADIVOSTOK) / 10))
    assert path[:, 1].max() > max(MOSCOW[1], VLADIVOSTOK[1])  # the great circle bows north
    many = great_circle_points([0, 10], [0, 0], [10, 10], [0, 10], 3)
    assert many.shape == (2, 3, 2)
    assert many[0, 1] == pytest.approx([5, 0])
    same = great_circle_points(10, 20, 10, 20, 4)
    assert same == pytest.approx(np.tile([10, 20], (4, 1)))
    assert np.isnan(great_circle_points(0, 0, 180, 0, 3)).all()
    with pytest.raises(ValueError):
        great_circle_points(0, 0, 1, 1, 1)


def test_line_length_km():
    equator = shapely.LineString([(0, 0), (1, 0), (2, 0)])
    pieces = shapely.MultiLineString([[(0, 0), (1, 0)], [(5, 0), (6, 0)]])
    mixed = shapely.GeometryCollection([shapely.Point(0, 0), shapely.LineString([(0, 0), (0, 1)])])
    km = line_length_km([equator, pieces, mixed, None, shapely.box(0, 0, 1, 1)])
    assert km == pytest.approx([222.39, 222.39, 111.195, 0.0, 0.0], abs=0.01)


def test_km_to_degrees_covers_the_distance_east_west():
    assert km_to_degrees(111.195, 0.0) == pytest.approx(1.0, rel=1e-4)
    assert km_to_degrees(111.195, 60.0) == pytest.approx(2.0, rel=1e-4)
    assert np.isfinite(km_to_degrees(10.0, 90.0))


def test_projection_round_trip_and_distance_from_centre():
    points = shapely.points([MOSCOW, VLADIVOSTOK, (-175.0, 66.0), (10.0, -80.0)])
    lon0, lat0 = np.array([30.0, 120.0, 175.0, 0.0]), np.array([50.0, 50.0, 60.0, -70.0])
    for equal_area in (False, True):
        back = unproject(project(points, lon0, lat0, equal_area=equal_area), lon0, lat0,
                         equal_area=equal_area)
        lon = shapely.get_x(back)
        assert ((lon - shapely.get_x(points) + 180) % 360 - 180) == pytest.approx(0, abs=1e-9)
        assert shapely.get_y(back) == pytest.approx(shapely.get_y(points))
    planar = shapely.get_coordinates(project(points, lon0, lat0))
    assert np.hypot(planar[:, 0], planar[:, 1]) == pytest.approx(
        haversine_km(shapely.get_x(points), shapely.get_y(points), lon0, lat0))


def test_buffer_km_is_round_in_km():
    ring = shapely.get_coordinates(buffer_km([shapely.Point(MOSCOW)], 100.0)[0])
    km = haversine_km(ring[:, 0], ring[:, 1], *MOSCOW)
    assert km.min() == pytest.approx(100.0, abs=0.01) and km.max() == pytest.approx(100.0, abs=0.01)
    # round a place near the antimeridian the buffer is cut there, not wrapped round the world
    wrapped = buffer_km([shapely.Point(179.5, 66.0)], 100.0)[0]
    assert wrapped.geom_type == "MultiPolygon" and len(wrapped.geoms) == 2
    assert all(part.bounds[2] - part.bounds[0] < 10 for part in wrapped.geoms)


def test_area_km2():
    equator_square = shapely.box(0, 0, 1, 1)
    assert area_km2([equator_square])[0] == pytest.approx(12_364, rel=2e-3)
    northern_square = shapely.box(30, 60, 31, 61)
    assert area_km2([northern_square])[0] == pytest.approx(12_364 * np.cos(np.radians(60.5)),
                                                           rel=5e-3)
