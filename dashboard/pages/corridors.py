"""The corridors page at "/corridors": known corridors, cross-border regions and proposed corridors.

The parameters (maximum distance, population of each city, weight of existing ties, how many corridors)
and the border strip layer (on/off, 25/50/100 km) are controls in the page's toolbar and live in the URL
(ViewState corridor_* and strip* fields), like the shell's filters, which apply here too (a country
filter keeps the corridors touching those countries). Every callback reads the state from `url.search`;
those that change it write the URL. The map is patched (dash.Patch): the countries and the border strip
are loaded by URL from /api/v1/layers/ (the strips are computed once per process, warmed in the
background on the first view). The table is a dash-ag-grid, with the registry's activities of each
corridor (sample ones only with the sample switch, then marked); the table (CSV, Excel) and the geometry
(GeoJSON) download through dcc.Download, and the same data is at /api/v1/corridors.
"""

from __future__ import annotations

import json
import logging

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import charts, settings
from dashboard.charts.corridors import CORRIDORS_MAP, CORRIDORS_TABLE, table_records
from dashboard.components import grid_locale, honest_zero, ids, table_export
from dashboard.components.catalog_source import current_catalog
from dashboard.components.export_menu import export_menu
from dashboard.components.graph import as_patch, graph_config
from dashboard.components.layer_urls import layer_url_for
from dashboard.components.translated import text
from dashboard.figures import corridors as corridor_figures
from dashboard.figures import theme
from dashboard.figures.crossborder_status import status_line
from dashboard.figures.map_style import format_count
from dashboard.i18n import format_number, format_population, t, tn
from dashboard.registry.service import live_frames_or_none
from dashboard.state import (
    CORRIDOR_KM_RANGE,
    CORRIDOR_MIN_POPULATIONS,
    CORRIDOR_TIES_WEIGHTS,
    CORRIDOR_TOPS,
    STRIP_WIDTHS,
    ViewState,
    state_from_params,
    state_from_search,
)
from dashboard.store import queries
from dashboard.store.corridor_views import item_details
from dashboard.store.layers import warm_border_strips

log = logging.getLogger(__name__)

dash.register_page(__name__, path="/corridors", name="Corridors", title="Borderlinks", order=10,
                   nav_key="page.corridors")

GRAPH = "corridors-graph"
GRID = "corridors-grid"
CARD = "corridors-card"
LEGEND = "corridors-legend"
KPIS = "corridors-kpis"
KM = "corridors-km"
MIN_POPULATION = "corridors-min-population"
TIES = "corridors-ties"
TOP = "corridors-top"
STRIP = "corridors-strip"  # the border strip's switch (a one-box checklist)
STRIP_KM = "corridors-strip-km"
STRIP_VALUE = "strip"
DOWNLOAD = "corridors-download"
EXPORT_CSV = "corridors-export-csv"
EXPORT_XLSX = "corridors-export-xlsx"
EXPORT_GEOJSON = "corridors-export-geojson"
DRAWN = "corridors-drawn"  # dcc.Store: what the figure and the table show
ITEM_BUTTON = "corridors-item"  # pattern-matching id type of the card's links to items
CLEAR_BUTTON = "corridors-clear"
PARAM_FIELDS = ("corridor_km", "corridor_min_population", "corridor_ties", "corridor_top", "strip", "strip_km")
PARAM_CONTROLS = (KM, MIN_POPULATION, TIES, TOP, STRIP, STRIP_KM)


# ---- inputs ------------------------------------------------------------------------------------------------

def page_inputs(state: ViewState) -> corridor_figures.CorridorMapInputs | None:
    """The corridors charts' data for `state` (countries and border strips by URL), or None when the store
    (with its corridor tables) is missing."""
    catalog = current_catalog()
    if catalog is None:
        return None
    try:
        return CORRIDORS_MAP.data(charts.Request(catalog, state, layer_url=layer_url_for(catalog)))
    except charts.ChartUnavailable:
        return None


def _request(inputs) -> charts.Request:
    return charts.Request(inputs.catalog, inputs.state, layer_url=layer_url_for(inputs.catalog))


def grid_rows(inputs) -> list[dict]:
    """The grid's rows: the "corridors-table" chart's table."""
    table, _ = CORRIDORS_TABLE.rows(_request(inputs), inputs.view)
    return table_records(table, inputs.state.lang)


