"""The network page at "/network": what the twinning network in the current filter says.

Tabs: the country x country matrix (click a cell: its twinnings listed and drawn), top cities, shares with
land neighbours / within a bloc / beyond it, link lengths and the nearest cross-border twinnings,
communities (Louvain, cached per filter) on a map, and a table of every twinning (AG Grid, infinite row
model: search, sort and filter run on the server; CSV / XLSX of exactly the rows shown).

Every callback reads the filters from the URL (`state_from_search(url.search)`), like the map. Only the
open tab is computed; the open tab is kept in the URL's #fragment (e.g. /network?blocs=SCO#communities).
"""

from __future__ import annotations

import json

import dash
import dash_ag_grid as dag
import numpy as np
import pandas as pd
from dash import ALL, Input, Output, State, clientside_callback, ctx, dcc, html, no_update

from dashboard import charts
from dashboard.components import grid_locale, honest_zero, ids, table_export
from dashboard.components.catalog_source import current_catalog
from dashboard.components.export_menu import export_menu
from dashboard.components.graph import graph_config
from dashboard.components.layer_urls import layer_url_for
from dashboard.components.translated import text
from dashboard.figures import network as figures
from dashboard.i18n import format_number, t, tn
from dashboard.pages import profile_parts as parts
from dashboard.state import ViewState, state_from_params, state_from_search
from dashboard.store import network, queries

dash.register_page(__name__, path="/network", name="Network", title="Borderlinks — network", order=10,
                   nav_key="page.network")

TABS = "network-tabs"
TAB_NAMES = ("matrix", "cities", "blocs", "lengths", "communities", "table")
TOP = "network-top"
SUMMARY = "network-summary"
ZERO = "network-zero"  # what an empty selection means (issue 20's honest zeros)
MATRIX = "network-matrix"
CELL = "network-cell"              # dcc.Store: {"pair": [iso3, iso3]} of the clicked matrix cell
CELL_PANEL = "network-cell-panel"
CELL_MAP = "network-cell-map"
CITIES_TWINNINGS = "network-cities-twinnings"
CITIES_COUNTRIES = "network-cities-countries"
SHARES = "network-shares"
LENGTHS = "network-lengths"
NEAREST = "network-nearest"
COMMUNITIES_MAP = "network-communities-map"
COMMUNITIES_LIST = "network-communities-list"
GRID = "network-grid"
SEARCH = "network-search"
COUNT = "network-count"
CSV_BUTTON = "network-download-csv"
XLSX_BUTTON = "network-download-xlsx"
DOWNLOAD = "network-download"
PURGED = "network-grid-purged"     # dummy outputs of clientside callbacks
HASH = "network-hash"
CELL_CLOSE = "network-cell-close"
CELL_HEAD = "network-cell-head"
CELL_LIST = "network-cell-list"
CELL_ROWS = 200
GRID_BLOCK = 100
SEARCH_COLUMNS = ("name_a", "country_a", "name_b", "country_b", "iso3_a", "iso3_b")
GRID_DEFAULT_SORT = ("country_a", "name_a", "name_b", "twinning_id")


# ---- the grid's rows: one frame per filter and language, display values (what the grid and the files show) --

_grid_frames = network.CatalogCache(64)
_grid_rows = network.CatalogCache(32)
_per_language = network.CatalogCache(8)


def name_ranks(catalog, lang: str) -> tuple[np.ndarray, dict]:
    """How every place name (by position in the network's places) and every country's grid name sort in
    `lang`, computed once per process and language: a filter's table then sorts by name with integers."""
    def compute():
        places = table_export.sort_ranks(pd.Series(network.place_names(catalog, lang)))
        short = {c: figures.short_name(c, n, lang) for c, n in network.country_name_map(catalog, lang).items()}
        ranks = table_export.sort_ranks(pd.Series(list(short.values())))
        return places, dict(zip(short, ranks))
    return _per_language.get(catalog, ("name_ranks", lang), compute)


