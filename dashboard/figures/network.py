"""Figures of the twinning network and of the profiles: pure functions of frames and a language ->
plotly figure dicts (numpy arrays base64-encoded, as the map does). No Dash, no I/O.

Maps here are compact scattergeo figures drawn on the product's own country polygons (the GeoJSON the
map page loads from /api/v1/layers/, passed in as `countries_geojson`), never plotly's UN base map.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dashboard.figures import theme
from dashboard.figures.map_style import encoded, format_count, format_share, rgba, segments
from dashboard.figures.map_view import world_geo
from dashboard.i18n import t, tn
from dashboard.store import queries
from dashboard.store.network import Communities, CountryMatrix
from geo.labels import text_width, thin_labels
from geo.viewport import ASPECT, Window, screen_positions, view_of

TEMPLATE = theme.TEMPLATE.to_plotly_json()
#: community colours (Okabe–Ito, in the order the largest communities get them); the rest are grey
COMMUNITY_COLOURS = (theme.BLUE, theme.VERMILLION, theme.GREEN, theme.ORANGE, theme.PURPLE, theme.SKY,
                     theme.YELLOW)
OTHER_COMMUNITIES = theme.LINE_STRONG
#: the matrix's colour ramp (sequential, one hue: light to the accent blue to dark)
MATRIX_COLOURS = [[0.0, "#DCEBF5"], [0.35, "#7FB6DB"], [0.7, theme.BLUE], [1.0, "#00304F"]]
#: cells get their count written in them up to this many countries
MATRIX_TEXT_LIMIT = 25
CHART_FONT = 13
#: shorter names for chart axes (the profiles keep the full names)
SHORT_NAMES = {
    "USA": {"en": "USA", "ru": "США", "zh": "美国"},
    "CHN": {"en": "China", "ru": "Китай", "zh": "中国"},
    "KOR": {"en": "South Korea", "ru": "Южная Корея", "zh": "韩国"},
    "PRK": {"en": "North Korea", "ru": "КНДР", "zh": "朝鲜"},
    "BIH": {"en": "Bosnia and Herz.", "ru": "Босния и Герц.", "zh": "波黑"},
    "GBR": {"en": "UK", "ru": "Великобритания", "zh": "英国"},
    "ARE": {"en": "UAE", "ru": "ОАЭ", "zh": "阿联酋"},
    "CAF": {"en": "Central African Rep.", "ru": "ЦАР", "zh": "中非"},
    "COD": {"en": "DR Congo", "ru": "ДР Конго", "zh": "刚果（金）"},
    "DOM": {"en": "Dominican Rep.", "ru": "Доминиканская Респ.", "zh": "多米尼加"},
}


def short_name(iso3: str, name: str, lang: str) -> str:
    """A country's name for a chart axis: a known short form, else the name (cut at 22 characters)."""
    short = SHORT_NAMES.get(iso3, {}).get(lang)
    if short:
        return short
    return name if len(name) <= 22 else name[:21].rstrip() + "…"


def _layout(**extra) -> dict:
    return {"template": TEMPLATE, "font": {"size": CHART_FONT}, **extra}


def empty_figure(message: str, height: int = 260) -> dict:
    """A blank figure with a sentence in the middle (for an empty selection)."""
    return {"data": [], "layout": _layout(
        height=height, xaxis={"visible": False}, yaxis={"visible": False},
        annotations=[{"text": message, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                      "font": {"size": 15, "color": theme.INK_MUTED}}],
        margin={"l": 8, "r": 8, "t": 8, "b": 8})}


def _km(value: float | None, lang: str) -> str:
    return "—" if value is None or (isinstance(value, float) and math.isnan(value)) else \
        f"{format_count(value, lang)}\u202f{t('map.unit.km', lang)}"


# ---- the country matrix ----------------------------------------------------------------------------------------