def drawn_record(inputs) -> dict:
    return {"query": inputs.state.to_query(),
            "revision": corridor_figures.viewport_revision(inputs.state, inputs.window),
            "countries": list(inputs.view.countries),
            # None when the strips could not be loaded: the next update tries again
            "strip": corridor_figures.strip_key(inputs.state) if inputs.strips or not inputs.state.strip else None}


def with_item(search: str | None, item: str | None) -> str:
    return ViewState.from_query(search).replace(corridor=item).to_query() or "?"


# ---- pieces ------------------------------------------------------------------------------------------------

def toolbar(state: ViewState, inputs) -> html.Div:
    lang = state.lang
    low, high = CORRIDOR_KM_RANGE
    return html.Div(className="corridors-toolbar", children=[
        html.Div(className="corridors-param corridors-param-km", children=[
            html.Label(text("corridors.params.max_km", lang), htmlFor=KM, className="field-label"),
            dcc.Slider(id=KM, min=low, max=high, step=5, value=state.corridor_km, updatemode="mouseup",
                       marks={v: str(v) for v in (10, 50, 100, 150, 200)}, allow_direct_input=True),
        ]),
        html.Div(className="corridors-param", children=[
            html.Label(text("corridors.params.min_population", lang), htmlFor=MIN_POPULATION,
                       className="field-label"),
            dcc.Dropdown(id=MIN_POPULATION, clearable=False, searchable=False,
                         options=population_options(lang), value=state.corridor_min_population),
        ]),
        html.Div(className="corridors-param", children=[
            html.Label(text("corridors.params.ties", lang), className="field-label"),
            dcc.RadioItems(id=TIES, inline=True, className="segmented", options=ties_options(lang),
                           value=state.corridor_ties),
        ]),
        html.Div(className="corridors-param corridors-param-top", children=[
            html.Label(text("corridors.params.top", lang), htmlFor=TOP, className="field-label"),
            dcc.Dropdown(id=TOP, clearable=False, searchable=False, value=state.corridor_top,
                         options=[{"label": str(v), "value": v} for v in CORRIDOR_TOPS]),
        ]),
        html.Div(className="corridors-param corridors-param-strip", role="group", children=[
            html.Label(text("corridors.params.strip", lang), className="field-label"),
            html.Div(className="strip-controls", children=[
                dcc.Checklist(id=STRIP, className="switch", options=strip_options(lang),
                              value=strip_control_value(state.strip)),
                dcc.RadioItems(id=STRIP_KM, inline=True, className="segmented", options=strip_width_options(),
                               value=state.strip_km),
            ]),
        ]),
        html.Div(kpi_items(inputs.view, lang), id=KPIS, className="corridors-kpis"),
        export_menu("corridors-map", state, lang),
    ])


def strip_options(lang: str) -> list[dict]:
    """The switch, its words for screen readers only (the field's label says what it shows)."""
    return [{"label": html.Span(t("corridors.params.strip.show", lang), className="visually-hidden"),
             "value": STRIP_VALUE}]


def strip_width_options() -> list[dict]:
    return [{"label": str(v), "value": v} for v in STRIP_WIDTHS]


def strip_control_value(shown: bool) -> list[str]:
    return [STRIP_VALUE] if shown else []


def population_options(lang: str) -> list[dict]:
    return [{"label": format_count(v, lang), "value": v} for v in CORRIDOR_MIN_POPULATIONS]


def ties_options(lang: str) -> list[dict]:
    return [{"label": t(f"corridors.params.ties.{v}", lang), "value": v} for v in CORRIDOR_TIES_WEIGHTS]


def kpi_items(view, lang: str) -> list:
    drawn_regions = int((view.crossborder["verification"] != "unverified").sum())
    figures = [("corridors", len(view.proposal.corridors)), ("pairs", view.proposal.matching),
               ("known", len(view.known)), ("regions", drawn_regions)]
    return [html.Div(className="kpi", id=f"corridors-kpi-{key}",
                     title=t("corridors.kpi.pairs.help", lang) if key == "pairs" else None, children=[
        html.Div(format_count(value, lang), className="kpi-value"),
        html.Div(t(f"corridors.kpi.{key}", lang), className="kpi-label"),
    ]) for key, value in figures]


_SWATCH = {"display": "inline-block", "flex": "0 0 26px", "height": "14px", "boxSizing": "border-box"}