def grid_frame(catalog, state: ViewState) -> pd.DataFrame:
    """The twinnings in view as the grid shows them: names, countries, km, "neighbours" and sources as text
    (what the grid and the files show); cached per filter and language."""
    def compute() -> pd.DataFrame:
        frame = network.twinnings_in_view(catalog, state)
        yes = t("table.yes", state.lang)
        wikipedia, wikidata = t("source.wikipedia", state.lang), t("source.wikidata", state.lang)
        sources = np.array(["", wikidata, wikipedia, f"{wikipedia}, {wikidata}"], dtype=object)[
            2 * frame["in_wikipedia"].to_numpy(dtype=int) + frame["in_wikidata"].to_numpy(dtype=int)]
        short = {c: figures.short_name(c, n, state.lang)
                 for c, n in network.country_name_map(catalog, state.lang).items()}
        positions = pd.Index(queries.network(catalog).places["place_id"].to_numpy())
        grid = pd.DataFrame({
            "name_a": frame["name_a"], "country_a": frame["iso3_a"].map(short).fillna(frame["country_a"]),
            "name_b": frame["name_b"], "country_b": frame["iso3_b"].map(short).fillna(frame["country_b"]),
            "distance_km": frame["distance_km"].round(0),
            "neighbours": np.where(frame["neighbours"].to_numpy(), yes, ""),
            "sources": sources,
            "twinning_id": frame["twinning_id"],
            # not shown: for links and the search box
            "place_a": frame["place_a"], "place_b": frame["place_b"], "iso3_a": frame["iso3_a"],
            "iso3_b": frame["iso3_b"],
            "pos_a": positions.get_indexer(frame["place_a"].to_numpy()),
            "pos_b": positions.get_indexer(frame["place_b"].to_numpy()),
        })
        return grid
    return _grid_frames.get(catalog, ("grid", queries.filter_key(state), state.lang), compute)


def column_defs(lang: str) -> list[dict]:
    """The grid's columns (headers in `lang`); names and countries render as links (markdown)."""
    number = {"function": "params.value == null ? '' : Math.round(params.value).toLocaleString("
                          + {"ru": "'ru-RU'", "zh": "'zh-CN'"}.get(lang, "'en-GB'") + ")"}
    text_filter = {"filter": "agTextColumnFilter", "filterParams": {"buttons": ["reset"], "maxNumConditions": 1}}
    number_filter = {"filter": "agNumberColumnFilter", "filterParams": {"buttons": ["reset"], "maxNumConditions": 1}}
    return [
        {"field": "name_a", "headerName": t("network.table.city", lang), "cellRenderer": "markdown",
         "minWidth": 130, "flex": 3, "tooltipField": "name_a_text", **text_filter},
        {"field": "country_a", "headerName": t("network.table.country", lang), "cellRenderer": "markdown",
         "minWidth": 110, "flex": 2, **text_filter},
        {"field": "name_b", "headerName": t("network.table.twin", lang), "cellRenderer": "markdown",
         "minWidth": 130, "flex": 3, "tooltipField": "name_b_text", **text_filter},
        {"field": "country_b", "headerName": t("network.table.twin_country", lang), "cellRenderer": "markdown",
         "minWidth": 120, "flex": 2, **text_filter},
        {"field": "distance_km", "headerName": t("network.table.distance", lang), "type": "rightAligned",
         "valueFormatter": number, "minWidth": 140, "flex": 1, **number_filter},
        {"field": "neighbours", "headerName": t("network.table.neighbours", lang), "minWidth": 130, "flex": 1,
         **text_filter},
        {"field": "sources", "headerName": t("network.table.sources", lang), "minWidth": 150, "flex": 2,
         **text_filter},
        {"field": "twinning_id", "headerName": "ID", "hide": True, "type": "rightAligned", **number_filter},
    ]


def grid_options(lang: str) -> dict:
    options = {"rowBuffer": 0, "cacheBlockSize": GRID_BLOCK, "maxBlocksInCache": 20,
               "infiniteInitialRowCount": 1, "maxConcurrentDatasourceRequests": 1,
               "suppressCellFocus": True, "enableCellTextSelection": True, "tooltipShowDelay": 300}
    return grid_locale.grid_options(lang, options)


def _md(text: str) -> str:
    """Markdown-escaped text (city names may hold brackets, asterisks, underscores)."""
    out = []
    for ch in str(text):
        out.append("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~" else ch)
    return "".join(out)


