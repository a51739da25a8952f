"""Derive the light boundary layers the build reads from their full-resolution Natural Earth sources.

Each function reads its source, changes geometry in a fixed, documented way and writes the result with GDAL's
own writer (fixed coordinate precision, fixed feature order), so the same source gives the same bytes on every
run of the same GDAL: the caller checks those bytes against the SHA-256 in data/downloads.csv.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely

#: Douglas-Peucker tolerance (degrees) of the default-view country layer; topology of each shape is kept
COUNTRY_SIMPLIFY_DEGREES = 0.02

#: coordinates written with 4 decimals (1e-4 degrees, about 11 m)
COORDINATE_DECIMALS = 4

#: the attribute columns kept from Natural Earth's admin-0 countries (of about 170): names, codes, the
#: population estimate, label points and the point-of-view classes
COUNTRY_COLUMNS = [
    "ADMIN", "NAME", "NAME_LONG", "SOVEREIGNT", "SOV_A3", "ADM0_A3", "ISO_A2", "ISO_A2_EH", "ISO_A3",
    "ISO_A3_EH", "ISO_N3", "TYPE", "CONTINENT", "REGION_UN", "SUBREGION", "POP_EST", "POP_YEAR", "GDP_MD",
    "WIKIDATAID", "NAME_EN", "NAME_RU", "NAME_ZH", "NAME_UK", "NAME_FA", "NAME_HI", "NAME_UR", "LABEL_X",
    "LABEL_Y", "FCLASS_ISO", "FCLASS_TLC", "FCLASS_US", "FCLASS_FR", "FCLASS_RU", "FCLASS_ES", "FCLASS_CN",
    "FCLASS_TW", "FCLASS_IN", "FCLASS_NP", "FCLASS_PK", "FCLASS_DE", "FCLASS_GB", "FCLASS_BR", "FCLASS_IL",
    "FCLASS_PS", "FCLASS_SA", "FCLASS_EG", "FCLASS_MA", "FCLASS_PT", "FCLASS_AR", "FCLASS_JP", "FCLASS_KO",
    "FCLASS_VN", "FCLASS_TR", "FCLASS_ID", "FCLASS_PL", "FCLASS_GR", "FCLASS_IT", "FCLASS_NL", "FCLASS_SE",
    "FCLASS_BD", "FCLASS_UA"]


def simplified_countries(source: Path, target: Path) -> None:
    """Natural Earth 10m admin-0 countries, simplified by COUNTRY_SIMPLIFY_DEGREES with each shape's
    topology kept, the columns of COUNTRY_COLUMNS that the source has, written as GeoJSON rounded to
    COORDINATE_DECIMALS in the source's feature order."""
    layer = gpd.read_file(source, engine="pyogrio")
    kept = [column for column in COUNTRY_COLUMNS if column in layer.columns]
    layer = layer[kept + ["geometry"]]
    layer["geometry"] = shapely.simplify(layer.geometry.to_numpy(), COUNTRY_SIMPLIFY_DEGREES,
                                         preserve_topology=True)
    write_geojson(layer, target)


def on_grid(geometry: gpd.GeoSeries) -> gpd.GeoSeries:
    """Geometry snapped to the 10**-COORDINATE_DECIMALS degree grid (GEOS rebuilds each shape valid on it;
    the QGIS admin-1 layer is used this way)."""
    return gpd.GeoSeries(shapely.set_precision(geometry.to_numpy(), 10.0 ** -COORDINATE_DECIMALS),
                         index=geometry.index, crs=geometry.crs)


def write_geojson(layer: gpd.GeoDataFrame, target: Path) -> None:
    target.unlink(missing_ok=True)
    pyogrio.write_dataframe(layer, target, driver="GeoJSON", layer=target.stem,
                            layer_options={"COORDINATE_PRECISION": str(COORDINATE_DECIMALS),
                                           "RFC7946": "NO", "WRITE_BBOX": "NO"})
