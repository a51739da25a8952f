"""The coverage of the cities' own published twin-city lists, as the build measured it (table
twinning_list_coverage, see dashboard.store.tie_sources.list_coverage): per city, and summed per country."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
from sqlalchemy import create_engine, inspect

from dashboard.store.tie_sources import coverage_by_country

COLUMNS = ("city_place_id", "city_name_en", "iso3", "list_url", "list_date", "listed", "matched", "held", "added",
           "review", "coverage_pct")


@lru_cache(maxsize=4)
def coverage_tables(url: str, built_at: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per city, per country) of the store at `url` (cached per build); empty frames for a store built
    before the lists were measured."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("twinning_list_coverage"):
                cities = pd.DataFrame(columns=list(COLUMNS))
            else:
                cities = pd.read_sql_query(
                    f"SELECT {', '.join(COLUMNS)} FROM twinning_list_coverage ORDER BY iso3, city_name_en",
                    connection)
    finally:
        engine.dispose()
    return cities, coverage_by_country(cities)
