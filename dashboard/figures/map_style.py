"""Small helpers shared by the map's trace builders: colours, number formats, plotly encoding,
segment arrays and per-process memos of language-dependent texts. No Dash."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import numpy as np
import pandas as pd
from _plotly_utils.utils import convert_to_base64

from dashboard.i18n import format_number, format_percent
from dashboard.memo import VersionedMemo

T = TypeVar("T")

_memo = VersionedMemo(256)


def memoized(sources, key: tuple, compute: Callable[[], T]) -> T:
    """compute() once per (the sources' data versions, key): texts of data that never change in a process
    (names in a language). `sources` are the catalogue (or tuple of versioned objects) they derive from."""
    return _memo.get(sources, key, compute)


def format_count(value: float | int | None, lang: str) -> str:
    """A whole count for the language: 12 345 (ru, no-break space) / 12,345 (en, zh); '—' for nothing."""
    if value is None or pd.isna(value):
        return "—"
    return format_number(int(round(float(value))), lang)


def format_share(share: float, lang: str) -> str:
    """A share (0.123) as '12.3%' / '12,3 %' / '12.3%'."""
    return format_percent(share, lang, decimals=1)


def rgba(hex_colour: str, alpha: float) -> str:
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha:.3f})"


def encoded(trace: dict) -> dict:
    """The trace with its numpy arrays as plotly.js typed-array specs (base64), in place."""
    convert_to_base64(trace)
    return trace


def segments(lon_a, lat_a, lon_b, lat_b) -> tuple[np.ndarray, np.ndarray]:
    """Two-point segments as one line: a0, b0, NaN, a1, b1, NaN, ... (float32; geo draws great circles)."""
    n = len(lon_a)
    lon = np.full(3 * n, np.nan, dtype="float32")
    lat = np.full(3 * n, np.nan, dtype="float32")
    lon[0::3], lon[1::3] = lon_a, lon_b
    lat[0::3], lat[1::3] = lat_a, lat_b
    return lon, lat