def _legend_item(swatch: dict | html.Span, label: str, **props) -> html.Div:
    mark = swatch if isinstance(swatch, html.Span) else html.Span(style={**_SWATCH, **swatch})
    return html.Div(className="legend-item", children=[mark, html.Span(label)], **props)


def legend(state: ViewState) -> list:
    """The legend, in a <details> the user can fold away (the border strip's entry while it is shown)."""
    lang = state.lang
    items = legend_items(lang)
    if state.strip:
        items.append(_legend_item({"background": corridor_figures.STRIP_FILL,
                                   "border": f"1px solid {corridor_figures.STRIP_LINE}"},
                                  t("corridors.legend.strip", lang, km=state.strip_km), id="corridors-legend-strip"))
    return [html.Details(open=True, children=[html.Summary(t("corridors.legend.title", lang)), *items])]


def legend_items(lang: str) -> list:
    dashed = {"height": "6px", "background": f"repeating-linear-gradient(90deg, {theme.ROLE['note']} 0 6px, "
                                             f"{theme.INK} 6px 9px)", "border": f"1px solid {theme.INK}"}
    return [
        _legend_item({"height": "0", "borderTop": f"3.5px solid {corridor_figures.KNOWN_COLOUR}"},
                     t("corridors.legend.known", lang)),
        _legend_item(html.Span("◆", style={**_SWATCH, "color": corridor_figures.KNOWN_COLOUR, "height": "auto",
                                           "textAlign": "center", "fontSize": "15px", "lineHeight": "1"}),
                     t("corridors.legend.zone", lang)),
        _legend_item(dashed, t("corridors.legend.proposed", lang)),
        _legend_item(html.Span(style={**_SWATCH, "flex": "0 0 12px", "width": "12px", "height": "12px",
                                      "margin": "0 7px", "borderRadius": "50%", "background": theme.PAGE,
                                      "border": f"1.5px solid {theme.INK}"}),
                     t("corridors.legend.cities", lang)),
        _legend_item({"background": corridor_figures.REGION_FILLS["verified"],
                      "border": f"1px solid {corridor_figures.REGION_COLOUR}"},
                     t("corridors.legend.crossborder", lang)),
        _legend_item({"background": corridor_figures.REGION_FILLS["inactive"],
                      "border": f"1px solid {corridor_figures.REGION_COLOUR}"},
                     t("corridors.legend.inactive", lang)),
        _legend_item({"background": corridor_figures.REGION_FILLS["no_address"],
                      "border": f"1px solid {corridor_figures.REGION_COLOUR}"},
                     t("corridors.legend.no_address", lang)),
        _legend_item({"height": "0", "borderTop": f"4px solid {corridor_figures.SELECTION_COLOUR}"},
                     t("corridors.legend.selection", lang)),
    ]


# ---- the card ----------------------------------------------------------------------------------------------

def _item_button(item: str, label: str, note: str = "") -> html.Li:
    return html.Li(html.Button(id={"type": ITEM_BUTTON, "item": item}, n_clicks=0, className="item-button",
                               children=[html.Span(label, className="item-name"),
                                         html.Span(note, className="item-note") if note else None]))


def _card_head(title: str, item: str, lang: str, badge: str, badge_class: str = "") -> html.Div:
    return html.Div(className="card-head", children=[
        html.Div([html.Span(badge, className=f"badge {badge_class}".strip()),
                  html.H2(title, id="corridor-card-name")]),
        html.Button(t("map.card.clear", lang), id={"type": CLEAR_BUTTON, "item": item}, n_clicks=0,
                    className="button-quiet"),
    ])


def _region_note(row, lang: str) -> str:
    """'2000 · Suspended since 4 March 2022': the year founded and the status of a cross-border grouping."""
    founded = str(int(row.founded)) if pd.notna(row.founded) else ""
    return " · ".join(part for part in (founded, status_line(row.status, row.status_date, lang)) if part)


def _status(details: dict, lang: str) -> html.P:
    """The status with the day of the last change, and the page that reports it as a link."""
    children: list = [status_line(details["status"], details.get("status_date"), lang)]
    if details.get("status_source"):
        children += [" (", html.A(t("corridors.card.status_source", lang), href=details["status_source"],
                                  target="_blank", rel="noopener noreferrer", className="source-link"), ")"]
    return html.P(children, className="card-status", id="corridor-card-status")


