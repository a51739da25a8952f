"""Which polygon a point lies in: spatial joins for many points at once."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.azimuthal import project
from geo.distance import EARTH_RADIUS_KM, haversine_km, km_to_degrees
from geo.parts import POLYGONAL_TYPES

#: Default reach, in km, for a point that falls just outside every polygon (a harbour city on a
#: simplified coast).
NEAREST_KM = 15.0
#: Default tolerance, in km, for `inside`: geocodes on a shore or a border river still count.
INSIDE_TOLERANCE_KM = 10.0


def _points(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lon = np.asarray(lon, dtype=float).ravel()
    lat = np.asarray(lat, dtype=float).ravel()
    if lon.shape != lat.shape:
        raise ValueError(f"lon and lat differ in length ({len(lon)} and {len(lat)})")
    usable = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90.0)
    points = np.full(len(lon), None, dtype=object)
    points[usable] = shapely.points(lon[usable], lat[usable])
    return points, usable


def approximate_distance_km(points, geometries) -> np.ndarray:
    """Great-circle km from each point to the point of the matching geometry that is nearest in
    degree space: an upper bound of the true distance, good to a few per cent at the few km this
    is used for, and cheap (NaN where either is missing or empty)."""
    points = np.asarray(points, dtype=object)
    geometries = np.asarray(geometries, dtype=object)
    out = np.full(len(points), np.nan)
    present = ~(shapely.is_missing(points) | shapely.is_missing(geometries)
                | shapely.is_empty(geometries))
    ends = shapely.get_coordinates(
        shapely.shortest_line(points[present], geometries[present])).reshape(-1, 4)
    out[present] = haversine_km(ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3])
    return out


def distance_km(points, geometries) -> np.ndarray:
    """Great-circle km from each point to the nearest point of the matching geometry (0 inside a
    polygon; NaN where either is missing or empty).

    approximate_distance_km gives an upper bound d; the geometry is then cut to the box that
    holds every point within d of the point, and that piece is measured in the azimuthal
    equidistant projection centred on the point, where the distance from the centre is the
    great-circle distance (exact on the sphere). Not for geometries across the antimeridian from
    the point.
    """
    points = np.asarray(points, dtype=object)
    geometries = np.asarray(geometries, dtype=object)
    km = approximate_distance_km(points, geometries)
    outside = np.flatnonzero(km > 0)
    if len(outside):
        lon, lat = shapely.get_x(points[outside]), shapely.get_y(points[outside])
        reach = km[outside] * 1.001 + 1e-6
        dlat = np.degrees(reach / EARTH_RADIUS_KM)
        dlon = km_to_degrees(reach, np.minimum(np.abs(lat) + dlat, 89.0))
        window = shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat)
        near = shapely.intersection(_outlines(geometries[outside]), window)
        planar = project(near, lon, lat)
        exact = shapely.distance(shapely.points(np.zeros((len(outside), 2))), planar)
        km[outside] = np.fmin(exact, km[outside])
    return km


def _outlines(geometries: np.ndarray) -> np.ndarray:
    """Polygons as their boundaries (the nearest point to an outside point lies on them)."""
    polygonal = np.isin(shapely.get_type_id(geometries), POLYGONAL_TYPES)
    out = geometries.copy()
    out[polygonal] = shapely.boundary(geometries[polygonal])
    return out


def _nearest_within(points: np.ndarray, polygons: np.ndarray,
                    max_distance_km: float) -> tuple[np.ndarray, np.ndarray]:
    """(point position, polygon position) of the nearest polygon within max_distance_km of each
    point that has one."""
    reach = km_to_degrees(max_distance_km, shapely.get_y(points))
    point_idx, polygon_idx = shapely.STRtree(polygons).query(points, predicate="dwithin",
                                                            distance=reach)
    if not len(point_idx):
        return point_idx, polygon_idx
    km = distance_km(points[point_idx], polygons[polygon_idx])
    candidates = pd.DataFrame({"point": point_idx, "polygon": polygon_idx, "km": km})
    candidates = candidates[candidates["km"] <= max_distance_km]
    best = candidates.sort_values(["point", "km", "polygon"]).drop_duplicates("point")
    return best["point"].to_numpy(), best["polygon"].to_numpy()


def locate_points(lon, lat, polygons: gpd.GeoDataFrame, id_column: str, *,
                  max_distance_km: float = NEAREST_KM) -> np.ndarray:
    """The `id_column` value of the polygon each point lies in (object array, None where none).

    Points are joined to the polygons through the spatial index (STRtree: each polygon, prepared,
    collects the points it covers; a point on a shared edge goes to the first polygon in row
    order). A point inside no polygon (a port on a simplified coastline, a lake shore) takes the
    nearest polygon within `max_distance_km` great-circle km; 0 turns that off. Missing or
    invalid coordinates give None.
    """
    points, usable = _points(lon, lat)
    ids = polygons[id_column].to_numpy(dtype=object)
    shapes = polygons.geometry.to_numpy()
    shapely.prepare(shapes)
    result = np.full(len(points), None, dtype=object)
    present = np.flatnonzero(usable)
    if not len(present) or not len(shapes):
        return result
    polygon_idx, point_idx = shapely.STRtree(points[present]).query(shapes, predicate="covers")
    order = np.lexsort((polygon_idx, point_idx))
    point_idx, polygon_idx = point_idx[order], polygon_idx[order]
    first = np.r_[True, point_idx[1:] != point_idx[:-1]][:len(point_idx)]
    result[present[point_idx[first]]] = ids[polygon_idx[first]]
    if max_distance_km > 0:
        outside = present[np.setdiff1d(np.arange(len(present)), point_idx)]
        if len(outside):
            near_point, near_polygon = _nearest_within(points[outside], shapes, max_distance_km)
            result[outside[near_point]] = ids[near_polygon]
    return result


def inside(lon, lat, polygons_by_key, keys, *,
           tolerance_km: float = INSIDE_TOLERANCE_KM) -> np.ndarray:
    """For each point, whether it lies inside, or within `tolerance_km` of, the polygon of its key.

    `polygons_by_key` is a GeoSeries (or GeoDataFrame) indexed by key, e.g.
    `countries.set_index("iso3").geometry`; several rows under one key are unioned. `keys` gives
    one key per point. A key with no polygon, a missing key or missing coordinates give False.
    Used to reject geocodes that fall outside their stated country.
    """
    points, usable = _points(lon, lat)
    keys = np.asarray(keys, dtype=object).ravel()
    if len(keys) != len(points):
        raise ValueError(f"{len(keys)} keys for {len(points)} points")
    shapes = polygons_by_key.geometry if isinstance(polygons_by_key, gpd.GeoDataFrame) \
        else polygons_by_key
    if not shapes.index.is_unique:
        shapes = shapes.groupby(level=0).agg(lambda g: shapely.union_all(g.to_numpy()))
    lookup = pd.Series(shapes.to_numpy(), index=shapes.index)
    shapely.prepare(lookup.to_numpy())
    known = pd.Index(lookup.index).get_indexer(pd.Index(keys, dtype=object))
    result = np.zeros(len(points), dtype=bool)
    check = np.flatnonzero(usable & (known >= 0))
    if not len(check):
        return result
    geometries = lookup.to_numpy()[known[check]]
    lon_checked = shapely.get_x(points[check])
    lat_checked = shapely.get_y(points[check])
    within = shapely.intersects_xy(geometries, lon_checked, lat_checked)
    result[check[within]] = True
    if tolerance_km > 0:
        rest = ~within
        reach = km_to_degrees(tolerance_km, lat_checked[rest])
        near = shapely.dwithin(geometries[rest], points[check[rest]], reach)
        rest_idx = check[rest][near]
        km = distance_km(points[rest_idx], geometries[rest][near])
        result[rest_idx[km <= tolerance_km]] = True
    return result
