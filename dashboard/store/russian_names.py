"""Russian names as the countries and cities of the region name themselves.

Natural Earth's NAME_RU follows older Russian usage ("Белоруссия", "Киргизия", "Алма-Ата",
"Нур-Султан"). Borderlinks speaks to the local authorities of these countries, so it uses the
names they use in Russian: the forms in their constitutions and city charters, and Astana's name
since its renaming back in 2022.

Places: Natural Earth's NAME_RU, else the GeoNames alternate name closest to the place's name (attested);
GeoNames often lists the Belarusian form of a Belarusian town first (Рагачоў, Рэчыца), so the official
Russian forms of the twinned places of the space (Рогачёв, Речица, Кобрин, ...), renamings (Konaev,
formerly Kapchagay; Xiangyang, formerly Xiangfan) and the names the sources lack are set by
data/place_names_ru.csv (official); a Chinese place with no Russian name gets the Palladius
transcription of its name (transcribed, dashboard.store.palladius). A spelling with a Belarusian or
Ukrainian letter (і, ў, ...) is never kept as a Russian name.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dashboard import settings
from dashboard.store import palladius
from dashboard.store.names import BELARUSIAN_LOOK, is_russian_spelling

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


# ---- every place of the focus space with a Russian name (issue 15) --------------------------------------------

#: official Russian names (and English spellings) the sources get wrong or lack, by GeoNames id
OFFICIAL_NAMES_CSV = settings.PROJECT_ROOT / "data" / "place_names_ru.csv"
#: countries whose twinned places must all carry a Russian name; CHN's are transcribed where unattested
NAMED_COUNTRIES = ("RUS", "BLR", "KAZ", "KGZ", "UZB", "TJK", "TKM", "ARM", "AZE", "MDA", "MNG", "CHN")
BASES = ("official", "attested", "transcribed")


def read_official_names(path: Path = OFFICIAL_NAMES_CSV) -> pd.DataFrame:
    """place_id, iso3, name_en ('' = keep), name_ru, basis, note; every name_ru a Russian spelling."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table["place_id"] = table["place_id"].astype("int64")
    wrong = table[~table["name_ru"].map(is_russian_spelling)]
    if len(wrong):
        raise ValueError(f"{path.name}: not a Russian spelling: {', '.join(wrong['name_ru'])}")
    if table["place_id"].duplicated().any():
        raise ValueError(f"{path.name}: a place twice: {table.loc[table['place_id'].duplicated(), 'place_id'].tolist()}")
    return table


def official_names(places: pd.DataFrame, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Places with the official names of data/place_names_ru.csv, a Palladius transcription for Chinese
    places without a Russian name, a Belarusian-only spelling (і, ў) never kept as Russian, and
    `name_ru_basis`: official, attested (Natural Earth / GeoNames) or transcribed."""
    table = read_official_names() if table is None else table
    places = places.copy()
    names = places["name_ru"].astype(object)
    names = names.where(names.map(lambda name: isinstance(name, str) and is_russian_spelling(name)), None)
    belarusian = (places["iso3"] == "BLR").to_numpy() & names.fillna("").str.contains(BELARUSIAN_LOOK).to_numpy()
    names[belarusian] = None
    basis = pd.Series("attested", index=places.index, dtype=object).where(names.notna(), None)
    by_id = table.set_index("place_id")
    hit = places["place_id"].isin(by_id.index).to_numpy()
    ids = places.loc[hit, "place_id"]
    names[hit] = by_id.loc[ids, "name_ru"].to_numpy()
    basis[hit] = "official"
    english = by_id.loc[ids, "name_en"].to_numpy()
    places.loc[hit, "name_en"] = np.where(english != "", english, places.loc[hit, "name_en"].to_numpy())
    chinese = (places["iso3"] == "CHN").to_numpy() & names.isna().to_numpy()
    zh = places["name_zh"] if "name_zh" in places else pd.Series(None, index=places.index)
    spelled = [palladius.transcribed(a, b) for a, b in zip(zh[chinese], places.loc[chinese, "name_en"])]
    names[chinese] = spelled
    basis[chinese] = [("transcribed" if name else None) for name in spelled]
    places["name_ru"] = names
    places["name_ru_basis"] = basis
    return places


def russian_name_coverage(places: pd.DataFrame, twinnings: pd.DataFrame,
                          countries: tuple[str, ...] = NAMED_COUNTRIES) -> dict[str, dict[str, int]]:
    """Per country: twinned places, those with a Russian name, and how many of them are official,
    attested or transcribed."""
    twinned = places[places["place_id"].isin(set(twinnings["place_a"]) | set(twinnings["place_b"]))]
    basis = twinned["name_ru_basis"] if "name_ru_basis" in twinned else pd.Series(None, index=twinned.index)
    coverage = {}
    for code in countries:
        mine = (twinned["iso3"] == code).to_numpy()
        named = mine & twinned["name_ru"].notna().to_numpy()
        coverage[code] = {"places": int(mine.sum()), "named": int(named.sum()),
                          **{kind: int((mine & (basis == kind).to_numpy()).sum()) for kind in BASES}}
    return coverage
