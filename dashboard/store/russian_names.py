"""Russian names as the countries and cities of the region name themselves.

Natural Earth's NAME_RU follows older Russian usage ("Белоруссия", "Киргизия", "Алма-Ата",
"Нур-Султан"). Borderlinks speaks to the local authorities of these countries, so it uses the
names they use in Russian: the forms in their constitutions and city charters, and Astana's name
since its renaming back in 2022.
"""

from __future__ import annotations

import pandas as pd

COUNTRIES = {"BLR": "Беларусь", "KGZ": "Кыргызстан", "MDA": "Молдова", "TKM": "Туркменистан"}
REGIONS_BY_OLD_NAME = {"Алма-Ата": "Алматы", "Нур-Султан": "Астана"}
PLACES_BY_OLD_NAME = {"Алма-Ата": "Алматы", "Нур-Султан": "Астана"}


def with_names(frame: pd.DataFrame, by_key: dict[str, str], key: str) -> pd.DataFrame:
    frame = frame.copy()
    renamed = frame[key].map(by_key)
    frame["name_ru"] = renamed.where(renamed.notna(), frame["name_ru"])
    return frame


def countries_named(countries: pd.DataFrame) -> pd.DataFrame:
    return with_names(countries, COUNTRIES, "iso3")


def regions_named(regions: pd.DataFrame) -> pd.DataFrame:
    return with_names(regions, REGIONS_BY_OLD_NAME, "name_ru")


def places_named(places: pd.DataFrame) -> pd.DataFrame:
    return with_names(places, PLACES_BY_OLD_NAME, "name_ru")
