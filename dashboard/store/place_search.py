"""Finding places by name, typed in Latin or Cyrillic: the store's `place_names` keys, searched in memory.

`name_key` folds every script to lower-case ASCII words ("Подольск" -> "podolsk"), so a query matches
a place when the query's key is the start of one of the place's name keys, or the start of a word in
one. Results are ranked: exact name first, then a name that starts with the query, then by number of
twin cities and population.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard import settings
from dashboard.store.names import name_key

MIN_QUERY_LENGTH = 2


@dataclass(frozen=True)
class NameIndex:
    """One row per (place, name key); `padded` = " " + key, for word-start matching."""

    place_id: np.ndarray
    key: np.ndarray
    padded: pd.Series

    @classmethod
    def of(cls, place_names: pd.DataFrame) -> NameIndex:
        keys = place_names["key"].astype(str)
        keep = keys.str.len() > 0
        keys = keys[keep]
        return cls(place_names.loc[keep, "place_id"].to_numpy(dtype="int64"), keys.to_numpy(),
                   (" " + keys).reset_index(drop=True))


def name_index_of(places: pd.DataFrame, place_names: pd.DataFrame | None = None) -> NameIndex:
    """The index of `place_names` plus the keys of every place's English and Russian names."""
    own = pd.concat([
        pd.DataFrame({"place_id": places["place_id"], "key": places[column].map(name_key)})
        for column in ("name_en", "name_ru") if column in places.columns
    ])
    frames = [own] if place_names is None else [own, place_names[["place_id", "key"]]]
    return NameIndex.of(pd.concat(frames, ignore_index=True).drop_duplicates())


@lru_cache(maxsize=2)
def load_name_index(url: str | None = None) -> NameIndex:
    """The store's place names (all spellings GeoNames knows) with the catalogue's names, once."""
    from dashboard.store.catalog import engine_for, load_catalog

    url = url or settings.database_url()
    engine = engine_for(url)
    try:
        with engine.connect() as connection:
            place_names = pd.read_sql_query("SELECT place_id, key FROM place_names", connection)
    finally:
        engine.dispose()
    return name_index_of(load_catalog(url).places, place_names)


def search_places(places: pd.DataFrame, index: NameIndex, text: str | None,
                  limit: int = 15) -> pd.DataFrame:
    """The best `limit` places whose name matches `text` (rows of `places`, best first)."""
    query = name_key(text)
    if len(query) < MIN_QUERY_LENGTH:
        return places.iloc[0:0]
    word_start = index.padded.str.contains(" " + query, regex=False).to_numpy()
    if not word_start.any():
        return places.iloc[0:0]
    keys = index.key[word_start]
    rank = np.where(keys == query, 0, np.where(np.char.startswith(keys.astype(str), query), 1, 2))
    hits = pd.DataFrame({"place_id": index.place_id[word_start], "match": rank})
    hits = hits.groupby("place_id", as_index=False)["match"].min()
    found = places.merge(hits, on="place_id")
    found["_population"] = found["population"].fillna(0)
    found = found.sort_values(["match", "partners", "_population", "place_id"],
                              ascending=[True, False, False, True])
    return found.drop(columns=["match", "_population"]).head(limit).reset_index(drop=True)
