"""Names and ids -> the store's places, regions, countries, twinnings and the project's corridors.

A place is given by its GeoNames id ("554234"), by a name in Latin or Cyrillic ("Подольск", "Podolsk"),
optionally with its country or region ("Подольск (RUS)", "Blagoveshchensk (Amur)") or with its id
("Blagoveshchensk [2026609]": the id decides). A name picks a place when, among the places called so -
first by their own name in the query's script (English for Latin, Russian for Cyrillic), then by any own
name, then by every spelling GeoNames knows - it is the only one (within the row's countries when the
row names any), or at least DOMINANT_FACTOR times as populous as every other. Otherwise the name is
ambiguous and the candidates are reported: it never picks silently between comparable towns, and the
preview shows what every name was read as.

Regions: the store's region_id ("RUS-2364") or a name ("Брянская обл.", "Bryansk Oblast");
countries: ISO3, ISO2 or a name. Twinnings: two places separated by " – ", ";", "|" or "/"; the pair must
be a twinning of the store or one recorded in the registry. Corridors: their id or name in
data/corridors.csv.

Every resolver returns (value, None) or (None, Problem): no exceptions for bad input.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy.exc import SQLAlchemyError

from dashboard import settings
from dashboard.i18n import format_number
from dashboard.memo import VersionedMemo
from dashboard.store.catalog import StoreMissing, engine_for
from dashboard.store.names import name_key

log = logging.getLogger(__name__)

DOMINANT_FACTOR = 10
MAX_CANDIDATES = 6
CORRIDORS_CSV = settings.PROJECT_ROOT / "data" / "corridors.csv"

_ID = re.compile(r"\d{1,12}")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NAME_WITH_ID = re.compile(r"^(?P<name>.*?)\s*\[\s*(?P<id>\d{1,12})\s*\]$")
_NAME_WITH_COUNTRY = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[^()]+)\)$")
_REGION_ID = re.compile(r"[A-Z]{3}[-+][0-9A-Z]{1,8}")
_LIST_SPLIT = re.compile(r"[;|\n]+")
_PAIR_SPLIT = re.compile(r"\s+[–—-]\s+|\s*[;|/↔]\s*|\s*[–—]\s*")
_REGION_WORDS = {"oblast", "obl", "region", "province", "krai", "kray", "oblys", "oblysy", "voblasts",
                 "vobl", "respublika", "resp", "republic", "of", "the", "autonomous", "okrug", "ao",
                 "oblast'", "rayon", "raion", "district", "county", "maakond", "novads", "kraj"}
_COUNTRY_ALIASES = {
    "russian federation": "RUS", "rf": "RUS", "rossiia": "RUS", "rossiiskaia federatsiia": "RUS",
    "belorussia": "BLR", "byelorussia": "BLR", "republic of belarus": "BLR", "respublika belarus": "BLR",
    "prc": "CHN", "knr": "CHN", "people s republic of china": "CHN", "kitai": "CHN",
    "kyrgyz republic": "KGZ", "kirgiziia": "KGZ", "kirgiziya": "KGZ", "uzbekistan": "UZB",
}


@dataclass(frozen=True)
class Problem:
    """Why a cell could not be resolved: an i18n code (`import.error.<code>`) and its fields."""

    code: str
    params: dict = field(default_factory=dict)


def split_cell(text: str | None) -> list[str]:
    """A list cell's items: separated by ';', '|' or new lines, else by commas."""
    text = (text or "").strip()
    if not text:
        return []
    parts = _LIST_SPLIT.split(text) if _LIST_SPLIT.search(text) else text.split(",")
    return [part.strip() for part in parts if part.strip()]


