"""The main figure (and a title) of a page in a state: what a saved view shows on a slide or in a brief.

    view_figure(path, query, lang, catalog=None) -> plotly Figure
    view_title(path, query, lang, catalog=None) -> str

`path` is a page's path and `query` its ViewState query string (as a saved view stores them); `lang`
overrides the query's language. Each page's own pure figure functions draw it:

    /                 the twinning map (dashboard.figures.map)
    /network          the country x country matrix (its first tab)
    /corridors        the corridors map
    /activities       activities per year and type
    /country/<ISO3>   the country's twinnings on a map       /city/<id>   the city and its twins

Geography is embedded in the figure (so it draws anywhere, e.g. in a PDF), unless `layer_url` is given:
a function (layer name, pov) -> the URL the browser loads that layer's GeoJSON from (the app's pages
pass the API's cached URLs; the corridors' border strip asks for "border_strip_<km>"). Any other path, or a store that is missing, gives a figure that says so.
No Dash imports.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import plotly.graph_objects as go

from dashboard import settings
from dashboard.figures import network as network_figures
from dashboard.figures import profile_maps
from dashboard.i18n import language_or_default, t
from dashboard.state import ViewState

log = logging.getLogger(__name__)

_COUNTRY = re.compile(r"/country/([A-Za-z]{3})/?")
_CITY = re.compile(r"/city/([1-9][0-9]{0,11})/?")
LayerUrl = Callable[[str, str], str]


def _state(query: str | None, lang: str) -> ViewState:
    state = ViewState.from_query(query or "")
    return state.replace(lang=language_or_default(lang or state.lang))


def _catalog(catalog):
    if catalog is not None:
        return catalog
    from dashboard.store.catalog import load_catalog
    return load_catalog()


def _page(path: str) -> tuple[str, str | None]:
    """(kind, subject) of a path: ("map", None), ("country", "BLR"), ("city", "625144"), ("other", None)."""
    path = "/" + (path or "").split("?")[0].strip("/")
    fixed = {"/": "map", "/network": "network", "/corridors": "corridors", "/activities": "activities"}
    if path in fixed:
        return fixed[path], None
    if match := _COUNTRY.fullmatch(path):
        return "country", match.group(1).upper()
    if match := _CITY.fullmatch(path):
        return "city", match.group(1)
    return "other", None


def message_figure(text: str) -> go.Figure:
    return go.Figure(network_figures.empty_figure(text, height=360))


def as_figure(figure) -> go.Figure:
    """A go.Figure from a figure dict (base64-encoded arrays are accepted as they are)."""
    if isinstance(figure, go.Figure):
        return figure
    return go.Figure(figure, skip_invalid=False)


# ---- the figure of each page ----------------------------------------------------------------------------------

def _map(catalog, state: ViewState, layer_url: LayerUrl | None) -> dict:
    from dashboard.figures import map as map_figures
    from dashboard.store.layers import LAYER_NAMES, load_map_layers

    urls = {name: layer_url(name, state.pov) for name in LAYER_NAMES} if layer_url else None
    inputs = map_figures.map_inputs(catalog, load_map_layers(settings.database_url(), state.pov), state, urls)
    return map_figures.map_figure(inputs)


def _network(catalog, state: ViewState) -> dict:
    from dashboard.store import network, queries

    matrix = network.country_matrix(queries.filtered_view(catalog, state).links, network.DEFAULT_TOP_COUNTRIES)
    names = network.country_name_map(catalog, state.lang)
    pair = tuple(state.pair) if len(state.pair) == 2 else None
    return network_figures.matrix_figure(matrix, [names.get(c, c) for c in matrix.iso3], state.lang, pair)


def _corridors(catalog, state: ViewState, layer_url: LayerUrl | None) -> dict:
    from dashboard.figures import corridors as corridor_figures
    from dashboard.registry.service import live_frames_or_none
    from dashboard.store.corridor_views import corridor_activities, corridor_view
    from dashboard.store.corridors import load_corridor_store
    from dashboard.store.layers import load_border_strips, load_map_layers

    frames = live_frames_or_none(catalog)
    view = corridor_view(catalog, load_corridor_store(), state,
                         corridor_activities(frames, catalog, state) if frames else None)
    strips = load_border_strips(settings.database_url()) if state.strip else None
    return corridor_figures.corridor_figure(corridor_figures.CorridorMapInputs(
        view, catalog, load_map_layers(settings.database_url(), state.pov),
        layer_url("countries", state.pov) if layer_url else None, strips=strips,
        strip_url=layer_url(f"border_strip_{state.strip_km}", state.pov) if layer_url and strips else None))


def _activities(catalog, state: ViewState) -> go.Figure:
    from dashboard.figures import activities as activity_figures
    from dashboard.registry import views
    from dashboard.registry.service import live_frames

    view = views.activities_in_view(live_frames(catalog), catalog, state)
    return activity_figures.year_type_figure(views.counts_by_year_type(view), state.lang, view.includes_sample)


def _countries_geojson(catalog, state: ViewState, layer_url: LayerUrl | None):
    if layer_url:
        return layer_url("countries", state.pov)
    from dashboard.store.layers import load_map_layers
    return load_map_layers(settings.database_url(), state.pov).countries


def _country(catalog, state: ViewState, iso3: str, layer_url: LayerUrl | None) -> dict | None:
    """The country's cities (orange), their twins (blue) and the twinnings, zoomed to the country."""
    from dashboard.store import network

    profile = network.country_profile_for(catalog, iso3, state.lang)
    if profile is None:
        return None
    return profile_maps.country_map(catalog, profile, state.lang, _countries_geojson(catalog, state, layer_url))


