"""The twinning network as plotly traces: links (one trace per class, NaN-separated segments that
geo draws as great circles), hover markers at link midpoints, city circles, thinned labels, and the
chosen city with its twins."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.figures import theme
from dashboard.figures.map_style import format_count, rgba, segments
from dashboard.figures.map_view import HIDDEN_ZONES, PLOT_SIZE_PX
from dashboard.figures.ties import life_text
from dashboard.i18n import format_population, t
from dashboard.store import queries, tie_status
from geo.distance import great_circle_points
from geo.labels import text_width, thin_labels
from geo.viewport import Window, screen_positions

LABEL_FONT_PX = 12
MAX_LABELS = 70
MAX_SELECTION_LABELS = 40
#: reference values of the circle scale: a place with this many gets the largest circle
SIZE_REFERENCE = {"partners": 80.0, "population": 12_000_000.0}
MIN_MARKER_PX, MAX_MARKER_PX = 4.0, 22.0
#: labels keep off the circles of other places from this diameter (px: 10 twinnings) up (10.4 px); smaller ones they may touch
BLOCKING_CIRCLE_PX = 10.0
#: at most this many city circles are drawn (most twinnings in view first): each is an SVG node
MAX_PLACE_MARKERS = 2000
#: links get a hover marker at their midpoint up to this many links in view (text costs bytes)
LINK_HOVER_LIMIT = 6000
#: suspended and ended ties: colour-blind-safe colours (Okabe-Ito) and a dash pattern each, so that they
#: differ from the active ties (blue, green) without colour too
INACTIVE_LINK_STYLE = {"suspended_links": (theme.VERMILLION, "dash"), "ended_links": (theme.PURPLE, "dot")}
INACTIVE_LINK_TRACES = tuple(INACTIVE_LINK_STYLE)


def marker_sizes(values, size_by: str) -> np.ndarray:
    """Circle diameters (px): area grows with the value, on a fixed scale (sizes mean the same always)."""
    values = np.nan_to_num(np.asarray(values, dtype="float64"), nan=0.0).clip(min=0)
    share = np.sqrt(np.minimum(values / SIZE_REFERENCE[size_by], 1.0))
    return (MIN_MARKER_PX + (MAX_MARKER_PX - MIN_MARKER_PX) * share).astype("float32")


def label_priority(places: pd.DataFrame, links_in_view) -> np.ndarray:
    """Importance for labelling: twinnings in view, Natural Earth's label rank, population."""
    rank = pd.to_numeric(places["scalerank"], errors="coerce").fillna(10).clip(0, 10).to_numpy()
    population = places["population"].fillna(0).to_numpy(dtype="float64")
    return (np.log1p(np.asarray(links_in_view, dtype="float64")) + 0.25 * (10 - rank)
            + 0.1 * np.log10(population + 1))


def link_alpha(count: int) -> float:
    """Fainter lines when there are many of them (25,000 links stay readable as a density)."""
    return float(np.clip(0.9 * (250.0 / max(count, 1)) ** 0.3, 0.12, 0.75))


def link_traces(view: queries.FilteredView, names: np.ndarray, lang: str, visible: bool) -> list[dict]:
    """Active ties (across a land border in green), then suspended and ended ties drawn apart (a colour and a
    dash each: INACTIVE_LINK_STYLE; empty unless the status filter shows them), then the hover markers."""
    links = view.links
    status = links["status"].to_numpy(dtype=object) if "status" in links else np.full(len(links), "active")
    neighbour = links["crosses_land_border"].fillna(False).to_numpy(dtype=bool)
    active = ~np.isin(status, tie_status.INACTIVE)
    alpha = link_alpha(int(active.sum()))
    traces = []
    for key, mask, colour, width in (("links", active & ~neighbour, theme.BLUE, 0.8),
                                     ("neighbour_links", active & neighbour, theme.GREEN, 1.1)):
        traces.append(_line_trace(links[mask], key, {
            "color": rgba(colour, min(alpha * (1.4 if key == "neighbour_links" else 1), 0.9)), "width": width},
            lang, visible))
    for key, (colour, dash) in INACTIVE_LINK_STYLE.items():
        traces.append(_line_trace(links[status == key.removesuffix("_links")], key,
                                  {"color": rgba(colour, 0.9), "width": 1.6, "dash": dash}, lang, visible))
    traces.append(link_hover_trace(links, names, lang, visible))
    return traces


def _line_trace(part: pd.DataFrame, key: str, line: dict, lang: str, visible: bool) -> dict:
    lon, lat = segments(part["lon_a"].to_numpy(), part["lat_a"].to_numpy(),
                        part["lon_b"].to_numpy(), part["lat_b"].to_numpy())
    return {"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat, "line": line,
            "hoverinfo": "skip", "name": t(f"map.legend.{key}", lang), "visible": visible}


