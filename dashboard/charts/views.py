"""The main chart of a page in a state: what a saved view shows on a slide or in a brief.

    chart_of(path, query, lang) -> (presenter id, state, args) or None
    view_figure(path, query, lang, catalog=None, layer_url=None) -> plotly Figure
    view_title(path, query, lang, catalog=None) -> str

`path` is a page's path and `query` its ViewState query string (as a saved view stores them); `lang`
overrides the query's language:

    /                 map                         /network      network-matrix (its first tab)
    /corridors        corridors-map               /activities   activities-year-type
    /country/<ISO3>   country-map                 /city/<id>    city-map

Any other path, or a store that is missing, gives a figure that says so.
"""

from __future__ import annotations

import logging
import re

import plotly.graph_objects as go

from dashboard.charts.presenter import ChartUnavailable, LayerUrl, Request, UnknownChart, get
from dashboard.figures import network as network_figures
from dashboard.i18n import language_or_default, t
from dashboard.state import ViewState
from dashboard.store import catalog as store_catalog
from dashboard.store import network, queries

log = logging.getLogger(__name__)

_COUNTRY = re.compile(r"/country/([A-Za-z]{3})/?")
_CITY = re.compile(r"/city/([1-9][0-9]{0,11})/?")
PAGE_CHARTS = {"/": "map", "/network": "network-matrix", "/corridors": "corridors-map",
               "/activities": "activities-year-type"}
PAGE_TITLES = {"map": "page.map", "network-matrix": "page.network", "corridors-map": "page.corridors",
               "activities-year-type": "page.activities", "country-map": "profile.country.kind",
               "city-map": "profile.city.kind"}


def view_state(query: str | None, lang: str) -> ViewState:
    state = ViewState.from_query(query or "")
    return state.replace(lang=language_or_default(lang or state.lang))


def chart_of(path: str, query: str | None, lang: str) -> tuple[str, ViewState, dict] | None:
    """The presenter id, view state and arguments of a page's main chart; None for a page without one."""
    state = view_state(query, lang)
    path = "/" + (path or "").split("?")[0].strip("/")
    if path in PAGE_CHARTS:
        return PAGE_CHARTS[path], state, {}
    if match := _COUNTRY.fullmatch(path):
        return "country-map", state, {"iso3": match.group(1).upper()}
    if match := _CITY.fullmatch(path):
        return "city-map", state, {"id": match.group(1)}
    return None


def message_figure(text: str) -> go.Figure:
    return go.Figure(network_figures.empty_figure(text, height=360))


def as_figure(figure) -> go.Figure:
    """A go.Figure from a figure dict (base64-encoded arrays are accepted as they are)."""
    if isinstance(figure, go.Figure):
        return figure
    return go.Figure(figure, skip_invalid=False)


def view_figure(path: str, query: str, lang: str, catalog=None, *, layer_url: LayerUrl | None = None) -> go.Figure:
    """The main figure of the page at `path` in the state of `query`, in `lang` (see the module's doc).
    Geography is embedded unless `layer_url` says where the browser loads it from."""
    chart = chart_of(path, query, lang)
    if chart is None:
        return message_figure(t("views.figure.none", view_state(query, lang).lang))
    chart_id, state, args = chart
    try:
        catalog = catalog if catalog is not None else store_catalog.load_catalog()
    except Exception:  # no store, or a damaged one: the slide says so instead of failing the whole deck
        log.exception("the store cannot be read: no figure for %s", path)
        return message_figure(t("views.figure.no_store", state.lang))
    try:
        figure = get(chart_id).figure(Request(catalog, state, args, layer_url))
    except (UnknownChart, ChartUnavailable):
        return message_figure(t("views.figure.not_found", state.lang))
    return as_figure(figure)


# ---- the title ------------------------------------------------------------------------------------------------

def _names(catalog, codes, lang: str, limit: int = 3) -> str:
    names = network.country_name_map(catalog, lang)
    shown = [names.get(code, code) for code in codes[:limit]]
    return ", ".join(shown) + (f" +{len(codes) - limit}" if len(codes) > limit else "")


def _place_name(catalog, place_id: int, lang: str) -> str:
    rows = catalog.places[catalog.places["place_id"] == place_id]
    return "" if rows.empty else str(queries.localized(rows, lang).iloc[0])


def view_title(path: str, query: str, lang: str, catalog=None) -> str:
    """A one-line description of a view: its page and what it selects, e.g. "Map · Belarus, Russia · SCO"."""
    chart = chart_of(path, query, lang)
    state = chart[1] if chart else view_state(query, lang)
    lang = state.lang
    try:
        catalog = catalog if catalog is not None else store_catalog.load_catalog()
    except Exception:  # no store: the title names the page only
        log.warning("the store cannot be read: the title of %s names its page only", path)
        catalog = None
    if chart is None:
        return path or "/"
    chart_id, _, args = chart
    parts = [t(PAGE_TITLES[chart_id], lang)]
    if chart_id == "country-map" and catalog is not None:
        parts.append(_names(catalog, [args["iso3"]], lang))
    elif chart_id == "city-map" and catalog is not None:
        parts.append(_place_name(catalog, int(args["id"]), lang))
    else:
        if state.pair and catalog is not None:
            parts.append(" – ".join(_names(catalog, [code], lang) for code in state.pair))
        elif state.countries and catalog is not None:
            parts.append(_names(catalog, list(state.countries), lang))
        if state.blocs:
            parts.append(", ".join(dict.fromkeys(t(f"org.{bloc.split(':')[0]}", lang) for bloc in state.blocs)))
        if state.year_from or state.year_to:
            parts.append(f"{state.year_from or '…'}–{state.year_to or '…'}")
        if state.place is not None and catalog is not None and chart_id == "map":
            parts.append(_place_name(catalog, state.place, lang))
    return " · ".join(part for part in parts if part)
