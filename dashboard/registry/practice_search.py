"""Searching the practice library: full text (SQLite FTS5 / PostgreSQL tsvector over the same stemmed terms),
ranked, with highlighted snippets, combined with filters; the library loaded into pandas once per
registry version.

SQLite: the terms of every practice go into an in-memory FTS5 table (rebuilt when the registry's version
changes; 10,000 practices take half a second). PostgreSQL: the GIN-indexed `practices.search_vector`. Both
index dashboard.registry.search_terms' terms, so they find the same practices, and `relevance` ranks them
the same way on both (in pandas, from the terms already in memory). Only published practices are ever
returned unless `include_unpublished`.

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
from dashboard.registry.practice_tables import (
    TEXT_LANGUAGES,
    TRANSLATED_TEXTS,
    practice_links,
    practice_places,
    practice_sectors,
    practice_transfers,
    practices,
)
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
            "created_at", "reviewed_by", "reviewed_at", "search_terms",
            *(f"{name}_{language}" for name in TRANSLATED_TEXTS for language in TEXT_LANGUAGES)]


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

    def padded_terms(self) -> tuple[pd.Series, pd.Series]:
        """(' ' + terms + ' ', number of terms) of every practice, by practice_id (made once)."""
        if "_padded" not in self.__dict__:
            terms = self.practices["search_terms"].fillna("")
            self.__dict__["_padded"] = (" " + terms + " ", terms.str.count(" ").astype("float64") + 1)
        return self.__dict__["_padded"]

    def placed(self, place_facts: pd.DataFrame) -> pd.DataFrame:
        """practice_id, place_id with the places' iso3, population and border_km (made once per facts)."""
        cache = self.__dict__.setdefault("_placed", {})
        key = id(place_facts)
        if key not in cache:
            cache.clear()
            columns = [c for c in ("place_id", "iso3", "population", "border_km") if c in place_facts.columns]
            cache[key] = (place_facts, self.places.merge(place_facts[columns], on="place_id", how="inner"))
        return cache[key][1]


class _FtsIndex:
    """An in-memory SQLite FTS5 table of (practice_id, terms)."""

    def __init__(self, frame: pd.DataFrame):
        self.lock = threading.Lock()
        self.connection = sqlite3.connect(":memory:", check_same_thread=False)
        self.connection.execute("CREATE VIRTUAL TABLE fts USING fts5(terms, tokenize = \"unicode61 remove_diacritics 0\")")
        self.connection.executemany("INSERT INTO fts(rowid, terms) VALUES (?, ?)",
                                    zip(frame.index.tolist(), frame["search_terms"].tolist()))
        self.connection.commit()

    def search(self, words: list[QueryWord]) -> list[int]:
        match = " AND ".join("(" + " OR ".join(f'"{term}"' for term in word.alternatives) + ")" for word in words)
        with self.lock:
            rows = self.connection.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (match,)).fetchall()
        return [int(rowid) for (rowid,) in rows]


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


def matching_ids(engine, query: str) -> list[int]:
    """Ids of every practice (any status) that has all words of `query` (each by its stem or its root)."""
    words = query_words(query)
    if not words:
        return []
    library, index = _loaded(engine)
    if index is not None:
        return index.search(words)
    tsquery = " & ".join("(" + " | ".join(f"'{term}'" for term in word.alternatives) + ")" for word in words)
    with engine.begin() as connection:
        # the GIN index answers without reading the (TOASTed) vectors; for a frequent word the planner
        # would otherwise scan and decompress every row (100 ms instead of 3 ms for 3,000 of 10,000)
        connection.execute(text("SET LOCAL enable_seqscan = off"))
        rows = connection.execute(text("SELECT practice_id FROM practices WHERE search_vector @@ CAST(:q AS tsquery)"),
                                  {"q": tsquery})
        return [int(row.practice_id) for row in rows]


def relevance(padded_terms: pd.Series, term_counts: np.ndarray, words: list[QueryWord]) -> np.ndarray:
    """The same ranking on both databases: each query word counts 2 when its own stem is among the
    practice's terms and 1 when only its root is (a derived word); the sum is divided by
    1 + terms / 50, so a focused practice ranks above a long one that mentions the word in passing.
    `padded_terms`: ' ' + terms + ' ' of the matching practices; `term_counts`: how many terms each has."""
    score = np.zeros(len(padded_terms), dtype="float64")
    for word in words:
        score += np.where(padded_terms.str.contains(f" {word.alternatives[0]} ", regex=False).to_numpy(), 2.0, 1.0)
    return score / (1.0 + term_counts / 50.0)


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
        placed = library.placed(place_facts)
        inside = placed.loc[placed["iso3"].isin(filters.space), "practice_id"].to_numpy()
        mask &= np.isin(ids, inside) | ~np.isin(ids, placed["practice_id"].to_numpy())
    place_filters = filters.countries or filters.max_border_km is not None or filters.population_class
    if place_filters and place_facts is not None:
        places = library.placed(place_facts)
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
                     lang: str = "en", snippets: int | None = 50) -> pd.DataFrame:
    """Published practices matching the words and the filters, best first, with `score` and
    `snippet_html` (escaped text, matching words in <mark>) for the first `snippets` rows (None: all; the
    others get None: a page shows 50 at a time). Without words: newest first."""
    library, _ = _loaded(engine)
    frame = library.practices if include_unpublished else library.published()
    words = query_words(query)
    if words:
        frame = frame[frame["practice_id"].isin(matching_ids(engine, query))].copy()
        padded, counts = library.padded_terms()
        frame["score"] = np.round(relevance(padded.loc[frame.index], counts.loc[frame.index].to_numpy(), words), 6)
    else:
        frame = frame.copy()
        frame["score"] = 0.0
    frame = frame[filter_mask(library, frame, filters, place_facts)]
    frame = frame.sort_values(["score", "period_start", "practice_id"], ascending=[False, False, True])
    wanted = {term for word in words for term in word.alternatives}
    shown = len(frame) if snippets is None else min(snippets, len(frame))
    head = frame.head(shown)
    sources = head[f"summary_{lang}"].where(head[f"summary_{lang}"].fillna("") != "", head["summary_en"]) \
        if f"summary_{lang}" in head else head["summary_en"]
    frame["snippet_html"] = [snippet_html(text_value or "", wanted) for text_value in sources.tolist()
                             ] + [None] * (len(frame) - shown)
    return frame.drop(columns=["search_terms"])


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
