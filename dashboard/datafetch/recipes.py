"""How each derived input file is made from its upstream sources (the `derive` column of data/downloads.csv).

A recipe takes the cached source files (in the order the manifest names them) and writes one target file. Each
is deterministic: the caller checks the result against the SHA-256 recorded in data/downloads.csv and refuses
it, naming both checksums, when it differs.
"""

from __future__ import annotations

import csv
import io
import tarfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from dashboard.datafetch.wikidata import wikidata_p190_edges, wikidata_p190_nodes
from geo.simplified_layers import on_grid, simplified_countries

#: where the QGIS project's generalised world map sits inside the Debian package qgis-common
QGIS_WORLD_MAP = "./usr/share/qgis/resources/data/world_map.gpkg"
QGIS_REGIONS_LAYER = "states_provinces"

#: the columns of the admin-1 layer the build reads: QGIS's name (name_qgis), the name the join used
#: (name_join) and Natural Earth's attributes
REGION_COLUMNS = ["adm0_a3", "admin", "iso_a2", "name_qgis", "name_join", "adm1_code", "iso_3166_2",
                  "type_en", "name_en", "name_ru", "name_zh", "name_uk", "name_alt", "name_local",
                  "gn_a1_code", "gn_id", "wikidataid", "region", "label_lat", "label_lon"]

#: QGIS names (older spellings) joined under Natural Earth v5.1's names, keyed by (adm0_a3, QGIS name). The
#: Moscow Oblast polygon is joined to Moscow city's row, as in the file the project was built on; the build
#: corrects it (geo.boundaries.REGION_CORRECTIONS).
NAME_JOIN_FIXES = {("RUS", "Moskovsskaya"): "Moskva", ("IND", "Orissa"): "Odisha",
                   ("IND", "Uttaranchal"): "Uttarakhand"}

#: GeoPackages stamp their tables with the time of writing; a fixed stamp keeps the bytes reproducible
GEOPACKAGE_TIMESTAMP = "2026-11-21T21:43:31.867Z"
GEOPACKAGE_CHANGE_COUNTER = 11


class RecipeError(Exception):
    """A source does not hold what its recipe expects."""


def debian_member(package: Path, member: str) -> bytes:
    """One file from a .deb (an `ar` archive holding data.tar.*), without dpkg."""
    with package.open("rb") as handle:
        if handle.read(8) != b"!<arch>\n":
            raise RecipeError(f"{package} is not a Debian package")
        while header := handle.read(60):
            name, size = header[:16].decode().strip().rstrip("/"), int(header[48:58])
            body = handle.read(size)
            handle.read(size % 2)
            if name.startswith("data.tar"):
                with tarfile.open(fileobj=io.BytesIO(body), mode="r:*") as archive:
                    extracted = archive.extractfile(member)
                    if extracted is None:
                        raise RecipeError(f"{package} has no {member}")
                    return extracted.read()
    raise RecipeError(f"{package} holds no data.tar")


def qgis_admin1_with_ne_attributes(sources: list[Path], target: Path) -> None:
    """First-level regions: the QGIS project's generalised admin-1 geometry (qgis-common's world_map.gpkg,
    Natural Earth 10m admin-1 v4.1 simplified with GRASS v.generalize), with Natural Earth v5.1 admin-1
    attributes joined on (adm0_a3, name), geometry snapped to a 1e-4 degree grid; regions with no match keep
    their geometry and QGIS name."""
    package, natural_earth = sources
    world_map = target.with_name(target.name + ".world_map.gpkg")
    world_map.write_bytes(debian_member(package, QGIS_WORLD_MAP))
    try:
        qgis = gpd.read_file(world_map, layer=QGIS_REGIONS_LAYER, engine="pyogrio")
    finally:
        world_map.unlink()
    attributes = as_dbf_text(pd.DataFrame(pyogrio.read_dataframe(natural_earth, read_geometry=False)))
    attributes = attributes.drop_duplicates(["adm0_a3", "name"]).rename(columns={"name": "name_join"})
    regions = qgis[["adm0_a3", "admin", "iso_a2", "name", "geometry"]].rename(columns={"name": "name_qgis"})
    regions["name_join"] = [NAME_JOIN_FIXES.get((country, name), name)
                            for country, name in zip(regions["adm0_a3"], regions["name_qgis"])]
    joined = regions.merge(attributes.drop(columns=["admin", "iso_a2"], errors="ignore"),
                           on=["adm0_a3", "name_join"], how="left")
    for column in REGION_COLUMNS:
        if column not in joined.columns:
            joined[column] = None
    result = gpd.GeoDataFrame(joined[REGION_COLUMNS], geometry=on_grid(gpd.GeoSeries(joined.geometry)),
                              crs=qgis.crs)
    target.unlink(missing_ok=True)
    with pyogrio_config({"OGR_CURRENT_DATE": GEOPACKAGE_TIMESTAMP}):
        pyogrio.write_dataframe(result, target, driver="GPKG", layer=target.stem)
    stamp_sqlite_change_counter(target, GEOPACKAGE_CHANGE_COUNTER)


