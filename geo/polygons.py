"""Turning whatever a boundary file holds into valid MultiPolygons, one per row."""

from __future__ import annotations

import numpy as np
import shapely

from geo.parts import POLYGON, flat_parts


def regroup_polygons(parts, index, size: int) -> np.ndarray:
    """One MultiPolygon per input position from polygon `parts` and their input `index`.

    Positions that receive no part get an empty MultiPolygon.
    """
    out = np.empty(size, dtype=object)
    out[:] = [shapely.MultiPolygon()] * size
    if len(parts):
        order = np.argsort(index, kind="stable")
        shapely.multipolygons(np.asarray(parts, dtype=object)[order],
                              indices=np.asarray(index)[order], out=out)
    return out


def valid_multipolygons(geometries) -> np.ndarray:
    """Each geometry made valid (`shapely.make_valid`) and kept as a MultiPolygon.

    Lines and points that repairing may leave beside the polygons are dropped; a missing or
    non-polygonal geometry becomes an empty MultiPolygon.
    """
    geometries = np.asarray(geometries, dtype=object)
    present = ~shapely.is_missing(geometries)
    repaired = geometries.copy()
    repaired[present] = shapely.make_valid(geometries[present])
    repaired[~present] = shapely.MultiPolygon()
    parts, index = flat_parts(repaired)
    keep = (shapely.get_type_id(parts) == POLYGON) & ~shapely.is_empty(parts)
    return regroup_polygons(parts[keep], index[keep], len(geometries))
