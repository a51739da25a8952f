"""Maps of practices: their places as points and their transfers as flows (one trace per visual class,
NaN-separated lines, as the twinning flows are drawn). Pure: (frames, state, language) -> Figure."""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.flat_frame import FRAME_ASPECT, frame_view
from dashboard.figures.theme import BLUE, ORANGE, VERMILLION
from dashboard.i18n import t
from geo.viewport import Window

#: the window shown without places
EURASIA = ((-15.0, 180.0), (-12.0, 80.0))


def plain(text: object) -> str:
    """Text for Plotly (which reads a few HTML tags): escaped, so markup shows as written."""
    return html.escape(str(text or ""), quote=False)


def practices_map(places: pd.DataFrame, transfers: pd.DataFrame, lang: str, height: int = 420) -> go.Figure:
    """`places`: place_id, name, lon, lat, practices (count), label; `transfers`: from_lon, from_lat,
    to_lon, to_lat, label. `height`: of a file (the page's graph takes its box's size, FRAME_ASPECT)."""
    figure = go.Figure()
    if len(transfers):
        lon = np.column_stack([transfers["from_lon"], transfers["to_lon"], np.full(len(transfers), np.nan)]).ravel()
        lat = np.column_stack([transfers["from_lat"], transfers["to_lat"], np.full(len(transfers), np.nan)]).ravel()
        figure.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", line={"color": ORANGE, "width": 2.5},
                                       name=t("practices.map.transfers", lang), hoverinfo="skip"))
        figure.add_trace(go.Scattergeo(lon=transfers["to_lon"], lat=transfers["to_lat"], mode="markers",
                                       marker={"color": VERMILLION, "size": 9},
                                       text=[plain(label) for label in transfers["label"]], hoverinfo="text",
                                       name=t("practices.map.taken_up", lang)))
    sizes = 8 + 4 * np.sqrt(places["practices"].to_numpy(dtype="float64")) if len(places) else []
    figure.add_trace(go.Scattergeo(lon=places["lon"], lat=places["lat"], mode="markers",
                                   marker={"color": BLUE, "size": sizes, "opacity": 0.85},
                                   text=[plain(label) for label in places["label"]], hoverinfo="text",
                                   name=t("practices.map.places", lang)))
    lons = pd.concat([places["lon"], transfers.get("to_lon", pd.Series(dtype=float)),
                      transfers.get("from_lon", pd.Series(dtype=float))]).dropna()
    lats = pd.concat([places["lat"], transfers.get("to_lat", pd.Series(dtype=float)),
                      transfers.get("from_lat", pd.Series(dtype=float))]).dropna()
    window = Window(*EURASIA)
    if len(lons):  # the places with a margin, at least 30 x 16 degrees so one town shows its surroundings
        lon_mid, lat_mid = (float(lons.min()) + float(lons.max())) / 2, (float(lats.min()) + float(lats.max())) / 2
        lon_half = max((float(lons.max()) - float(lons.min())) / 2 + 4, 15)
        lat_half = max((float(lats.max()) - float(lats.min())) / 2 + 3, 8)
        window = Window((lon_mid - lon_half, lon_mid + lon_half),
                        (max(lat_mid - lat_half, -80), min(lat_mid + lat_half, 84)))
    geo = frame_view(window)  # the flat frame, as wide as the page's box (.practices-map): no band above or below
    figure.update_layout(template="borderlinks", geo=geo, height=height, width=round(height * FRAME_ASPECT),
                         showlegend=bool(len(transfers)), margin={"l": 0, "r": 0, "t": 0, "b": 0},
                         legend={"x": 0.99, "y": 0.88, "xanchor": "right", "yanchor": "top"})  # the Arctic, under the modebar
    return figure


def sized_by_its_box(figure: go.Figure) -> go.Figure:
    """The map for a page: without a file's size, so that it takes its box's (practices.css .practices-map,
    of the frame's shape), nor the file's card text (the page prints it beside the map)."""
    figure.update_layout(width=None, height=None)
    figure.layout.annotations = ()
    return figure


def add_card_text(figure: go.Figure, summary: str, period: str, sources: list[str], width: int = 90) -> None:
    """A practice's card text in a box over the map's top left: period, summary and sources (escaped)."""
    lines = [plain(period), *(plain(line) for line in textwrap.wrap(summary or "", width)),
             *(plain(url) for url in sources[:3])]
    figure.add_annotation(text="<br>".join(lines), xref="paper", yref="paper", x=0.01, y=0.99, xanchor="left",
                          yanchor="top", showarrow=False, align="left", bgcolor="rgba(255,255,255,0.9)",
                          bordercolor="#8C959F", borderwidth=1, borderpad=6, font={"size": 13})