def matrix_figure(matrix: CountryMatrix, names: list[str], lang: str,
                  selected: tuple[str, str] | None = None) -> dict:
    """Heatmap of twinnings between the matrix's countries (largest totals top-left), colour on a log scale,
    counts written in the cells (up to MATRIX_TEXT_LIMIT countries); `selected` outlines one cell."""
    n = len(matrix.iso3)
    if n == 0:
        return empty_figure(t("network.empty", lang))
    counts = matrix.counts.astype("float64")
    logs = np.log10(np.maximum(counts, 1))
    z = np.where(counts > 0, logs, np.nan)
    z_cells = [[float(logs[i, j]) if counts[i, j] > 0 else None for j in range(n)] for i in range(n)]
    label = [f"{name}" for name in names]
    hover = [[
        (tn("network.matrix.hover_domestic", int(counts[i, j]), lang, country=label[i])
         if i == j else
         tn("network.matrix.hover", int(counts[i, j]), lang, first=label[i], second=label[j]))
        for j in range(n)] for i in range(n)]
    text = [[format_count(counts[i, j], lang) if counts[i, j] > 0 else "" for j in range(n)] for i in range(n)]
    custom = [[f"{matrix.iso3[i]}|{matrix.iso3[j]}" for j in range(n)] for i in range(n)]
    top = float(np.nanmax(z)) if np.isfinite(z).any() else 1.0
    ticks = [v for v in (1, 3, 10, 30, 100, 300, 1000, 3000, 10000) if math.log10(v) <= max(top, 0.5) + 1e-9]
    trace = {
        "type": "heatmap", "x": list(matrix.iso3), "y": list(matrix.iso3), "z": z_cells,
        "zmin": 0.0, "zmax": max(top, 0.5), "colorscale": MATRIX_COLOURS, "hoverongaps": False,
        "xgap": 1, "ygap": 1, "hovertext": hover, "hoverinfo": "text", "customdata": custom,
        "colorbar": {"title": {"text": t("network.matrix.colorbar", lang), "side": "right"},
                     "tickvals": [math.log10(v) for v in ticks], "ticktext": [format_count(v, lang) for v in ticks],
                     "thickness": 10, "len": min(1.0, 260.0 / max(n * 26, 1)), "lenmode": "fraction",
                     "y": 1, "yanchor": "top", "outlinewidth": 0},
        "name": "matrix",
    }
    if n <= MATRIX_TEXT_LIMIT:
        trace["text"] = text
        trace["texttemplate"] = "%{text}"
        trace["textfont"] = {"size": 10 if n > 15 else 12}
    shapes = cell_outlines(matrix.iso3, selected)
    cell = 30 if n <= 15 else 26 if n <= 25 else 18
    short = [short_name(c, name, lang) for c, name in zip(matrix.iso3, label)]
    return {"data": [trace], "layout": _layout(
        height=n * cell + 140,
        xaxis={"side": "top", "tickangle": -45, "tickvals": list(matrix.iso3), "ticktext": short,
               "showgrid": False, "type": "category", "automargin": True, "fixedrange": True,
               "tickfont": {"size": 12}},
        yaxis={"autorange": "reversed", "tickvals": list(matrix.iso3), "ticktext": short, "showgrid": False,
               "type": "category", "automargin": True, "fixedrange": True, "tickfont": {"size": 12}},
        margin={"l": 8, "r": 8, "t": 8, "b": 8}, shapes=shapes, clickmode="event", dragmode=False,
        plot_bgcolor=theme.FILL)}


def cell_outlines(iso3: tuple[str, ...], selected: tuple[str, str] | None) -> list[dict]:
    """Orange outlines of the chosen pair's two cells (one on the diagonal) in a matrix of `iso3`."""
    if not selected or selected[0] not in iso3 or selected[1] not in iso3:
        return []
    shapes = []
    for first, second in sorted({(selected[0], selected[1]), (selected[1], selected[0])}):
        i, j = iso3.index(first), iso3.index(second)
        shapes.append({"type": "rect", "xref": "x", "yref": "y", "x0": j - 0.5, "x1": j + 0.5,
                       "y0": i - 0.5, "y1": i + 0.5, "line": {"color": theme.ORANGE, "width": 3}})
    return shapes


# ---- cities ------------------------------------------------------------------------------------------------------