def _source(url: str, lang: str) -> html.P:
    if not url:
        return html.P(t("corridors.card.no_source", lang), className="card-warning")
    return html.P([html.Span(t("corridors.card.source", lang) + ": "),
                   html.A(url, href=url, target="_blank", rel="noopener noreferrer", className="source-link")],
                  className="card-source")


def _activities(counts: tuple[int, int] | None, lang: str) -> html.P | None:
    """"Activities in the registry: 3" (and how many of them are sample data), None without the registry."""
    if counts is None:
        return None
    total, sample = counts
    children = [t("corridors.card.activities", lang, count=total)]
    if sample:
        children += [" ", html.Span(t("corridors.card.activities_sample", lang, count=sample),
                                    className="badge sample-badge")]
    return html.P(children, className="card-facts", id="corridor-card-activities")


def _activities_zero(details: dict, view, catalog) -> html.Div | None:
    """Under "Activities in the registry: 0": what the record holds for the corridor's countries, and where
    to add (issue 20's honest zeros); None when there are activities or no registry."""
    if details["activities"] is None or details["activities"][0]:
        return None
    frames = live_frames_or_none(catalog)
    if frames is None:
        return None
    return html.Div(honest_zero.corridor_activities_zero(frames, catalog, view.state, details["iso3s"]),
                    id="corridor-card-zero", className="honest-zero")


def _km(value: float, lang: str) -> str:
    return corridor_figures.format_distance(value, lang)


def _points(value: float, lang: str) -> str:
    return format_number(value, lang, decimals=1)


def index_card(view, lang: str) -> list:
    """Without a choice: how to use the page, and the known corridors and cross-border regions in view."""
    children = [html.P(t("corridors.card.hint", lang), className="place-card-hint"),
                html.P(t("corridors.params.help", lang), className="card-method")]
    if len(view.known):
        children.append(html.H3(t("corridors.card.known_list", lang)))
        children.append(html.Ul([
            _item_button(f"k-{row.corridor_id}", queries.local_value(row, lang),
                         str(int(row.year)) if pd.notna(row.year) else "")
            for row in view.known.itertuples()], className="item-list"))
    drawn = view.crossborder[view.crossborder["verification"] != "unverified"]
    if len(drawn):
        children.append(html.H3(t("corridors.card.regions_list", lang)))
        children.append(html.Ul([
            _item_button(f"x-{row.crossborder_id}", queries.local_value(row, lang), _region_note(row, lang))
            for row in drawn.itertuples()], className="item-list"))
    hidden = view.crossborder[view.crossborder["verification"] == "unverified"]
    if len(hidden):
        children.append(html.H3(t("corridors.card.unverified_list", lang)))
        children.append(html.P(", ".join(queries.local_value(row, lang) for row in hidden.itertuples()),
                               className="place-card-hint"))
    children.append(html.P(t("corridors.card.method", lang), className="card-method"))
    return children


