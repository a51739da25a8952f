"""Places against land borders: how far each place is from the land borders of its country, and the
pairs of places that face each other across a border.

Everything is computed for all places and all borders at once, without a Python loop over either.
The border lines are densified (STEP_DEGREES) and cut into short pieces; every border (or, for
nearest_land_border, every country's set of borders) gets its own azimuthal equidistant plane
centred on it (geo.azimuthal), the planes are laid side by side far apart (plane j is shifted by
j × PLANE_OFFSET_KM), and one spatial index (STRtree) over all pieces answers every query in a single
call: a point can only meet the pieces of its own plane. The index is asked for the pieces within a
radius (growing radii for places far inland), never for "the nearest", which is slow far from
everything.

Distances are great-circle km: the haversine between the place and the point of the border found
nearest in the plane. That is an upper bound of the true distance, within 1 % of it (the plane
stretches directions across its radius by c / sin c, +1.5 % at 2,000 km from the centre, and the
nearest point moves much less than that); measured against geo.locate.distance_km the median
difference is 0 and the 99th percentile 0.2 %. Because the lines are densified first, a long
straight edge in lon/lat (the 49th parallel between Canada and the USA) is measured as drawn.
Everything is lon/lat degrees, EPSG:4326.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.azimuthal import centres, project, unproject
from geo.distance import haversine_km
from geo.parts import LINE_TYPES, flat_parts

#: Planes of different borders lie this far apart (km): more than any distance inside a plane.
PLANE_OFFSET_KM = 100_000.0
#: Border lines are densified to this step (degrees) and cut into pieces of this many edges.
STEP_DEGREES = 0.05
CHUNK_VERTICES = 16
#: border_distances keeps the borders within this many km of a place (enough for any pair search)
NEAR_KM = 250.0
#: nearest_land_border searches within these radii (km) in turn
FAR_RADII_KM = (100.0, 400.0, 1200.0, 3000.0, 8000.0, 20000.0)
#: Pair search in the plane reaches this factor further than asked (the plane stretches a little);
#: the great-circle distance then decides.
PLANE_SLACK = 1.1
#: A pair "faces across" its border when the two places' distances to that border add up to at
#: most BETWEEN_FACTOR × their distance + BETWEEN_KM (straight across gives equality; the slack
#: absorbs generalised borders and city-centre points). A pair whose shortest way runs over the
#: sea or through a third country adds up to more.
BETWEEN_FACTOR = 1.15
BETWEEN_KM = 5.0


def border_sides(borders: pd.DataFrame) -> pd.DataFrame:
    """Each land border seen from each of its two countries: iso3, neighbour_iso3, border (row
    position in `borders`)."""
    position = np.arange(len(borders))
    return pd.concat([
        pd.DataFrame({"iso3": borders["iso3_a"].to_numpy(), "neighbour_iso3": borders["iso3_b"].to_numpy(),
                      "border": position}),
        pd.DataFrame({"iso3": borders["iso3_b"].to_numpy(), "neighbour_iso3": borders["iso3_a"].to_numpy(),
                      "border": position}),
    ], ignore_index=True)


def border_chunks(lines, *, vertices: int = CHUNK_VERTICES,
                  step_degrees: float = STEP_DEGREES) -> tuple[np.ndarray, np.ndarray]:
    """The (multi)lines densified (no edge longer than `step_degrees`) and cut into pieces of at
    most `vertices` + 1 vertices: (pieces, position of the line each piece belongs to).

    Densifying keeps an edge drawn straight in lon/lat (the US-Canada 49th parallel is one edge
    of 2,000 km) close to that line once it is projected; short pieces keep the spatial index
    sharp."""
    lines = shapely.segmentize(np.asarray(lines, dtype=object), step_degrees)
    parts, line = flat_parts(lines)
    keep = np.isin(shapely.get_type_id(parts), LINE_TYPES) & ~shapely.is_empty(parts)
    parts, line = parts[keep], line[keep]
    coords, part = shapely.get_coordinates(parts, return_index=True)
    position = np.arange(len(coords)) - np.searchsorted(part, part)
    same = part[1:] == part[:-1]
    segment_part, segment_position = part[:-1][same], position[:-1][same]
    starts, ends = coords[:-1][same], coords[1:][same]
    chunk_key = segment_part.astype("int64") * (1 << 32) + segment_position // vertices
    keys, chunk = np.unique(chunk_key, return_inverse=True)
    last = np.r_[chunk[1:] != chunk[:-1], True]  # each piece's last edge also gives its end
    index = np.concatenate([chunk, chunk[last]])
    order = np.lexsort((np.concatenate([segment_position, segment_position[last] + 1]), index))
    pieces = shapely.linestrings(np.concatenate([starts, ends[last]])[order], indices=index[order])
    piece_line = np.zeros(len(keys), dtype="int64")
    piece_line[chunk] = line[segment_part]
    return pieces, piece_line


def _in_planes(geometries: np.ndarray, plane: np.ndarray, lon0: np.ndarray,
               lat0: np.ndarray) -> np.ndarray:
    """Geometries projected into the azimuthal equidistant plane numbered `plane` (centre
    lon0[plane], lat0[plane]) and shifted to that plane's place on the side-by-side sheet."""
    planar = project(geometries, lon0[plane], lat0[plane])
    coords, index = shapely.get_coordinates(planar, return_index=True)
    coords[:, 0] += PLANE_OFFSET_KM * plane[index]
    return shapely.set_coordinates(planar, coords)


