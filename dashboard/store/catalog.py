"""The store loaded into memory once per process: data frames that callbacks filter with masks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.engine import make_url

from dashboard import settings
from dashboard.memo import frames_digest
from dashboard.store.schema import build_info


class StoreMissing(Exception):
    """There is no built store at the configured URL."""


@dataclass(frozen=True)
class Catalog:
    countries: pd.DataFrame    # iso3, iso2, name_en/ru/zh, label_lon/lat, pop_est, continent, land_neighbours
    memberships: pd.DataFrame  # org, iso3, status, since, until, note, source
    regions: pd.DataFrame      # region_id, iso3, name_en/ru/zh, on_land_border, border_neighbours
    places: pd.DataFrame       # place_id, name_en/ru/zh, iso3, region_id, lat, lon, population, scalerank, partners
    twinnings: pd.DataFrame    # twinning_id, place_a, place_b, in_wikipedia, in_wikidata, distance_km, crosses_land_border
    info: dict

    @property
    def built_at(self) -> str:
        return self.info.get("built_at", "")

    @cached_property
    def data_version(self) -> str:
        """What identifies this build of the data (dashboard.memo): a digest of the five tables, computed
        once (0.1 s for the full store). Not `built_at`: a catalogue made from other frames may carry the
        same info, and two builds may share a second."""
        return "catalog:" + frames_digest(self.countries, self.memberships, self.regions, self.places,
                                          self.twinnings)


def engine_for(url: str):
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not (parsed.database and Path(parsed.database).exists()):
        raise StoreMissing(f"No store at {parsed.database}: run `python -m dashboard build`.")
    return create_engine(url)


def read_build_info(url: str) -> dict | None:
    try:
        engine = engine_for(url)
    except StoreMissing:
        return None
    try:
        if not inspect(engine).has_table(build_info.name):
            return None
        with engine.connect() as connection:
            rows = connection.execute(select(build_info.c.key, build_info.c.value)).all()
        return {key: json.loads(value) for key, value in rows}
    finally:
        engine.dispose()


def read_table(connection, name: str, columns: list[str]) -> pd.DataFrame:
    return pd.read_sql_query(f"SELECT {', '.join(columns)} FROM {name}", connection)


#: the columns of a twinning's life (issue 21) and their value in a store built before them
TWINNING_LIFE = {"origin": None, "source_count": 1, "signed": None, "signed_precision": None,
                 "status": "active", "status_changed": None, "status_source": None}


def present_columns(connection, table: str, wanted) -> list[str]:
    """The columns among `wanted` that `table` has (a store built by an older version lacks some)."""
    have = {column["name"] for column in inspect(connection).get_columns(table)}
    return [name for name in wanted if name in have]


def with_tie_life(twinnings: pd.DataFrame) -> pd.DataFrame:
    """The twinnings with every TWINNING_LIFE column (defaults where the store or a test frame lacks it)."""
    missing = {name: default for name, default in TWINNING_LIFE.items() if name not in twinnings}
    if "origin" in missing:
        missing["origin"] = (twinnings["in_wikipedia"].map({True: "wikipedia", False: "wikidata"})
                             if "in_wikipedia" in twinnings else None)
    return twinnings.assign(**missing) if missing else twinnings


def load_catalog(url: str | None = None) -> Catalog:
    """All non-geometry tables of the store, loaded once per process and URL (None: the configured one)."""
    return _load_catalog(url or settings.database_url())


@lru_cache(maxsize=2)
def _load_catalog(url: str) -> Catalog:
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            countries = read_table(connection, "countries", [
                "iso3", "iso2", "name_en", "name_ru", "name_zh", "label_lon", "label_lat", "pop_est",
                "continent", "land_neighbours"])
            memberships = read_table(connection, "memberships", [
                "org", "iso3", "status", "since", "until", "note", "source"])
            regions = read_table(connection, "regions", [
                "region_id", "iso3", "name_en", "name_ru", "name_zh", "type_en", "label_lon",
                "label_lat", "on_land_border", "border_neighbours"])
            places = read_table(connection, "places", [
                "place_id", "name_en", "name_ru", "name_zh", "iso3", "region_id", "lat", "lon",
                "population", "scalerank", "origin", *present_columns(connection, "places", ("name_ru_basis",))])
            twinnings = read_table(connection, "twinnings", [
                "twinning_id", "place_a", "place_b", "in_wikipedia", "in_wikidata", "distance_km",
                "crosses_land_border", *present_columns(connection, "twinnings", TWINNING_LIFE)])
    finally:
        engine.dispose()
    for frame, column in ((regions, "on_land_border"), (twinnings, "in_wikipedia"),
                          (twinnings, "in_wikidata"), (twinnings, "crosses_land_border")):
        frame[column] = frame[column].astype(bool)
    twinnings = with_tie_life(twinnings)
    partners = pd.concat([twinnings["place_a"], twinnings["place_b"]]).value_counts()
    places["partners"] = places["place_id"].map(partners).fillna(0).astype("int64")
    catalog = Catalog(countries, memberships, regions, places, twinnings, read_build_info(url) or {})
    catalog.data_version  # digest now, while loading, not in the first request  # noqa: B018
    return catalog