def corridor_card(view, catalog, lang: str) -> list:
    details = item_details(view, catalog, view.selected, lang)
    if details is None:
        return index_card(view, lang)
    item = details["item_id"]
    if details["kind"] == "known":
        facts = [t(f"corridors.subkind.{details['subkind']}", lang)]
        if details["year"]:
            facts.append(t("corridors.card.year", lang, year=details["year"]))
        places = [html.Li(f"{name} · {country}" + (f" · {format_count(pop, lang)}" if pop else ""))
                  for name, country, pop in details["places"]]
        children = [
            _card_head(details["name"], item, lang, t("corridors.legend.known", lang), "badge-known"),
            html.P(" · ".join(facts), className="card-facts"),
            _activities(details["activities"], lang),
            _activities_zero(details, view, catalog),
            html.H3(t("corridors.card.places", lang)), html.Ul(places, className="card-list"),
        ]
        if details["regions"]:
            children += [html.H3(t("corridors.card.regions", lang)), html.P(", ".join(details["regions"]))]
        children += [html.P(details["facts"]), _source(details["source"], lang)]
        return children
    if details["kind"] == "crossborder":
        badge_class = {"verified": "badge-region", "no_address": "badge-warning",
                       "unverified": "badge-warning"}[details["verification"]]
        badge = (t("corridors.region_kind.no_address", lang) if details["verification"] == "no_address"
                 else t("corridors.region_kind.verified", lang))
        facts = []
        if details["founded"]:
            facts.append(t("corridors.card.founded", lang, year=details["founded"]))
        children = [_card_head(details["name"], item, lang, badge, badge_class)]
        if facts:
            children.append(html.P(" · ".join(facts), className="card-facts"))
        children.append(_status(details, lang))
        children += [html.H3(t("corridors.card.countries", lang)), html.P(", ".join(details["countries"]))]
        members = "; ".join(t("corridors.card.part", lang, name=name) if part else name
                            for name, part in details["members"]) or details["member_names"]
        if members:
            children += [html.H3(t("corridors.card.members", lang)), html.P(members)]
        if details["member_note"]:
            children.append(html.P(details["member_note"]))
        if details["unverified_countries"]:
            children.append(html.P(t("corridors.card.unverified_members", lang,
                                     countries=", ".join(details["unverified_countries"])), className="card-warning"))
        if details["note"]:
            children.append(html.P(details["note"]))
        children.append(_source(details["source"], lang))
        return children
    # a proposed corridor: its figures and each pair's reasons
    summary = [t("corridors.card.score", lang, score=_points(details["score"], lang)),
               tn("corridors.card.population", details["population"], lang, count=format_population(details["population"], lang))]
    if details["span_km"] > 0:
        summary.append(t("corridors.card.length", lang, km=_km(details["span_km"], lang)))
    summary.append(t("corridors.card.twinnings", lang, count=details["twinnings_inside"]))
    sides = [html.Li([html.B(country + ": "), ", ".join(names)]) for country, names in details["sides"]]
    pairs = []
    for pair in details["pairs"]:
        reasons = [t("corridors.score.parts", lang, population=_points(pair["population_points"], lang),
                     proximity=_points(pair["proximity_points"], lang), ties=_points(pair["tie_points"], lang))]
        ties = []
        if pair["twinned"]:
            ties.append(t("corridors.tie.twinned", lang))
        if pair["region_twinnings"] > 0:
            ties.append(t("corridors.tie.regions", lang, count=pair["region_twinnings"]))
        if pair["crossborder"]:
            ties.append(t("corridors.card.in_region", lang, name=pair["crossborder"]))
        if pair["known"]:
            ties.append(t("corridors.card.also_known", lang, name=pair["known"]))
        pairs.append(html.Li(className="pair", children=[
            html.Div([html.B(f"{pair['a']} — {pair['b']}"),
                      html.Span(f" {t('corridors.score', lang)} {_points(pair['score'], lang)}", className="pair-score")]),
            html.Div(t("corridors.card.pair_distance", lang, km=_km(pair["distance_km"], lang), a=pair["a"],
                       km_a=_km(pair["border_km_a"], lang), b=pair["b"], km_b=_km(pair["border_km_b"], lang)),
                     className="pair-line"),
            html.Div(reasons[0], className="pair-line"),
            html.Div(" · ".join(ties), className="pair-line pair-ties") if ties else None,
        ]))
    return [
        _card_head(details["name"], item, lang, t("corridors.card.rank", lang, rank=details["rank"]), "badge-proposed"),
        html.P(t("corridors.card.computed", lang), className="card-facts"),
        html.P(" · ".join(summary), className="card-facts"),
        _activities(details["activities"], lang),
        _activities_zero(details, view, catalog),
        html.Ul(sides, className="card-list"),
        html.H3(t("corridors.card.pairs", lang)),
        html.Ul(pairs, className="pair-list"),
        html.P(t("corridors.card.method", lang), className="card-method"),
    ]


# ---- the table ----------------------------------------------------------------------------------------------

def _number_format(lang: str, decimals: int = 0) -> dict:
    spec = f",.{decimals}f"
    expression = f"d3.format('{spec}')(params.value)"
    if lang == "ru":
        expression = f"{expression}.split(',').join('\u202f').replace('.', ',')"
    return {"function": f"params.value == null ? '—' : {expression}"}


def _activities_format(lang: str) -> dict:
    """The count, then " · sample data: 2" when sample activities are among them."""
    label = json.dumps(f" · {t('corridors.table.activities_sample', lang)}: ")
    return {"function": "params.value == null ? '—' : params.value + (params.data.activities_sample > 0 ? "
                        f"{label} + params.data.activities_sample : '')"}