def _from_planes(points: np.ndarray, plane: np.ndarray, lon0: np.ndarray,
                 lat0: np.ndarray) -> np.ndarray:
    coords, index = shapely.get_coordinates(points, return_index=True)
    coords[:, 0] -= PLANE_OFFSET_KM * plane[index]
    return unproject(shapely.set_coordinates(points.copy(), coords), lon0[plane], lat0[plane])


def _nearest_within(points: np.ndarray, pieces: np.ndarray,
                    radii: tuple[float, ...]) -> tuple[np.ndarray, np.ndarray]:
    """For each planar point, the nearest piece and its planar distance, searching within each of
    the growing `radii` in turn for the points still unresolved (-1 and inf where none is within
    the last radius). The index is asked for candidates within a radius (fast) rather than for
    the nearest (slow for points far from everything)."""
    tree = shapely.STRtree(pieces)
    best = np.full(len(points), -1, dtype="int64")
    km = np.full(len(points), np.inf)
    todo = np.arange(len(points))
    for radius in radii:
        if not len(todo):
            break
        query, piece = tree.query(points[todo], predicate="dwithin", distance=radius)
        if len(query):
            distance = shapely.distance(points[todo][query], pieces[piece])
            order = np.lexsort((piece, distance, query))
            query, piece, distance = query[order], piece[order], distance[order]
            first = np.r_[True, query[1:] != query[:-1]]
            found = todo[query[first]]
            best[found], km[found] = piece[first], distance[first]
        todo = todo[best[todo] < 0]
    return best, km


def border_distances(lon, lat, iso3, borders: gpd.GeoDataFrame, *,
                     within_km: float = NEAR_KM) -> pd.DataFrame:
    """The great-circle km from each place to each land border of its own country that is at most
    `within_km` away.

    `lon`, `lat`, `iso3` give the places (arrays of one length; iso3 = the country the place
    belongs to); `borders` is geo.borders.land_borders output (iso3_a, iso3_b, geometry). Each
    border is measured in its own azimuthal equidistant plane (see the module notes).

    Returns one row per (place, border of its country within `within_km`): place (position in
    the input), neighbour_iso3 (the country across that border), border (row position in
    `borders`), border_km, border_lon, border_lat (the nearest point of that border); sorted by
    place, border_km.
    """
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    rows = _place_rows(lon, lat, iso3).merge(border_sides(borders), on="iso3", how="inner")
    lines = borders.geometry.to_numpy()
    lon0, lat0 = centres(lines)
    pieces, piece_border = border_chunks(lines)
    frame = _measure(lon, lat, rows["place"].to_numpy(), rows["border"].to_numpy(),
                     pieces, piece_border, lon0, lat0, (within_km,))
    frame["neighbour_iso3"] = rows["neighbour_iso3"].to_numpy(dtype=object)[frame["row"].to_numpy()]
    frame["border"] = rows["border"].to_numpy()[frame["row"].to_numpy()]
    frame = frame[frame["border_km"] <= within_km]
    return frame.sort_values(["place", "border_km", "neighbour_iso3"], ignore_index=True)[DISTANCE_COLUMNS]


