"""International land borders, the regions that lie on them, and the strip of land along them."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.azimuthal import area_km2, buffer_km
from geo.distance import haversine_km, km_to_degrees, line_length_km
from geo.locate import approximate_distance_km, locate_points
from geo.parts import LINE_TYPES, flat_parts
from geo.polygons import valid_multipolygons

WGS84 = "EPSG:4326"

#: Vertices of neighbouring countries closer than this (degrees) are snapped together before the
#: shared edges are read (the default file was simplified country by country, so its neighbours'
#: edges cross each other within about 0.02°).
SNAP_DEGREES = 0.005
#: Slivers of no-man's-land between neighbours narrower than this (degrees) are given to one of
#: them. Only enclosed gaps are filled: open sea between two coasts never is.
GAP_DEGREES = 0.05


def _one_geometry_per_country(countries: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    iso3 = countries["iso3"].to_numpy(dtype=object)
    geometry = countries.geometry.to_numpy()
    if len(set(iso3)) == len(iso3):
        return iso3, geometry
    merged = countries.dissolve(by="iso3", sort=False)
    return merged.index.to_numpy(dtype=object), merged.geometry.to_numpy()


def land_borders(countries: gpd.GeoDataFrame, *, snap_degrees: float = SNAP_DEGREES,
                 gap_degrees: float = GAP_DEGREES,
                 min_length_km: float = 1.0) -> gpd.GeoDataFrame:
    """International land borders: the edges that neighbouring country polygons share.

    The polygons are first cleaned as a coverage (shapely.coverage_clean: nearby vertices snapped
    within `snap_degrees`, overlaps given to one side, enclosed slivers narrower than
    `gap_degrees` filled), so that neighbours share their edges exactly even where the file was
    simplified country by country. Then the candidate neighbours come from the spatial index
    (STRtree) and each pair's border is the intersection of the two boundaries, kept where it is
    a line (countries that meet at a point, or across the sea, have none). A coastline is the
    boundary of one country only, so it never counts; a border through a lake inside the country
    polygons (Lake Peipus, Lake Victoria) does. Pieces shorter than `min_length_km` in all are
    dropped.

    Returns one row per neighbour pair: iso3_a < iso3_b, length_km (along the simplified line, so
    shorter than the official length of a winding border), geometry (merged (Multi)LineString,
    EPSG:4326), sorted by iso3_a, iso3_b.
    """
    iso3, geometry = _one_geometry_per_country(countries)
    cleaned = shapely.coverage_clean(geometry, gap_width=gap_degrees,
                                     snapping_distance=snap_degrees)
    first, second = shapely.STRtree(cleaned).query(cleaned, predicate="intersects")
    pair = (first < second) & (iso3[first] != iso3[second])
    first, second = first[pair], second[pair]
    outlines = shapely.boundary(cleaned)
    shared = shapely.intersection(outlines[first], outlines[second])
    parts, index = flat_parts(shared)
    is_line = np.isin(shapely.get_type_id(parts), LINE_TYPES) & ~shapely.is_empty(parts)
    parts, index = parts[is_line], index[is_line]
    with_line, compact = np.unique(index, return_inverse=True)
    lines = shapely.line_merge(shapely.multilinestrings(parts, indices=compact))
    a, b = iso3[first[with_line]], iso3[second[with_line]]
    swap = a > b
    frame = gpd.GeoDataFrame({
        "iso3_a": np.where(swap, b, a),
        "iso3_b": np.where(swap, a, b),
        "length_km": line_length_km(lines),
    }, geometry=lines, crs=WGS84)
    frame = frame[frame["length_km"] >= min_length_km]
    return frame.sort_values(["iso3_a", "iso3_b"]).reset_index(drop=True)


def _home_countries(regions: gpd.GeoDataFrame, countries: gpd.GeoDataFrame) -> np.ndarray:
    """The country each region belongs to: its own iso3 where `countries` has that code, else the
    country (of `countries`, i.e. of its point of view) holding a point inside the region.

    The region's own code comes first because tiny countries (Liechtenstein, Andorra) are a
    triangle or two in the simplified country file and would not hold their own regions."""
    own = regions["iso3"].to_numpy(dtype=object)
    known = np.isin(own, countries["iso3"].to_numpy(dtype=object))
    if known.all():
        return own
    inner = shapely.point_on_surface(regions.geometry.to_numpy()[~known])
    located = locate_points(shapely.get_x(inner), shapely.get_y(inner), countries, "iso3")
    home = own.copy()
    home[~known] = np.where(pd.isna(located), own[~known], located)
    return home


def _border_pieces(borders: gpd.GeoDataFrame, step_km: float) -> pd.DataFrame:
    """The border lines cut into pieces of at most about `step_km`: border (row position),
    lon, lat (the piece's midpoint) and km (its length)."""
    lines = shapely.segmentize(borders.geometry.to_numpy(), step_km / 111.32)
    parts, border = flat_parts(lines)
    coords, part = shapely.get_coordinates(parts, return_index=True)
    same = part[1:] == part[:-1]
    start, end = coords[:-1][same], coords[1:][same]
    return pd.DataFrame({
        "border": border[part[1:][same]],
        "lon": (start[:, 0] + end[:, 0]) / 2.0,
        "lat": (start[:, 1] + end[:, 1]) / 2.0,
        "km": haversine_km(start[:, 0], start[:, 1], end[:, 0], end[:, 1]),
    })


def region_border_contacts(regions: gpd.GeoDataFrame, countries: gpd.GeoDataFrame,
                           borders: gpd.GeoDataFrame, *, tolerance_km: float = 5.0,
                           step_km: float = 2.0) -> pd.DataFrame:
    """How many km of which land border each region lies along.

    The borders are cut into pieces of about `step_km`; each piece is given, on each side of the
    border, to one region of that side's country: the region that contains the piece's midpoint,
    else the one whose outline passes nearest, if within `tolerance_km` (the admin-1 and admin-0
    files are generalised separately and differ by up to about 3 km; the distance is
    geo.locate.approximate_distance_km, an upper bound within a few per cent). A region that
    meets the border at a single point therefore gets next to nothing, and a short real border
    its full length. Only the stretches of region outlines inside the `tolerance_km` zone round
    each border are measured, which keeps this to a couple of seconds for the world.

    Returns columns region (row position in `regions`), home_iso3, neighbour_iso3, shared_km.
    """
    home = _home_countries(regions, countries)
    side_a = borders["iso3_a"].to_numpy(dtype=object)
    side_b = borders["iso3_b"].to_numpy(dtype=object)
    shapes = regions.geometry.to_numpy()

    # Regions of either side near each border, and the stretch of their outline near it.
    zones = buffer_km(borders.geometry.to_numpy(), tolerance_km)
    region_idx, border_idx = shapely.STRtree(zones).query(shapes, predicate="intersects")
    on_side = (home[region_idx] == side_a[border_idx]) | (home[region_idx] == side_b[border_idx])
    region_idx, border_idx = region_idx[on_side], border_idx[on_side]
    near_outline = shapely.intersection(shapely.boundary(shapes[region_idx]), zones[border_idx])
    outline_parts, outline_pair = flat_parts(near_outline)
    is_line = np.isin(shapely.get_type_id(outline_parts), LINE_TYPES)
    outline_parts, outline_pair = outline_parts[is_line], outline_pair[is_line]
    outline_region = region_idx[outline_pair]
    outline_border = border_idx[outline_pair]

    pieces = _border_pieces(borders, step_km)
    points = shapely.points(pieces["lon"].to_numpy(), pieces["lat"].to_numpy())
    piece_border = pieces["border"].to_numpy()

    # Midpoints inside a region of either side (prepared polygons against the points' index).
    candidates = np.unique(region_idx)
    inside_region, inside_piece = shapely.STRtree(points).query(shapes[candidates],
                                                                predicate="covers")
    inside_region = candidates[inside_region]
    keep = ((home[inside_region] == side_a[piece_border[inside_piece]])
            | (home[inside_region] == side_b[piece_border[inside_piece]]))
    inside = pd.DataFrame({"piece": inside_piece[keep], "region": inside_region[keep],
                           "distance": 0.0})

    # Otherwise the nearest outline stretch of a region of that border.
    reach = km_to_degrees(tolerance_km, pieces["lat"].to_numpy())
    near_piece, near_part = shapely.STRtree(outline_parts).query(points, predicate="dwithin",
                                                                 distance=reach)
    same_border = outline_border[near_part] == piece_border[near_piece]
    near_piece, near_part = near_piece[same_border], near_part[same_border]
    near = pd.DataFrame({"piece": near_piece, "region": outline_region[near_part],
                         "distance": approximate_distance_km(points[near_piece],
                                                             outline_parts[near_part])})

    found = pd.concat([inside, near], ignore_index=True)
    found = found[found["distance"] <= tolerance_km]
    found_border = piece_border[found["piece"].to_numpy()]
    own = home[found["region"].to_numpy()]
    found = found.assign(
        home_iso3=own,
        neighbour_iso3=np.where(own == side_a[found_border], side_b[found_border],
                                side_a[found_border]))
    nearest = found.sort_values(["piece", "home_iso3", "distance", "region"]) \
        .drop_duplicates(["piece", "home_iso3"])
    nearest = nearest.assign(shared_km=pieces["km"].to_numpy()[nearest["piece"].to_numpy()])
    return (nearest.groupby(["region", "home_iso3", "neighbour_iso3"], as_index=False)["shared_km"]
            .sum().sort_values(["region", "neighbour_iso3"]).reset_index(drop=True))


def region_border_neighbours(regions: gpd.GeoDataFrame, countries: gpd.GeoDataFrame,
                             borders: gpd.GeoDataFrame, *, tolerance_km: float = 5.0,
                             min_shared_km: float = 2.0) -> pd.Series:
    """For each region, the sorted iso3 codes of the foreign countries whose land border it lies
    along (an empty list if none), as a Series indexed like `regions`.

    A region counts as lying on a border when at least `min_shared_km` of that border is
    assigned to it by region_border_contacts (see there; `tolerance_km` is passed on). A coast
    is no border: Kamchatka Krai gets [], Primorsky Krai ["CHN", "PRK"]. The region's country is
    its own iso3 where `countries` has that code (else the country that holds it), so with a
    point-of-view layer the borders are that view's borders.
    """
    contacts = region_border_contacts(regions, countries, borders, tolerance_km=tolerance_km)
    contacts = contacts[contacts["shared_km"] >= min_shared_km]
    neighbours: list[list[str]] = [[] for _ in range(len(regions))]
    for region, codes in contacts.groupby("region")["neighbour_iso3"]:
        neighbours[region] = sorted(set(codes))
    return pd.Series(neighbours, index=regions.index, dtype=object, name="border_neighbours")


def border_strip(borders: gpd.GeoDataFrame, countries: gpd.GeoDataFrame, *,
                 width_km: float = 50.0) -> gpd.GeoDataFrame:
    """The land within `width_km` of each land border, one row per border and side.

    Each border line is buffered by `width_km` in its own azimuthal equidistant projection
    (centred on the line's bounding box; the buffer is then true to within 1-4 % even along a
    6,000 km border, see geo.azimuthal), and the buffer is clipped to each of the two countries.
    Sea never counts; land of a third country near a tripoint belongs to that country's own
    border rows. The strips of Russia towards all its neighbours are
    `strips[strips.iso3 == "RUS"]` (dissolve them for one zone); a pair's strip on both sides is
    the two rows of the pair.

    Columns: iso3 (the country whose land it is), neighbour_iso3, width_km, area_km2 (equal-area
    measure), geometry (valid MultiPolygon, EPSG:4326); sorted by iso3, neighbour_iso3.
    """
    iso3, geometry = _one_geometry_per_country(countries)
    shape_of = pd.Series(geometry, index=iso3)
    # a buffer drawn in the plane can self-intersect once unprojected (CHE-DEU at 100 km): repair it
    zones = valid_multipolygons(buffer_km(borders.geometry.to_numpy(), width_km))
    side_a = borders["iso3_a"].to_numpy(dtype=object)
    side_b = borders["iso3_b"].to_numpy(dtype=object)
    land = np.concatenate([shape_of.reindex(side_a).to_numpy(),
                           shape_of.reindex(side_b).to_numpy()])
    strips = valid_multipolygons(shapely.intersection(np.concatenate([zones, zones]), land))
    frame = gpd.GeoDataFrame({
        "iso3": np.concatenate([side_a, side_b]),
        "neighbour_iso3": np.concatenate([side_b, side_a]),
        "width_km": float(width_km),
        "area_km2": area_km2(strips),
    }, geometry=strips, crs=WGS84)
    frame = frame[~frame.geometry.is_empty]
    return frame.sort_values(["iso3", "neighbour_iso3"]).reset_index(drop=True)