def _city(catalog, state: ViewState, place_id: int, layer_url: LayerUrl | None) -> dict | None:
    """The city (orange), its twins (blue) and the twinnings, zoomed to the city and its near twins."""
    from dashboard.store import network

    profile = network.city_profile_for(catalog, place_id, state.lang)
    if profile is None:
        return None
    return profile_maps.city_map(catalog, profile, state.lang, _countries_geojson(catalog, state, layer_url))


def view_figure(path: str, query: str, lang: str, catalog=None, *, layer_url: LayerUrl | None = None
                ) -> go.Figure:
    """The main figure of the page at `path` in the state of `query`, in `lang` (see the module's doc)."""
    state = _state(query, lang)
    kind, subject = _page(path)
    if kind == "other":
        return message_figure(t("views.figure.none", state.lang))
    try:
        catalog = _catalog(catalog)
    except Exception:  # no store
        log.exception("the store cannot be read: no figure for %s", path)
        return message_figure(t("views.figure.no_store", state.lang))
    if kind == "map":
        figure = _map(catalog, state, layer_url)
    elif kind == "network":
        figure = _network(catalog, state)
    elif kind == "corridors":
        figure = _corridors(catalog, state, layer_url)
    elif kind == "activities":
        figure = _activities(catalog, state)
    elif kind == "country":
        figure = _country(catalog, state, subject, layer_url)
    else:
        figure = _city(catalog, state, int(subject), layer_url)
    if figure is None:
        return message_figure(t("views.figure.not_found", state.lang))
    return as_figure(figure)


# ---- the title ------------------------------------------------------------------------------------------------

def _names(catalog, codes, lang: str, limit: int = 3) -> str:
    from dashboard.store import network
    names = network.country_name_map(catalog, lang)
    shown = [names.get(code, code) for code in codes[:limit]]
    return ", ".join(shown) + (f" +{len(codes) - limit}" if len(codes) > limit else "")


def _place_name(catalog, place_id: int, lang: str) -> str:
    from dashboard.store import queries
    rows = catalog.places[catalog.places["place_id"] == place_id]
    return "" if rows.empty else str(queries.localized(rows, lang).iloc[0])


def view_title(path: str, query: str, lang: str, catalog=None) -> str:
    """A one-line description of a view: its page and what it selects, e.g. "Map · Belarus, Russia · SCO"."""
    state = _state(query, lang)
    lang = state.lang
    kind, subject = _page(path)
    try:
        catalog = _catalog(catalog)
    except Exception:
        catalog = None
    page = {"map": "page.map", "network": "page.network", "corridors": "page.corridors",
            "activities": "page.activities", "country": "profile.country.kind", "city": "profile.city.kind"}
    parts = [t(page[kind], lang) if kind in page else (path or "/")]
    if kind == "country" and catalog is not None:
        parts.append(_names(catalog, [subject], lang))
    elif kind == "city" and catalog is not None:
        parts.append(_place_name(catalog, int(subject), lang))
    if kind not in ("country", "city"):
        if state.pair and catalog is not None:
            parts.append(" – ".join(_names(catalog, [code], lang) for code in state.pair))
        elif state.countries and catalog is not None:
            parts.append(_names(catalog, list(state.countries), lang))
        if state.blocs:
            parts.append(", ".join(dict.fromkeys(t(f"org.{bloc.split(':')[0]}", lang) for bloc in state.blocs)))
        if state.year_from or state.year_to:
            parts.append(f"{state.year_from or '…'}–{state.year_to or '…'}")
        if state.place is not None and catalog is not None and kind == "map":
            parts.append(_place_name(catalog, state.place, lang))
    return " · ".join(part for part in parts if part)


__all__ = ["view_figure", "view_title", "message_figure"]
