"""Where the map looks: the lon/lat window of each viewport preset or of the selection, the geo
layout that shows it (whole world, Miller, centred and zoomed), and the window after a user zoom."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures import theme
from dashboard.state import ViewState
from dashboard.store import queries
from geo.viewport import (
    ASPECT,
    WORLD_CENTRE_LATITUDE,
    WORLD_LATITUDES,
    Window,
    miller_lat,
    miller_y,
    view_of,
    visible_window,
    widened_east,
)

#: lon/lat window of each viewport preset ("fit" computes its own)
VIEWPORT_WINDOWS = {"eurasia": ((-15.0, 180.0), (-12.0, 80.0)), "world": ((-150.0, 210.0), (-58.0, 84.0))}
#: the map frame labels are placed in: at the smallest supported screens (1280 px wide) the graph is 980 px wide
#: and of the frame's own shape (borderlinks.css: as wide as the map's stage, ASPECT high), so plotly's frame
#: fills it; wider screens draw the same frame larger and spread the labels further apart
PLOT_SIZE_PX = (980.0, 980.0 / ASPECT)
#: the share of the frame's height every supported stage shows: the stage clips the frame's top and bottom when
#: it is flatter than the frame (a 1280×800 screen with the browser's bars: 980 × 467 px of the 620 px frame)
VISIBLE_SHARE = 0.74
#: the side panel docked at the map's right edge (the city or corridor card above the legend; CSS
#: .map-side: 280 px wide, 12 px from the edge, 8 px clear of the map's subject), px of PLOT_SIZE_PX
SIDE_PANEL_PX = 300.0
#: where labels would hide under the side panel (left, top, right, bottom in PLOT_SIZE_PX)
SIDE_PANEL_ZONE = (PLOT_SIZE_PX[0] - SIDE_PANEL_PX, 0.0, PLOT_SIZE_PX[0], PLOT_SIZE_PX[1])
_CLIPPED_PX = PLOT_SIZE_PX[1] * (1 - VISIBLE_SHARE) / 2
#: where labels would hide: under the side panel, and above or below what a flat stage shows
HIDDEN_ZONES = (SIDE_PANEL_ZONE, (0.0, 0.0, PLOT_SIZE_PX[0], _CLIPPED_PX),
                (0.0, PLOT_SIZE_PX[1] - _CLIPPED_PX, PLOT_SIZE_PX[0], PLOT_SIZE_PX[1]))


def beside_side_panel(window: Window) -> Window:
    """`window` widened so that, fitted to the map frame, all of it lies left of the side panel (widened
    eastwards) and inside the frame's share every stage shows (taller about its middle): nothing covers the
    subject or cuts it off."""
    south, north = window.lat
    y_south, y_north = float(miller_y(south)), float(miller_y(north))
    middle, half = (y_south + y_north) / 2, (y_north - y_south) / 2 / VISIBLE_SHARE
    taller = Window(window.lon, (float(miller_lat(middle - half)), float(miller_lat(middle + half))))
    return widened_east(taller, SIDE_PANEL_PX / PLOT_SIZE_PX[0])


def viewport_window(state: ViewState, view: queries.FilteredView | None,
                    partners: pd.DataFrame | None = None, selected: pd.Series | None = None) -> Window:
    """The lon/lat window of the state's viewport; "fit" = the selected city and its twins, else the
    places in view, else Eurasia; but for the whole world, widened to leave the side panel's room."""
    if state.viewport == "fit":
        box = None
        if selected is not None and partners is not None:
            shown = partners[partners["in_view"]] if partners["in_view"].any() else partners
            box = queries.extent(np.append(shown["lon"].to_numpy(), selected["lon"]),
                                 np.append(shown["lat"].to_numpy(), selected["lat"]))
        elif view is not None and len(view.linked_places) and (
                queries.has_place_filter(state) or state.link_scope == "between"):
            box = queries.extent(view.linked_places["lon"].to_numpy(), view.linked_places["lat"].to_numpy())
        if box is not None:
            return beside_side_panel(Window(*box))
    elif state.viewport == "world":
        return Window(*VIEWPORT_WINDOWS["world"])
    return beside_side_panel(Window(*VIEWPORT_WINDOWS["eurasia"]))


def geo_layout(state: ViewState, window: Window) -> dict:
    """The geo subplot: the whole world in the Miller projection, centred and zoomed on `window`
    (so nothing is cut off at the window's edge), our own polygons instead of plotly's base map."""
    centre_lon, centre_lat, scale = view_of(window, ASPECT)
    if state.viewport == "world":
        centre_lon, centre_lat, scale = 30.0, WORLD_CENTRE_LATITUDE, 1.0
    return world_geo(centre_lon, centre_lat, scale, viewport_revision(state, window))


def world_geo(centre_lon: float, centre_lat: float, scale: float, revision: str) -> dict:
    """Every geo subplot of the app: the whole world in the Miller projection around a centre, at a scale,
    drawn from our own polygons (plotly's base map shows only the sea and lakes)."""
    return {
        "projection": {"type": "miller", "scale": round(scale, 4), "rotation": {"lon": round(centre_lon, 3)}},
        "center": {"lon": round(centre_lon, 3), "lat": round(centre_lat, 3)},
        "lonaxis": {"range": [round(centre_lon - 180, 3), round(centre_lon + 180, 3)], "showgrid": False},
        "lataxis": {"range": list(WORLD_LATITUDES), "showgrid": False},
        "showland": False, "showcountries": False, "showcoastlines": False, "showframe": False,
        "showocean": True, "oceancolor": theme.SEA, "showlakes": True, "lakecolor": theme.SEA,
        "bgcolor": theme.SEA, "resolution": 110, "fitbounds": False,  # 110m: lakes only, 6× lighter
        "uirevision": revision,
    }


def viewport_revision(state: ViewState, window: Window) -> str:
    """Changes exactly when the view must move: a new preset, or a new fitted window."""
    if state.viewport != "fit":
        return state.viewport
    return "fit:" + ",".join(f"{v:.2f}" for v in (*window.lon, *window.lat))


def zoomed_window(base: Window, relayout: dict | None) -> Window | None:
    """The window after the user zoomed or panned (plotly's relayoutData of the geo subplot: the
    absolute `geo.projection.scale` and `geo.center`), or None when `relayout` holds no view change.
    Missing parts keep those of `base`'s view."""
    if not relayout:
        return None
    scale = relayout.get("geo.projection.scale")
    lon = relayout.get("geo.center.lon", relayout.get("geo.projection.rotation.lon"))
    lat = relayout.get("geo.center.lat")
    if scale is None and lon is None and lat is None:
        return None
    aspect = ASPECT
    base_lon, base_lat, base_scale = view_of(base, aspect)
    scale = float(scale) if scale is not None else base_scale
    if scale <= 0:
        return None
    return visible_window(float(lon) if lon is not None else base_lon,
                          float(lat) if lat is not None else base_lat, scale, aspect)