class _KeyIndex:
    """key -> the unique ids having it, from parallel arrays (one sort; slices looked up by key)."""

    def __init__(self, ids, keys):
        keys = pd.Series(np.asarray(keys, dtype=object)).fillna("").astype(str).to_numpy(dtype=str)
        ids = np.asarray(ids)
        keep = np.char.str_len(keys) > 0 if len(keys) else np.zeros(0, dtype=bool)
        keys, ids = keys[keep], ids[keep]
        order = np.lexsort((ids, keys))
        keys, ids = keys[order], ids[order]
        if len(keys):
            fresh = np.ones(len(keys), dtype=bool)  # drop repeated (key, id) pairs
            fresh[1:] = (keys[1:] != keys[:-1]) | (ids[1:] != ids[:-1])
            keys, ids = keys[fresh], ids[fresh]
        self.ids = ids
        if len(keys):
            boundaries = np.flatnonzero(keys[1:] != keys[:-1]) + 1
            starts = np.concatenate([[0], boundaries])
            ends = np.concatenate([boundaries, [len(keys)]])
            self.slices = dict(zip(keys[starts].tolist(), zip(starts.tolist(), ends.tolist())))
        else:
            self.slices = {}

    def get(self, key: str, default=None):
        found = self.slices.get(key)
        return default if found is None else self.ids[found[0]:found[1]]

    def __contains__(self, key: str) -> bool:
        return key in self.slices


def _key_index(ids, keys) -> _KeyIndex:
    return _KeyIndex(ids, keys)


def _region_key(name: object) -> str:
    words = [w for w in name_key(name if isinstance(name, str) else "").split() if w not in _REGION_WORDS]
    return " ".join(words)


