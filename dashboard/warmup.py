"""Fill the per-process caches in the background when a server starts, so the first visitor does not
wait for them: the catalogue, the map's polygon layers, the place-name index and the Cyrillic transcriptions of
the places without a Russian name (several seconds together on a laptop; the transcriptions alone cost the first
Russian request 2-3 s). Called by the entry point only; tests build apps without it."""

from __future__ import annotations

import logging
import threading

from dashboard.store.catalog import load_catalog
from dashboard.store.chinese_transcription import to_chinese_all
from dashboard.store.cyrillic_transcription import to_cyrillic_all
from dashboard.store.layers import LAYER_NAMES, layer_geojson_bytes
from dashboard.store.place_search import load_name_index

log = logging.getLogger(__name__)


def warm_caches() -> None:
    try:
        places = load_catalog().places
        to_cyrillic_all(places.loc[places["name_ru"].isna(), "name_en"])
        missing_zh = places["name_zh"].isna()  # the Chinese transcriptions too (5-10 s for the first Chinese visitor)
        to_chinese_all(places.loc[missing_zh, "name_ru"].fillna(places.loc[missing_zh, "name_en"]))
        for name in LAYER_NAMES:
            layer_geojson_bytes(None, "default", name)
        load_name_index()
    except Exception:  # no store yet, or a broken one: the pages say so themselves
        log.warning("caches not warmed", exc_info=True)


def warm_in_background() -> None:
    threading.Thread(target=warm_caches, name="borderlinks-warmup", daemon=True).start()
