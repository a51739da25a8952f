"""The Activities page's figures: pure functions of count tables, a language and the sample flag.

Every figure says "sample data" (a red mark in its corner) when sample activities are among those it
counts. Types keep one colour everywhere (TYPE_COLOURS); monitoring statuses too (STATUS_COLOURS).
The map is one scattergeo figure: one trace per monitoring status (links, NaN-separated numpy arrays,
great circles drawn by plotly), then the places sized by their number of activities. No Dash, no I/O.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures import theme
from dashboard.i18n import t
from dashboard.registry.vocabulary import ACTIVITY_TYPES

#: one colour per activity type: Okabe–Ito first, then Paul Tol's muted scheme (colour-blind safe)
TYPE_COLOURS = dict(zip(ACTIVITY_TYPES, (
    theme.BLUE, theme.ORANGE, theme.GREEN, theme.PURPLE, theme.SKY, theme.VERMILLION, "#332288",
    "#999933", "#44AA99", "#882255", "#DDCC77", "#117733", "#8C959F")))
STATUS_COLOURS = {"active": theme.GREEN, "fading": theme.ORANGE, "dormant": theme.VERMILLION,
                  "never": "#B8B2A7"}
STATUS_WIDTHS = {"active": 2.2, "fading": 2.0, "dormant": 2.0, "never": 0.6}
#: "never recorded" links are drawn up to this many (hidden in the legend at first): the rest is noise
MAX_NEVER_LINKS = 1500
EURASIA = ((-15.0, 180.0), (-12.0, 82.0))
TOP = 15
LABEL_CHARS = 34  # longer bar labels are cut with "…" (the hover shows the whole name)


def type_label(code: str, lang: str) -> str:
    return t(f"activity.type.{code}", lang)


def _base(figure: go.Figure, sample: bool, lang: str, height: int | None = None, mark_left: bool = False
          ) -> go.Figure:
    figure.update_layout(template=theme.TEMPLATE, margin={"l": 8, "r": 8, "t": 28 if sample else 8, "b": 8},
                         **({"height": height} if height else {}))
    if sample:
        figure.add_annotation(text=t("activities.sample_mark", lang), xref="paper", yref="paper",
                              x=0 if mark_left else 1, y=1, xanchor="left" if mark_left else "right",
                              yanchor="bottom", showarrow=False, yshift=24 if mark_left else 4,
                              font={"color": theme.VERMILLION, "size": 13, "weight": 700})
    return figure


def empty_figure(lang: str, sample: bool = False, height: int | None = None,
                 message_key: str = "activities.empty") -> go.Figure:
    figure = go.Figure()
    figure.add_annotation(text=t(message_key, lang), xref="paper", yref="paper", x=0.5, y=0.5,
                          showarrow=False, font={"color": theme.INK_MUTED})
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return _base(figure, sample, lang, height)


def year_type_figure(counts: pd.DataFrame, lang: str, sample: bool = False) -> go.Figure:
    """Stacked bars: activities per year, one colour per type."""
    if counts.empty:
        return empty_figure(lang, sample)
    years = np.arange(int(counts["year"].min()), int(counts["year"].max()) + 1)
    figure = go.Figure()
    for code in ACTIVITY_TYPES:
        rows = counts[counts["activity_type"] == code]
        if rows.empty:
            continue
        values = rows.set_index("year")["count"].reindex(years, fill_value=0)
        figure.add_bar(x=years, y=values.to_numpy(), name=type_label(code, lang),
                       marker_color=TYPE_COLOURS[code],
                       hovertemplate=f"%{{x}} · {type_label(code, lang)}: %{{y}}<extra></extra>")
    figure.update_layout(barmode="stack", legend={"orientation": "v", "font": {"size": 11}, "tracegroupgap": 0,
                                                  "itemclick": "toggleothers"},
                         xaxis={"dtick": 1 if len(years) <= 12 else 5 if len(years) > 30 else 2, "title": None},
                         yaxis={"title": t("activities.axis.count", lang)}, bargap=0.15)
    return _base(figure, sample, lang, height=360)


def ranking_figure(table: pd.DataFrame, lang: str, sample: bool = False, top: int = TOP,
                   colour: str = theme.BLUE, label_column: str = "name") -> go.Figure:
    """Horizontal bars of the `top` largest counts (table: name/label, count), largest on top."""
    table = table[table["count"] > 0].head(top)
    if table.empty:
        return empty_figure(lang, sample)
    labels = np.array([label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"
                       for label in table[label_column].astype(str)])[::-1]
    counts = table["count"].to_numpy()[::-1]
    figure = go.Figure(go.Bar(x=counts, y=labels, orientation="h", marker_color=colour,
                              text=counts, textposition="outside", cliponaxis=False,
                              customdata=table[label_column].astype(str).to_numpy()[::-1],
                              hovertemplate="%{customdata}: %{x}<extra></extra>"))
    small = counts.max() <= 6
    figure.update_layout(xaxis={"title": None, "showgrid": True, "tickformat": ",d", "rangemode": "tozero",
                                **({"dtick": 1} if small else {"nticks": 5})},
                         yaxis={"title": None, "automargin": True}, showlegend=False, bargap=0.25)
    return _base(figure, sample, lang, height=max(180, 26 * len(table) + 40))


def monthly_figure(months: pd.DataFrame, lang: str, sample: bool = False) -> go.Figure:
    """Activities per month (by start month)."""
    if months.empty:
        return empty_figure(lang, sample, height=220)
    figure = go.Figure(go.Bar(x=months["month"], y=months["count"], marker_color=theme.BLUE,
                              hovertemplate="%{x|%Y-%m}: %{y}<extra></extra>"))
    months_axis = {"tickformat": "%Y年%-m月"} if lang == "zh" else {}  # plotly's month names are English
    figure.update_layout(xaxis={"title": None, "type": "date", **months_axis},
                         yaxis={"title": t("activities.axis.count", lang)},
                         bargap=0.1, showlegend=False)
    return _base(figure, sample, lang, height=220)


def three_years_figure(side_by_side: pd.DataFrame, lang: str, sample: bool = False) -> go.Figure:
    """The proposed years 2023, 2024, 2025 side by side: activities per type in each."""
    years = sorted(side_by_side["year"].unique())
    totals = side_by_side.groupby("year")["count"].sum()
    titles = [t("activities.year_total", lang, year=int(y), count=int(totals.get(y, 0))) for y in years]
    figure = make_subplots(rows=1, cols=len(years), shared_yaxes=True, subplot_titles=titles,
                           horizontal_spacing=0.03)
    used = [code for code in ACTIVITY_TYPES
            if side_by_side.loc[side_by_side["activity_type"] == code, "count"].sum() > 0] or list(ACTIVITY_TYPES)
    labels = [type_label(code, lang) for code in used][::-1]
    top = int(side_by_side["count"].max() or 1)
    for column, year in enumerate(years, start=1):
        values = side_by_side[side_by_side["year"] == year].set_index("activity_type")["count"]
        counts = values.reindex(used, fill_value=0).to_numpy()[::-1]
        figure.add_bar(x=counts, y=labels, orientation="h", row=1, col=column, showlegend=False,
                       marker_color=[TYPE_COLOURS[c] for c in used][::-1], text=counts, textposition="outside",
                       cliponaxis=False, hovertemplate=f"{int(year)} · %{{y}}: %{{x}}<extra></extra>")
        figure.update_xaxes(range=[0, top * 1.25], row=1, col=column, showticklabels=False, showgrid=False)
    figure.update_yaxes(automargin=True)
    _base(figure, sample, lang, height=max(220, 24 * len(used) + 60), mark_left=True)
    figure.update_layout(margin={"t": 50 if sample else 30})
    return figure


# ---- the map ------------------------------------------------------------------------------------------------

def link_arrays(links: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """lon, lat of every link as NaN-separated segments (a, b, NaN, a, b, NaN, ...), float32 (half the bytes)."""
    n = len(links)
    lon = np.full(3 * n, np.nan, dtype="float32")
    lat = np.full(3 * n, np.nan, dtype="float32")
    lon[0::3], lon[1::3] = links["lon_a"].to_numpy(dtype=float), links["lon_b"].to_numpy(dtype=float)
    lat[0::3], lat[1::3] = links["lat_a"].to_numpy(dtype=float), links["lat_b"].to_numpy(dtype=float)
    return lon, lat


def activity_map_figure(place_counts: pd.DataFrame, links: pd.DataFrame, lang: str, sample: bool = False,
                        window: tuple | None = EURASIA) -> go.Figure:
    """Places sized by their activities; twinning links coloured by their monitoring status.

    place_counts: place_id, name, iso3, lon, lat, count. links: status, lon_a, lat_a, lon_b, lat_b,
    name_a, name_b, last_activity (text), activity_count. Hover texts are short (names only) and the
    rest comes from per-trace templates: a page of Cyrillic names stays small.
    """
    figure = go.Figure()
    for status in ("never", "dormant", "fading", "active"):
        rows = links[links["status"] == status] if len(links) else links
        if status == "never":
            rows = rows.head(MAX_NEVER_LINKS)
        lon, lat = link_arrays(rows) if len(rows) else (np.array([np.nan]), np.array([np.nan]))
        figure.add_scattergeo(
            lon=lon, lat=lat, mode="lines", name=t(f"monitoring.short.{status}", lang), hoverinfo="skip",
            line={"color": STATUS_COLOURS[status], "width": STATUS_WIDTHS[status]},
            opacity=0.5 if status == "never" else 0.85, legendgroup=status,
            visible="legendonly" if status == "never" else True)
    for status in ("dormant", "fading", "active"):  # hover: a marker at each link's middle
        rows = links[links["status"] == status] if len(links) else links
        if not len(rows):
            continue
        mid_lon = ((rows["lon_a"].to_numpy(dtype=float) + rows["lon_b"].to_numpy(dtype=float)) / 2).astype("float32")
        mid_lat = ((rows["lat_a"].to_numpy(dtype=float) + rows["lat_b"].to_numpy(dtype=float)) / 2).astype("float32")
        template = (f"%{{text}}<br>{t('monitoring.short.' + status, lang)} · {t('activities.hover.last', lang)}: "
                    f"%{{customdata[0]}} · {t('activities.hover.count', lang)}: %{{customdata[1]}}<extra></extra>")
        figure.add_scattergeo(lon=mid_lon, lat=mid_lat, mode="markers", marker={"size": 6, "opacity": 0},
                              text=(rows["name_a"].astype(str) + " – " + rows["name_b"].astype(str)).to_numpy(),
                              customdata=np.column_stack([rows["last_activity"].to_numpy(dtype=object),
                                                          rows["activity_count"].to_numpy()]),
                              hovertemplate=template, showlegend=False, legendgroup=status)
    if len(place_counts):
        counts = place_counts["count"].to_numpy(dtype=float)
        sizes = (5 + 20 * np.sqrt(counts / max(counts.max(), 1.0))).astype("float32")
        figure.add_scattergeo(
            lon=place_counts["lon"].to_numpy(dtype="float32"), lat=place_counts["lat"].to_numpy(dtype="float32"),
            mode="markers", name=t("activities.map.places", lang),
            marker={"size": sizes, "color": theme.BLUE, "opacity": 0.75,
                    "line": {"color": theme.PAGE, "width": 0.8}},
            text=(place_counts["name"].astype(str) + " (" + place_counts["iso3"].astype(str) + ")").to_numpy(),
            customdata=place_counts["count"].to_numpy(dtype="int32"),
            hovertemplate=f"%{{text}}<br>{t('activities.hover.activities', lang)}: %{{customdata}}<extra></extra>")
    geo = {"projection": {"type": "natural earth"}, "showframe": False}
    if window is not None:
        geo["lonaxis"] = {"range": list(window[0])}
        geo["lataxis"] = {"range": list(window[1])}
    figure.update_layout(geo=geo, legend={"orientation": "h", "y": 0.0, "x": 0.0, "yanchor": "bottom",
                                          "font": {"size": 12}}, uirevision="activities-map")
    return _base(figure, sample, lang, height=460)