def top_cities_figure(top: pd.DataFrame, measure: str, lang: str) -> dict:
    """Horizontal bars of the cities of a top_cities frame by `measure` ("twinnings" or
    "partner_countries"); the bars carry place ids (customdata) so a click can open the city's profile."""
    if top.empty:
        return empty_figure(t("network.empty", lang))
    colour = theme.BLUE if measure == "twinnings" else theme.SKY
    labels = [f"{name} · {short_name(iso3, country, lang)}" for name, iso3, country in
              zip(top["name"], top["iso3"], top["country"])]
    keys = [str(p) for p in top["place_id"]]
    values = top[measure].to_numpy(dtype="int64")
    other = "partner_countries" if measure == "twinnings" else "twinnings"
    hover = [f"<b>{label}</b><br>{t('network.cities.' + measure, lang)}: {format_count(v, lang)}<br>"
             f"{t('network.cities.' + other, lang)}: {format_count(o, lang)}"
             for label, v, o in zip(labels, values, top[other].to_numpy())]
    trace = {"type": "bar", "orientation": "h", "y": keys, "x": values.tolist(),
             "marker": {"color": colour}, "text": [format_count(v, lang) for v in values],
             "textposition": "outside", "cliponaxis": False, "hovertext": hover, "hoverinfo": "text",
             "customdata": top["place_id"].astype("int64").tolist(), "name": measure}
    return {"data": [trace], "layout": _layout(
        height=max(260, 26 * len(top) + 40),
        yaxis={"autorange": "reversed", "tickvals": keys, "ticktext": labels, "type": "category",
               "automargin": True, "fixedrange": True},
        xaxis={"fixedrange": True, "side": "top", "range": [0, float(values.max()) * 1.15 if len(values) else 1]},
        margin={"l": 8, "r": 24, "t": 8, "b": 8}, bargap=0.25, clickmode="event")}


# ---- neighbours and blocs ----------------------------------------------------------------------------------------

SHARE_STYLE = {  # mutually exclusive parts of each country's bar, and their colours
    "share_domestic": theme.LINE_STRONG,
    "share_within_bloc": theme.PURPLE,
    "share_beyond_bloc": theme.SKY,
}


def shares_figure(shares: pd.DataFrame, names: dict, lang: str) -> dict:
    """Per country: a 100 % bar of its twinnings inside the country / within a bloc it shares / beyond its
    blocs, and a diamond for the share with land neighbours (which may be within or beyond a bloc)."""
    if shares.empty:
        return empty_figure(t("network.empty", lang))
    labels = [short_name(c, names.get(c, c), lang) for c in shares["iso3"]]
    keys = list(shares["iso3"])
    traces = []
    for column, colour in SHARE_STYLE.items():
        part = column.removeprefix("share_")
        values = shares[column].to_numpy(dtype="float64")
        counts = shares[part].to_numpy()
        hover = [f"<b>{label}</b><br>{t('network.shares.' + part, lang)}: {format_share(v, lang)} "
                 f"({format_count(c, lang)} / {format_count(total, lang)})"
                 for label, v, c, total in zip(labels, values, counts, shares["twinnings"].to_numpy())]
        traces.append({"type": "bar", "orientation": "h", "y": keys, "x": (100 * values).round(2).tolist(),
                       "name": t("network.shares." + part, lang), "marker": {"color": colour},
                       "hovertext": hover, "hoverinfo": "text"})
    neighbours = shares["share_neighbours"].to_numpy(dtype="float64")
    traces.append({
        "type": "scatter", "mode": "markers", "y": keys, "x": (100 * neighbours).round(2).tolist(),
        "name": t("network.shares.neighbours", lang),
        "marker": {"symbol": "diamond", "size": 11, "color": theme.GREEN, "line": {"color": theme.PAGE, "width": 1.5}},
        "hovertext": [f"<b>{label}</b><br>{t('network.shares.neighbours', lang)}: {format_share(v, lang)} "
                      f"({format_count(c, lang)})" for label, v, c in
                      zip(labels, neighbours, shares["neighbours"].to_numpy())],
        "hoverinfo": "text"})
    blocs = [", ".join(t(f"org.{o}", lang) for o in text.split(",") if o) for text in shares["blocs"]]
    ticktext = [f"{label} <span style='color:{theme.INK_MUTED};font-size:11px'>{b}</span>" if b else label
                for label, b in zip(labels, blocs)]
    return {"data": traces, "layout": _layout(
        barmode="stack", height=max(300, 26 * len(shares) + 110),
        yaxis={"autorange": "reversed", "tickvals": keys, "ticktext": ticktext, "type": "category",
               "automargin": True, "fixedrange": True},
        xaxis={"range": [0, 101], "tickvals": [0, 20, 40, 60, 80, 100], "ticksuffix": "\u202f%",
               "title": {"text": t("network.shares.axis", lang)},
               "fixedrange": True, "side": "top"},
        legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "traceorder": "normal"},
        margin={"l": 8, "r": 16, "t": 8, "b": 8}, bargap=0.3, hovermode="closest")}


