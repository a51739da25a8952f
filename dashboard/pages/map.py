"""The map explorer at "/": key figures, a city search, the twinning map, its legend and the city card.

The URL is the one source of truth: every callback here reads the state from `url.search`, and the
ones that change it (a click on a city, the search box, the card) write the URL; `update_map` then
patches the figure (dash.Patch: only the traces that change) and re-renders the strip, legend and
card. The page's layout is built for the URL's state, so a link opens the right view at once.
"""

from __future__ import annotations

import threading

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update

from dashboard import charts, settings
from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.export_menu import export_menu
from dashboard.components.filter_panel import dropdown_labels
from dashboard.components.graph import as_patch, graph_config
from dashboard.components.layer_urls import layer_url_for
from dashboard.components.page_routing import keep_page_on_query_change
from dashboard.components.translated import text
from dashboard.figures import map as map_figures
from dashboard.figures.map_flows import pair_of_click
from dashboard.figures.map_highlight import highlight_inputs
from dashboard.figures.map_view import viewport_revision, zoomed_window
from dashboard.i18n import t
from dashboard.pages import map_panels
from dashboard.state import ViewState, state_from_params, state_from_search
from dashboard.store.place_search import load_name_index, search_places

dash.register_page(__name__, path="/", name="Map", title="Borderlinks", order=0, nav_key="page.map")

GRAPH = "map-graph"
KPI_STRIP = "kpi-strip"
PLACE_CARD = "place-card"
LEGEND = "map-legend"
NOTICE = "map-notice"
SEARCH = "place-search"
DRAWN = "map-drawn"  # dcc.Store: {"query": state drawn, "revision": the geo view's uirevision}
HIGHLIGHT_INPUTS = "map-highlight-inputs"  # dcc.Store: what the browser needs to highlight a click at once
HIGHLIGHTED = "map-highlighted"  # dcc.Store: {"place", "partners"} highlighted in the browser by the last click

def map_inputs(state: ViewState):
    """The figure's inputs for `state` (the "map" chart's data), or None when the store is not built."""
    catalog = current_catalog()
    if catalog is None:
        return None
    return charts.get("map").data(charts.Request(catalog, state, layer_url=layer_url_for(catalog)))


def selected_option(inputs) -> list[dict]:
    if inputs is None or inputs.selected is None:
        return []
    return [map_panels.place_option(inputs.catalog, inputs.selected, inputs.state.lang)]


def search_box(state: ViewState, inputs) -> html.Div:
    return html.Div(className="map-search", style={"flex": "0 1 300px", "minWidth": "220px"}, children=[
        html.Label(text("map.search.label", state.lang), htmlFor=SEARCH,
                   style={"fontSize": "0.85rem", "fontWeight": 600, "display": "block"}),
        dcc.Dropdown(id=SEARCH, options=selected_option(inputs), value=state.place, clearable=True,
                     searchable=True, placeholder=t("map.search.placeholder", state.lang),
                     search_order="original", maxHeight=360, labels=dropdown_labels(state.lang)),
    ])


_search_index_warming = threading.Event()


def warm_search_index() -> None:
    """Load the place-name index in the background on the first page view (it takes seconds)."""
    if not _search_index_warming.is_set():
        _search_index_warming.set()
        threading.Thread(target=load_name_index, args=(settings.database_url(),), daemon=True).start()


