"""A flat map frame (FRAME_ASPECT, the same as the map boxes' CSS aspect-ratio: .corridors-stage in
assets/corridors.css, .practices-map in assets/practices.css): plotly draws a geo frame of the lon/lat ranges'
shape centred in the plot, so a box of the frame's shape is filled edge to edge, with no white band beside or
under the map. The corridors map is flatter than the world maps' so that under its toolbar it fits every
supported screen above the footer.

The frame is the whole world's width (360° in the Miller projection) and FRAME_ASPECT times less high;
a window is shown centred and zoomed as geo.viewport.view_of does for the world maps."""

from __future__ import annotations

import math

import numpy as np

from dashboard.figures.map_view import SIDE_PANEL_PX, world_geo
from geo import viewport
from geo.viewport import Window

#: width / height of the corridors map (corridors.css .corridors-stage aspect-ratio)
FRAME_ASPECT = 2.0
#: the frame's height in projected units (Earth radii) at scale 1
FRAME_HEIGHT = 2 * math.pi / FRAME_ASPECT
#: the latitude range that gives plotly a frame FRAME_HEIGHT high: plotly draws the range box's parallels as
#: great-circle arcs, which bulge poleward, so the frame is higher than the range's Miller height (measured in
#: Chromium: ±66.3° gives 1056 × 527.7 px in a 1056 × 528 plot; ±72.8°, Miller's π, only 952 × 528)
FRAME_LATITUDES = (-66.3, 66.3)
#: the plot area labels are thinned for: the stage at 1280 px (the narrowest supported screen)
FRAME_PX = (960.0, 960.0 / FRAME_ASPECT)
#: where labels would hide under the side panel (card above the legend) at the frame's right edge
SIDE_PANEL_ZONE = (FRAME_PX[0] - SIDE_PANEL_PX, 0.0, FRAME_PX[0], FRAME_PX[1])


def beside_side_panel(window: Window) -> Window:
    """`window` widened eastwards so that, fitted to the frame, all of it lies left of the side panel. (The
    frame is shown whole, so unlike the world maps' stage nothing needs room above or below.)"""
    return viewport.widened_east(window, SIDE_PANEL_PX / FRAME_PX[0])


def view_of(window: Window) -> tuple[float, float, float]:
    """(centre lon, centre lat, scale) that show all of `window` in the frame."""
    return viewport.view_of(window, FRAME_ASPECT, FRAME_HEIGHT)


def frame_view(window: Window) -> dict:
    """The geo subplot's view of `window` in the frame (projection, centre and ranges), for the theme's base map."""
    centre_lon, centre_lat, scale = view_of(window)
    geo = world_geo(centre_lon, centre_lat, scale, "")
    return {"projection": geo["projection"], "center": geo["center"], "lonaxis": {"range": geo["lonaxis"]["range"]},
            "lataxis": {"range": list(FRAME_LATITUDES)}}


def frame_geo(window: Window, revision: str) -> dict:
    """The geo subplot showing `window`: the app's world geo (world_geo) with FRAME_LATITUDES, which set only the
    frame's shape (the view is set by the centre and the scale)."""
    centre_lon, centre_lat, scale = view_of(window)
    geo = world_geo(centre_lon, centre_lat, scale, revision)
    geo["lataxis"] = {**geo["lataxis"], "range": list(FRAME_LATITUDES)}
    return geo


def screen_positions(lon, lat, window: Window) -> tuple[np.ndarray, np.ndarray]:
    """Pixel positions (x right, y down) in FRAME_PX of points on the map showing `window`."""
    return viewport.screen_positions(lon, lat, window, *FRAME_PX, frame_height=FRAME_HEIGHT)