# ---- lengths -----------------------------------------------------------------------------------------------------

def lengths_figure(histogram: pd.DataFrame, summary: dict, lang: str) -> dict:
    """Stacked bars of twinnings per distance bin (between land neighbours / others), the median marked."""
    if histogram["twinnings"].sum() == 0:
        return empty_figure(t("network.empty", lang))
    middle = ((histogram["bin_start_km"] + histogram["bin_end_km"]) / 2).to_numpy()
    width = float((histogram["bin_end_km"] - histogram["bin_start_km"]).iloc[0])
    ranges = [f"{format_count(a, lang)}–{format_count(b, lang)}\u202f{t('map.unit.km', lang)}"
              for a, b in zip(histogram["bin_start_km"], histogram["bin_end_km"])]
    traces = []
    for column, colour, key in (("neighbours", theme.GREEN, "network.lengths.neighbours"),
                                ("others", theme.BLUE, "network.lengths.others")):
        values = histogram[column].to_numpy()
        traces.append({"type": "bar", "x": middle.tolist(), "y": values.tolist(), "width": width * 0.92,
                       "name": t(key, lang), "marker": {"color": colour},
                       "hovertext": [f"{r}<br>{t(key, lang)}: {format_count(v, lang)}" for r, v in zip(ranges, values)],
                       "hoverinfo": "text"})
    shapes, annotations = [], []
    if summary.get("median_km") is not None:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": summary["median_km"],
                       "x1": summary["median_km"], "y0": 0, "y1": 1,
                       "line": {"color": theme.INK, "width": 1.5, "dash": "dot"}})
        annotations.append({"x": summary["median_km"], "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom",
                            "xanchor": "left", "showarrow": False,
                            "text": t("network.lengths.median", lang, km=_km(summary["median_km"], lang)),
                            "font": {"size": 12, "color": theme.INK}})
    return {"data": traces, "layout": _layout(
        barmode="stack", height=360, bargap=0,
        xaxis={"title": {"text": t("network.lengths.axis", lang)}, "ticksuffix": "\u202f" + t("map.unit.km", lang),
               "rangemode": "tozero", "separatethousands": True},
        yaxis={"title": {"text": t("network.lengths.count", lang)}, "rangemode": "tozero"},
        legend={"x": 0.99, "xanchor": "right", "y": 0.98, "yanchor": "top", "bgcolor": "rgba(255,255,255,0.9)"},
        shapes=shapes, annotations=annotations, margin={"l": 8, "r": 16, "t": 28, "b": 8},
        separators=", " if lang == "ru" else ".,")}


# ---- compact maps ---------------------------------------------------------------------------------------------------

#: the plot size (px) each compact map is labelled for; the graphs keep the world box's aspect (MAP_STYLE), so
#: the map fills them at any width
CELL_MAP_PX = (400.0, 400.0 / ASPECT)
PROFILE_MAP_PX = (505.0, 505.0 / ASPECT)  # the smallest drawn: a profile at 1280×800 (507 px); wider ones spread
COMMUNITIES_MAP_PX = (640.0, 640.0 / ASPECT)
#: the style of a dcc.Graph holding a compact map: full width, the height that the world box's aspect gives
MAP_STYLE = {"width": "100%", "height": "auto", "aspectRatio": f"{ASPECT:.4f}"}
LABEL_FONT_PX = 12
#: where the compact maps' legend lies (bottom left, _geo_figure), px of a map of PROFILE_MAP_PX: no label under it
LEGEND_ZONE_PX = (0.0, PROFILE_MAP_PX[1] - 100.0, 230.0, PROFILE_MAP_PX[1])


def link_alpha(count: int) -> float:
    """Fainter lines when there are many of them (as on the map)."""
    return float(np.clip(0.9 * (250.0 / max(count, 1)) ** 0.3, 0.12, 0.75))


def window_of(lon, lat, min_span: float = 8.0) -> Window:
    """The window around the points (queries.extent), or Eurasia for no points."""
    box = queries.extent(np.asarray(lon, dtype="float64"), np.asarray(lat, dtype="float64"), min_span=min_span)
    return Window(*box) if box is not None else Window((-15.0, 180.0), (-12.0, 80.0))


