"""Diagonal hatching of polygons as one NaN-separated polyline: a pattern any line layer can draw.

Map libraries fill polygons with flat colour only; a disputed area is hatched by drawing parallel
lines clipped to its shape. Spacing is in degrees, narrowed for small areas so that every area gets
at least a few lines.
"""

from __future__ import annotations

import numpy as np
import shapely

#: spacing between hatch lines, degrees, for large areas
SPACING_DEGREES = 0.6
#: at least this many lines cross each area's longer side
MIN_LINES = 4


def hatch_lines(geometries, spacing: float = SPACING_DEGREES,
                min_lines: int = MIN_LINES) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) of 45° lines ("/") clipped to each polygon, segments separated by NaN.

    Empty or missing geometries add nothing; with nothing to hatch both arrays are empty.
    """
    geometries = np.asarray(geometries, dtype=object)
    present = ~shapely.is_missing(geometries)
    geometries = geometries[present]
    geometries = geometries[~shapely.is_empty(geometries)]
    if not len(geometries):
        return np.empty(0), np.empty(0)
    lines, owners = [], []
    for position, bounds in enumerate(shapely.bounds(geometries)):
        x0, y0, x1, y1 = bounds
        size = max(x1 - x0, y1 - y0)
        step = min(spacing, size / (min_lines + 1)) if size > 0 else spacing
        # lines y = x + c for c across the bounding box, offset half a step from its corner
        offsets = np.arange(y0 - x1 + step / 2, y1 - x0, step)
        for c in offsets:
            lines.append(shapely.LineString([(x0, x0 + c), (x1, x1 + c)]))
            owners.append(position)
    clipped = shapely.intersection(np.asarray(lines, dtype=object), geometries[np.asarray(owners)])
    parts = shapely.get_parts(clipped)
    parts = parts[(shapely.get_type_id(parts) == 1) & ~shapely.is_empty(parts)]
    return nan_separated(parts)


def nan_separated(lines) -> tuple[np.ndarray, np.ndarray]:
    """The coordinates of LineStrings, one after another with a NaN between two lines."""
    lines = np.asarray(lines, dtype=object)
    if not len(lines):
        return np.empty(0), np.empty(0)
    coords, which = shapely.get_coordinates(lines, return_index=True)
    breaks = np.flatnonzero(np.diff(which)) + 1
    lon = np.insert(coords[:, 0], breaks, np.nan)
    lat = np.insert(coords[:, 1], breaks, np.nan)
    return lon, lat