def display_rows(block: pd.DataFrame, state: ViewState) -> list[dict]:
    """Grid rows: names and countries as markdown links to their profiles."""
    query = parts.query_of(state)
    city = dash.get_relative_path("/city/")
    country = dash.get_relative_path("/country/")
    rows = []
    for r in block.itertuples(index=False):
        rows.append({
            "name_a": f"[{_md(r.name_a)}]({city}{int(r.place_a)}{query})",
            "country_a": f"[{_md(r.country_a)}]({country}{r.iso3_a}{query})" if r.iso3_a else r.country_a,
            "name_b": f"[{_md(r.name_b)}]({city}{int(r.place_b)}{query})",
            "country_b": f"[{_md(r.country_b)}]({country}{r.iso3_b}{query})" if r.iso3_b else r.country_b,
            "distance_km": None if pd.isna(r.distance_km) else float(r.distance_km),
            "neighbours": r.neighbours, "sources": r.sources, "twinning_id": int(r.twinning_id),
            "name_a_text": r.name_a, "name_b_text": r.name_b,
        })
    return rows


def _grid_extra(catalog, state: ViewState, name: str, compute):
    """Something derived from the grid's table, computed on first need and kept with it."""
    return _grid_frames.get(catalog, (name, queries.filter_key(state), state.lang), compute)


def shown_rows(catalog, state: ViewState, request: dict | None, search: str | None) -> pd.DataFrame:
    """The rows the grid shows for its request and the search box (what a download holds); the last ones are
    cached, so scrolling through a sorted table cuts blocks from one result."""
    request = request or {}
    models = json.dumps([request.get("filterModel") or {}, request.get("sortModel") or []], sort_keys=True)
    key = ("rows", queries.filter_key(state), state.lang, models, (search or "").strip().casefold())

    def compute() -> pd.DataFrame:
        frame = grid_frame(catalog, state)

        def rank_of(column: str):
            if column in ("name_a", "name_b"):  # from the per-language ranks of every place
                return name_ranks(catalog, state.lang)[0][frame["pos_" + column[-1]].to_numpy()]
            if column in ("country_a", "country_b"):
                by_country = name_ranks(catalog, state.lang)[1]
                return frame["iso3_" + column[-1]].map(by_country).to_numpy(dtype="float64")
            return _grid_extra(catalog, state, f"rank:{column}", lambda: table_export.sort_ranks(frame[column]))

        haystack = (_grid_extra(catalog, state, "haystack",
                                lambda: table_export.search_haystack(frame, SEARCH_COLUMNS))
                    if (search or "").strip() else None)
        return table_export.grid_rows(frame, request, search, SEARCH_COLUMNS, GRID_DEFAULT_SORT, rank_of, haystack)
    return _grid_rows.get(catalog, key, compute)


# ---- layout ------------------------------------------------------------------------------------------------------

def _graph(graph_id: str, height: str | None = None, style: dict | None = None, config: dict | None = None,
           **props) -> dcc.Graph:
    style = {"width": "100%", **({"height": height} if height else {}), **(style or {})}
    return dcc.Graph(id=graph_id, config=config or graph_config(), style=style, **props)


def _chart(graph_id: str) -> dcc.Graph:
    """A chart without plotly's toolbar (nothing to zoom; the toolbar would hide bar labels)."""
    return _graph(graph_id, config=graph_config(displayModeBar=False))


def sized(figure: dict) -> dict:
    """The style of a graph that takes its figure's own height (charts grow with their rows)."""
    height = figure.get("layout", {}).get("height")
    return {"width": "100%", "height": f"{int(height)}px"} if height else {"width": "100%"}


#: the exported figures that depend on the "countries shown" control (TOP) as well as the URL
FOLLOWS_TOP = ("network-matrix", "network-shares")


def _export(figure: str, state: ViewState) -> html.Div:
    """The PNG / SVG download of a chart (the matrix and shares also follow TOP: see the clientside callback at the end)."""
    if figure in FOLLOWS_TOP:
        return html.Div(export_menu(figure, state, state.lang, params=f"top={network.DEFAULT_TOP_COUNTRIES}",
                                    follows=TOP), className="export-row")
    return html.Div(export_menu(figure, state, state.lang), className="export-row")


def _tab(value: str, lang: str, children) -> dcc.Tab:
    return dcc.Tab(label=text(f"network.tab.{value}", lang), value=value, children=children,
                   className="network-tab", selected_className="network-tab--selected")