def geo_layout(window: Window, revision: str, size_px: tuple[float, float]) -> dict:
    """The whole world in the Miller projection, centred and zoomed on `window` for a plot of `size_px`
    (as the map does: the user can zoom out and pan), our own polygons instead of plotly's base map."""
    centre_lon, centre_lat, scale = view_of(window, size_px[0] / size_px[1])
    return world_geo(centre_lon, centre_lat, scale, revision)


def label_trace(names, lon, lat, priority, sizes, window: Window, size_px: tuple[float, float],
                max_labels: int = 30, blocked: tuple = ()) -> dict:
    """Text labels of the most important points that fit without overlapping in a plot of `size_px`, off the
    `blocked` boxes (a legend over the map)."""
    names = np.asarray([str(n) for n in names], dtype=object)
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    sizes = np.asarray(sizes, dtype="float64")
    candidates = np.argsort(-np.asarray(priority, dtype="float64"), kind="stable")[:300]
    x, y = screen_positions(lon[candidates], lat[candidates], window, *size_px)
    kept, placements = thin_labels(x, y, text_width(names[candidates], LABEL_FONT_PX), LABEL_FONT_PX,
                                   np.asarray(priority, dtype="float64")[candidates], sizes[candidates] / 2,
                                   *size_px, max_labels=max_labels, blocked=blocked)
    keep = candidates[kept]
    return {"type": "scattergeo", "mode": "markers+text", "lon": lon[keep].astype("float32"),
            "lat": lat[keep].astype("float32"), "text": list(names[keep]), "textposition": placements,
            "marker": {"size": sizes[keep].astype("float32"), "color": "rgba(0,0,0,0)"},
            "textfont": {"size": LABEL_FONT_PX, "color": theme.INK, "family": theme.FONT_FAMILY, "shadow": "auto"},
            "hoverinfo": "skip", "name": "labels", "showlegend": False}


def countries_trace(countries_geojson, iso3: list[str], names: dict, highlight=()) -> dict:
    """The product's country polygons (GeoJSON or its URL), `highlight` countries tinted."""
    chosen = np.isin(iso3, list(highlight)).astype("int8")
    return {"type": "choropleth", "geojson": countries_geojson, "locations": list(iso3), "z": chosen,
            "zmin": 0, "zmax": 1, "colorscale": [[0, theme.LAND], [1, theme.LAND_SELECTED]], "showscale": False,
            "marker": {"line": {"color": theme.BORDER, "width": 0.6}},
            "hovertext": [names.get(c, c) for c in iso3], "hoverinfo": "text", "name": "countries",
            "showlegend": False}


def _geo_figure(traces: list[dict], window: Window, revision: str, size_px: tuple[float, float],
                legend: bool = False) -> dict:
    layout = _layout(geo=geo_layout(window, revision, size_px), margin={"l": 0, "r": 0, "t": 0, "b": 0},
                     showlegend=legend, dragmode="pan", hovermode="closest", uirevision=revision,
                     hoverlabel={"namelength": 0})
    if legend:
        layout["legend"] = {"x": 0.01, "y": 0.01, "xanchor": "left", "yanchor": "bottom",
                            "bgcolor": "rgba(255,255,255,0.9)", "font": {"size": 12}}
    return {"data": [encoded(trace) for trace in traces], "layout": layout}


