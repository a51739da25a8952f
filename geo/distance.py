"""Distances on the sphere: haversine, great-circle paths and the length of lines in kilometres.

Everything takes longitude first (x, y order, like GeoJSON) in degrees and works on numpy arrays
(pandas Series and scalars are accepted and read by position, never aligned by index).
"""

from __future__ import annotations

import numpy as np
import shapely

from geo.parts import LINE_TYPES, flat_parts

#: Mean Earth radius (IUGG), km. A sphere is within 0.5 % of the ellipsoid, plenty for a dashboard.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle distance in km between (lon1, lat1) and (lon2, lat2), element-wise (broadcast).

    NaN in any coordinate gives NaN.
    """
    lon1, lat1, lon2, lat2 = (np.radians(np.asarray(v, dtype=float))
                              for v in (lon1, lat1, lon2, lat2))
    half_dlat = (lat2 - lat1) / 2.0
    half_dlon = (lon2 - lon1) / 2.0
    a = np.sin(half_dlat) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(half_dlon) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _unit_vectors(lon, lat) -> np.ndarray:
    lon, lat = np.radians(lon), np.radians(lat)
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1)


def great_circle_points(lon1, lat1, lon2, lat2, n: int) -> np.ndarray:
    """`n` points (n >= 2) evenly spaced on the great circle from point 1 to point 2, ends included.

    Scalars give an array of shape (n, 2); arrays of m pairs give shape (m, n, 2); the last axis is
    (lon, lat) with lon in [-180, 180]. A path that crosses the antimeridian therefore jumps from
    +180 to -180 between two points: split it there before drawing it as one line. Identical
    points give n copies of the point; antipodal points have no single great circle and give NaN.
    """
    if n < 2:
        raise ValueError("great_circle_points needs n >= 2")
    lon1, lat1, lon2, lat2 = np.broadcast_arrays(*(np.asarray(v, dtype=float)
                                                   for v in (lon1, lat1, lon2, lat2)))
    start, end = _unit_vectors(lon1, lat1), _unit_vectors(lon2, lat2)
    omega = np.arccos(np.clip(np.sum(start * end, axis=-1), -1.0, 1.0))[..., None, None]
    t = np.linspace(0.0, 1.0, n)[:, None]
    sin_omega = np.sin(omega)
    with np.errstate(invalid="ignore", divide="ignore"):
        slerp = (np.sin((1.0 - t) * omega) * start[..., None, :]
                 + np.sin(t * omega) * end[..., None, :]) / sin_omega
    lerp = (1.0 - t) * start[..., None, :] + t * end[..., None, :]
    vectors = np.where(omega < 1e-12, lerp, slerp)
    vectors = np.where(np.abs(omega - np.pi) < 1e-9, np.nan, vectors)
    lon = np.degrees(np.arctan2(vectors[..., 1], vectors[..., 0]))
    lat = np.degrees(np.arctan2(vectors[..., 2], np.hypot(vectors[..., 0], vectors[..., 1])))
    return np.stack([lon, lat], axis=-1)


def line_length_km(geometries) -> np.ndarray:
    """Length in km of each (multi)line, summing the great-circle length of every segment.

    Lines inside geometry collections count; points and polygons' areas do not (pass
    `shapely.boundary(polygons)` to measure a perimeter). Missing geometries measure 0.
    """
    geometries = np.asarray(geometries, dtype=object)
    parts, index = flat_parts(geometries)
    lines = np.isin(shapely.get_type_id(parts), LINE_TYPES)
    parts, index = parts[lines], index[lines]
    coords, coord_part = shapely.get_coordinates(parts, return_index=True)
    same_part = coord_part[1:] == coord_part[:-1]
    segment_km = haversine_km(coords[:-1, 0], coords[:-1, 1], coords[1:, 0], coords[1:, 1])
    part_km = np.bincount(coord_part[1:][same_part], weights=segment_km[same_part],
                          minlength=len(parts))
    return np.bincount(index, weights=part_km, minlength=len(geometries)).astype(float)


def km_to_degrees(distance_km, lat) -> np.ndarray:
    """Degrees that cover at least `distance_km` in every direction at latitude `lat`.

    One degree of longitude shrinks with cos(lat); the result is the longitude size, so it
    over-covers north-south. Latitudes beyond 85° are treated as 85° (no infinite sizes). Use it
    for index pre-filters and generous tolerances, then measure in km.
    """
    lat = np.clip(np.abs(np.asarray(lat, dtype=float)), 0.0, 85.0)
    km_per_degree = np.pi * EARTH_RADIUS_KM / 180.0
    return np.asarray(distance_km, dtype=float) / (km_per_degree * np.cos(np.radians(lat)))
