"""Readers for the Natural Earth boundary files: checked columns, tidy names, valid geometry.

Every reader returns a GeoDataFrame in EPSG:4326 whose geometry is valid, of one type
(MultiPolygon) and cut at the antimeridian (see geo.antimeridian). A missing or unreadable file,
or a missing column, raises geo.errors.InputError naming the file and the column. Text columns
have pandas' string dtype: an empty value, or a placeholder such as ISO_A2_EH "-99", is missing
(NA; test with `isna()`).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo.antimeridian import split_at_antimeridian
from geo.errors import InputError
from geo.polygons import valid_multipolygons
from geo.tables import require_columns, require_file

#: what reading a damaged vector file raises: pyogrio's DataSourceError / DataLayerError (RuntimeErrors),
#: an unreadable file (OSError), a bad encoding or value (ValueError)
READ_ERRORS = (RuntimeError, OSError, ValueError)

WGS84 = "EPSG:4326"

COUNTRY_SOURCE_COLUMNS = ["ADM0_A3", "ISO_A2_EH", "NAME_EN", "NAME_RU", "NAME_ZH", "WIKIDATAID",
                          "POP_EST", "CONTINENT", "LABEL_X", "LABEL_Y"]
COUNTRY_COLUMNS = ["iso3", "iso2", "name_en", "name_ru", "name_zh", "wikidata", "pop_est",
                   "continent", "label_lon", "label_lat", "geometry"]

REGION_SOURCE_COLUMNS = ["adm0_a3", "adm1_code", "name_qgis", "name_en", "name_ru", "name_zh",
                         "iso_3166_2", "gn_a1_code", "wikidataid", "type_en", "label_lon",
                         "label_lat"]
REGION_COLUMNS = ["region_id", "iso3", "name_en", "name_ru", "name_zh", "iso_3166_2", "gn_a1_code",
                  "wikidata", "type_en", "label_lon", "label_lat", "geometry"]

DISPUTED_SOURCE_COLUMNS = ["BRK_A3", "NAME", "BRK_NAME", "NOTE_BRK", "SOV_A3", "ADM0_A3"]
DISPUTED_COLUMNS = ["disputed_id", "name", "note", "sovereign_iso3", "admin_iso3", "geometry"]

#: A GeoNames admin1 key, "country code.admin1 code" (the file also holds "-1", "-127" and "MD.").
GEONAMES_ADMIN1 = r"[A-Z]{2}\.[A-Za-z0-9]+"

#: Coverage simplification tolerance (degrees; Visvalingam-Whyatt, roughly the square root of the
#: largest triangle area removed) for the full-resolution point-of-view file. It leaves about
#: 123,000 vertices, like the 120,000 of the default file (Douglas-Peucker 0.02°).
POV_SIMPLIFY_TOLERANCE = 0.035

#: Known errors in the admin-1 GeoPackage, keyed by (adm0_a3, name_qgis). Its Natural Earth
#: attributes were joined on names, and the Moscow Oblast polygon ("Moskovsskaya") received
#: Moscow city's row (RUS-2365): here it gets Natural Earth's own RUS-2364 and the oblast's codes
#: (ISO 3166-2 RU-MOS, GeoNames admin1 RU.47, Wikidata Q1697); Moscow city is ISO 3166-2 RU-MOW.
#: The Altai Krai polygon carries the Altai Republic's names and Wikidata id.
REGION_CORRECTIONS: dict[tuple[str, str], dict[str, str | None]] = {
    ("RUS", "Moskovsskaya"): {
        "adm1_code": "RUS-2364", "name_en": "Moscow Oblast", "name_ru": "Московская область",
        "name_zh": "莫斯科州", "iso_3166_2": "RU-MOS", "gn_a1_code": "RU.47", "wikidataid": "Q1697",
        "type_en": "Region", "label_lon": None, "label_lat": None},
    ("RUS", "Moskva"): {"iso_3166_2": "RU-MOW"},
    ("RUS", "Altay"): {"name_en": "Altai Krai", "name_ru": "Алтайский край",
                       "name_zh": "阿尔泰边疆区", "wikidataid": "Q5942"},
}


def _read_checked(path: str | Path, required: list[str], *,
                  encoding: str | None = None) -> gpd.GeoDataFrame:
    """Read a vector file (GeoJSON, GeoPackage, zipped shapefile) after checking its columns.

    `encoding` overrides the text encoding GDAL guesses (a shapefile without a .cpg file is read
    as ISO-8859-1, which garbles Natural Earth's UTF-8 names).
    """
    path = require_file(Path(path))
    try:
        fields = pyogrio.read_info(path)["fields"]
    except READ_ERRORS as exc:  # not swallowed: re-raised naming the file and GDAL's reason
        raise InputError(path, f"cannot be read as a vector data set ({exc})") from exc
    require_columns(path, list(fields), required)
    try:
        frame = gpd.read_file(path, columns=required, encoding=encoding)
    except READ_ERRORS as exc:  # not swallowed: re-raised naming the file and GDAL's reason
        raise InputError(path, f"cannot be read as a vector data set ({exc})") from exc
    if frame.crs is None:
        frame = frame.set_crs(WGS84)
    elif not frame.crs.equals(WGS84):
        frame = frame.to_crs(WGS84)
    return frame


def _text(series: pd.Series, *, blank: tuple[str, ...] = ()) -> pd.Series:
    """Strings with surrounding spaces removed; empty strings and the `blank` markers missing."""
    values = series.astype(object).where(series.notna(), None)
    values = values.map(lambda v: v.strip() if isinstance(v, str) else v)
    return values.where(~values.isin(("",) + blank), None)


def _number(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series, errors="coerce").astype(float)


def _clean_geometry(geometries) -> np.ndarray:
    return split_at_antimeridian(valid_multipolygons(geometries))


def _countries_frame(raw: gpd.GeoDataFrame, geometry: np.ndarray) -> gpd.GeoDataFrame:
    frame = pd.DataFrame({
        "iso3": _text(raw["ADM0_A3"]),
        "iso2": _text(raw["ISO_A2_EH"], blank=("-99",)),
        "name_en": _text(raw["NAME_EN"]),
        "name_ru": _text(raw["NAME_RU"]),
        "name_zh": _text(raw["NAME_ZH"]),
        "wikidata": _text(raw["WIKIDATAID"]),
        "pop_est": pd.to_numeric(raw["POP_EST"], errors="coerce").round().astype("Int64"),
        "continent": _text(raw["CONTINENT"]),
        "label_lon": _number(raw["LABEL_X"]),
        "label_lat": _number(raw["LABEL_Y"]),
    })
    return gpd.GeoDataFrame(frame, geometry=geometry, crs=WGS84)[COUNTRY_COLUMNS]


def read_countries(path: str | Path) -> gpd.GeoDataFrame:
    """Countries from Natural Earth admin-0 (the simplified default point-of-view GeoJSON).

    Columns: iso3 (ADM0_A3, the join key: ISO_A3 is "-99" for France, Norway, Kosovo...), iso2
    (ISO_A2_EH; missing where "-99"), name_en, name_ru, name_zh, wikidata (WIKIDATAID), pop_est
    (nullable integer), continent, label_lon, label_lat (LABEL_X/Y, Natural Earth's label
    points), geometry (valid MultiPolygon, EPSG:4326, cut at the antimeridian). One row per
    feature, in file order.
    """
    raw = _read_checked(path, COUNTRY_SOURCE_COLUMNS)
    return _countries_frame(raw, _clean_geometry(raw.geometry.values))


def read_countries_pov(path: str | Path, *,
                       simplify_tolerance: float = POV_SIMPLIFY_TOLERANCE) -> gpd.GeoDataFrame:
    """Countries from a Natural Earth point-of-view file (e.g. the Germany view, a zipped
    shapefile at full 10m resolution), with the same columns as read_countries.

    iso3 comes from ADM0_A3, which in the point-of-view files already holds that view's code
    (in the Germany file it equals ADM0_A3_DE everywhere; Crimea lies in UKR, and Somaliland,
    Northern Cyprus, Baikonur, Siachen... are merged into the countries Germany recognises).
    Its shapefile has no .cpg file, so its text is read as UTF-8 explicitly.
    The geometry is made valid and simplified as a coverage (shapely.coverage_simplify,
    `simplify_tolerance`), which keeps neighbours' shared edges identical while bringing the file
    down to the size of the default one; `simplify_tolerance=0` keeps full resolution.
    """
    raw = _read_checked(path, COUNTRY_SOURCE_COLUMNS, encoding="UTF-8")
    geometry = valid_multipolygons(raw.geometry.values)
    if simplify_tolerance > 0:
        geometry = valid_multipolygons(shapely.coverage_simplify(geometry, simplify_tolerance))
    return _countries_frame(raw, split_at_antimeridian(geometry))


def _correct_regions(raw: pd.DataFrame) -> pd.DataFrame:
    raw = raw.copy()
    for (iso3, name_qgis), fixes in REGION_CORRECTIONS.items():
        rows = (raw["adm0_a3"] == iso3) & (raw["name_qgis"] == name_qgis)
        for column, value in fixes.items():
            raw.loc[rows, column] = value
    return raw


def _merge_split_regions(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per region_id: the file stores some regions as several rows (an island, a detached
    piece), which are unioned into one MultiPolygon with the first row's attributes."""
    repeated = frame["region_id"].duplicated(keep=False)
    if not repeated.any():
        return frame
    groups = frame.loc[repeated].groupby("region_id", sort=False).geometry.agg(
        lambda g: shapely.union_all(g.values))
    first = ~frame["region_id"].duplicated(keep="first")
    merged = frame.loc[first].copy()
    ids = merged["region_id"]
    merged.loc[ids.isin(groups.index), "geometry"] = ids[ids.isin(groups.index)].map(groups)
    merged["geometry"] = _clean_geometry(merged.geometry.values)
    return merged


def read_regions(path: str | Path) -> gpd.GeoDataFrame:
    """First-level regions (oblasts, krais, provinces) from the admin-1 GeoPackage.

    Columns: region_id (adm1_code; unique: regions stored in several rows are merged, and the few
    unnamed fragments without a code get "<iso3>~<row>"), iso3 (adm0_a3), name_en, name_ru,
    name_zh, iso_3166_2, gn_a1_code (GeoNames "CC.NN"; missing where the file has a placeholder
    such as "-1" or "MD."),
    wikidata, type_en, label_lon, label_lat (Natural Earth's label point, else a point inside the
    region), geometry (valid MultiPolygon, EPSG:4326). Known attribute errors of the file are
    corrected (REGION_CORRECTIONS: Moscow Oblast, Moscow city, Altai Krai). name_en falls back to
    the QGIS name where the file has none.
    """
    raw = _correct_regions(_read_checked(path, REGION_SOURCE_COLUMNS))
    geometry = _clean_geometry(raw.geometry.values)
    region_id = _text(raw["adm1_code"])
    iso3 = _text(raw["adm0_a3"])
    missing = region_id.isna()
    region_id[missing] = [f"{country}~{row}" for country, row in
                          zip(iso3[missing].fillna("XXX"), raw.index[missing])]
    gn_a1_code = _text(raw["gn_a1_code"])
    gn_a1_code = gn_a1_code.where(gn_a1_code.fillna("").str.fullmatch(GEONAMES_ADMIN1), None)
    frame = gpd.GeoDataFrame({
        "region_id": region_id,
        "iso3": iso3,
        "name_en": _text(raw["name_en"]).fillna(_text(raw["name_qgis"])),
        "name_ru": _text(raw["name_ru"]),
        "name_zh": _text(raw["name_zh"]),
        "iso_3166_2": _text(raw["iso_3166_2"]),
        "gn_a1_code": gn_a1_code,
        "wikidata": _text(raw["wikidataid"]),
        "type_en": _text(raw["type_en"]),
        "label_lon": _number(raw["label_lon"]),
        "label_lat": _number(raw["label_lat"]),
    }, geometry=geometry, crs=WGS84)
    frame = _merge_split_regions(frame)
    no_label = frame["label_lon"].isna() | frame["label_lat"].isna()
    if no_label.any():
        inner = shapely.point_on_surface(frame.geometry.values[no_label.to_numpy()])
        frame.loc[no_label, "label_lon"] = shapely.get_x(inner)
        frame.loc[no_label, "label_lat"] = shapely.get_y(inner)
    return frame[REGION_COLUMNS].reset_index(drop=True)


def read_disputed(path: str | Path) -> gpd.GeoDataFrame:
    """Disputed areas (Kashmir, Aksai Chin, Crimea...) for a hatched overlay.

    Columns: disputed_id (BRK_A3, unique), name (BRK_NAME, the area's own name, else NAME), note
    (NOTE_BRK, e.g. "Admin. by India; Claimed by China"), sovereign_iso3 (SOV_A3 as Natural Earth
    writes it: a sovereign with dependencies has a code ending in 1, e.g. "CH1" China, "GB1"
    United Kingdom, "FR1" France), admin_iso3 (ADM0_A3, the administering country, which joins
    to the countries' iso3), geometry (valid MultiPolygon, EPSG:4326).
    """
    raw = _read_checked(path, DISPUTED_SOURCE_COLUMNS)
    frame = gpd.GeoDataFrame({
        "disputed_id": _text(raw["BRK_A3"]),
        "name": _text(raw["BRK_NAME"]).fillna(_text(raw["NAME"])),
        "note": _text(raw["NOTE_BRK"]),
        "sovereign_iso3": _text(raw["SOV_A3"]),
        "admin_iso3": _text(raw["ADM0_A3"]),
    }, geometry=_clean_geometry(raw.geometry.values), crs=WGS84)
    return frame[DISPUTED_COLUMNS]
