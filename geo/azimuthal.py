"""Measuring in kilometres: each geometry in an azimuthal projection centred on itself.

A buffer or an area in degrees means little (a degree of longitude is 111 km at the equator and
56 km at 60°N). Projecting everything into one plane distorts far from its centre. Here every
geometry gets its own azimuthal projection on the sphere, centred on the middle of its bounding
box, computed with numpy for all geometries at once (no loop, no pyproj object per row):

* equidistant: distances from the centre are exact; across, they stretch by c / sin(c), c the
  angular distance from the centre: +0.4 % at 1,000 km, +1.5 % at 2,000 km, +3.5 % at 3,000 km.
  A 50 km buffer round a 6,000 km long border is therefore 48-50 km wide everywhere.
* equal-area (Lambert): areas are exact.

The sphere (radius 6371 km) is within 0.5 % of the ellipsoid. Geometries that straddle the
antimeridian are not supported as input (the country and border layers never do).
"""

from __future__ import annotations

import numpy as np
import shapely

from geo.antimeridian import split_at_antimeridian
from geo.distance import EARTH_RADIUS_KM


def centres(geometries) -> tuple[np.ndarray, np.ndarray]:
    """The middle of each geometry's bounding box, (lon, lat) in degrees."""
    bounds = shapely.bounds(np.asarray(geometries, dtype=object))
    return (bounds[:, 0] + bounds[:, 2]) / 2.0, (bounds[:, 1] + bounds[:, 3]) / 2.0


def _scale(c: np.ndarray, equal_area: bool) -> np.ndarray:
    """Radial scale from the angular distance c (radians) to the plane, divided by sin(c)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if equal_area:
            k = np.sqrt(2.0 / (1.0 + np.cos(c)))
        else:
            k = np.where(c > 1e-12, c / np.sin(c), 1.0)
    return k


def _forward(lon, lat, lon0, lat0, equal_area: bool) -> np.ndarray:
    lam, phi, lam0, phi0 = (np.radians(v) for v in (lon, lat, lon0, lat0))
    dlam = lam - lam0
    cos_c = np.sin(phi0) * np.sin(phi) + np.cos(phi0) * np.cos(phi) * np.cos(dlam)
    c = np.arccos(np.clip(cos_c, -1.0, 1.0))
    k = _scale(c, equal_area) * EARTH_RADIUS_KM
    x = k * np.cos(phi) * np.sin(dlam)
    y = k * (np.cos(phi0) * np.sin(phi) - np.sin(phi0) * np.cos(phi) * np.cos(dlam))
    return np.column_stack([x, y])


def _inverse(x, y, lon0, lat0, equal_area: bool) -> np.ndarray:
    lam0, phi0 = np.radians(lon0), np.radians(lat0)
    rho = np.hypot(x, y)
    if equal_area:
        c = 2.0 * np.arcsin(np.clip(rho / (2.0 * EARTH_RADIUS_KM), -1.0, 1.0))
    else:
        c = rho / EARTH_RADIUS_KM
    sin_c, cos_c = np.sin(c), np.cos(c)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(rho > 0.0, y * sin_c * np.cos(phi0) / rho, 0.0)
    phi = np.arcsin(np.clip(cos_c * np.sin(phi0) + ratio, -1.0, 1.0))
    lam = lam0 + np.arctan2(x * sin_c, rho * np.cos(phi0) * cos_c - y * np.sin(phi0) * sin_c)
    # Longitudes stay continuous round the centre (they may pass ±180°; see split_at_antimeridian).
    lon = np.degrees(lam)
    lon0_deg = np.degrees(lam0)
    lon = lon0_deg + (lon - lon0_deg + 180.0) % 360.0 - 180.0
    return np.column_stack([lon, np.degrees(phi)])


def project(geometries, lon0, lat0, *, equal_area: bool = False) -> np.ndarray:
    """Geometries (lon/lat degrees) into km, each in the azimuthal plane centred on its own
    (lon0[i], lat0[i]) (equidistant, or Lambert equal-area with `equal_area=True`)."""
    geometries = np.array(geometries, dtype=object)
    coords, index = shapely.get_coordinates(geometries, return_index=True)
    lon0, lat0 = (np.broadcast_to(np.asarray(v, dtype=float), geometries.shape)
                  for v in (lon0, lat0))
    planar = _forward(coords[:, 0], coords[:, 1], lon0[index], lat0[index], equal_area)
    return shapely.set_coordinates(geometries, planar)


def unproject(geometries, lon0, lat0, *, equal_area: bool = False) -> np.ndarray:
    """The inverse of `project`: km in each geometry's plane back to lon/lat degrees."""
    geometries = np.array(geometries, dtype=object)
    coords, index = shapely.get_coordinates(geometries, return_index=True)
    lon0, lat0 = (np.broadcast_to(np.asarray(v, dtype=float), geometries.shape)
                  for v in (lon0, lat0))
    spherical = _inverse(coords[:, 0], coords[:, 1], lon0[index], lat0[index], equal_area)
    return shapely.set_coordinates(geometries, spherical)


def buffer_km(geometries, distance_km, *, quad_segs: int = 8) -> np.ndarray:
    """Each geometry grown by `distance_km` (scalar or one per geometry), as MultiPolygons in
    lon/lat, cut at the antimeridian. The buffer is drawn in the geometry's own azimuthal
    equidistant plane (see the module notes for the accuracy)."""
    geometries = np.asarray(geometries, dtype=object)
    lon0, lat0 = centres(geometries)
    planar = project(geometries, lon0, lat0)
    grown = shapely.buffer(planar, distance_km, quad_segs=quad_segs)
    return split_at_antimeridian(unproject(grown, lon0, lat0))


def area_km2(geometries) -> np.ndarray:
    """Area in km² of each (multi)polygon, measured in its own Lambert equal-area plane."""
    geometries = np.asarray(geometries, dtype=object)
    lon0, lat0 = centres(geometries)
    return shapely.area(project(geometries, lon0, lat0, equal_area=True))
