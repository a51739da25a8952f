"""Pure builders of the monitoring charts: the ties by state on a map, held activities by sector and year,
activities by year and status. (frame, language) -> plotly figure dict; no Dash, no I/O."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import theme
from dashboard.i18n import t
from dashboard.registry.sectors import sector_label
from dashboard.registry.statuses import ACTIVITY_STATUSES

#: colour of each tie state (Okabe–Ito; dormant ties in a neutral grey, drawn first, under the others)
STATE_COLOURS = {"active": theme.GREEN, "renewed": theme.BLUE, "quiet": theme.ORANGE,
                 "dormant": theme.LINE_STRONG, "ended": theme.VERMILLION}
STATUS_COLOURS = {"held": theme.BLUE, "planned": theme.SKY, "postponed": theme.ORANGE,
                  "cancelled": theme.VERMILLION}
DRAW_ORDER = ("dormant", "ended", "quiet", "renewed", "active")


def _segments(lon_a, lat_a, lon_b, lat_b) -> tuple[np.ndarray, np.ndarray]:
    """One NaN-separated array per axis: a, b, NaN for each segment (one trace for many lines)."""
    count = len(lon_a)
    lon = np.full(count * 3, np.nan)
    lat = np.full(count * 3, np.nan)
    lon[0::3], lon[1::3] = lon_a, lon_b
    lat[0::3], lat[1::3] = lat_a, lat_b
    return lon, lat


def _padded(values: pd.Series, margin: float) -> list[float]:
    low, high = float(values.min()), float(values.max())
    spread = max(high - low, 4.0)
    return [low - margin - 0.05 * spread, high + margin + 0.05 * spread]


def ties_map(ties: pd.DataFrame, lang: str = "en") -> dict:
    """Ties as great-circle lines coloured by state (one trace per state) and their cities as dots.

    `ties` needs state, lon_a, lat_a, lon_b, lat_b, name_a, name_b."""
    figure = go.Figure()
    placed = ties.dropna(subset=["lon_a", "lat_a", "lon_b", "lat_b"])
    for state in DRAW_ORDER:
        chosen = placed[placed["state"] == state]
        if chosen.empty:
            continue
        lon, lat = _segments(chosen["lon_a"].to_numpy(float), chosen["lat_a"].to_numpy(float),
                             chosen["lon_b"].to_numpy(float), chosen["lat_b"].to_numpy(float))
        figure.add_trace(go.Scattergeo(
            lon=lon, lat=lat, mode="lines", hoverinfo="skip",
            line={"color": STATE_COLOURS[state], "width": 1.0 if state == "dormant" else 2.6},
            opacity=0.6 if state == "dormant" else 0.95,
            name=f"{t(f'tie.state.{state}', lang)} ({len(chosen)})"))
    cities = pd.concat([placed[["name_a", "lon_a", "lat_a"]].set_axis(["name", "lon", "lat"], axis=1),
                        placed[["name_b", "lon_b", "lat_b"]].set_axis(["name", "lon", "lat"], axis=1)]
                       ).drop_duplicates()
    figure.add_trace(go.Scattergeo(
        lon=cities["lon"].to_numpy(float), lat=cities["lat"].to_numpy(float), mode="markers",
        text=cities["name"].astype(str).to_numpy(), hoverinfo="text", showlegend=False,
        marker={"size": 4, "color": theme.INK, "opacity": 0.7}))
    geo = {"projection": {"type": "mercator"}, "showland": True, "landcolor": theme.LAND, "showocean": True,
           "oceancolor": theme.SEA, "showcountries": True, "countrycolor": theme.BORDER, "showcoastlines": False,
           "showlakes": False, "resolution": 50, "scope": "world"}
    if len(cities):
        geo.update(lonaxis={"range": _padded(cities["lon"], 2.5)}, lataxis={"range": _padded(cities["lat"], 1.5)})
    figure.update_layout(template=theme.TEMPLATE, geo=geo, margin={"l": 0, "r": 0, "t": 8, "b": 0},
                         legend={"orientation": "h", "yanchor": "bottom", "y": 0.0, "x": 0.0,
                                 "bgcolor": "rgba(255,255,255,0.85)"}, uirevision="monitoring-map")
    return figure.to_plotly_json()


def _empty_note(figure: go.Figure, lang: str) -> None:
    figure.add_annotation(text=t("monitoring.chart.empty", lang), x=0.5, y=0.5, xref="paper", yref="paper",
                          showarrow=False, font={"color": theme.INK_MUTED, "size": 15})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)


def sectors_by_year(table: pd.DataFrame, lang: str = "en") -> dict:
    """Horizontal stacked bars: held activities per sector, one colour per year. `table` from
    TiesMonitoring.by_sector (sector, one column per year, total)."""
    years = [c for c in table.columns if isinstance(c, (int, np.integer))]
    ordered = table.sort_values("total", ascending=True)
    labels = [sector_label(code, lang) for code in ordered["sector"]]
    figure = go.Figure()
    palette = (theme.SKY, theme.BLUE, theme.GREEN, theme.ORANGE, theme.PURPLE, theme.VERMILLION)
    for index, year in enumerate(years):
        figure.add_trace(go.Bar(y=labels, x=ordered[year].to_numpy(int), orientation="h", name=str(year),
                                marker={"color": palette[index % len(palette)]},
                                hovertemplate="%{y}: %{x}<extra>" + str(year) + "</extra>"))
    figure.update_layout(template=theme.TEMPLATE, barmode="stack", margin={"l": 8, "r": 8, "t": 8, "b": 8},
                         xaxis={"title": {"text": t("monitoring.chart.count", lang)}, "dtick": 1 if
                                len(ordered) and ordered["total"].max() <= 12 else None},
                         yaxis={"automargin": True}, legend={"orientation": "h", "y": -0.15},
                         height=max(260, 34 * len(ordered) + 90))
    if ordered.empty or not ordered["total"].sum():
        _empty_note(figure, lang)
    return figure.to_plotly_json()


def activities_by_year(table: pd.DataFrame, lang: str = "en") -> dict:
    """Stacked bars per year by status (TiesMonitoring.by_year: year and one column per status)."""
    figure = go.Figure()
    years = [str(y) for y in table["year"]]
    for status in ACTIVITY_STATUSES:
        if status in table and table[status].sum():
            figure.add_trace(go.Bar(x=years, y=table[status].to_numpy(int), name=t(f"activity.status.{status}", lang),
                                    marker={"color": STATUS_COLOURS[status]}))
    figure.update_layout(template=theme.TEMPLATE, barmode="stack", margin={"l": 8, "r": 8, "t": 8, "b": 8},
                         yaxis={"title": {"text": t("monitoring.chart.count", lang)}}, xaxis={"type": "category"},
                         legend={"orientation": "h", "y": -0.2}, height=300)
    if not figure.data:
        _empty_note(figure, lang)
    return figure.to_plotly_json()