def read_corridors(path=CORRIDORS_CSV) -> pd.DataFrame:
    """corridor_id, name_en, name_ru, place_ids (tuple of ints) of data/corridors.csv ('' frame if none)."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (FileNotFoundError, pd.errors.EmptyDataError):
        return pd.DataFrame({"corridor_id": [], "name_en": [], "name_ru": [], "place_ids": []})
    for column in ("name_en", "name_ru", "place_ids"):
        if column not in frame.columns:
            frame[column] = ""
    frame["place_ids"] = frame["place_ids"].map(
        lambda v: tuple(int(i) for i in str(v).split(";") if i.strip().isdigit()))
    return frame[["corridor_id", "name_en", "name_ru", "place_ids"]].reset_index(drop=True)


class Gazetteer:
    """Lookups over the store's catalogue (and its place_names), built once per catalogue."""

    def __init__(self, places: pd.DataFrame, regions: pd.DataFrame, countries: pd.DataFrame,
                 twinnings: pd.DataFrame, place_names: pd.DataFrame | None = None,
                 corridors: pd.DataFrame | None = None):
        self.places = places.set_index("place_id", drop=False)
        self.regions = regions.set_index("region_id", drop=False)
        self.countries = countries.set_index("iso3", drop=False)
        ids = places["place_id"].to_numpy(dtype="int64")
        #: own names by script: a Latin query looks at English names first, a Cyrillic one at Russian
        self.own = {column: _key_index(ids, places[column].map(name_key).to_numpy(dtype=object))
                    for column in ("name_en", "name_ru", "name_zh") if column in places.columns}
        if place_names is not None and len(place_names):
            place_names = place_names[place_names["place_id"].isin(self.places.index)]
            self.alternate = _key_index(place_names["place_id"].to_numpy(dtype="int64"),
                                        place_names["key"].to_numpy(dtype=object))
        else:
            self.alternate = _key_index([], [])
        region_ids = regions["region_id"].to_numpy(dtype=object)
        region_keys = [regions[c].map(_region_key).to_numpy(dtype=object)
                       for c in ("name_en", "name_ru") if c in regions.columns]
        region_full = [regions[c].map(name_key).to_numpy(dtype=object)
                       for c in ("name_en", "name_ru") if c in regions.columns]
        self.region_index = _key_index(np.tile(region_ids, len(region_keys) * 2),
                                       np.concatenate(region_keys + region_full))
        self.country_index: dict[str, str] = dict(_COUNTRY_ALIASES)
        for _, row in countries.iterrows():
            for value in (row.get("name_en"), row.get("name_ru"), row.get("iso2"), row.get("iso3")):
                key = name_key(value) if isinstance(value, str) else ""
                if key:
                    self.country_index.setdefault(key, row["iso3"])
        pairs = np.sort(twinnings[["place_a", "place_b"]].to_numpy(dtype="int64"), axis=1) \
            if len(twinnings) else np.empty((0, 2), dtype="int64")
        self.store_pairs = set(map(tuple, pairs.tolist()))
        self.corridors = corridors if corridors is not None else read_corridors()
        self.corridor_index: dict[str, str] = {}
        for _, row in self.corridors.iterrows():
            for value in (row["corridor_id"], row["name_en"], row["name_ru"]):
                if value:
                    self.corridor_index.setdefault(name_key(value), row["corridor_id"])

    # ---- places -----------------------------------------------------------------------------------

    def describe_place(self, place_id: int, lang: str = "en") -> str:
        """'Blagoveshchensk (RUS, Amur, 225,091, id 2026609)'."""
        row = self.places.loc[place_id]
        name = row.get(f"name_{lang}") if lang != "en" else None
        name = name if isinstance(name, str) and name else row["name_en"]
        region = row["region_id"]
        if isinstance(region, str) and region in self.regions.index:
            region_row = self.regions.loc[region]
            local = region_row.get(f"name_{lang}") if lang != "en" else None
            region = local if isinstance(local, str) and local else region_row["name_en"]
        population = row["population"]
        pop = format_number(int(population), lang) \
            if pd.notna(population) and population else "—"
        return f"{name} ({row['iso3']}, {region}, {pop}, id {int(row['place_id'])})"

    def _candidates(self, ids: np.ndarray) -> dict:
        ranked = self.places.loc[ids].sort_values("population", ascending=False, na_position="last")
        chosen = ranked["place_id"].to_numpy()[:MAX_CANDIDATES]
        return {"candidates_en": "; ".join(self.describe_place(int(i), "en") for i in chosen),
                "candidates_ru": "; ".join(self.describe_place(int(i), "ru") for i in chosen),
                "count": len(ids)}

    def place(self, token: str, countries: set[str] | frozenset = frozenset()
              ) -> tuple[int | None, Problem | None]:
        token = token.strip()
        if _ID.fullmatch(token):
            place_id = int(token)
            if place_id in self.places.index:
                return place_id, None
            return None, Problem("unknown_place_id", {"value": token})
        with_id = _NAME_WITH_ID.match(token)
        if with_id:
            return self.place(with_id.group("id"))
        name, strict, region_hint = token, None, None
        with_hint = _NAME_WITH_COUNTRY.match(token)
        if with_hint:
            iso3, _ = self.country(with_hint.group("country"))
            region_id, _ = (None, None) if iso3 else self.region(with_hint.group("country"))
            if iso3 or region_id:
                name, strict, region_hint = with_hint.group("name"), ({iso3} if iso3 else None), region_id
        key = name_key(name)
        if not key:
            return None, Problem("unknown_place", {"value": token})
        empty = np.empty(0, dtype="int64")
        first = "name_ru" if _CYRILLIC.search(name) else "name_en"
        same_script = self.own.get(first, {}).get(key, empty)
        own = np.unique(np.concatenate([index.get(key, empty) for index in self.own.values()] or [empty]))
        every = np.union1d(own, self.alternate.get(key, empty))
        # a country or region written with the name must hold; the row's countries only help to choose
        hints = [(strict, region_hint)] if (strict or region_hint) else \
            ([(set(countries), None), (None, None)] if countries else [(None, None)])
        for hint_countries, hint_region in hints:
            for tier in (same_script, own, every):
                if len(tier) and hint_countries:
                    tier = tier[self.places.loc[tier, "iso3"].isin(hint_countries).to_numpy()]
                if len(tier) and hint_region:
                    tier = tier[(self.places.loc[tier, "region_id"] == hint_region).to_numpy()]
                if len(tier) == 1:
                    return int(tier[0]), None
                if len(tier) > 1:
                    population = self.places.loc[tier, "population"].fillna(0).to_numpy(dtype="float64")
                    order = np.argsort(-population)
                    if population[order[0]] >= DOMINANT_FACTOR * max(population[order[1]], 1.0):
                        return int(tier[order[0]]), None
                    return None, Problem("ambiguous_place", {"value": token, **self._candidates(tier)})
        if (strict or region_hint) and len(every):
            where = ", ".join(sorted(strict)) if strict else region_hint
            return None, Problem("place_not_in_countries",
                                 {"value": token, "countries": where, **self._candidates(every)})
        return None, Problem("unknown_place", {"value": token})

    # ---- regions, countries ------------------------------------------------------------------------

    def region(self, token: str, countries: set[str] | frozenset = frozenset()
               ) -> tuple[str | None, Problem | None]:
        token = token.strip()
        if _REGION_ID.fullmatch(token):
            if token in self.regions.index:
                return token, None
            return None, Problem("unknown_region", {"value": token})
        found = np.union1d(self.region_index.get(name_key(token), np.empty(0, dtype=object)),
                           self.region_index.get(_region_key(token), np.empty(0, dtype=object)))
        if countries and len(found) > 1:  # the row's countries only help to choose
            within = found[self.regions.loc[found, "iso3"].isin(set(countries)).to_numpy()]
            found = within if len(within) else found
        if len(found) == 1:
            return str(found[0]), None
        if len(found) > 1:
            listed = [f"{self.regions.loc[r, 'name_en']} ({self.regions.loc[r, 'iso3']}, {r})" for r in found]
            return None, Problem("ambiguous_region", {"value": token, "candidates": "; ".join(listed[:8])})
        return None, Problem("unknown_region", {"value": token})

    def country(self, token: str) -> tuple[str | None, Problem | None]:
        token = token.strip()
        if token.upper() in self.countries.index and len(token) == 3:
            return token.upper(), None
        iso3 = self.country_index.get(name_key(token))
        if iso3:
            return iso3, None
        return None, Problem("unknown_country", {"value": token})

    def region_country(self, region_id: str) -> str:
        return str(self.regions.loc[region_id, "iso3"])

    def place_country(self, place_id: int) -> str | None:
        value = self.places.loc[place_id, "iso3"]
        return value if isinstance(value, str) and value else None

    # ---- twinnings, corridors ----------------------------------------------------------------------

    def twinning(self, text: str, known_pairs: set[tuple[int, int]] = frozenset(),
                 countries: set[str] | frozenset = frozenset()
                 ) -> tuple[tuple[int, int] | None, Problem | None]:
        parts = [p for p in _PAIR_SPLIT.split(text.strip()) if p.strip()]
        if len(parts) != 2:
            return None, Problem("twinning_format", {"value": text})
        ends = []
        for part in parts:
            place_id, problem = self.place(part, countries)
            if problem:
                return None, problem
            ends.append(place_id)
        pair = (min(ends), max(ends))
        if pair[0] == pair[1]:
            return None, Problem("twinning_format", {"value": text})
        if pair not in self.store_pairs and pair not in known_pairs:
            return None, Problem("unknown_twinning", {"value": text})
        return pair, None

    def corridor(self, token: str) -> tuple[str | None, Problem | None]:
        token = token.strip()
        if token in set(self.corridors["corridor_id"]):
            return token, None
        found = self.corridor_index.get(name_key(token))
        if found:
            return found, None
        return None, Problem("unknown_corridor", {"value": token,
                                                  "known": ", ".join(self.corridors["corridor_id"])})


_gazetteers = VersionedMemo(4)


def gazetteer_for(catalog, place_names: pd.DataFrame | None = None) -> Gazetteer:
    """The catalogue's Gazetteer, built on first use per catalogue version (with the store's place_names
    when readable)."""
    def build() -> Gazetteer:
        names = _store_place_names() if place_names is None else place_names
        return Gazetteer(catalog.places, catalog.regions, catalog.countries, catalog.twinnings, names)
    return _gazetteers.get(catalog, (), build)


def _store_place_names() -> pd.DataFrame | None:
    try:
        engine = engine_for(settings.database_url())
    except StoreMissing:
        return None
    try:
        with engine.connect() as connection:
            return pd.read_sql_query("SELECT place_id, key FROM place_names", connection)
    except SQLAlchemyError as error:  # an older store without the table: the gazetteer uses its own names only
        log.warning("the store's place_names cannot be read (%s): matching uses the catalogue's names only",
                    error)
        return None
    finally:
        engine.dispose()