def layout(**params) -> html.Div:
    state = state_from_params(params)
    lang = state.lang
    catalog = current_catalog()
    if catalog is None:
        return parts.no_store(state)
    return html.Div(className="network-page", children=[
        html.Div(className="network-head", children=[
            html.Div([html.H1(text("network.heading", lang)),
                      html.P(summary_text(catalog, state), id=SUMMARY, className="network-summary"),
                      html.Div(zero_text(catalog, state), id=ZERO, className="page-message", role="status")]),
            html.Div(className="network-top-control", children=[
                html.Label(text("network.top", lang), htmlFor=TOP, className="field-label"),
                dcc.RadioItems(id=TOP, options=[{"label": str(n), "value": n} for n in network.TOP_COUNTRY_CHOICES],
                               value=network.DEFAULT_TOP_COUNTRIES, inline=True, className="segmented"),
            ]),
        ]),
        dcc.Tabs(id=TABS, value="matrix", className="network-tabs", content_className="network-tab-content",
                 children=[
            _tab("matrix", lang, html.Div(className="matrix-layout", children=[
                html.P(text("network.matrix.help", lang), className="hint"),
                _export("network-matrix", state),
                _chart(MATRIX),
                html.Aside(id=CELL_PANEL, className="cell-panel", role="dialog",
                           **{"aria-labelledby": "network-cell-title"}, children=[
                    html.Div(id=CELL_HEAD),
                    _graph(CELL_MAP, style=figures.MAP_STYLE, className="cell-map",
                           figure=figures.empty_figure("", 240)),
                    html.Div(id=CELL_LIST, className="cell-list"),
                ]),
            ])),
            _tab("cities", lang, html.Div(className="two-columns", children=[
                html.Div([html.H2(text("network.cities.by_twinnings", lang)),
                          _export("network-cities-twinnings", state), _chart(CITIES_TWINNINGS)]),
                html.Div([html.H2(text("network.cities.by_countries", lang)),
                          _export("network-cities-countries", state), _chart(CITIES_COUNTRIES)]),
                html.P(text("network.cities.help", lang), className="hint wide"),
            ])),
            _tab("blocs", lang, html.Div(children=[
                html.P(text("network.shares.help", lang), className="hint"),
                _export("network-shares", state),
                _chart(SHARES),
            ])),
            _tab("lengths", lang, html.Div(className="lengths", children=[
                html.Div([html.H2(text("network.lengths.heading", lang)), _export("network-lengths", state),
                          _chart(LENGTHS)]),
                html.Div([html.H2(text("network.nearest.heading", lang)), html.Div(id=NEAREST)]),
            ])),
            _tab("communities", lang, html.Div(className="communities-layout", children=[
                html.Div([_export("network-communities", state),
                          dcc.Loading(_graph(COMMUNITIES_MAP, style=figures.MAP_STYLE), type="circle",
                                      delay_show=300)]),
                html.Div(id=COMMUNITIES_LIST, className="communities-list"),
            ])),
            _tab("table", lang, html.Div(className="table-tab", children=[
                html.Div(className="table-toolbar", children=[
                    html.Label(text("network.table.search", lang, slot="label"), htmlFor=SEARCH,
                               className="visually-hidden"),
                    dcc.Input(id=SEARCH, type="search", debounce=0.4, placeholder=t("network.table.search", lang),
                              className="table-search"),
                    html.Span(id=COUNT, className="table-count"),
                    html.Button(text("network.table.csv", lang), id=CSV_BUTTON, n_clicks=0, className="button"),
                    html.Button(text("network.table.xlsx", lang), id=XLSX_BUTTON, n_clicks=0, className="button"),
                    dcc.Download(id=DOWNLOAD),
                ]),
                dag.AgGrid(id=GRID, rowModelType="infinite", columnDefs=column_defs(lang),
                           defaultColDef={"sortable": True, "resizable": True, "wrapHeaderText": True,
                                          "autoHeaderHeight": True, "suppressHeaderMenuButton": False},
                           dashGridOptions=grid_options(lang), className="ag-theme-quartz network-grid",
                           style={"height": "560px", "width": "100%"}),
            ])),
        ]),
        dcc.Store(id=CELL, data=None),
        dcc.Store(id=PURGED), dcc.Store(id=HASH),
    ])


