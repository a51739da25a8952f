"""Text -> the terms a practice is found by, and a search box's words -> what to look for. Pure functions.

Both SQLite (FTS5) and PostgreSQL (tsvector) index the SAME terms computed here, so a search finds the same
practices on both:

- Cyrillic words: the Snowball Russian stem ('туризма' -> 'туризм'), plus a root with the common
  derivational suffixes removed, marked with a leading '0' ('туристический' -> stem 'туристическ' ->
  root '0тур'; 'туризм' -> root '0тур'), so word forms and derived words find each other.
- Latin words: the Snowball English stem and root the same way ('agritourism' -> 'agritour'); a hyphenated
  word is indexed as its parts and as one word ('agri-tourism' -> 'agri', 'tourism', 'agritour').
- Han characters (Chinese): each character and each pair of neighbours (bigrams), so '旅游' finds
  '跨境旅游合作' without a word segmenter.

A query word matches when its stem or its root is among a practice's terms; all words must match. Roots
are only made for stems of 5+ letters and never shorter than 3 letters, so short words are not blurred.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CYRILLIC = re.compile(r"[а-яё]")
ROOT_MARK = "0"
#: derivational endings taken off a stem to make its root (longest first)
_RU_SUFFIXES = ("ическ", "ческ", "ованн", "ционн", "изм", "ист", "ск", "н")
_EN_SUFFIXES = ("ical", "ism", "ist", "ic", "al")
_RU_STOP = frozenset("и в во на с со по к ко о об от до из за для не а но или же ли что как это".split())
_EN_STOP = frozenset("a an the and or of in on at to for by with from is are was were be as it its this that".split())


@lru_cache(maxsize=2)
def _stemmer(language: str):
    return snowballstemmer.stemmer(language)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("ё", "е")


def _root(stem: str, cyrillic: bool) -> str | None:
    if len(stem) < 5 or stem.isdigit():
        return None
    for suffix in (_RU_SUFFIXES if cyrillic else _EN_SUFFIXES):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
            break
    for suffix in (_RU_SUFFIXES if cyrillic else _EN_SUFFIXES):  # 'туристическ' -> 'турист' -> 'тур'
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
            break
    return ROOT_MARK + stem


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    cyrillic = bool(_CYRILLIC.search(word))
    return _stemmer("russian" if cyrillic else "english").stemWord(word)


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: it matches a practice that has any of `alternatives` among its terms."""

    word: str
    alternatives: tuple[str, ...]


@lru_cache(maxsize=200_000)
def _word_terms(word: str, in_query: bool = False) -> tuple[QueryWord, ...]:
    """The words one token makes: in a text, a hyphenated token gives its parts and the joined word; in a
    query, only the joined word (which every text has, hyphenated or not)."""
    if _HAN.search(word):
        return tuple(QueryWord(word, (gram,)) for gram in _han_query_grams(word))
    parts = [part for part in re.split(r"[-‐‑]", word) if part]
    if in_query:
        words = ["".join(parts)]
    else:
        words = [*parts, "".join(parts)] if len(parts) > 1 else parts
    found = []
    for item in words:
        if item in _RU_STOP or item in _EN_STOP:
            continue
        stem = _stem(item)
        root = _root(stem, bool(_CYRILLIC.search(item)))
        found.append(QueryWord(item, (stem,) + ((root,) if root else ())))
    return tuple(found)


def _han_grams(text: str) -> list[str]:
    chars = _HAN.findall(text)
    runs, run = [], []
    for char in text:
        if _HAN.match(char):
            run.append(char)
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    grams = list(chars)
    for run in runs:
        grams += ["".join(run[i:i + 2]) for i in range(len(run) - 1)]
    return grams


def _han_query_grams(text: str) -> list[str]:
    chars = _HAN.findall(text)
    if len(chars) == 1:
        return chars
    grams = []
    for run in re.findall(f"(?:{_HAN.pattern})+", text):
        grams += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
    return grams


def terms_of(*texts: str | None) -> str:
    """The space-separated terms of the texts (stems, roots, Han characters and bigrams), each once."""
    seen: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        text = _normal(text)
        for gram in _han_grams(text):
            seen.setdefault(gram, None)
        for token in _WORD.findall(_HAN.sub(" ", text)):
            for query_word in _word_terms(token):
                for term in query_word.alternatives:
                    seen.setdefault(term, None)
    return " ".join(seen)


def query_words(query: str | None) -> list[QueryWord]:
    """The words of a search box's text, each with the terms it may match (empty: no text search)."""
    text = _normal(query or "")
    words = [QueryWord(gram, (gram,)) for gram in _han_query_grams(text)] if _HAN.search(text) else []
    for token in _WORD.findall(_HAN.sub(" ", text)):
        words += _word_terms(token, in_query=True)
    unique: dict[tuple[str, ...], QueryWord] = {}
    for word in words:
        unique.setdefault(word.alternatives, word)
    return list(unique.values())


def word_matches(word: str, wanted: set[str]) -> bool:
    """Whether a word of a text matches any of the wanted terms (for highlighting snippets)."""
    return any(term in wanted for query_word in _word_terms(_normal(word), in_query=True)
               for term in query_word.alternatives)