def column_defs(lang: str, sample: bool = False) -> list[dict]:
    """The table's columns (the activities column wider when sample data may be counted)."""
    def header(key: str) -> str:
        return t(f"corridors.table.{key}", lang)

    numeric = {"type": "rightAligned", "filter": False}
    return [
        {"field": "rank", "headerName": header("rank"), "width": 64, "pinned": "left", **numeric,
         "valueFormatter": {"function": "params.value == null ? '—' : params.value"}},
        {"field": "name", "headerName": header("name"), "pinned": "left", "width": 290,
         "cellClass": "cell-strong", "tooltipField": "name"},
        {"field": "kind_label", "headerName": header("kind"), "width": 136},
        {"field": "score", "headerName": header("score"), "width": 84, **numeric,
         "valueFormatter": _number_format(lang, 1)},
        {"field": "side_a", "headerName": header("side_a"), "minWidth": 200, "flex": 2, "tooltipField": "side_a"},
        {"field": "side_b", "headerName": header("side_b"), "minWidth": 200, "flex": 2, "tooltipField": "side_b"},
        {"field": "places", "headerName": header("places"), "width": 90, **numeric},
        {"field": "population", "headerName": header("population"), "width": 124, **numeric,
         "valueFormatter": _number_format(lang)},
        {"field": "length_km", "headerName": header("length_km"), "width": 124, **numeric,
         "valueFormatter": _number_format(lang, 1)},
        {"field": "closest_km", "headerName": header("closest_km"), "width": 130, **numeric,
         "valueFormatter": _number_format(lang, 1)},
        {"field": "twinnings_inside", "headerName": header("twinnings_inside"), "width": 120, **numeric},
        {"field": "activities", "headerName": header("activities"), "headerTooltip": header("activities.help"),
         "width": 210 if sample else 110, **numeric, "valueFormatter": _activities_format(lang),
         "cellClassRules": {"sample-cell": "params.data.activities_sample > 0"}},
        {"field": "year", "headerName": header("year"), "width": 80, **numeric,
         "valueFormatter": {"function": "params.value == null ? '' : params.value"}},
    ]


def grid_options(lang: str) -> dict:
    return grid_locale.grid_options(
        lang, {"rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
               "animateRows": False, "tooltipShowDelay": 400, "rowHeight": 34, "headerHeight": 38},
        noRowsToShow=t("corridors.table.empty", lang))


def selected_rows(view) -> dict:
    return {"ids": [view.selected]} if view.selected else {"ids": []}


def grid(state: ViewState, inputs) -> dag.AgGrid:
    lang = state.lang
    return dag.AgGrid(
        id=GRID, rowData=grid_rows(inputs),
        columnDefs=column_defs(lang, state.sample),
        defaultColDef={"sortable": True, "resizable": True, "filter": False, "wrapHeaderText": True,
                       "autoHeaderHeight": True},  # full headers («Протяжённость, км»), never cut
        getRowId="params.data.item_id", dashGridOptions=grid_options(lang), selectedRows=selected_rows(inputs.view),
        rowClassRules={"row-known": "params.data.kind == 'known'"},
        style={"height": "100%", "width": "100%"}, className="ag-theme-quartz corridors-grid",
    )


# ---- layout ---------------------------------------------------------------------------------------------------

def export_buttons(lang: str) -> html.Div:
    return html.Div(className="export-buttons", role="group", children=[
        html.Span(text("corridors.export", lang, slot="label"), className="export-label"),
        html.Button(text("corridors.export.csv", lang), id=EXPORT_CSV, n_clicks=0, className="button-quiet"),
        html.Button(text("corridors.export.xlsx", lang), id=EXPORT_XLSX, n_clicks=0, className="button-quiet"),
        html.Button(text("corridors.export.geojson", lang), id=EXPORT_GEOJSON, n_clicks=0, className="button-quiet"),
    ])