def layout(**params) -> html.Div:
    keep_page_on_query_change()  # a new filter or selection: update_map patches the drawn page
    state = state_from_params(params)
    inputs = map_inputs(state)
    if inputs is None:
        return html.Div(className="map-page", children=html.P(t("map.no_store", state.lang),
                                                               style={"padding": "24px"}))
    warm_search_index()
    figure = charts.get("map").figure(charts.Request(inputs.catalog, state), inputs)
    return html.Div(className="map-page", children=[
        html.Div(className="map-toolbar", style=map_panels.TOOLBAR_STYLE, children=[
            html.Div(map_panels.kpi_items(inputs.view.kpis, state.lang), id=KPI_STRIP, className="kpi-strip",
                     style=map_panels.KPI_STRIP_STYLE),
            search_box(state, inputs),
            export_menu("map", state, state.lang, class_name="map-export"),
        ]),
        html.Div(className="map-stage", children=[
            dcc.Graph(id=GRAPH, className="map-graph", figure=figure, config=graph_config(),
                      responsive=True, style={"height": "100%", "width": "100%"}),
            # the side panel docked at the map's right edge: the figure keeps the subject left of it
            html.Div(className="map-side", children=[
                html.Aside(map_panels.place_card(inputs.catalog, inputs.selected, inputs.partners, state.lang,
                                                 state.for_another_page().to_query()),
                           id=PLACE_CARD, className="place-card"),
                # a <details>: the title folds it away (the browser keeps it folded while its contents change)
                html.Details(map_panels.legend(state, inputs.view, state.lang), id=LEGEND, className="map-legend",
                             open=True, style=map_panels.LEGEND_STYLE),
            ]),
            html.Div(map_panels.empty_notice(state, inputs.view, state.lang), id=NOTICE,
                     style=_notice_style(state, inputs)),
        ]),
        dcc.Store(id=DRAWN, data=drawn_record(inputs)),
        dcc.Store(id=HIGHLIGHT_INPUTS, data=highlight_inputs(inputs.view, state)),
        dcc.Store(id=HIGHLIGHTED),
    ])


def drawn_record(inputs) -> dict:
    return {"query": inputs.state.to_query(),
            "revision": viewport_revision(inputs.state, inputs.window)}


def _notice_style(state: ViewState, inputs) -> dict:
    shown = bool(map_panels.empty_notice(state, inputs.view, state.lang))
    return {**map_panels.NOTICE_STYLE, "display": "block" if shown else "none"}


def with_place(search: str | None, place: int | None) -> str:
    return ViewState.from_query(search).replace(place=place).to_query() or "?"


# ---- callbacks: read the URL, call the domain and the figure builders, return --------------------------------

@dash.callback(
    Output(GRAPH, "figure"), Output(KPI_STRIP, "children"), Output(PLACE_CARD, "children"),
    Output(LEGEND, "children"), Output(NOTICE, "children"), Output(NOTICE, "style"),
    Output(SEARCH, "options"), Output(SEARCH, "value"), Output(SEARCH, "placeholder"), Output(DRAWN, "data"),
    Output(HIGHLIGHT_INPUTS, "data"),
    Input(ids.URL, "search"), State(DRAWN, "data"),
    prevent_initial_call=True,
)
def update_map(search, drawn):
    state = state_from_search(search)
    inputs = map_inputs(state)
    if inputs is None or drawn is None or drawn.get("query") == state.to_query():
        return (no_update,) * 11
    drawn_state = ViewState.from_query(drawn["query"])
    updates = map_figures.cached_map_updates(inputs, drawn_state, drawn["revision"])
    links_changed = state.replace(place=None) != drawn_state.replace(place=None)  # not by a selection alone
    return (as_patch(updates), *panel_contents(inputs), drawn_record(inputs),
            highlight_inputs(inputs.view, state) if links_changed else no_update)


@dash.callback(Output(SEARCH, "labels"), Input(ids.UI_LANG, "data"), prevent_initial_call=True)
def translate_search_box(lang):
    """The city search box's own texts ("Search", "No options found") follow the interface language."""
    return dropdown_labels(lang)


def panel_contents(inputs) -> tuple:
    """KPI strip, card, legend, notice (text, style), search box (options, value, placeholder)."""
    state = inputs.state
    return (map_panels.kpi_items(inputs.view.kpis, state.lang),
            map_panels.place_card(inputs.catalog, inputs.selected, inputs.partners, state.lang,
                                  state.for_another_page().to_query()),  # the city's profile: no place=
            map_panels.legend(state, inputs.view, state.lang),
            map_panels.empty_notice(state, inputs.view, state.lang), _notice_style(state, inputs),
            selected_option(inputs), state.place, t("map.search.placeholder", state.lang))