DISTANCE_COLUMNS = ["place", "neighbour_iso3", "border", "border_km", "border_lon", "border_lat"]


def _place_rows(lon: np.ndarray, lat: np.ndarray, iso3) -> pd.DataFrame:
    iso3 = np.asarray(iso3, dtype=object)
    usable = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90.0)
    return pd.DataFrame({"place": np.flatnonzero(usable), "iso3": iso3[usable]})


def _measure(lon, lat, place, plane, pieces, piece_plane, lon0, lat0, radii) -> pd.DataFrame:
    """Each (place, plane) row measured against the pieces of its plane: row, place, border_km,
    border_lon, border_lat, piece (rows with nothing within the radii are left out)."""
    planar_pieces = _in_planes(pieces, piece_plane, lon0, lat0)
    planar_points = _in_planes(shapely.points(lon[place], lat[place]), plane, lon0, lat0)
    nearest, _ = _nearest_within(planar_points, planar_pieces, radii)
    found = np.flatnonzero(nearest >= 0)
    touch = shapely.get_point(shapely.shortest_line(planar_points[found],
                                                    planar_pieces[nearest[found]]), 1)
    on_border = _from_planes(touch, plane[found], lon0, lat0)
    border_lon, border_lat = shapely.get_x(on_border), shapely.get_y(on_border)
    return pd.DataFrame({
        "row": found, "place": place[found],
        "border_km": haversine_km(lon[place[found]], lat[place[found]], border_lon, border_lat),
        "border_lon": border_lon, "border_lat": border_lat, "piece": nearest[found],
    })


def nearest_land_border(lon, lat, iso3, borders: gpd.GeoDataFrame) -> pd.DataFrame:
    """For each place, the nearest land border of its own country and the country across it.

    Each country's borders are measured together in one azimuthal equidistant plane centred on
    them, with a search that widens until it finds them (FAR_RADII_KM), so a place 4,000 km
    inland costs little more than one on the border.

    Returns a frame with one row per input place (same order): border_km (NaN for a place in a
    country without land borders or without coordinates), across_iso3 (None then), border_lon,
    border_lat (the nearest point of the border).
    """
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    sides = border_sides(borders)
    countries = np.unique(sides["iso3"].to_numpy(dtype=object))
    country_of_side = np.searchsorted(countries, sides["iso3"].to_numpy(dtype=object))
    bounds = shapely.bounds(borders.geometry.to_numpy())[sides["border"].to_numpy()]
    box = pd.DataFrame(bounds, columns=["x0", "y0", "x1", "y1"]).assign(country=country_of_side)
    box = box.groupby("country").agg({"x0": "min", "y0": "min", "x1": "max", "y1": "max"})
    lon0 = ((box["x0"] + box["x1"]) / 2).to_numpy()
    lat0 = ((box["y0"] + box["y1"]) / 2).to_numpy()

    pieces, piece_border = border_chunks(borders.geometry.to_numpy())
    # every piece once per side: its plane is the country of that side
    piece_side = pd.DataFrame({"piece": np.arange(len(pieces)), "border": piece_border}).merge(
        sides.assign(plane=country_of_side), on="border")
    rows = _place_rows(lon, lat, iso3)
    rows = rows[rows["iso3"].isin(countries)]
    plane = np.searchsorted(countries, rows["iso3"].to_numpy(dtype=object))
    measured = _measure(lon, lat, rows["place"].to_numpy(), plane,
                        pieces[piece_side["piece"].to_numpy()], piece_side["plane"].to_numpy(),
                        lon0, lat0, FAR_RADII_KM)
    across = piece_side["neighbour_iso3"].to_numpy(dtype=object)[measured["piece"].to_numpy()]
    out = pd.DataFrame({"border_km": np.nan, "across_iso3": None, "border_lon": np.nan,
                        "border_lat": np.nan}, index=np.arange(len(lon)))
    place = measured["place"].to_numpy()
    out.loc[place, "border_km"] = measured["border_km"].to_numpy()
    out["across_iso3"] = out["across_iso3"].astype(object)
    out.loc[place, "across_iso3"] = across
    out.loc[place, "border_lon"] = measured["border_lon"].to_numpy()
    out.loc[place, "border_lat"] = measured["border_lat"].to_numpy()
    return out