def layout(**params) -> html.Div:
    state = state_from_params(params)
    lang = state.lang
    inputs = page_inputs(state)
    if inputs is None:
        return html.Div(className="corridors-page", children=html.P(t("corridors.no_store", lang),
                                                                    style={"padding": "24px"}))
    warm_border_strips(settings.database_url())  # so that switching the border strip on does not wait
    return html.Div(className="corridors-page", children=[
        toolbar(state, inputs),
        html.Div(className="corridors-stage", children=[
            dcc.Graph(id=GRAPH, className="map-graph", figure=CORRIDORS_MAP.figure(_request(inputs), inputs),
                      config=graph_config(toImageButtonOptions={"format": "png", "filename": "borderlinks-corridors",
                                                                "scale": 2}),
                      responsive=True, style={"height": "100%", "width": "100%"}),
            html.Div(className="map-side", children=[  # docked at the map's right edge, beside the subject
                html.Aside(corridor_card(inputs.view, inputs.catalog, lang), id=CARD,
                           className="place-card corridor-card"),
                html.Div(legend(state), id=LEGEND, className="corridors-legend"),
            ]),
        ]),
        html.Section(className="corridors-table", children=[
            html.Div(className="corridors-table-head", children=[
                html.H2(text("corridors.table.title", lang)), export_buttons(lang)]),
            html.Div(grid(state, inputs), className="corridors-grid-box"),
        ]),
        dcc.Download(id=DOWNLOAD),
        dcc.Store(id=DRAWN, data=drawn_record(inputs)),
    ])


# ---- callbacks: read the URL, call the domain and the figure builders, return ---------------------------------

@dash.callback(
    Output(ids.URL, "search", allow_duplicate=True),
    *(Input(control, "value") for control in PARAM_CONTROLS),
    State(ids.URL, "search"),
    prevent_initial_call=True,
)
def write_parameters(*values_and_search):
    """A parameter control changed: the URL (the source of truth) gets the new value."""
    *values, search = values_and_search
    state = state_from_search(search)
    edited = ViewState.from_values(dict(zip(PARAM_FIELDS, values)), base=state)
    return edited.to_query() or "?" if edited != state else no_update


def control_values(state: ViewState, drawn_query: str) -> tuple:
    """The parameter controls' values for `state`, where they differ from those drawn (no_update else):
    the URL changed by another hand (the shell's reset, a link) moves the controls."""
    before = ViewState.from_query(drawn_query)
    return tuple(_control_value(name, getattr(state, name)) if getattr(state, name) != getattr(before, name)
                 else no_update for name in PARAM_FIELDS)


def _control_value(name: str, value):
    return strip_control_value(value) if name == "strip" else value


#: what update_page may change, by name (each value no_update unless the new state changes it)
PAGE_OUTPUTS = {
    "figure": Output(GRAPH, "figure"), "rows": Output(GRID, "rowData"), "columns": Output(GRID, "columnDefs"),
    "selected": Output(GRID, "selectedRows"), "grid_options": Output(GRID, "dashGridOptions"),
    "card": Output(CARD, "children"), "legend": Output(LEGEND, "children"), "kpis": Output(KPIS, "children"),
    "population_options": Output(MIN_POPULATION, "options"), "ties_options": Output(TIES, "options"),
    "strip_options": Output(STRIP, "options"), "drawn": Output(DRAWN, "data"),
    **{f"control:{name}": Output(control, "value") for name, control in zip(PARAM_FIELDS, PARAM_CONTROLS)},
}


def unchanged() -> dict:
    return dict.fromkeys(PAGE_OUTPUTS, no_update)


def with_controls(out: dict, state: ViewState, drawn_query: str) -> dict:
    """`out` with the parameter controls moved to `state` where they differ from what was drawn."""
    out.update({f"control:{name}": value for name, value in zip(PARAM_FIELDS, control_values(state, drawn_query))})
    return out


@dash.callback(output=PAGE_OUTPUTS, inputs={"search": Input(ids.URL, "search")},
               state={"drawn": State(DRAWN, "data")}, prevent_initial_call=True)
