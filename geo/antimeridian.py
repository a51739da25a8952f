"""Keeping polygons on the [-180, 180] longitude sheet, with no ring wrapping round the globe.

Web maps (MapLibre, Plotly) draw each ring edge as a straight line in longitude/latitude. A ring
that goes from 179.9° to -179.9° in one step is drawn as a band across the whole map (the
"wedge"), and a single polygon that is wider than half the globe is a trap for every later
operation (intersections, buffers, centroids). Natural Earth's 10m countries are already cut at
the antimeridian; these functions check that, and repair a geometry that crosses the line by
cutting it there.

Antarctica is one ring round the south pole. Such a polar cap truly covers every longitude and is
a valid polygon as it is (cutting it in two would leave two halves sharing an edge, which is not
a valid MultiPolygon); what it must not have is an edge from (180, -90) to (-180, -90) in one step,
which some files store: that edge is densified (every degree) so that no edge spans more than
180°.
"""

from __future__ import annotations

import numpy as np
import shapely

from geo.parts import LINE_TYPES, POLYGON, flat_parts
from geo.polygons import regroup_polygons

#: Two vertices further apart than this in longitude can only be joined "the short way round".
JUMP_DEGREES = 180.0
#: Latitude from which an edge lies along a pole (the bottom edge of Antarctica): not a crossing.
POLAR_LATITUDE = 89.999
#: A polygon reaching this latitude may be a polar cap (Antarctica), which covers every longitude.
POLAR_CAP_LATITUDE = 89.0
#: Longest edge, in degrees, left along a pole after densifying.
POLAR_STEP_DEGREES = 1.0

# For rings unwrapped to [0, 360): the part up to 180 and the part beyond, shifted back afterwards.
UNWRAPPED_EAST = shapely.box(0.0, -90.0, 180.0, 90.0)
UNWRAPPED_WEST = shapely.box(180.0, -90.0, 360.0, 90.0)


def _parts_with_jumps(parts: np.ndarray, *, polar: bool = False) -> np.ndarray:
    """For each polygon or line, whether one of its edges jumps more than 180° in longitude.

    Edges along a pole are left out, or with `polar=True` are the only ones counted.
    """
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    lines = np.isin(shapely.get_type_id(parts), LINE_TYPES)
    rings = np.concatenate([rings, parts[lines]])
    ring_part = np.concatenate([ring_part, np.flatnonzero(lines)])
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    same_ring = coord_ring[1:] == coord_ring[:-1]
    dx = np.abs(np.diff(coords[:, 0]))
    along_pole = ((np.abs(coords[:-1, 1]) >= POLAR_LATITUDE)
                  & (np.abs(coords[1:, 1]) >= POLAR_LATITUDE))
    wanted = along_pole if polar else ~along_pole
    jumping_rings = coord_ring[1:][same_ring & (dx > JUMP_DEGREES) & wanted]
    return np.isin(np.arange(len(parts)), ring_part[jumping_rings])


def _touches_pole(parts: np.ndarray) -> np.ndarray:
    bounds = shapely.bounds(parts)
    return (bounds[:, 1] <= -POLAR_CAP_LATITUDE) | (bounds[:, 3] >= POLAR_CAP_LATITUDE)


def crossing_problems(geometries) -> np.ndarray:
    """For each geometry, whether it would misdraw or mislead: an edge jumping more than 180° in
    longitude (along a pole too), a longitude outside [-180, 180], or a polygon (or line) wider
    than 180° that does not come within 1° of a pole (only a polar cap covers every longitude)."""
    geometries = np.asarray(geometries, dtype=object)
    parts, index = flat_parts(geometries)
    bounds = shapely.bounds(parts)
    too_wide = (bounds[:, 2] - bounds[:, 0] > JUMP_DEGREES) & ~_touches_pole(parts)
    bad = (_parts_with_jumps(parts) | _parts_with_jumps(parts, polar=True) | too_wide
           | (bounds[:, 0] < -180.0) | (bounds[:, 2] > 180.0))
    return np.bincount(index[bad], minlength=len(geometries)) > 0


def _shift_longitudes(geometries: np.ndarray, unwrap: bool) -> np.ndarray:
    def shift(coords: np.ndarray) -> np.ndarray:
        coords = coords.copy()
        if unwrap:
            coords[:, 0] = np.where(coords[:, 0] < 0.0, coords[:, 0] + 360.0, coords[:, 0])
        else:
            coords[:, 0] -= 360.0
        return coords
    return shapely.transform(geometries, shift)


def split_at_antimeridian(geometries) -> np.ndarray:
    """Each (multi)polygon as a MultiPolygon whose polygons all lie within [-180, 180] longitude.

    * A ring that crosses the antimeridian (an edge jumping more than 180° in longitude) is read
      "the short way round": its longitudes are unwrapped to [0, 360), the polygon is cut at 180°
      and the western piece is shifted back by -360°.
    * An edge along a pole that spans more than 180° (Antarctica's bottom edge from 180° to -180°)
      gets a vertex every degree; the polar cap stays one polygon.
    * A polygon reaching beyond ±180° (a buffer drawn round a place near the antimeridian) is cut
      there and the overflow shifted by ∓360° to the other edge of the map.
    Geometries that need none of this come back unchanged (as MultiPolygons).
    """
    geometries = np.asarray(geometries, dtype=object)
    parts, index = flat_parts(geometries)
    keep = shapely.get_type_id(parts) == POLYGON
    parts, index = parts[keep], index[keep]

    jumps = _parts_with_jumps(parts)
    if jumps.any():
        unwrapped = _shift_longitudes(parts[jumps], unwrap=True)
        east = shapely.intersection(unwrapped, UNWRAPPED_EAST)
        west = _shift_longitudes(shapely.intersection(unwrapped, UNWRAPPED_WEST), unwrap=False)
        parts = np.concatenate([parts[~jumps], east, west])
        index = np.concatenate([index[~jumps], index[jumps], index[jumps]])
        parts, index = _polygons_only(parts, index)

    polar_jumps = _parts_with_jumps(parts, polar=True)
    if polar_jumps.any():
        parts = parts.copy()
        parts[polar_jumps] = shapely.segmentize(parts[polar_jumps], POLAR_STEP_DEGREES)

    bounds = shapely.bounds(parts)
    outside = (bounds[:, 0] < -180.0) | (bounds[:, 2] > 180.0)
    if outside.any():
        pieces = [parts[~outside]]
        pieces_index = [index[~outside]]
        for shift in (-360.0, 0.0, 360.0):
            sheet = shapely.box(-180.0 - shift, -90.0, 180.0 - shift, 90.0)
            piece = shapely.intersection(parts[outside], sheet)
            if shift:
                piece = shapely.transform(piece, lambda coords, s=shift: coords + (s, 0.0))
            pieces.append(piece)
            pieces_index.append(index[outside])
        parts, index = _polygons_only(np.concatenate(pieces), np.concatenate(pieces_index))
    return regroup_polygons(parts, index, len(geometries))


def _polygons_only(parts: np.ndarray, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    sub, sub_index = flat_parts(parts)
    keep = (shapely.get_type_id(sub) == POLYGON) & ~shapely.is_empty(sub)
    return sub[keep], index[sub_index[keep]]