def stamp_sqlite_change_counter(path: Path, counter: int) -> None:
    """Set the SQLite header's file change counter (bytes 24-27) and the matching "version-valid-for" number
    (bytes 92-95), which count the writer's transactions rather than say anything about the content."""
    with path.open("r+b") as handle:
        stamp = counter.to_bytes(4, "big")
        handle.seek(24)
        handle.write(stamp)
        handle.seek(92)
        handle.write(stamp)


#: decimals of Natural Earth's numeric admin-1 columns as its shapefile (DBF) stores them
DBF_DECIMALS = {"label_lat": 10, "label_lon": 10, "gn_id": 0}


def as_dbf_text(table: pd.DataFrame) -> pd.DataFrame:
    """Every column as the text Natural Earth's shapefile holds: numbers with the DBF's decimals (the admin-1
    layer keeps them as text, e.g. label_lat "68.9053000000"), missing text as ""."""
    table = table.copy()
    for column in table.columns:
        if column in DBF_DECIMALS:
            places = DBF_DECIMALS[column]
            table[column] = [None if pd.isna(value) else f"{float(value):.{places}f}"
                             for value in table[column]]
        else:
            table[column] = [None if value is None or (isinstance(value, float) and pd.isna(value))
                             else str(value) for value in table[column]]
    return table


#: the columns of Natural Earth's populated places that the project keeps, in this order
PLACE_COLUMNS = ["SCALERANK", "NATSCALE", "LABELRANK", "FEATURECLA", "NAME", "NAMEPAR", "NAMEALT", "DIFFASCII",
    "NAMEASCII", "ADM0CAP", "CAPIN", "WORLDCITY", "MEGACITY", "SOV0NAME", "SOV_A3", "ADM0NAME", "ADM0_A3",
    "ADM1NAME", "ISO_A2", "NOTE", "LATITUDE", "LONGITUDE", "CHANGED", "NAMEDIFF", "DIFFNOTE", "POP_MAX",
    "POP_MIN", "POP_OTHER", "RANK_MAX", "RANK_MIN", "GEONAMEID", "MEGANAME", "LS_NAME", "LS_MATCH", "CHECKME",
    "MAX_POP10", "MAX_POP20", "MAX_POP50", "MAX_POP300", "MAX_POP310", "MAX_NATSCA", "MIN_AREAKM", "MAX_AREAKM",
    "MIN_AREAMI", "MAX_AREAMI", "MIN_PERKM", "MAX_PERKM", "MIN_PERMI", "MAX_PERMI", "MIN_BBXMIN", "MAX_BBXMIN",
    "MIN_BBXMAX", "MAX_BBXMAX", "MIN_BBYMIN", "MAX_BBYMIN", "MIN_BBYMAX", "MAX_BBYMAX", "MEAN_BBXC",
    "MEAN_BBYC", "COMPARE", "GN_ASCII", "FEATURE_CL", "FEATURE_CO", "ADMIN1_COD", "GN_POP", "ELEVATION",
    "GTOPO30", "TIMEZONE", "GEONAMESNO", "UN_FID", "UN_ADM0", "UN_LAT", "UN_LONG", "POP1950", "POP1955",
    "POP1960", "POP1965", "POP1970", "POP1975", "POP1980", "POP1985", "POP1990", "POP1995", "POP2000",
    "POP2005", "POP2010", "POP2015", "POP2020", "POP2025", "POP2050", "CITYALT", "min_zoom", "wikidataid",
    "wof_id", "CAPALT", "NAME_EN", "NAME_DE", "NAME_ES", "NAME_FR", "NAME_PT", "NAME_RU", "NAME_ZH"]


def populated_places_csv(sources: list[Path], target: Path) -> None:
    """Natural Earth's populated places as UTF-8 CSV: the PLACE_COLUMNS of its attribute table, rows in the
    source's order, numbers as read (pandas' shortest round-trip text), missing values empty."""
    (source,) = sources
    table = pd.DataFrame(pyogrio.read_dataframe(source, read_geometry=False))
    missing = [column for column in PLACE_COLUMNS if column not in table.columns]
    if missing:
        raise RecipeError(f"{source} lacks the columns {', '.join(missing)}")
    with target.open("w", encoding="utf-8", newline="") as handle:
        table[PLACE_COLUMNS].to_csv(handle, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")


def simplified_country_layer(sources: list[Path], target: Path) -> None:
    (source,) = sources
    simplified_countries(source, target)


class pyogrio_config:
    """Set GDAL configuration options for the duration of a `with` block."""

    def __init__(self, options: dict[str, str]):
        self.options = options

    def __enter__(self):
        self.previous = {key: pyogrio.get_gdal_config_option(key) for key in self.options}
        pyogrio.set_gdal_config_options(self.options)

    def __exit__(self, *exc_info):
        pyogrio.set_gdal_config_options(self.previous)


RECIPES: dict[str, Callable[[list[Path], Path], None]] = {
    "simplified_countries": simplified_country_layer,
    "qgis_admin1_with_ne_attributes": qgis_admin1_with_ne_attributes,
    "populated_places_csv": populated_places_csv,
    "wikidata_p190_nodes": wikidata_p190_nodes,
    "wikidata_p190_edges": wikidata_p190_edges,
}