def update_page(search, drawn):
    """The URL changed: patch the map, and refresh the table, card, legend and key figures it concerns."""
    state = state_from_search(search)
    out = unchanged()
    if drawn is None or drawn.get("query") == state.to_query():
        return out
    inputs = page_inputs(state)
    if inputs is None:
        return out
    lang = state.lang
    before = ViewState.from_query(drawn["query"])
    strip_changed = (before.strip, before.strip_km) != (state.strip, state.strip_km)
    translated = lang != before.lang
    out["drawn"] = drawn_record(inputs)
    if strip_changed or translated:
        out["legend"] = legend(state)
    if before.replace(strip=state.strip, strip_km=state.strip_km) == state:  # only the border strip changed
        out["figure"] = as_patch(corridor_figures.strip_updates(inputs, drawn.get("strip")))
        return with_controls(out, state, drawn["query"])
    out["card"] = corridor_card(inputs.view, inputs.catalog, lang)
    out["selected"] = selected_rows(inputs.view)
    if before.replace(corridor=state.corridor) == state:  # only the choice changed
        out["figure"] = as_patch({("data", corridor_figures.TRACE_INDEX[name]): corridor_figures.encoded(trace)
                                  for name, trace in zip(("selection_lines", "selection_places"),
                                                         corridor_figures.selection_traces(inputs.view, lang))}
                                 | _window_update(inputs, drawn))
        return out
    out["figure"] = as_patch(corridor_figures.corridor_updates(inputs, drawn["revision"],
                                                               tuple(drawn.get("countries", ())), drawn.get("strip")))
    out["rows"] = grid_rows(inputs)
    out["kpis"] = kpi_items(inputs.view, lang)
    if translated or state.sample != before.sample:
        out["columns"] = column_defs(lang, state.sample)
    if translated:
        out.update(grid_options=grid_options(lang), population_options=population_options(lang),
                   ties_options=ties_options(lang), strip_options=strip_options(lang))
    return with_controls(out, state, drawn["query"])


def _window_update(inputs, drawn) -> dict:
    revision = corridor_figures.viewport_revision(inputs.state, inputs.window)
    if revision == drawn.get("revision"):
        return {}
    return {("layout", "geo"): corridor_figures.corridor_geo(inputs.state, inputs.window)}


@dash.callback(Output(ids.URL, "search", allow_duplicate=True), Input(GRAPH, "clickData"),
               State(ids.URL, "search"), prevent_initial_call=True)
def choose_on_map(click, search):
    """A click on a corridor, a city of it, a zone or a cross-border region chooses it; again, un-chooses."""
    point = (click or {}).get("points", [{}])[0]
    item = point.get("customdata")
    if not isinstance(item, str):
        item = point.get("location")
    if not isinstance(item, str) or ViewState.from_values({"corridor": item}).corridor != item:
        return no_update
    current = state_from_search(search).corridor
    return with_item(search, None if current == item else item)


@dash.callback(Output(ids.URL, "search", allow_duplicate=True), Input(GRID, "cellClicked"),
               State(ids.URL, "search"), prevent_initial_call=True)
def choose_in_table(cell, search):
    item = (cell or {}).get("rowId")
    if not isinstance(item, str) or item == state_from_search(search).corridor:
        return no_update
    return with_item(search, item)


@dash.callback(Output(ids.URL, "search", allow_duplicate=True),
               Input({"type": ITEM_BUTTON, "item": ALL}, "n_clicks"),
               Input({"type": CLEAR_BUTTON, "item": ALL}, "n_clicks"),
               State(ids.URL, "search"), prevent_initial_call=True)
def choose_in_card(_items, _clears, search):
    if not ctx.triggered or not ctx.triggered[0]["value"]:
        return no_update  # buttons just rendered, not clicked
    trigger = ctx.triggered_id
    return with_item(search, None if trigger["type"] == CLEAR_BUTTON else trigger["item"])


@dash.callback(Output(DOWNLOAD, "data"), Input(EXPORT_CSV, "n_clicks"), Input(EXPORT_XLSX, "n_clicks"),
               Input(EXPORT_GEOJSON, "n_clicks"), State(ids.URL, "search"), prevent_initial_call=True)
def download(_csv, _xlsx, _geojson, search):
    """The table as CSV or Excel, or the geometry as GeoJSON, for the state in the URL."""
    if not ctx.triggered or not ctx.triggered[0]["value"]:
        return no_update
    state = state_from_search(search)
    inputs = page_inputs(state)
    if inputs is None:
        return no_update
    if ctx.triggered_id == EXPORT_GEOJSON:
        collection = CORRIDORS_TABLE.features(_request(inputs), inputs.view)
        return {"content": json.dumps(collection, ensure_ascii=False), "filename": "borderlinks-corridors.geojson",
                "type": "application/geo+json"}
    table, _ = CORRIDORS_TABLE.rows(_request(inputs), inputs.view)
    if ctx.triggered_id == EXPORT_XLSX:  # formulas neutralised, as every table download
        return dcc.send_bytes(table_export.xlsx_bytes(table, "corridors"), "borderlinks-corridors.xlsx",
                              type=table_export.XLSX_MIME)
    return dcc.send_string(table_export.neutralise_formulas(table).to_csv(index=False, lineterminator="\n"),
                           "borderlinks-corridors.csv", type="text/csv")