def link_hover_trace(links: pd.DataFrame, names: np.ndarray, lang: str, visible: bool) -> dict:
    """Invisible markers at the links' midpoints that carry each link's hover text."""
    if len(links) > LINK_HOVER_LIMIT:  # too many to label each: the suspended and ended ones only (few)
        links = links[links["status"].isin(tie_status.INACTIVE)] if "status" in links else links.iloc[0:0]
    middle = great_circle_points(links["lon_a"].to_numpy(), links["lat_a"].to_numpy(),
                                 links["lon_b"].to_numpy(), links["lat_b"].to_numpy(), 3)
    middle = middle.reshape(-1, 3, 2)[:, 1, :] if len(links) else np.empty((0, 2))
    km = t("map.unit.km", lang)
    neighbour_note = t("map.hover.neighbours", lang)
    lives = [life_text(row, lang) for row in links.itertuples()] if "status" in links else [""] * len(links)
    text = [
        f"{a} — {b}<br>{format_count(d, lang)} {km}" + (f" · {neighbour_note}" if n else "")
        + (f"<br>{life}" if life else "")
        for a, b, d, n, life in zip(names[links["pos_a"].to_numpy()], names[links["pos_b"].to_numpy()],
                                    links["distance_km"].to_numpy(), links["crosses_land_border"].to_numpy(),
                                    lives)
    ]
    return {
        "type": "scattergeo", "mode": "markers", "lon": middle[:, 0].astype("float32"),
        "lat": middle[:, 1].astype("float32"), "marker": {"size": 7, "color": "rgba(0,0,0,0)"},
        "hovertext": text, "hoverinfo": "text", "name": t("map.legend.links", lang), "visible": visible,
    }


def place_hover(places: pd.DataFrame, catalog, lang: str) -> list[str]:
    """Name in the UI language, country, region, population, number of twin cities."""
    names = queries.localized(places, lang).fillna("").to_numpy()
    country = queries.country_names(catalog.countries, lang)
    regions = catalog.regions
    region = pd.Series(queries.localized(regions, lang).to_numpy(), index=regions["region_id"].to_numpy())
    countries = places["iso3"].map(country).fillna(places["iso3"]).fillna("").to_numpy()
    region_names = places["region_id"].map(region).fillna("").to_numpy()
    population_label = t("map.hover.population", lang)
    partners_label = t("map.hover.partners", lang)
    return [
        f"<b>{name}</b><br>{where}{' · ' + reg if reg else ''}<br>"
        f"{population_label}: {format_population(pop, lang) if pop and pop > 0 else '—'}<br>"
        f"{partners_label}: {partners}"
        for name, where, reg, pop, partners in zip(names, countries, region_names,
                                                   places["population"].to_numpy(dtype="float64"),
                                                   places["partners"].to_numpy())
    ]


def drawn_places(view: queries.FilteredView) -> pd.DataFrame:
    """The linked places that get a circle: all, or the MAX_PLACE_MARKERS with most links in view."""
    linked = view.linked_places
    if len(linked) <= MAX_PLACE_MARKERS:
        return linked
    order = np.lexsort((-linked["population"].fillna(0).to_numpy(), -linked["links_in_view"].to_numpy()))
    return linked.iloc[order[:MAX_PLACE_MARKERS]]


def place_ids(places: pd.DataFrame) -> list[int]:
    """Place ids as a plain list: dcc.Graph's clickData reads customdata from the undecoded trace,
    where a base64 typed array would give nothing."""
    return [int(i) for i in places["place_id"]]


def place_traces(view: queries.FilteredView, catalog, lang: str, size_by: str,
                 visible: bool) -> list[dict]:
    other = view.other_places
    linked = drawn_places(view).sort_values("partners")  # big circles on top
    size_values = linked["partners"] if size_by == "partners" else linked["population"]
    other_trace = {
        "type": "scattergeo", "mode": "markers",
        "lon": other["lon"].to_numpy(dtype="float32"), "lat": other["lat"].to_numpy(dtype="float32"),
        "marker": {"size": 4, "color": theme.PAGE, "line": {"color": theme.INK_MUTED, "width": 1}},
        "customdata": place_ids(other), "hovertext": place_hover(other, catalog, lang),
        "hoverinfo": "text", "name": t("map.legend.other_places", lang), "visible": visible,
    }
    linked_trace = {
        "type": "scattergeo", "mode": "markers",
        "lon": linked["lon"].to_numpy(dtype="float32"), "lat": linked["lat"].to_numpy(dtype="float32"),
        "marker": {"size": marker_sizes(size_values, size_by), "color": rgba(theme.BLUE, 0.85),
                   "line": {"color": theme.PAGE, "width": 0.6}},
        "customdata": place_ids(linked), "hovertext": place_hover(linked, catalog, lang),
        "hoverinfo": "text", "name": t("map.legend.places", lang), "visible": visible,
    }
    return [other_trace, linked_trace]


