"""The map's static layers from the store's own polygons: countries (per point of view), border
regions and disputed areas, simplified for display and turned into GeoJSON once per process; and the
corridors page's border strip (the land within 25, 50 or 100 km of a land border, geo.borders.border_strip
of the store's countries and land borders, per border side and per country), computed once per process.

Plotly's geo traces draw with d3-geo, which takes a ring's winding as the side to fill: exterior
rings must run clockwise (the opposite of RFC 7946), or a country fills the whole globe. Every
polygon here is oriented that way after simplification and rounding.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from dashboard import settings
from dashboard.state import STRIP_WIDTHS
from dashboard.store.catalog import engine_for
from geo.azimuthal import area_km2
from geo.borders import border_strip
from geo.hatching import hatch_lines

log = logging.getLogger(__name__)

#: display simplification, degrees (about 10 km: under a pixel at the Eurasia view, where a degree
#: is 6–7 px; zoomed in five times the outline is still within 4 px)
COUNTRY_TOLERANCE = 0.1
REGION_TOLERANCE = 0.1
#: polygons smaller than this (square degrees) are dropped unless they are a geometry's largest part
MIN_PART_AREA = 0.004
#: coordinates are written with this many decimals (0.01° ≈ 1 km)
DECIMALS = 2
#: the border strip's display simplification, degrees (about 5 km: half the countries' tolerance, which
#: its border edge sits on; 400-480 KB of GeoJSON per width, loaded once and cached by the browser)
STRIP_TOLERANCE = 0.05


@dataclass(frozen=True)
class MapLayers:
    """GeoJSON FeatureCollections (feature `id` = the row's key) and the rows they were made from."""

    countries: dict               # id = iso3
    country_ids: tuple[str, ...]
    border_regions: dict          # id = region_id, only regions on a land border
    border_region_ids: tuple[str, ...]
    disputed: dict                # id = str(disputed_id)
    disputed_rows: pd.DataFrame   # disputed_id, name, note, sovereign_iso3, admin_iso3
    hatch_lon: np.ndarray         # diagonal hatching of the disputed areas, NaN-separated
    hatch_lat: np.ndarray


# ---- geometry to display GeoJSON ------------------------------------------------------------------------

def display_geometries(geometries, tolerance: float, coverage: bool = False) -> np.ndarray:
    """Simplified, small parts dropped, rounded, valid and wound clockwise (exterior rings) for d3."""
    geometries = np.asarray(geometries, dtype=object)
    present = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
    out = np.array([shapely.MultiPolygon()] * len(geometries), dtype=object)
    if not present.any():
        return out
    shapes = geometries[present]
    if coverage:
        try:
            shapes = shapely.coverage_simplify(shapes, tolerance)
        except shapely.errors.GEOSException:
            shapes = shapely.simplify(shapes, tolerance, preserve_topology=True)
    else:
        shapes = shapely.simplify(shapes, tolerance, preserve_topology=True)
    shapes = drop_small_parts(shapes, MIN_PART_AREA)
    shapes = shapely.set_precision(shapes, 10.0 ** -DECIMALS)
    shapes = shapely.make_valid(shapes)
    shapes = polygons_only(shapes)
    out[present] = shapely.orient_polygons(shapes, exterior_cw=True)
    return out


def polygons_only(geometries: np.ndarray) -> np.ndarray:
    """Each geometry as a MultiPolygon of its polygonal parts (lines and points left by repair go)."""
    parts, index = shapely.get_parts(geometries, return_index=True)
    nested = shapely.get_type_id(parts) == 7  # geometry collections from make_valid
    if nested.any():
        sub, sub_index = shapely.get_parts(parts[nested], return_index=True)
        parts = np.concatenate([parts[~nested], sub])
        index = np.concatenate([index[~nested], index[nested][sub_index]])
        flat, flat_index = shapely.get_parts(parts, return_index=True)
        parts, index = flat, index[flat_index]
    keep = (shapely.get_type_id(parts) == 3) & ~shapely.is_empty(parts)
    return _regroup(parts[keep], index[keep], len(geometries))


def drop_small_parts(geometries: np.ndarray, min_area: float) -> np.ndarray:
    """Drop polygons under `min_area` (square degrees), keeping each geometry's largest part."""
    parts, index = shapely.get_parts(geometries, return_index=True)
    area = shapely.area(parts)
    largest = np.zeros(len(geometries))
    np.maximum.at(largest, index, area)
    keep = (area >= min_area) | (area >= largest[index])
    return _regroup(parts[keep], index[keep], len(geometries))


def _regroup(parts: np.ndarray, index: np.ndarray, size: int) -> np.ndarray:
    out = np.array([shapely.MultiPolygon()] * size, dtype=object)
    if len(parts):
        order = np.argsort(index, kind="stable")
        shapely.multipolygons(parts[order], indices=index[order], out=out)
    return out


def feature_collection(ids, geometries, properties: list[dict] | None = None) -> dict:
    """A GeoJSON FeatureCollection with `id` on every feature and the given `properties` (one dict per
    feature, default none); empty ones skipped."""
    features = []
    for i, (feature_id, geometry) in enumerate(zip(ids, geometries)):
        if geometry is None or geometry.is_empty:
            continue
        features.append({"type": "Feature", "id": str(feature_id),
                         "properties": properties[i] if properties is not None else {},
                         "geometry": _rounded(shapely.geometry.mapping(geometry))})
    return {"type": "FeatureCollection", "features": features}


def _rounded(mapping: dict) -> dict:
    def ring(coords):
        return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y, *_ in coords]

    if mapping["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r) for r in mapping["coordinates"]]}
    return {"type": "MultiPolygon",
            "coordinates": [[ring(r) for r in polygon] for polygon in mapping["coordinates"]]}


# ---- reading the store -------------------------------------------------------------------------------------

def read_geometry_table(url: str, sql: str) -> pd.DataFrame:
    """Rows of a store query whose `geometry` column (WKB) becomes shapely geometries."""
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            frame = pd.read_sql_query(sql, connection)
    finally:
        engine.dispose()
    frame["geometry"] = shapely.from_wkb(frame["geometry"].to_numpy())
    return frame


@lru_cache(maxsize=4)
def load_map_layers(url: str | None = None, pov: str = "default") -> MapLayers:
    """The display layers of the store at `url` for a point of view ("default" or e.g. "deu")."""
    url = url or settings.database_url()
    if pov == "default":
        countries = read_geometry_table(url, "SELECT iso3, geometry FROM countries")
    else:
        countries = read_geometry_table(
            url, f"SELECT iso3, geometry FROM country_views WHERE pov = '{_sql_word(pov)}'")
    regions = read_geometry_table(
        url, "SELECT region_id, geometry FROM regions WHERE on_land_border")
    disputed = read_geometry_table(
        url, "SELECT disputed_id, name, note, sovereign_iso3, admin_iso3, geometry FROM disputed_areas")
    return map_layers(countries, regions, disputed)


def map_layers(countries: pd.DataFrame, border_regions: pd.DataFrame, disputed: pd.DataFrame) -> MapLayers:
    """MapLayers from frames with shapely `geometry` columns (countries: iso3; regions: region_id;
    disputed: disputed_id, name, note, sovereign_iso3, admin_iso3)."""
    country_shapes = display_geometries(countries["geometry"].to_numpy(), COUNTRY_TOLERANCE, coverage=True)
    region_shapes = display_geometries(border_regions["geometry"].to_numpy(), REGION_TOLERANCE,
                                       coverage=True)
    disputed_shapes = display_geometries(disputed["geometry"].to_numpy(), COUNTRY_TOLERANCE / 4)
    hatch_lon, hatch_lat = hatch_lines(disputed["geometry"].to_numpy())
    keep_countries = ~shapely.is_empty(country_shapes)
    keep_regions = ~shapely.is_empty(region_shapes)
    keep_disputed = ~shapely.is_empty(disputed_shapes)
    rows = disputed.loc[keep_disputed].drop(columns="geometry").reset_index(drop=True)
    return MapLayers(
        countries=feature_collection(countries["iso3"][keep_countries], country_shapes[keep_countries]),
        country_ids=tuple(countries["iso3"][keep_countries]),
        border_regions=feature_collection(border_regions["region_id"][keep_regions],
                                          region_shapes[keep_regions]),
        border_region_ids=tuple(border_regions["region_id"][keep_regions]),
        disputed=feature_collection(rows["disputed_id"], disputed_shapes[keep_disputed]),
        disputed_rows=rows,
        hatch_lon=hatch_lon, hatch_lat=hatch_lat,
    )


LAYER_NAMES = ("countries", "border_regions", "disputed")


@lru_cache(maxsize=8)
def layer_geojson_bytes(url: str | None, pov: str, name: str) -> bytes:
    """One display layer as compact GeoJSON bytes (what the map loads by URL), encoded once."""
    if name not in LAYER_NAMES:
        raise KeyError(name)
    collection = getattr(load_map_layers(url or settings.database_url(), pov), name)
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _sql_word(value: str) -> str:
    if not value.isalnum():
        raise ValueError(f"not a point of view: {value!r}")
    return value


# ---- the border strip (the corridors page's layer) -----------------------------------------------------

#: the border strip's two groupings: one feature per border side (as geo.borders.border_strip), or per country
#: (the union of its sides: what the map draws, so that overlapping sides do not shade twice)
STRIP_GROUPINGS = ("side", "country")


@dataclass(frozen=True)
class BorderStrips:
    """The land within each width of STRIP_WIDTHS of a land border, per border side and per country."""

    #: by grouping: strip_id (side: "RUS-CHN" = iso3-neighbour_iso3; country: "RUS"), iso3,
    #: neighbour_iso3 (country: the neighbours, comma-separated), width_km, area_km2 (of the exact strip,
    #: whole km²)
    rows: dict[str, pd.DataFrame]
    collections: dict[tuple[int, str], dict]  # (width_km, grouping) -> display FeatureCollection
                                              # (id = strip_id, properties: the row)

    def of(self, width_km: int, by: str = "side") -> pd.DataFrame:
        """The rows of one width, in the order of its features."""
        rows = self.rows[by]
        return rows[rows["width_km"] == width_km].reset_index(drop=True)


def border_strips(countries: pd.DataFrame, borders: pd.DataFrame, widths=STRIP_WIDTHS) -> BorderStrips:
    """BorderStrips from frames with shapely `geometry` columns (countries: iso3; borders: iso3_a, iso3_b,
    as in the store's land_borders), simplified for display like the map's layers."""
    countries = gpd.GeoDataFrame(countries[["iso3", "geometry"]], geometry="geometry", crs="EPSG:4326")
    borders = gpd.GeoDataFrame(borders[["iso3_a", "iso3_b", "geometry"]], geometry="geometry", crs="EPSG:4326")
    rows: dict[str, list[pd.DataFrame]] = {by: [] for by in STRIP_GROUPINGS}
    collections = {}
    for width in widths:
        sides = border_strip(borders, countries, width_km=width)
        codes, inverse = np.unique(sides["iso3"].to_numpy(dtype=object), return_inverse=True)
        shapes = sides.geometry.to_numpy()
        united = np.array([shapely.union_all(shapes[inverse == i]) for i in range(len(codes))], dtype=object)
        neighbours = [",".join(sorted(sides["neighbour_iso3"].to_numpy()[inverse == i])) for i in range(len(codes))]
        grouped = {
            "side": (pd.DataFrame({"strip_id": (sides["iso3"] + "-" + sides["neighbour_iso3"]).to_numpy(),
                                   "iso3": sides["iso3"].to_numpy(),
                                   "neighbour_iso3": sides["neighbour_iso3"].to_numpy(),
                                   "area_km2": sides["area_km2"].to_numpy()}), shapes),
            "country": (pd.DataFrame({"strip_id": codes, "iso3": codes, "neighbour_iso3": neighbours,
                                      "area_km2": area_km2(united)}), united),
        }
        for by, (table, geometry) in grouped.items():
            display = display_geometries(geometry, STRIP_TOLERANCE)
            keep = ~shapely.is_empty(display)
            table = table[keep].reset_index(drop=True)
            table.insert(3, "width_km", int(width))
            table["area_km2"] = table["area_km2"].round().astype("int64")
            collections[int(width), by] = feature_collection(table["strip_id"], display[keep],
                                                             table.to_dict("records"))
            rows[by].append(table)
    return BorderStrips({by: pd.concat(tables, ignore_index=True) for by, tables in rows.items()}, collections)


_strips_lock = threading.Lock()


def load_border_strips(url: str | None = None) -> BorderStrips:
    """The border strips of the store at `url` (its countries and land borders), computed once per process
    (a few seconds for the three widths; see warm_border_strips)."""
    url = url or settings.database_url()
    with _strips_lock:  # a warming thread and a request never compute it twice
        return _load_border_strips(url)


@lru_cache(maxsize=2)
def _load_border_strips(url: str) -> BorderStrips:
    countries = read_geometry_table(url, "SELECT iso3, geometry FROM countries")
    borders = read_geometry_table(url, "SELECT iso3_a, iso3_b, geometry FROM land_borders")
    return border_strips(countries, borders)


_warming = threading.Event()


def warm_border_strips(url: str | None = None) -> None:
    """Compute the border strips in the background (once per process), so that a page showing them
    does not wait."""
    if not _warming.is_set():
        _warming.set()
        threading.Thread(target=_warm, args=(url or settings.database_url(),), daemon=True).start()


def _warm(url: str) -> None:
    try:
        load_border_strips(url)
    except Exception:  # e.g. a store without land borders: the layer stays empty
        log.exception("the border strips cannot be computed from the store at %s", url)
    except BaseException:  # stopped from outside (a test server ends its threads): a later view warms again
        log.warning("warming the border strips was interrupted; the next view warms them again", exc_info=True)
        _warming.clear()


@lru_cache(maxsize=8)
def strip_geojson_bytes(url: str | None, width_km: int, by: str = "side") -> bytes:
    """The border strip of one width and grouping as compact GeoJSON bytes (by country: what the
    corridors map loads by URL)."""
    if width_km not in STRIP_WIDTHS or by not in STRIP_GROUPINGS:
        raise KeyError((width_km, by))
    collection = load_border_strips(url or settings.database_url()).collections[width_km, by]
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
