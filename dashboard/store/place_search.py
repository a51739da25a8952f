"""Finding places by name, typed in Latin, Cyrillic or Chinese: the store's `place_names` keys, in memory.

`name_key` folds every script to lower-case ASCII words ("Подольск" -> "podolsk", "莫斯科" -> "mo si ke"),
so a query matches a place when the query's key is the start of one of the place's name keys, or the
start of a word in one. Results are ranked: the place's own English, Russian or Chinese name equal to
the query, then another known name equal to it, then own names starting with it, other names starting
with it, a word inside a name; ties by number of twin cities and population.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard import settings
from dashboard.store.catalog import engine_for, load_catalog
from dashboard.store.names import name_key

MIN_QUERY_LENGTH = 2


@dataclass(frozen=True)
class NameIndex:
    """One row per (place, name key); `padded` = " " + key, for word-start matching."""

    place_id: np.ndarray
    key: np.ndarray
    padded: pd.Series

    @classmethod
    def of(cls, names: pd.DataFrame) -> NameIndex:
        """From rows place_id, key."""
        names = names[names["key"].astype(str).str.len() > 0].drop_duplicates(["place_id", "key"])
        keys = names["key"].astype(str)
        return cls(names["place_id"].to_numpy(dtype="int64"), keys.to_numpy(),
                   (" " + keys).reset_index(drop=True))


def name_index_of(places: pd.DataFrame, place_names: pd.DataFrame | None = None) -> NameIndex:
    """The index of `place_names`, plus the keys of the English, Russian and Chinese names of the places
    that have no row there (the store's place_names already holds every place's own names)."""
    listed = set() if place_names is None else set(place_names["place_id"])
    missing = places[~places["place_id"].isin(listed)]
    frames = [pd.DataFrame({"place_id": missing["place_id"], "key": missing[column].map(_cached_key)})
              for column in ("name_en", "name_ru", "name_zh") if column in missing.columns]
    if place_names is not None:
        frames.append(place_names[["place_id", "key"]])
    return NameIndex.of(pd.concat(frames, ignore_index=True))


@lru_cache(maxsize=200_000)
def _cached_key(name) -> str:
    return name_key(name) if isinstance(name, str) else ""


def load_name_index(url: str | None = None) -> NameIndex:
    """The store's place names (all spellings GeoNames knows) with the catalogue's names, once."""
    return _load_name_index(url or settings.database_url())


@lru_cache(maxsize=2)
def _load_name_index(url: str) -> NameIndex:
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("SELECT place_id, key FROM place_names").fetchall()
    finally:
        engine.dispose()
    ids, keys = zip(*rows) if rows else ((), ())  # plain columns: a frame of Row objects is slow
    place_names = pd.DataFrame({"place_id": np.asarray(ids, dtype="int64"),
                                "key": np.asarray(keys, dtype=object)})
    return name_index_of(load_catalog(url).places, place_names)


def own_name_match(places: pd.DataFrame, place_id: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Whether each key is the English, Russian or Chinese name of its place (ranked before other names)."""
    own = places.set_index("place_id").reindex(np.unique(place_id))
    keys = {pid: {_cached_key(en), _cached_key(ru), _cached_key(zh)}
            for pid, en, ru, zh in zip(own.index, own["name_en"], own.get("name_ru", own["name_en"]),
                                       own.get("name_zh", own["name_en"]))}
    return np.array([k in keys.get(pid, ()) for pid, k in zip(place_id, key)], dtype=bool)


def search_places(places: pd.DataFrame, index: NameIndex, text: str | None,
                  limit: int = 15) -> pd.DataFrame:
    """The best `limit` places whose name matches `text` (rows of `places`, best first)."""
    query = name_key(text)
    if len(query) < MIN_QUERY_LENGTH:
        return places.iloc[0:0]
    word_start = index.padded.str.contains(" " + query, regex=False).to_numpy()
    if not word_start.any():
        return places.iloc[0:0]
    keys = index.key[word_start].astype(str)
    ids = index.place_id[word_start]
    other = ~own_name_match(places, ids, keys)  # +1: another known name ranks after the place's own
    rank = np.where(keys == query, 0, np.where(np.char.startswith(keys, query), 2, 4)) + other
    hits = pd.DataFrame({"place_id": ids, "match": rank})
    hits = hits.groupby("place_id", as_index=False)["match"].min()
    found = places.merge(hits, on="place_id")
    found["_population"] = found["population"].fillna(0)
    found = found.sort_values(["match", "partners", "_population", "place_id"],
                              ascending=[True, False, False, True])
    return found.drop(columns=["match", "_population"]).head(limit).reset_index(drop=True)
