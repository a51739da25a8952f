"""The catalogue (countries, blocs, regions, places, twinnings) for the UI, or None if it is missing.

The shell must still render when the store has not been built: it then shows empty selectors and a
footer that says how to build the store.
"""

from __future__ import annotations

import logging

from dashboard.store import catalog as store_catalog
from dashboard.store.catalog import StoreMissing

log = logging.getLogger(__name__)


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        log.warning(message)


def current_catalog():
    """`dashboard.store.catalog.load_catalog()`, or None (logged) when the store cannot be loaded."""
    try:
        return store_catalog.load_catalog()  # looked up per call (tests replace it)
    except StoreMissing as error:
        _warn_once(str(error))
        return None
    except Exception:  # a broken store must not take the whole UI down
        log.exception("could not load the catalogue; rebuild it with `python -m dashboard build`")
        return None
