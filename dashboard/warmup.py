"""Fill the per-process caches when a server starts, so the first visitor does not wait for them: the
catalogue, the map's polygon layers, the place-name index and the Cyrillic transcriptions of the places without
a Russian name (several seconds together on a laptop; the transcriptions alone cost the first Russian request
2-3 s). Called by the entry point only; tests build apps without it.

Under gunicorn (gunicorn.conf.py preloads the app) this runs once, in the master, before the workers are
forked: `prepare_to_fork` waits for the warm-up, loads the registry's frames and their location index too,
closes the database connections the master holds, and freezes the loaded objects out of the garbage
collector's sweeps, so every worker shares those pages with the master (copy-on-write) instead of holding its
own copy of the store.
"""

from __future__ import annotations

import gc
import logging
import threading

from dashboard.registry import views as activity_views
from dashboard.registry.database import registry_engine
from dashboard.registry.service import live_frames
from dashboard.store.catalog import load_catalog
from dashboard.store.chinese_transcription import to_chinese_all
from dashboard.store.cyrillic_transcription import to_cyrillic_all
from dashboard.store.layers import LAYER_NAMES, layer_geojson_bytes, load_border_strips
from dashboard.store.place_search import load_name_index

log = logging.getLogger(__name__)

#: how long the master waits for a background thread before forking anyway (a thread that holds a lock at
#: the fork would leave that lock held in every worker)
THREAD_PATIENCE_SECONDS = 600

_warming: threading.Thread | None = None


def warm_caches() -> None:
    try:
        places = load_catalog().places
        to_cyrillic_all(places.loc[places["name_ru"].isna(), "name_en"])
        missing_zh = places["name_zh"].isna()  # the Chinese transcriptions too (5-10 s for the first Chinese visitor)
        to_chinese_all(places.loc[missing_zh, "name_ru"].fillna(places.loc[missing_zh, "name_en"]))
        for name in LAYER_NAMES:
            layer_geojson_bytes(None, "default", name)
        load_name_index()
        load_border_strips()
    except Exception:  # no store yet, or a broken one: the pages say so themselves
        log.warning("caches not warmed", exc_info=True)


def warm_in_background() -> threading.Thread:
    global _warming
    _warming = threading.Thread(target=warm_caches, name="borderlinks-warmup", daemon=True)
    _warming.start()
    return _warming


def warm_registry() -> None:
    """The registry's frames (the cited events imported on first use) and the index of their locations that
    the activity filters read."""
    try:
        catalog = load_catalog()
        frames = live_frames(catalog)
        activity_views.locations(frames, catalog)
        frames.activity_rows("places"), frames.has_status(("held",))  # the filters' indexes, made now
        log.info("registry frames warmed: %d activities indexed by place and year", len(frames.start_years))
    except Exception:  # no store, or the registry cannot be read: the pages say so themselves
        log.warning("registry frames not warmed", exc_info=True)


def prepare_to_fork() -> None:
    """In a gunicorn master that preloads the app (gunicorn.conf.py `on_starting`), before any worker exists:
    finish the warm-up (no background thread may hold a lock at the fork), load the registry's frames, close
    the registry connections of the master (each worker opens its own), and freeze what is loaded."""
    current = threading.current_thread()
    for thread in threading.enumerate():
        if thread is not current and thread is not threading.main_thread():
            thread.join(THREAD_PATIENCE_SECONDS)
            if thread.is_alive():
                log.warning("thread %s still running at the fork", thread.name)
    warm_registry()
    try:
        registry_engine().dispose()
    except Exception:  # the registry could not be opened: the workers will say so on their first request
        log.warning("registry engine not disposed", exc_info=True)
    gc.collect()
    gc.freeze()  # the loaded objects leave the collector's generations: its sweeps no longer write to their pages