# a click on a city highlights it and its partners in the browser at once (assets/map_highlight.js), while
# choose_clicked_place below asks the server for the card and the figure's own selection
dash.clientside_callback(ClientsideFunction("borderlinks_map", "highlight"), Output(HIGHLIGHTED, "data"),
                         Input(GRAPH, "clickData"), State(HIGHLIGHT_INPUTS, "data"), State(GRAPH, "id"),
                         prevent_initial_call=True)


@dash.callback(Output(GRAPH, "figure", allow_duplicate=True), Input(GRAPH, "relayoutData"),
               State(ids.URL, "search"), prevent_initial_call=True)
def relabel_after_zoom(relayout, search):
    """Labels thinned again for the window the user zoomed or panned to."""
    inputs = map_inputs(state_from_search(search))
    window = zoomed_window(inputs.window, relayout) if inputs is not None else None
    if window is None:
        return no_update
    return as_patch(map_figures.label_updates(inputs, window))


@dash.callback(Output(ids.URL, "search", allow_duplicate=True), Input(GRAPH, "clickData"),
               State(ids.URL, "search"), prevent_initial_call=True)
def choose_clicked_place(click, search):
    """A click on a city selects it; a click on the selected city clears the selection; a click on a flow
    between two countries chooses that pair."""
    point = (click or {}).get("points", [{}])[0]
    place = point.get("customdata")
    pair = pair_of_click(place)
    if pair is not None:
        chosen = ViewState.from_query(search).replace(link_scope="between", pair=pair, place=None)
        return chosen.to_query() or "?"
    if not isinstance(place, (int, float)):
        return no_update
    current = state_from_search(search).place
    return with_place(search, None if current == int(place) else int(place))


@dash.callback(Output(ids.URL, "search", allow_duplicate=True), Input(SEARCH, "value"),
               State(ids.URL, "search"), prevent_initial_call=True)
def choose_searched_place(place, search):
    place = int(place) if isinstance(place, (int, float)) else None
    if place == state_from_search(search).place:
        return no_update
    return with_place(search, place)


@dash.callback(Output(ids.URL, "search", allow_duplicate=True),
               Input({"type": map_panels.PARTNER_BUTTON, "place": ALL}, "n_clicks"),
               Input({"type": map_panels.CLEAR_SELECTION, "place": ALL}, "n_clicks"),
               State(ids.URL, "search"), prevent_initial_call=True)
def choose_from_card(_partner_clicks, _clear_clicks, search):
    """A partner in the card becomes the selection; "Clear" ends it."""
    if not ctx.triggered or not ctx.triggered[0]["value"]:
        return no_update  # buttons just rendered, not clicked
    trigger = ctx.triggered_id
    if trigger["type"] == map_panels.CLEAR_SELECTION:
        return with_place(search, None)
    return with_place(search, int(trigger["place"]))


@dash.callback(Output(SEARCH, "options", allow_duplicate=True), Input(SEARCH, "search_value"),
               State(ids.URL, "search"), prevent_initial_call=True)
def find_places(typed, search):
    """Options matching what is typed, in Latin or Cyrillic (the chosen city stays among them)."""
    state = state_from_search(search)
    catalog = current_catalog()
    if catalog is None or not typed:
        return no_update
    found = search_places(catalog.places, load_name_index(settings.database_url()), typed)
    options = [map_panels.place_option(catalog, row, state.lang, typed) for _, row in found.iterrows()]
    options = map_panels.told_apart(catalog, found, options, state.lang)
    options = map_panels.shown_names_first(options, typed)
    inputs = map_inputs(state)
    kept = [o for o in selected_option(inputs) if o["value"] not in {f["value"] for f in options}]
    return options + kept