def pairs_map_figure(pairs: pd.DataFrame, places: pd.DataFrame, lang: str, countries_geojson, country_ids,
                     names: dict, highlight=()) -> dict:
    """The twinnings of a matrix cell: lines (great circles) between the cities, the cities as circles.

    `pairs` = twinnings_frame rows; `places` = queries.network(catalog).places (for coordinates)."""
    lookup = places.set_index("place_id")[["lon", "lat"]]
    a = lookup.reindex(pairs["place_a"].to_numpy())
    b = lookup.reindex(pairs["place_b"].to_numpy())
    lon, lat = segments(a["lon"].to_numpy(), a["lat"].to_numpy(), b["lon"].to_numpy(), b["lat"].to_numpy())
    ends = pd.DataFrame({
        "place_id": np.concatenate([pairs["place_a"].to_numpy(), pairs["place_b"].to_numpy()]),
        "name": np.concatenate([pairs["name_a"].to_numpy(dtype=object), pairs["name_b"].to_numpy(dtype=object)]),
        "country": np.concatenate([pairs["country_a"].to_numpy(dtype=object),
                                   pairs["country_b"].to_numpy(dtype=object)]),
        "lon": np.concatenate([a["lon"].to_numpy(), b["lon"].to_numpy()]),
        "lat": np.concatenate([a["lat"].to_numpy(), b["lat"].to_numpy()]),
    })
    degree = ends["place_id"].value_counts()
    ends = ends.drop_duplicates("place_id").reset_index(drop=True)
    ends["links"] = ends["place_id"].map(degree).to_numpy()
    window = window_of(ends["lon"], ends["lat"])
    link_trace = {"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat, "hoverinfo": "skip",
                  "line": {"color": rgba(theme.ORANGE, max(link_alpha(len(pairs)), 0.35)), "width": 1.4},
                  "name": "links", "showlegend": False}
    sizes = (5 + 9 * np.sqrt(np.minimum(ends["links"].to_numpy(dtype="float64") / 20.0, 1.0))).astype("float32")
    place_trace = {"type": "scattergeo", "mode": "markers", "lon": ends["lon"].to_numpy(dtype="float32"),
                   "lat": ends["lat"].to_numpy(dtype="float32"),
                   "marker": {"size": sizes, "color": theme.BLUE, "line": {"color": theme.PAGE, "width": 0.8}},
                   "customdata": ends["place_id"].to_numpy(dtype="int64"),
                   "hovertext": [f"<b>{n}</b><br>{c}<br>{tn('network.map.links', int(k), lang)}"
                                 for n, c, k in zip(ends["name"], ends["country"], ends["links"])],
                   "hoverinfo": "text", "name": "cities", "showlegend": False}
    labels = label_trace(ends["name"], ends["lon"], ends["lat"], ends["links"].to_numpy(), sizes, window,
                         CELL_MAP_PX, max_labels=20)
    traces = [countries_trace(countries_geojson, country_ids, names, highlight), link_trace, place_trace, labels]
    revision = "pairs:" + ",".join(sorted(set(highlight)))
    return _geo_figure(traces, window, revision, CELL_MAP_PX)


def communities_map_figure(members: pd.DataFrame, links: pd.DataFrame, communities: Communities, lang: str,
                           countries_geojson, country_ids, names: dict, revision: str) -> dict:
    """Cities coloured by community (the COLOURED largest in colour, the rest grey) over faint links.

    `members` = the cities of the graph with place_id, name, country, lon, lat, twinnings;
    `links` = FilteredView.links."""
    community = communities.of(members["place_id"].to_numpy())
    lon, lat = segments(links["lon_a"].to_numpy(), links["lat_a"].to_numpy(), links["lon_b"].to_numpy(),
                        links["lat_b"].to_numpy())
    traces = [countries_trace(countries_geojson, country_ids, names),
              {"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat, "hoverinfo": "skip",
               "line": {"color": rgba(theme.INK_MUTED, min(link_alpha(len(links)) * 0.6, 0.35)), "width": 0.5},
               "name": "links", "showlegend": False}]
    coloured = len(COMMUNITY_COLOURS)
    groups = [(k, COMMUNITY_COLOURS[k]) for k in range(min(coloured, len(communities.sizes)))]
    rest = community >= coloured
    label = t("network.communities.other", lang)
    for k, colour in [(None, OTHER_COMMUNITIES), *groups]:
        mask = rest if k is None else community == k
        part = members[mask]
        size = (4 + 8 * np.sqrt(np.minimum(part["twinnings"].to_numpy(dtype="float64") / 40.0, 1.0)))
        name = label if k is None else tn("network.communities.name", int(communities.sizes[k]), lang,
                                          number=k + 1)
        traces.append({
            "type": "scattergeo", "mode": "markers", "lon": part["lon"].to_numpy(dtype="float32"),
            "lat": part["lat"].to_numpy(dtype="float32"),
            "marker": {"size": size.astype("float32"), "color": colour, "opacity": 0.55 if k is None else 0.9,
                       "line": {"color": theme.PAGE if k is None else theme.INK, "width": 0.3}},
            "customdata": part["place_id"].to_numpy(dtype="int64"),
            "hovertext": [f"<b>{n}</b><br>{c}<br>{name if k is not None else label}" for n, c in
                          zip(part["name"], part["country"])],
            "hoverinfo": "text", "name": name, "showlegend": True, "legendrank": 1000 if k is None else k,
        })
    window = window_of(members["lon"], members["lat"], min_span=20.0)
    return _geo_figure(traces, window, revision, COMMUNITIES_MAP_PX, legend=True)


