"""In-process memos keyed by what the data ARE, never by where they live in memory.

Every value cached in a process (a catalogue's network, a filter's view, names in a language, a corridor
proposal) is computed from versioned sources: the store's catalogue, the corridor store, the registry's
activity frames. Each source exposes `data_version`, a string that changes whenever its contents change
(a digest of its tables; the registry frames add the registry's version number). `VersionedMemo` keys
its entries by those versions plus explicit hashable arguments, so a rebuilt store or a new registry
write is never served a value computed from the old data, even when Python gives the new object the
address (the `id()`) of the old one. The shared disk cache (dashboard/cache.py) uses the same versions.

No Dash, no Flask: the store, the registry and the figure builders use it.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar

import pandas as pd
from cachetools import LRUCache

T = TypeVar("T")


class Versioned(Protocol):
    @property
    def data_version(self) -> str: ...


def data_version(source: Versioned) -> str:
    """The version token of a catalogue, corridor store, registry frames or anything exposing one."""
    version = getattr(source, "data_version", None)
    if not isinstance(version, str):
        raise TypeError(f"{type(source).__name__} has no data_version: it cannot key a memo")
    return version


def frames_digest(*frames: pd.DataFrame) -> str:
    """A digest of the frames' contents (columns, values, order): equal data give equal digests in any
    process; a changed value, row or column gives another. Object columns are hashed through their text
    (shapely geometries through WKB), so keep this to frames read once per load."""
    digest = hashlib.sha256()
    for frame in frames:
        digest.update(repr((list(frame.columns), frame.shape)).encode("utf-8"))
        for column in frame.columns:
            values = frame[column]
            if values.dtype == object:
                values = values.map(_text)
            digest.update(pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:32]


def _text(value: object) -> str:
    wkb_hex = getattr(value, "wkb_hex", None)  # a shapely geometry: its repr is abbreviated
    return wkb_hex if isinstance(wkb_hex, str) else repr(value)


class VersionedMemo:
    """A bounded, thread-safe LRU of values computed from versioned sources and hashable arguments.
    Two first requests may both compute (the compute runs outside the lock); both store the same value."""

    def __init__(self, maxsize: int = 32) -> None:
        self.entries: LRUCache = LRUCache(maxsize=maxsize)
        self.lock = threading.Lock()
        self.misses = 0

    @staticmethod
    def key(sources: Versioned | tuple, args: Hashable = ()) -> tuple:
        if not isinstance(sources, tuple):
            sources = (sources,)
        return tuple(data_version(source) for source in sources), args

    def peek(self, sources: Versioned | tuple, args: Hashable = ()) -> Any | None:
        """The cached value, or None (nothing computed)."""
        with self.lock:
            return self.entries.get(self.key(sources, args))

    def get(self, sources: Versioned | tuple, args: Hashable, compute: Callable[[], T]) -> T:
        """The value for (the sources' versions, args), computed by `compute()` when missing."""
        key = self.key(sources, args)
        with self.lock:
            if key in self.entries:
                return self.entries[key]
        value = compute()
        with self.lock:
            self.misses += 1
            self.entries[key] = value
        return value

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
