"""Searching the practice library: full text (SQLite FTS5 / PostgreSQL tsvector over the same stemmed terms),
ranked, with highlighted snippets, combined with filters; the library loaded into pandas once per
registry version.

SQLite: the terms of every practice go into an in-memory FTS5 table (rebuilt when the registry's version
changes; 10,000 practices take well under a second), ranked by bm25. PostgreSQL: the GIN-indexed
`practices.search_vector`, ranked by ts_rank. Both index dashboard.registry.search_terms' terms, so they
find the same practices. Only published practices are ever returned unless `include_unpublished`.

Snippets: the text is HTML-escaped FIRST, then the matching words are wrapped in <mark>, so markup in a
practice comes back as text.
"""

from __future__ import annotations

import html
import re
import sqlite3
import threading
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import select, text

from dashboard.registry.database import registry_version
from dashboard.registry.practice_tables import (practice_links, practice_places, practice_sectors,
                                                practice_transfers, practices)
from dashboard.registry.search_terms import QueryWord, query_words, word_matches

#: population classes of the places involved (people): the filter's choices
POPULATION_CLASSES = {"small": (0, 50_000), "medium": (50_000, 250_000), "large": (250_000, 1_000_000),
                      "million": (1_000_000, None)}
SNIPPET_WORDS = 40
_TOKEN = re.compile(r"([^\W_]+(?:[-‐‑][^\W_]+)*)", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

_COLUMNS = ["practice_id", "slug", "title_en", "title_ru", "title_zh", "summary_en", "summary_ru", "summary_zh",
            "original_language", "problem", "actions", "results", "period_start", "period_end", "organisation",
            "contact", "sources", "notes", "status", "moderation_note", "is_reference", "is_sample", "created_by",
            "created_at", "reviewed_by", "reviewed_at", "search_terms"]


@dataclass(frozen=True)
class PracticeLibrary:
    """The registry's practices in memory (every status; the readers choose)."""

    version: int
    practices: pd.DataFrame   # _COLUMNS, indexed by practice_id
    sectors: pd.DataFrame     # practice_id, sector
    places: pd.DataFrame      # practice_id, place_id
    transfers: pd.DataFrame   # transfer_id, practice_id, from_place, to_place, year, source_url, note
    links: pd.DataFrame       # practice_id, kind, ref

    def published(self) -> pd.DataFrame:
        return self.practices[self.practices["status"] == "published"]


class _FtsIndex:
    """An in-memory SQLite FTS5 table of (practice_id, terms)."""

    def __init__(self, frame: pd.DataFrame):
        self.lock = threading.Lock()
        self.connection = sqlite3.connect(":memory:", check_same_thread=False)
        self.connection.execute("CREATE VIRTUAL TABLE fts USING fts5(terms, tokenize = \"unicode61 remove_diacritics 0\")")
        self.connection.executemany("INSERT INTO fts(rowid, terms) VALUES (?, ?)",
                                    zip(frame.index.tolist(), frame["search_terms"].tolist()))
        self.connection.commit()

    def search(self, words: list[QueryWord], limit: int | None) -> list[tuple[int, float]]:
        match = " AND ".join("(" + " OR ".join(f'"{term}"' for term in word.alternatives) + ")" for word in words)
        sql = "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts), rowid"
        with self.lock:
            rows = self.connection.execute(sql + (f" LIMIT {int(limit)}" if limit else ""), (match,)).fetchall()
        return [(int(rowid), -float(score)) for rowid, score in rows]


def _read(engine, version: int) -> PracticeLibrary:
    with engine.connect() as connection:
        frame = pd.read_sql_query(select(*(practices.c[name] for name in _COLUMNS)), connection)
        sectors = pd.read_sql_query(select(practice_sectors), connection)
        places = pd.read_sql_query(select(practice_places), connection)
        transfers = pd.read_sql_query(select(practice_transfers), connection)
        links = pd.read_sql_query(select(practice_links), connection)
    frame = frame.set_index("practice_id", drop=False)
    frame.index.name = None
    frame["period_end"] = frame["period_end"].astype("Int64")
    return PracticeLibrary(version, frame, sectors, places, transfers, links)


_CACHE: dict[str, tuple[PracticeLibrary, _FtsIndex | None]] = {}
_CACHE_LOCK = threading.Lock()


def _loaded(engine) -> tuple[PracticeLibrary, _FtsIndex | None]:
    key = engine.url.render_as_string(hide_password=False)
    version = registry_version(engine)
    cached = _CACHE.get(key)
    if cached is not None and cached[0].version == version:
        return cached
    with _CACHE_LOCK:
        library = _read(engine, version)
        index = _FtsIndex(library.practices) if engine.dialect.name == "sqlite" else None
        _CACHE[key] = (library, index)
        return library, index


def load_library(engine) -> PracticeLibrary:
    """The library as of the registry's current version (read again only after a write)."""
    return _loaded(engine)[0]


def text_matches(engine, query: str, limit: int | None = None) -> list[tuple[int, float]]:
    """(practice_id, score) of every practice (any status) matching all words of `query`, best first."""
    words = query_words(query)
    if not words:
        return []
    library, index = _loaded(engine)
    if index is not None:
        return index.search(words, limit)
    tsquery = " & ".join("(" + " | ".join(f"'{term}'" for term in word.alternatives) + ")" for word in words)
    sql = text("SELECT practice_id, ts_rank(search_vector, CAST(:q AS tsquery)) AS score FROM practices "
               "WHERE search_vector @@ CAST(:q AS tsquery) ORDER BY score DESC, practice_id"
               + (f" LIMIT {int(limit)}" if limit else ""))
    with engine.connect() as connection:
        return [(int(row.practice_id), float(row.score)) for row in connection.execute(sql, {"q": tsquery})]


@dataclass(frozen=True)
class PracticeFilters:
    sectors: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()           # ISO3 of any place involved
    space: tuple[str, ...] | None = None      # the space's countries (None: the world); a practice without
                                              # a matched place is not excluded by it
    max_border_km: float | None = None        # some place within this distance of a land border
    population_class: str | None = None       # POPULATION_CLASSES
    year_from: int | None = None
    year_to: int | None = None


def filter_mask(library: PracticeLibrary, frame: pd.DataFrame, filters: PracticeFilters,
                place_facts: pd.DataFrame | None) -> np.ndarray:
    """Which rows of `frame` (practices) pass the filters. `place_facts`: place_id, iso3, population,
    border_km (the store's places; needed for the place filters)."""
    mask = np.ones(len(frame), dtype=bool)
    ids = frame["practice_id"].to_numpy()
    if filters.sectors:
        chosen = library.sectors.loc[library.sectors["sector"].isin(filters.sectors), "practice_id"]
        mask &= np.isin(ids, chosen.to_numpy())
    if filters.year_from:
        end = frame["period_end"].fillna(9999).to_numpy(dtype="int64")
        mask &= end >= filters.year_from
    if filters.year_to:
        mask &= frame["period_start"].to_numpy(dtype="int64") <= filters.year_to
    if filters.space is not None and place_facts is not None:
        placed = library.places.merge(place_facts[["place_id", "iso3"]], on="place_id", how="inner")
        inside = placed.loc[placed["iso3"].isin(filters.space), "practice_id"].to_numpy()
        mask &= np.isin(ids, inside) | ~np.isin(ids, placed["practice_id"].to_numpy())
    place_filters = filters.countries or filters.max_border_km is not None or filters.population_class
    if place_filters and place_facts is not None:
        places = library.places.merge(place_facts, on="place_id", how="inner")
        ok = np.ones(len(places), dtype=bool)
        if filters.countries:
            ok &= places["iso3"].isin(filters.countries).to_numpy()
        if filters.max_border_km is not None:
            ok &= places["border_km"].fillna(np.inf).to_numpy(dtype="float64") <= filters.max_border_km
        if filters.population_class in POPULATION_CLASSES:
            low, high = POPULATION_CLASSES[filters.population_class]
            population = places["population"].fillna(0).to_numpy(dtype="float64")
            ok &= (population >= low) & (population < (high or np.inf))
        mask &= np.isin(ids, places.loc[ok, "practice_id"].to_numpy())
    elif place_filters:
        mask &= False
    return mask


def search_practices(engine, query: str = "", filters: PracticeFilters = PracticeFilters(),
                     place_facts: pd.DataFrame | None = None, include_unpublished: bool = False,
                     lang: str = "en") -> pd.DataFrame:
    """Published practices matching the words and the filters, best first, with `score` and
    `snippet_html` (escaped text, matching words in <mark>). Without words: newest first."""
    library, _ = _loaded(engine)
    frame = library.practices if include_unpublished else library.published()
    words = query_words(query)
    if words:
        scores = dict(text_matches(engine, query))
        frame = frame[frame["practice_id"].isin(list(scores))].copy()
        frame["score"] = frame["practice_id"].map(scores).astype("float64")
    else:
        frame = frame.copy()
        frame["score"] = 0.0
    frame = frame[filter_mask(library, frame, filters, place_facts)]
    frame = frame.sort_values(["score", "period_start", "practice_id"], ascending=[False, False, True])
    wanted = {term for word in words for term in word.alternatives}
    frame["snippet_html"] = [snippet_html(_snippet_source(row, lang), wanted) for row in frame.itertuples()]
    return frame.drop(columns=["search_terms"])


def _snippet_source(row, lang: str) -> str:
    return getattr(row, f"summary_{lang}", None) or row.summary_en or row.title_en


def snippet_segments(text_value: str, wanted: set[str], words: int = SNIPPET_WORDS) -> list[tuple[str, bool]]:
    """The snippet as (text, is_match) pieces around the first match (plain text: the caller escapes)."""
    pieces = _TOKEN.split(text_value or "")
    # pieces alternate: separator, token, separator, ...
    flags = [i % 2 == 1 and bool(wanted) and _piece_matches(piece, wanted) for i, piece in enumerate(pieces)]
    first = next((i for i, flag in enumerate(flags) if flag), 0)
    start = max(0, first - 12)
    end = min(len(pieces), start + 2 * words)
    out = [(piece, flag) for piece, flag in zip(pieces[start:end], flags[start:end]) if piece]
    if start > 0:
        out.insert(0, ("… ", False))
    if end < len(pieces):
        out.append((" …", False))
    return out


def _piece_matches(piece: str, wanted: set[str]) -> bool:
    if _HAN.search(piece):
        return any(term in piece for term in wanted if _HAN.search(term))
    return word_matches(piece, wanted)


def snippet_html(text_value: str, wanted: set[str]) -> str:
    """Escape first, then mark: '<b>туризм</b>' comes back as '&lt;b&gt;<mark>туризм</mark>&lt;/b&gt;'."""
    return "".join(f"<mark>{html.escape(piece)}</mark>" if flag else html.escape(piece)
                   for piece, flag in snippet_segments(text_value, wanted))