def profile_map_figure(subject: pd.DataFrame, partners: pd.DataFrame, links: pd.DataFrame, lang: str,
                       countries_geojson, country_ids, names: dict, highlight=(), window: Window | None = None,
                       revision: str = "profile", subject_label: str | None = None) -> dict:
    """A profile's map: the subject's cities (`subject`: place_id, name, lon, lat, twinnings) in orange, their
    twins (`partners`: place_id, name, lon, lat, country) in blue, the twinnings (`links`: lon_a, lat_a,
    lon_b, lat_b, crosses_land_border) as great circles, neighbours' in green."""
    neighbour = links["crosses_land_border"].fillna(False).to_numpy(dtype=bool)
    traces = [countries_trace(countries_geojson, country_ids, names, highlight)]
    alpha = float(np.clip(link_alpha(len(links)) * 0.7, 0.15, 0.6))
    for mask, colour, key in ((~neighbour, theme.BLUE, "network.map.other_links"),
                              (neighbour, theme.GREEN, "network.map.neighbour_links")):
        part = links[mask]
        lon, lat = segments(part["lon_a"].to_numpy(), part["lat_a"].to_numpy(), part["lon_b"].to_numpy(),
                            part["lat_b"].to_numpy())
        traces.append({"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat, "hoverinfo": "skip",
                       "line": {"color": rgba(colour, alpha), "width": 1.0 if len(links) > 60 else 1.4},
                       "name": t(key, lang), "showlegend": bool(mask.any())})
    traces.append({
        "type": "scattergeo", "mode": "markers", "lon": partners["lon"].to_numpy(dtype="float32"),
        "lat": partners["lat"].to_numpy(dtype="float32"),
        "marker": {"size": 7, "color": theme.BLUE, "line": {"color": theme.PAGE, "width": 0.8}},
        "customdata": partners["place_id"].to_numpy(dtype="int64"),
        "hovertext": [f"<b>{n}</b><br>{c}" for n, c in zip(partners["name"], partners["country"])],
        "hoverinfo": "text", "name": t("network.map.partners", lang), "showlegend": True})
    sizes = (7 + 9 * np.sqrt(np.minimum(subject["twinnings"].to_numpy(dtype="float64") / 40.0, 1.0))).astype(
        "float32")
    traces.append({
        "type": "scattergeo", "mode": "markers", "lon": subject["lon"].to_numpy(dtype="float32"),
        "lat": subject["lat"].to_numpy(dtype="float32"),
        "marker": {"size": sizes, "color": theme.ORANGE, "line": {"color": theme.INK, "width": 1}},
        "customdata": subject["place_id"].to_numpy(dtype="int64"),
        "hovertext": [f"<b>{n}</b><br>{tn('network.map.links', int(k), lang)}"
                      for n, k in zip(subject["name"], subject["twinnings"])],
        "hoverinfo": "text", "name": subject_label or t("network.map.subject", lang), "showlegend": True})
    if window is None:
        window = window_of(subject["lon"], subject["lat"])
    everyone = pd.concat([subject.assign(priority=1000 + subject["twinnings"]),
                          partners.assign(priority=0.0)], ignore_index=True)
    label_sizes = np.concatenate([sizes, np.full(len(partners), 7, dtype="float32")])
    traces.append(label_trace(everyone["name"], everyone["lon"], everyone["lat"],
                              everyone["priority"].to_numpy(dtype="float64"), label_sizes, window, PROFILE_MAP_PX,
                              blocked=(LEGEND_ZONE_PX,)))
    return _geo_figure(traces, window, revision, PROFILE_MAP_PX, legend=True)


__all__ = ["matrix_figure", "top_cities_figure", "shares_figure", "lengths_figure", "pairs_map_figure",
           "communities_map_figure", "profile_map_figure", "empty_figure", "window_of", "countries_trace",
           "short_name", "MAP_STYLE"]