def summary_text(catalog, state: ViewState) -> str:
    view = queries.filtered_view(catalog, state)
    k = view.kpis
    lang = state.lang
    return t("network.summary", lang, twinnings=tn("network.summary.twinnings", k["twinnings"], lang),
             places=tn("network.summary.places", k["places"], lang),
             countries=tn("network.summary.countries", k["countries"], lang))


# ---- callbacks --------------------------------------------------------------------------------------------------

def triggered_ids() -> set:
    """The ids of the inputs that fired this callback (none when called outside Dash, as benchmarks do)."""
    try:
        return set(ctx.triggered_prop_ids.values())
    except dash.exceptions.MissingCallbackContextException:
        return set()


def _inputs(search):
    catalog = current_catalog()
    return catalog, state_from_search(search)


def zero_text(catalog, state: ViewState) -> list:
    """Under a zero: what it means, what the record holds beyond the filters and how far it was checked."""
    if queries.filtered_view(catalog, state).kpis["twinnings"]:
        return []
    return honest_zero.ties_zero(catalog, state, honest_zero.lists_by_country(catalog))


@dash.callback(Output(SUMMARY, "children"), Output(ZERO, "children"), Input(ids.URL, "search"),
               prevent_initial_call=True)
def update_summary(search):
    catalog, state = _inputs(search)
    return (no_update, no_update) if catalog is None else (summary_text(catalog, state), zero_text(catalog, state))


def _request(catalog, state: ViewState, **args) -> charts.Request:
    """What the page asks its charts for: the view state, the page's own controls, countries by URL."""
    return charts.Request(catalog, state, args, layer_url_for(catalog))


@dash.callback(Output(MATRIX, "figure"), Output(MATRIX, "style"), Input(ids.URL, "search"), Input(TOP, "value"),
               Input(CELL, "data"), Input(TABS, "value"), State(MATRIX, "clickData"))
def update_matrix(search, top, cell, tab, clicked):
    """The matrix; a click on a cell (or closing its drawer) only moves the outline of a matrix already drawn.

    "Drawn" is known by the matrix's own clickData: only a drawn matrix can have been clicked. (The cell's
    dcc.Store re-announces its data when the page is mounted again after client-side navigation, so the
    first call on a fresh page can be triggered by the cell alone: it must draw, not patch a figure the
    fresh graph does not have — "Cannot patch undefined".)
    """
    if tab != "matrix":
        return no_update, no_update
    catalog, state = _inputs(search)
    if catalog is None:
        return no_update, no_update
    pair = tuple(cell["pair"]) if cell and cell.get("pair") else None
    presenter = charts.get("network-matrix")
    request = _request(catalog, state, top=top or network.DEFAULT_TOP_COUNTRIES, cell=pair)
    data = presenter.data(request)
    if triggered_ids() == {CELL} and clicked:  # drawn and clicked already: only the outline moves
        patch = dash.Patch()
        patch["layout"]["shapes"] = figures.cell_outlines(data.matrix.iso3, pair)
        return patch, no_update
    figure = presenter.figure(request, data)
    return figure, sized(figure)


@dash.callback(Output(CELL, "data"), Input(MATRIX, "clickData"), prevent_initial_call=True)
def choose_cell(click):
    point = (click or {}).get("points", [{}])[0]
    custom = point.get("customdata")
    if not isinstance(custom, str) or "|" not in custom:
        return no_update
    first, second = custom.split("|", 1)
    return {"pair": [first, second]}