def label_trace(places: pd.DataFrame, priority: np.ndarray, sizes: np.ndarray, lang: str, window: Window,
                visible: bool, max_labels: int = MAX_LABELS, colour: str = theme.INK,
                bold_first: bool = False, blocked: tuple = HIDDEN_ZONES) -> dict:
    """Text labels of the places that fit without overlapping, most important first.

    Drawn as text beside invisible markers of the places' own sizes, so that plotly offsets each
    label from its circle as the thinning assumed.
    """
    names = queries.localized(places, lang).fillna("").to_numpy()
    keep, placements = choose_labels(places["lon"].to_numpy(), places["lat"].to_numpy(), names, priority,
                                     sizes, window, max_labels, blocked)
    text = [str(name) for name in names[keep]]
    if bold_first and len(keep) and keep[0] == 0:
        text[0] = f"<b>{text[0]}</b>"
    return {
        "type": "scattergeo", "mode": "markers+text",
        "lon": places["lon"].to_numpy(dtype="float32")[keep],
        "lat": places["lat"].to_numpy(dtype="float32")[keep], "text": text,
        "textposition": placements,
        "marker": {"size": np.asarray(sizes, dtype="float32")[keep], "color": "rgba(0,0,0,0)"},
        "textfont": {"size": LABEL_FONT_PX, "color": colour, "family": theme.FONT_FAMILY, "shadow": "auto"},
        "hoverinfo": "skip", "name": "labels", "visible": visible,
    }


def choose_labels(lon, lat, names, priority, sizes, window: Window, max_labels: int,
                  blocked: tuple = ()) -> tuple[np.ndarray, list[str]]:
    """Positions of the labels to draw in `window` and their placements (candidates: the 400 most
    important), clear of the large circles (BLOCKING_CIRCLE_PX) of every other place."""
    lon = np.asarray(lon, dtype="float64")
    lat = np.asarray(lat, dtype="float64")
    sizes = np.asarray(sizes, dtype="float64")
    candidates = np.argsort(-np.asarray(priority, dtype="float64"), kind="stable")[:400]
    x_all, y_all = screen_positions(lon, lat, window, *PLOT_SIZE_PX)
    large = np.flatnonzero(sizes >= BLOCKING_CIRCLE_PX)
    owner = np.full(len(lon), -1)
    owner[candidates] = np.arange(len(candidates))
    kept, placements = thin_labels(x_all[candidates], y_all[candidates], text_width(names[candidates], LABEL_FONT_PX),
                                   LABEL_FONT_PX, np.asarray(priority)[candidates], sizes[candidates] / 2,
                                   *PLOT_SIZE_PX, max_labels=max_labels, blocked=blocked,
                                   circles=(x_all[large], y_all[large], sizes[large] / 2, owner[large]))
    return candidates[kept], placements


def place_label_trace(view: queries.FilteredView, lang: str, size_by: str, window: Window,
                      visible: bool) -> dict:
    linked = drawn_places(view)
    size_values = linked["partners"] if size_by == "partners" else linked["population"]
    return label_trace(linked, label_priority(linked, linked["links_in_view"]),
                       marker_sizes(size_values, size_by), lang, window, visible)


def selection_traces(selected: pd.Series | None, partners: pd.DataFrame | None, lang: str,
                     window: Window) -> list[dict]:
    """The chosen city, its twins in view and the links between them (empty without a selection)."""
    if selected is None or partners is None:
        empty = {"type": "scattergeo", "lon": np.empty(0, "float32"), "lat": np.empty(0, "float32"),
                 "hoverinfo": "skip"}
        return [{**empty, "mode": "lines", "name": "selection links"},
                {**empty, "mode": "markers", "name": "selection"},
                {**empty, "mode": "text", "text": [], "name": "selection labels"}]
    shown = partners[partners["in_view"]]
    lon, lat = segments(np.full(len(shown), selected["lon"]), np.full(len(shown), selected["lat"]),
                        shown["lon"].to_numpy(), shown["lat"].to_numpy())
    links = {"type": "scattergeo", "mode": "lines", "lon": lon, "lat": lat,
             "line": {"color": theme.ORANGE, "width": 2.2}, "hoverinfo": "skip", "name": "selection links"}
    everyone = pd.concat([selected.to_frame().T, shown], ignore_index=True)
    everyone["population"] = pd.to_numeric(everyone["population"], errors="coerce")
    km = t("map.unit.km", lang)
    names = queries.localized(everyone, lang).fillna("").to_numpy()
    hover = [f"<b>{names[0]}</b>"] + [
        f"<b>{name}</b><br>{format_count(d, lang)} {km}" for name, d in
        zip(names[1:], shown["distance_km"].to_numpy())]
    sizes = np.full(len(everyone), 10.0, dtype="float32")
    sizes[0] = 18.0
    places = {
        "type": "scattergeo", "mode": "markers",
        "lon": everyone["lon"].to_numpy(dtype="float32"), "lat": everyone["lat"].to_numpy(dtype="float32"),
        "marker": {"size": sizes, "color": theme.ORANGE, "line": {"color": theme.INK, "width": 1.2}},
        "customdata": place_ids(everyone), "hovertext": hover,
        "hoverinfo": "text", "name": "selection",
    }
    priority = np.concatenate([[1e9], -np.arange(1, len(everyone), dtype="float64")])
    labels = label_trace(everyone, priority, sizes, lang, window, True, MAX_SELECTION_LABELS,
                         bold_first=True)
    labels["name"] = "selection labels"
    return [links, places, labels]
