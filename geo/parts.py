"""Opening multi-part geometries and collections into single parts, each with its origin."""

from __future__ import annotations

import numpy as np
import shapely

#: shapely type ids
LINE_TYPES = (1, 2)  # LineString, LinearRing
POLYGON = 3
POLYGONAL_TYPES = (3, 6)  # Polygon, MultiPolygon


def flat_parts(geometries) -> tuple[np.ndarray, np.ndarray]:
    """Single-part geometries of each input (multi-parts and collections opened, nested too).

    Returns (parts, index) where index[k] is the position of the input that parts[k] came from.
    """
    geometries = np.asarray(geometries, dtype=object)
    parts, index = shapely.get_parts(geometries, return_index=True)
    while True:
        multi = shapely.get_type_id(parts) >= 4  # Multi* and GeometryCollection
        if not multi.any():
            return parts, index
        sub, sub_index = shapely.get_parts(parts[multi], return_index=True)
        parts = np.concatenate([parts[~multi], sub])
        index = np.concatenate([index[~multi], index[multi][sub_index]])