def cell_panel(catalog, state: ViewState, pair: tuple[str, str], frame: pd.DataFrame) -> list:
    lang = state.lang
    names = network.country_name_map(catalog, lang)
    first, second = pair
    domestic = first == second
    title = (t("network.cell.domestic", lang, country=names.get(first, first)) if domestic else
             f"{names.get(first, first)} — {names.get(second, second)}")
    on_map = (parts.map_href(state, countries=(first,), link_scope="within", blocs=(), pair=(), place=None,
                             viewport="fit") if domestic else
              parts.map_href(state, link_scope="between", pair=(first, second), place=None, viewport="fit"))
    return [
        html.Div(className="cell-head", children=[
            html.H2(title, id="network-cell-title"),
            html.Button("×", id=CELL_CLOSE, n_clicks=0, className="cell-close", title=t("network.cell.close", lang),
                        **{"aria-label": t("network.cell.close", lang)}),
        ]),
        html.P([tn("network.cell.count", len(frame), lang), " · ",
                dcc.Link(t("network.cell.on_map", lang), href=on_map, id="network-cell-on-map",
                         className="entity-link"), " · ",
                parts.country_link(first, t("network.cell.profile", lang, country=names.get(first, first)), state),
                *([] if domestic else [" · ", parts.country_link(
                    second, t("network.cell.profile", lang, country=names.get(second, second)), state)])],
               className="cell-meta"),
    ]


def cell_list(frame: pd.DataFrame, state: ViewState) -> list:
    lang = state.lang
    rows = [[parts.city_link(r.place_a, r.name_a, state), parts.city_link(r.place_b, r.name_b, state),
             parts.km(r.distance_km, lang)] for r in frame.head(CELL_ROWS).itertuples()]
    out = [parts.table([t("network.table.city", lang), t("network.table.twin", lang),
                        t("network.table.distance", lang)], rows, numeric={2}, id="network-cell-table")]
    if len(frame) > CELL_ROWS:
        out.append(html.P(tn("network.cell.more", len(frame), lang, shown=parts.count(CELL_ROWS, lang)), className="hint"))
    return out


@dash.callback(Output(CELL_HEAD, "children"), Output(CELL_MAP, "figure"), Output(CELL_LIST, "children"),
               Output(CELL_PANEL, "className"), Input(CELL, "data"), Input(ids.URL, "search"),
               prevent_initial_call=True)
def update_cell(cell, search):
    """The clicked cell's twinnings in the drawer: title and links, a map of them, the list."""
    catalog, state = _inputs(search)
    if catalog is None:
        return (no_update,) * 4
    if not cell or not cell.get("pair"):
        return [], no_update, [], "cell-panel"
    pair = tuple(cell["pair"])
    presenter = charts.get("network-cell-map")
    request = _request(catalog, state, cell=pair)
    data = presenter.data(request)
    head = cell_panel(catalog, state, pair, data.twinnings)
    if data.twinnings.empty:
        return ([*head[:1], html.P(t("network.cell.none", state.lang), className="hint")],
                presenter.figure(request, data), [], "cell-panel open")
    return head, presenter.figure(request, data), cell_list(data.twinnings, state), "cell-panel open"


@dash.callback(Output(CELL, "data", allow_duplicate=True), Input(CELL_CLOSE, "n_clicks"), prevent_initial_call=True)
def close_cell(clicks):
    return None if clicks else no_update


@dash.callback(Output(CITIES_TWINNINGS, "figure"), Output(CITIES_TWINNINGS, "style"),
               Output(CITIES_COUNTRIES, "figure"), Output(CITIES_COUNTRIES, "style"),
               Input(ids.URL, "search"), Input(TABS, "value"))
def update_cities(search, tab):
    if tab != "cities":
        return (no_update,) * 4
    catalog, state = _inputs(search)
    if catalog is None:
        return (no_update,) * 4
    by_twinnings = charts.get("network-cities-twinnings").figure(_request(catalog, state))
    by_countries = charts.get("network-cities-countries").figure(_request(catalog, state))
    return by_twinnings, sized(by_twinnings), by_countries, sized(by_countries)


@dash.callback(Output(ids.URL, "pathname", allow_duplicate=True),
               Input(CITIES_TWINNINGS, "clickData"), Input(CITIES_COUNTRIES, "clickData"),
               prevent_initial_call=True)
def open_city(click_twinnings, click_countries):
    """A click on a city's bar opens its profile (the view state in the URL's query stays)."""
    click = click_twinnings if ctx.triggered_id == CITIES_TWINNINGS else click_countries
    place = (click or {}).get("points", [{}])[0].get("customdata")
    if not isinstance(place, (int, float)):
        return no_update
    return dash.get_relative_path(parts.CITY_PATH.format(place_id=int(place)))


@dash.callback(Output(SHARES, "figure"), Output(SHARES, "style"), Input(ids.URL, "search"), Input(TOP, "value"),
               Input(TABS, "value"))
