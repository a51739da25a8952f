"""Fill the per-process caches in the background when a server starts, so the first visitor does not
wait for them: the catalogue, the map's polygon layers and the place-name index (several seconds
together on a laptop). Called by the entry point only; tests build apps without it."""

from __future__ import annotations

import logging
import threading

from dashboard.store.catalog import load_catalog
from dashboard.store.layers import LAYER_NAMES, layer_geojson_bytes
from dashboard.store.place_search import load_name_index

log = logging.getLogger(__name__)


def warm_caches() -> None:
    try:
        load_catalog()
        for name in LAYER_NAMES:
            layer_geojson_bytes(None, "default", name)
        load_name_index()
    except Exception:  # no store yet, or a broken one: the pages say so themselves
        log.warning("caches not warmed", exc_info=True)


def warm_in_background() -> None:
    threading.Thread(target=warm_caches, name="borderlinks-warmup", daemon=True).start()
