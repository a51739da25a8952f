"""A cache on the file system shared by every worker process of a server (flask-caching's FileSystemCache),
for results that take seconds to compute: what one worker computed, another reads back in milliseconds.

Keys name everything the value depends on: the data's versions (`dashboard.memo.data_version` of the
catalogue, and of the registry frames when they matter: the same tokens the in-process memos use), the
analytics' code (`code_stamp`) and the view's filter; a rebuild, a code change or a registry write
therefore never serves a stale value, and old entries simply age out (FileSystemCache keeps at most
THRESHOLD files). The folder is
BORDERLINKS_CACHE_DIR, else `borderlinks-cache` in the system's temporary folder. No Dash imports: the
store's analytics use it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, TypeVar

from flask_caching.backends.filesystemcache import FileSystemCache

T = TypeVar("T")
log = logging.getLogger(__name__)
THRESHOLD = 500          # files kept; the oldest go first
TIMEOUT_SECONDS = 0      # no expiry: the key changes when the data do
_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def cache_dir() -> Path:
    return Path(os.environ.get("BORDERLINKS_CACHE_DIR") or Path(tempfile.gettempdir()) / "borderlinks-cache")


@lru_cache(maxsize=4)
def _cache(directory: str) -> FileSystemCache:
    return FileSystemCache(directory, threshold=THRESHOLD, default_timeout=TIMEOUT_SECONDS)


def shared_cache() -> FileSystemCache:
    return _cache(str(cache_dir()))


def entry_files(directory: Path | None = None) -> list[Path]:
    """The cached values' files (not FileSystemCache's own file counter)."""
    cache = _cache(str(directory or cache_dir()))
    counter = Path(cache._get_filename(cache._fs_count_file)).name
    folder = Path(directory or cache_dir())
    return sorted(p for p in folder.iterdir() if p.is_file() and p.name != counter) if folder.is_dir() else []


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """The analytics' source files as they are (name, size, mtime): a changed computation never reads
    values cached by the old code."""
    folder = Path(__file__).resolve().parent / "store"
    return repr(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.glob("*.py")))


def cache_key(*parts) -> str:
    return hashlib.sha256(repr((code_stamp(), parts)).encode("utf-8")).hexdigest()


def remember(parts: tuple, compute: Callable[[], T]) -> T:
    """The shared value for `parts`, computed (once per process at a time) and stored when missing.
    A broken or unwritable cache folder only costs the computation, never the answer."""
    key = cache_key(*parts)
    cache = shared_cache()
    value = _read(cache, key)
    if value is not None:
        return value
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        value = _read(cache, key)
        if value is None:
            value = compute()
            try:
                cache.set(key, value)
            except Exception:  # any pickling or file error: safe, the value is returned, only not shared
                log.warning("a computed value could not be written to the shared cache in %s", cache_dir(),
                            exc_info=True)
    return value


def _read(cache: FileSystemCache, key: str):
    """The cached value, or None when missing or unreadable."""
    try:
        return cache.get(key)
    except Exception:  # a truncated file written by a killed process, a full disk...: safe, it is recomputed
        log.warning("an entry of the shared cache in %s cannot be read; computing it again", cache_dir(),
                    exc_info=True)
        return None