def update_shares(search, top, tab):
    if tab != "blocs":
        return no_update, no_update
    catalog, state = _inputs(search)
    if catalog is None:
        return no_update, no_update
    figure = charts.get("network-shares").figure(_request(catalog, state, top=top or network.DEFAULT_TOP_COUNTRIES))
    return figure, sized(figure)


def _city_and_country(place_id, name, iso3, country, state: ViewState) -> html.Span:
    return html.Span([parts.city_link(place_id, name, state), html.Span(" · ", className="muted"),
                      parts.country_link(iso3, figures.short_name(iso3, country, state.lang), state,
                                         style={"color": "var(--bl-ink-muted)"})])


def nearest_table(frame: pd.DataFrame, state: ViewState) -> html.Table:
    lang = state.lang
    rows = [[_city_and_country(r.place_a, r.name_a, r.iso3_a, r.country_a, state),
             _city_and_country(r.place_b, r.name_b, r.iso3_b, r.country_b, state),
             parts.km(r.distance_km, lang)] for r in frame.itertuples()]
    return parts.table([t("network.table.city", lang), t("network.table.twin", lang),
                        t("network.table.distance", lang)], rows, numeric={2}, id="network-nearest-table")


@dash.callback(Output(LENGTHS, "figure"), Output(LENGTHS, "style"), Output(NEAREST, "children"),
               Input(ids.URL, "search"), Input(TABS, "value"))
def update_lengths(search, tab):
    if tab != "lengths":
        return no_update, no_update, no_update
    catalog, state = _inputs(search)
    if catalog is None:
        return no_update, no_update, no_update
    figure = charts.get("network-lengths").figure(_request(catalog, state))
    nearest = charts.get("network-nearest").data(_request(catalog, state))
    if nearest.empty:
        return figure, sized(figure), html.P(t("network.empty", state.lang), className="hint")
    return figure, sized(figure), nearest_table(nearest, state)


def communities_list(catalog, summary: pd.DataFrame, found: network.Communities, state: ViewState) -> list:
    lang = state.lang
    names = network.country_name_map(catalog, lang)
    items = []
    for row in summary.itertuples():
        colour = figures.COMMUNITY_COLOURS[row.community] if row.community < len(figures.COMMUNITY_COLOURS) \
            else figures.OTHER_COMMUNITIES
        hubs = []
        for k, (place_id, name) in enumerate(row.hubs):
            hubs += ([", "] if k else []) + [parts.city_link(place_id, name, state)]
        items.append(html.Li(className="community", children=[
            html.Span(className="swatch", style={"background": colour}),
            html.Div([
                html.Strong(tn("network.communities.name", row.cities, lang, number=row.community + 1)),
                html.Div(t("network.communities.countries", lang, countries=", ".join(
                    f"{figures.short_name(c, names.get(c, c), lang)} ({parts.count(n, lang)})"
                    for c, n in row.country_counts)), className="muted"),
                html.Div([t("network.communities.hubs", lang), " ", *hubs], className="muted"),
            ]),
        ]))
    return [
        html.P(tn("network.communities.help", len(found.sizes), lang,
                  modularity=format_number(found.modularity, lang, decimals=2)),
               className="hint"),
        html.Ol(items, className="community-list"),
    ]


@dash.callback(Output(COMMUNITIES_MAP, "figure"), Output(COMMUNITIES_LIST, "children"),
               Input(ids.URL, "search"), Input(TABS, "value"))
def update_communities(search, tab):
    if tab != "communities":
        return no_update, no_update
    catalog, state = _inputs(search)
    if catalog is None:
        return no_update, no_update
    presenter = charts.get("network-communities")
    request = _request(catalog, state)
    data = presenter.data(request)
    figure = presenter.figure(request, data)
    if data.found is None:  # nothing in view
        return figure, []
    summary = network.community_summary(catalog, data.links, data.found, state.lang)
    return figure, communities_list(catalog, summary, data.found, state)


@dash.callback(Output(GRID, "getRowsResponse"), Output(COUNT, "children"),
               Input(GRID, "getRowsRequest"), State(ids.URL, "search"), State(SEARCH, "value"),
               prevent_initial_call=True)
