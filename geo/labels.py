"""Which place labels to show so that they never overlap: greedy placement by importance.

Points come in screen pixels (see geo.viewport.screen_positions). Most important first, a label goes
to the first free spot beside its marker (right, left, above, below), free meaning clear of every
label kept before, of the markers of more important places and of panels drawn over the plot; with
no free spot it is left out. A uniform grid keeps each check to the boxes nearby.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

#: space between a marker and its label, px
LABEL_GAP = 4.0
#: labels keep this far from each other and from the plot's edge, px (text widths are estimates)
LABEL_MARGIN = 2.0


def glyph_width(char: str) -> float:
    """Advance width of one character as a share of the font size, measured in headless Chromium's sans-serif
    (DejaVu Sans) on the map's labels: within 6 % for Russian, English and Chinese names."""
    code = ord(char)
    if code >= 0x2E80:  # CJK ideographs and punctuation: full width
        return 1.0
    if char in "mwMWШЩЖЮмшщжю—":
        return 0.92
    if char.isupper():
        return 0.74
    if 0x400 <= code < 0x500:  # Cyrillic lower case
        return 0.63
    if char.isdigit():
        return 0.64
    if char == " ":
        return 0.32
    if char in "iljtfrI.,:;!'’()-":
        return 0.36
    return 0.6


def text_width(texts, font_px: float) -> np.ndarray:
    """Estimated rendered widths (px) of `texts` at `font_px`."""
    return np.array([sum(glyph_width(char) for char in str(text)) for text in texts], dtype="float64") * font_px


#: where a label may go, in order of preference (plotly's textposition names)
PLACEMENTS = ("middle right", "middle left", "top center", "bottom center")


def label_box(x: float, y: float, width: float, height: float, radius: float, placement: str
              ) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a label placed beside a marker of `radius` at (x, y)."""
    if placement == "middle right":
        return x + radius + LABEL_GAP, y - height / 2, x + radius + LABEL_GAP + width, y + height / 2
    if placement == "middle left":
        return x - radius - LABEL_GAP - width, y - height / 2, x - radius - LABEL_GAP, y + height / 2
    if placement == "top center":
        return x - width / 2, y - radius - 1 - height, x + width / 2, y - radius - 1
    return x - width / 2, y + radius + 1, x + width / 2, y + radius + 1 + height


def thin_labels(x, y, widths, font_px: float, priority, marker_px=None,
                width_px: float | None = None, height_px: float | None = None,
                max_labels: int = 80, placements: tuple[str, ...] = PLACEMENTS,
                blocked: tuple[tuple[float, float, float, float], ...] = (), circles=None
                ) -> tuple[np.ndarray, list[str]]:
    """(positions into x/y of the labels to draw, most important first; their placements).

    Each label takes the first of `placements` whose box (`widths` wide, 1.3 × `font_px` high, LABEL_MARGIN
    more on every side) overlaps no box kept before and no marker (radius `marker_px`, default 3) of a more important
    point; it must also lie inside the plot area when its size is given, off the `blocked`
    boxes (left, top, right, bottom: panels drawn over the plot). Of such spots, the first also clear of the
    `circles` (x, y, radius, owner: other markers drawn on the plot, each but its owner's label; owner a position
    into x/y or -1) wins when there is one. Non-finite points get none.
    """
    x = np.asarray(x, dtype="float64")
    y = np.asarray(y, dtype="float64")
    widths = np.asarray(widths, dtype="float64")
    radius = np.full(len(x), 3.0) if marker_px is None else np.asarray(marker_px, dtype="float64")
    height = font_px * 1.3
    finite = np.isfinite(x) & np.isfinite(y)
    order = np.argsort(-np.asarray(priority, dtype="float64"), kind="stable")
    cell = max(height * 2, 24.0)
    grid: dict[tuple[int, int], list[tuple[tuple[float, float, float, float], int]]] = defaultdict(list)
    circle_grid: dict[tuple[int, int], list[tuple[tuple[float, float, float, float], int]]] = defaultdict(list)
    kept: list[int] = []
    chosen: list[str] = []

    def cells(box):
        return _cells(box, cell)

    for box in blocked:
        _add(grid, cells, box, -1)
    for cx, cy, r, owner in zip(*(() if circles is None else circles)):
        if np.isfinite(cx) and np.isfinite(cy):
            _add(circle_grid, cells, (cx - r, cy - r, cx + r, cy + r), int(owner))

    def free(box, boxes=grid, me: int = -2) -> bool:
        return not any(box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]
                       and owner != me for key in cells(box) for other, owner in boxes[key])

    def inside(box) -> bool:
        return ((width_px is None or (box[0] >= 0 and box[2] <= width_px))
                and (height_px is None or (box[1] >= 0 and box[3] <= height_px)))

    for i in order:
        if not finite[i]:
            continue
        marker = (x[i] - radius[i], y[i] - radius[i], x[i] + radius[i], y[i] + radius[i])
        if len(kept) < max_labels and free(marker):
            boxes = [(placement, _widened(label_box(x[i], y[i], widths[i], height, radius[i], placement),
                                          LABEL_MARGIN)) for placement in placements]
            fits = [(placement, box) for placement, box in boxes if inside(box) and free(box)]
            # a spot clear of other circles too if there is one, else the first free one
            best = next((fit for fit in fits if free(fit[1], circle_grid, int(i))), fits[0] if fits else None)
            if best is not None:
                kept.append(int(i))
                chosen.append(best[0])
                _add(grid, cells, best[1], int(i))
        _add(grid, cells, marker, int(i))  # an unlabelled marker still blocks less important labels
    return np.asarray(kept, dtype="int64"), chosen


def _widened(box, margin: float) -> tuple[float, float, float, float]:
    return box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin


def _cells(box, cell: float):
    for gx in range(int(box[0] // cell), int(box[2] // cell) + 1):
        for gy in range(int(box[1] // cell), int(box[3] // cell) + 1):
            yield gx, gy


def _add(grid, cells, box, owner: int) -> None:
    for key in cells(box):
        grid[key].append((box, owner))