def facing_pairs(lon, lat, distances: pd.DataFrame, borders: gpd.GeoDataFrame, *,
                 max_km: float, eligible=None) -> pd.DataFrame:
    """Pairs of places on opposite sides of a land border, at most `max_km` apart.

    `distances` is border_distances output for the same places; `eligible` (bool per place,
    default all) limits the places considered (e.g. a population floor). A pair qualifies when
    the two places lie in the two countries of a land border, each within `max_km` of that
    border, their great-circle distance is at most `max_km`, and the border lies between them:
    their two distances to it add up to at most BETWEEN_FACTOR × their distance + BETWEEN_KM.
    Found with one STRtree query over all borders' planes (see the module notes).

    Returns one row per pair: place_a, place_b (positions; place_a on the side of the border's
    iso3_a, the alphabetically first country), border (row in `borders`), iso3_a, iso3_b,
    distance_km, border_km_a, border_km_b; sorted by border, place_a, place_b. Two countries
    share at most one border row, so a pair appears once.
    """
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    near = distances[distances["border_km"] <= max_km]
    if eligible is not None:
        near = near[np.asarray(eligible, dtype=bool)[near["place"].to_numpy()]]
    side_a = borders["iso3_a"].to_numpy(dtype=object)
    on_a = near["neighbour_iso3"].to_numpy(dtype=object) != side_a[near["border"].to_numpy()]
    a, b = near[on_a], near[~on_a]  # a: places in iso3_a (their neighbour is iso3_b)
    columns = ["place_a", "place_b", "border", "iso3_a", "iso3_b", "distance_km", "border_km_a",
               "border_km_b"]
    if a.empty or b.empty:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in zip(
            columns, ["int64", "int64", "int64", object, object, "float64", "float64", "float64"])})

    lon0, lat0 = centres(borders.geometry.to_numpy())
    border_a, border_b = a["border"].to_numpy(), b["border"].to_numpy()
    place_a, place_b = a["place"].to_numpy(), b["place"].to_numpy()
    points_a = _in_planes(shapely.points(lon[place_a], lat[place_a]), border_a, lon0, lat0)
    points_b = _in_planes(shapely.points(lon[place_b], lat[place_b]), border_b, lon0, lat0)
    i, j = shapely.STRtree(points_b).query(points_a, predicate="dwithin", distance=max_km * PLANE_SLACK)
    same_border = border_a[i] == border_b[j]
    i, j = i[same_border], j[same_border]
    km = haversine_km(lon[place_a[i]], lat[place_a[i]], lon[place_b[j]], lat[place_b[j]])
    km_a = a["border_km"].to_numpy()[i]
    km_b = b["border_km"].to_numpy()[j]
    keep = (km <= max_km) & (km_a + km_b <= BETWEEN_FACTOR * km + BETWEEN_KM)
    i, j, km = i[keep], j[keep], km[keep]
    border = border_a[i]
    pairs = pd.DataFrame({
        "place_a": place_a[i], "place_b": place_b[j], "border": border,
        "iso3_a": side_a[border], "iso3_b": borders["iso3_b"].to_numpy(dtype=object)[border],
        "distance_km": km, "border_km_a": km_a[keep], "border_km_b": km_b[keep],
    })
    return pairs.sort_values(["border", "place_a", "place_b"], ignore_index=True)[columns]