def serve_rows(request, search, typed):
    """One block of the grid's rows: the URL's filter, the search box, the grid's filter and sort models."""
    catalog, state = _inputs(search)
    if catalog is None or not request:
        return no_update, no_update
    rows = shown_rows(catalog, state, request, typed)
    block, _, total = table_export.block_of(rows, request)
    everything = len(network.twinnings_in_view(catalog, state))
    label = (tn("network.table.count", total, state.lang) if total == everything else
             tn("network.table.count_of", everything, state.lang, shown=parts.count(total, state.lang)))
    return {"rowData": display_rows(block, state), "rowCount": total}, label


# a new filter or search: the grid drops its cached blocks and asks again
clientside_callback(
    """
    function (typed, search) {
        if (window.dash_ag_grid && window.dash_ag_grid.getApiAsync) {
            window.dash_ag_grid.getApiAsync('%s').then(function (api) {
                if (api && !api.isDestroyed()) { api.purgeInfiniteCache(); }
            }).catch(function () {});
        }
        return window.dash_clientside.no_update;
    }
    """ % GRID,
    Output(PURGED, "data"), Input(SEARCH, "value"), Input(ids.URL, "search"), prevent_initial_call=True,
)


@dash.callback(Output(GRID, "columnDefs"), Output(GRID, "dashGridOptions"), Output(SEARCH, "placeholder"),
               Input(ids.UI_LANG, "data"), prevent_initial_call=True)
def translate_grid(lang):
    return column_defs(lang), grid_options(lang), t("network.table.search", lang)


@dash.callback(Output(DOWNLOAD, "data"), Input(CSV_BUTTON, "n_clicks"), Input(XLSX_BUTTON, "n_clicks"),
               State(GRID, "getRowsRequest"), State(GRID, "columnState"), State(ids.URL, "search"),
               State(SEARCH, "value"), prevent_initial_call=True)
def download(_csv, _xlsx, request, column_state, search, typed):
    """The rows the grid shows (same filter, search, grid filters and order) as CSV or XLSX."""
    catalog, state = _inputs(search)
    if catalog is None or not ctx.triggered_id:
        return no_update
    rows = shown_rows(catalog, state, request, typed)
    frame = table_export.export_frame(rows, table_export.shown_columns(column_defs(state.lang), column_state))
    stem = "borderlinks-twinnings"
    if ctx.triggered_id == XLSX_BUTTON:
        return dcc.send_bytes(table_export.xlsx_bytes(frame, t("network.table.sheet", state.lang)), f"{stem}.xlsx",
                              type=table_export.XLSX_MIME)
    return dcc.send_bytes(table_export.csv_bytes(frame), f"{stem}.csv", type="text/csv")


# the open tab lives in the URL's #fragment: read it on load, write it on change (no history entry)
clientside_callback(
    """
    function (id) {
        var wanted = (window.location.hash || '').replace('#', '');
        var known = %s;
        return known.indexOf(wanted) >= 0 ? wanted : window.dash_clientside.no_update;
    }
    """ % list(TAB_NAMES),
    Output(TABS, "value"), Input(TABS, "id"),
)
clientside_callback(
    """
    function (tab) {
        if (tab) {
            var url = window.location.pathname + window.location.search + '#' + tab;
            window.history.replaceState(window.history.state, '', url);
        }
        return window.dash_clientside.no_update;
    }
    """,
    Output(HASH, "data"), Input(TABS, "value"), prevent_initial_call=True,
)


# the matrix and shares downloads follow the URL and the "countries shown" control
clientside_callback(
    """
    function (search, top, linkIds, hrefs) {
        var query = (search || '').replace(/^\\?/, '');
        return hrefs.map(function (old) {
            var base = (old || '').split('?')[0];
            return base + '?' + [query, 'top=' + top].filter(function (p) { return p; }).join('&');
        });
    }
    """,
    Output({"type": ids.EXPORT_LINK, "figure": ALL, "format": ALL, "params": ALL, "follows": TOP}, "href"),
    Input(ids.URL, "search"), Input(TOP, "value"),
    State({"type": ids.EXPORT_LINK, "figure": ALL, "format": ALL, "params": ALL, "follows": TOP}, "id"),
    State({"type": ids.EXPORT_LINK, "figure": ALL, "format": ALL, "params": ALL, "follows": TOP}, "href"),
)
