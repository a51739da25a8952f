"""The Activities page at "/activities": the registry's activities under the global filters.

A toolbar with the year range, the origin, the statuses counted and the "include sample data" switch (all
in the URL: from, to, origin, activity_status, sample); then key figures (held activities by default, the
record of what happened; planned ones in a KPI of their own, never added to them), activities by year × type, the proposed years 2023–2025 side by side, a
monthly timeline, counts by country, border region and corridor, a map of activities per place with the
twinning links coloured by their monitoring status, the dormant ties to follow up (exportable), and the
list of activities (exportable).

Callbacks read the state from the URL (`state_from_search`) like every page: the toolbar's controls write
the URL (`write_controls_to_url`), and `update_page` re-renders toolbar and body from the URL (so the
back button and "Reset filters" move the controls too, with no URL <-> control loop).
"""

from __future__ import annotations

import datetime as dt

import dash
import dash_ag_grid as dag
from dash import Input, Output, State, dcc, html, no_update

from dashboard import charts
from dashboard.charts.activities import status_words
from dashboard.components import grid_locale, ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.export_menu import export_menu
from dashboard.components.graph import graph_config
from dashboard.components.translated import text
from dashboard.figures.map_style import format_count
from dashboard.i18n import format_date, t, tn
from dashboard.registry import monitoring, views
from dashboard.registry.links import source_markdown
from dashboard.registry.service import live_frames
from dashboard.registry.tables import activities_table, monitoring_export, monitoring_of
from dashboard.state import (
    ACTIVITY_ORIGINS,
    ACTIVITY_STATUSES,
    COUNTED_ACTIVITY_STATUSES,
    MAX_YEAR,
    MIN_YEAR,
    ViewState,
    state_from_params,
    state_from_search,
)
from dashboard.store import queries

dash.register_page(__name__, path="/activities", name="Activities", title="Borderlinks", order=20,
                   nav_key="page.activities")

PAGE = "activities-content"
DRAWN = "activities-drawn"  # dcc.Store: drawn_key() of the state the page shows
BODY = "activities-body"
YEARS = "activities-years"
SAMPLE = "activities-sample"
SAMPLE_VALUE = "sample"
ORIGIN = "activities-origin"
STATUS = "activities-status"
BANNER = "activities-sample-banner"
KPIS = "activities-kpis"
YEAR_TYPE = "activities-year-type"
THREE_YEARS = "activities-three-years"
MONTHLY = "activities-monthly"
BY_COUNTRY = "activities-by-country"
BY_REGION = "activities-by-region"
BY_CORRIDOR = "activities-by-corridor"
MAP = "activities-map"
DORMANT_GRID = "activities-dormant-grid"
LIST_GRID = "activities-list-grid"
DEFAULT_SPAN = (2015, dt.date.today().year + 1)
#: the page's tables show the newest rows up to this many (the CSV downloads have every row)
MAX_LIST_ROWS = 500
LIST_FIELDS = ["start_date", "title", "status", "type", "places", "countries", "organiser", "source_url", "origin",
               "sample"]


# ---- what the page shows ----------------------------------------------------------------------------------

def year_span(frames) -> tuple[int, int]:
    """The slider's range: the registry's years (sample included), at least DEFAULT_SPAN."""
    starts = frames.activities["start_date"]
    if starts.empty:
        return DEFAULT_SPAN
    low = max(MIN_YEAR, min(int(starts.dt.year.min()), DEFAULT_SPAN[0]))
    high = min(MAX_YEAR, max(int(starts.dt.year.max()), DEFAULT_SPAN[1]))
    return low, high


def _card(title_key: str, lang: str, body, *, wide: bool = False, note=None, badge_key: str | None = None,
          sample: bool = False, card_id: str | None = None, export=None) -> html.Section:
    heading = [t(title_key, lang)]
    if badge_key:
        heading.append(html.Span(t(badge_key, lang), className="badge proposed-badge"))
    if sample:
        heading.append(html.Span(t("activities.sample_badge", lang), className="badge sample-badge"))
    children = [html.H2(heading), body]
    if export is not None:  # the chart's PNG / SVG download, under its title
        children.insert(1, html.Div(export, className="export-row"))
    if note:
        children.append(html.P(note, className="card-note"))
    return html.Section(className="activities-card" + (" wide" if wide else ""),
                        **({"id": card_id} if card_id else {}), children=children)


def _graph(graph_id: str, figure, height: int | None = None) -> dcc.Graph:
    """A graph as tall as its figure says (the cards have no height of their own)."""
    height = height or figure.layout.height or 340
    return dcc.Graph(id=graph_id, figure=figure, style={"height": f"{height}px"},
                     config=graph_config(displayModeBar=False, scrollZoom=False))


def _kpi(key: str, value: int, lang: str, help_key: str | None = None, kind: str = "", label=None,
         help_text: str | None = None) -> html.Div:
    return html.Div(className=f"kpi {kind}".strip(), id=f"activities-kpi-{key}",
                    title=help_text or (t(help_key, lang) if help_key else None), children=[
                        html.Div(format_count(value, lang), className="kpi-value"),
                        html.Div(label or t(f"activities.kpi.{key}", lang), className="kpi-label"),
                    ])


def counted_label(state: ViewState) -> str:
    """The label of the activities KPI: "Held activities" by default, else the statuses counted."""
    lang = state.lang
    if state.activity_status == COUNTED_ACTIVITY_STATUSES:
        return t("activities.kpi.held", lang)
    return t("activities.kpi.activities", lang) + ": " + status_words(state.activity_status, lang)


def planned_kpi(figures: dict[str, int], state: ViewState) -> html.Div:
    """The planned activities of the selection (never counted with the held ones), a link to list them, and
    how many are past their day with no report."""
    lang = state.lang
    planned, overdue = figures["planned"], figures["overdue_report"]
    link = dcc.Link(t("activities.kpi.planned", lang), id="activities-planned-link", className="entity-link",
                    href=dash.get_relative_path("/activities")
                    + state.replace(activity_status=("planned",)).to_query())
    help_text = t("activities.kpi.planned.help", lang) + (
        " " + tn("activities.kpi.planned.overdue", overdue, lang) if overdue else "")
    return _kpi("planned", planned, lang, kind="status-planned", label=link, help_text=help_text)


def status_label(status: str, overdue: bool, lang: str) -> str:
    """"planned · no report on time" for a listed activity."""
    return t(f"activity.status.{status}", lang) + (" · " + t("activity.overdue_report", lang) if overdue else "")


def _api_link(path: str, state: ViewState, extra: str = "") -> str:
    query = state.to_query()
    joiner = "&" if query else "?"
    return dash.get_relative_path(path) + (query or "") + (joiner + extra if extra else "")


def _grid(grid_id: str, rows: list[dict], columns: list[dict], lang: str, height: int = 360,
          file_name: str = "borderlinks.csv") -> dag.AgGrid:
    return dag.AgGrid(id=grid_id, rowData=rows, columnDefs=columns,
                      defaultColDef={"sortable": True, "resizable": True, "filter": True, "flex": 1,
                                     "minWidth": 90, "wrapHeaderText": True, "autoHeaderHeight": True},
                      dashGridOptions=grid_locale.grid_options(lang, {
                          "pagination": True, "paginationPageSize": 50, "paginationPageSizeSelector": False,
                          "animateRows": False, "enableCellTextSelection": True}),
                      csvExportParams={"fileName": file_name}, className="ag-theme-quartz",
                      style={"height": f"{height}px", "width": "100%"})


def honest_zero(frames, catalog, state: ViewState) -> html.Div:
    """What a zero means: nothing recorded for this selection and period, and what the record does hold for
    the same countries and places in any year (a zero is not proof that nothing happened), and where to add."""
    lang = state.lang
    if state.year_from and state.year_to:
        period = t("activities.zero.years", lang, first=state.year_from, last=state.year_to)
    elif state.year_from or state.year_to:
        period = (t("activities.zero.since", lang, first=state.year_from) if state.year_from
                  else t("activities.zero.until", lang, last=state.year_to))
    else:
        period = t("activities.zero.all_years", lang)
    any_year = views.activities_in_view(frames, catalog, state.replace(year_from=None, year_to=None)).activities
    if len(any_year):
        held = tn("activities.zero.held", len(any_year), lang,
                  first=format_date(any_year["start_date"].min().date(), lang),
                  last=format_date(any_year["start_date"].max().date(), lang))
    else:
        held = t("activities.zero.none_held", lang)
    return html.Div(id="activities-zero", className="page-message", role="status", children=[
        html.P(t("activities.zero.nothing", lang, period=period)), html.P(held),
        html.P(dcc.Link(t("activities.zero.add", lang), href=dash.get_relative_path("/registry") + state.to_query(),
                        className="entity-link")),
    ])


def body(state: ViewState, as_of: dt.date | None = None) -> list:
    """The page below the toolbar for `state` (monitoring as of `as_of`, default today)."""
    lang = state.lang
    catalog = current_catalog()
    if catalog is None:
        return [html.P(t("activities.no_store", lang), className="page-message")]
    frames = live_frames(catalog)
    view = views.activities_in_view(frames, catalog, state)
    sample = view.includes_sample
    figures_kpis = views.key_figures(view)
    table = monitoring_of(frames, catalog, state, as_of)
    status_counts = monitoring.status_counts(table)
    as_of_text = format_date(as_of or dt.date.today(), lang)

    _, year_only = views.counts_by_month(view)

    dormant_all = monitoring.follow_up(table)
    dormant = monitoring_export(dormant_all.head(MAX_LIST_ROWS), catalog, lang)
    dormant_rows = dormant.assign(months_since=dormant["months_since"].astype("Int64").astype(object)
                                  .where(dormant["months_since"].notna(), None),
                                  year_signed=dormant["year_signed"].astype(object)
                                  .where(dormant["year_signed"].notna(), None)).to_dict("records")
    listed = activities_table(view, catalog, lang, limit=MAX_LIST_ROWS)
    listed["sample"] = listed["sample"].map({True: t("activities.sample_badge", lang), False: ""})
    listed["origin"] = [origin_label(origins, lang) for origins in listed["origin"]]
    listed["status"] = [status_label(code, overdue, lang)
                        for code, overdue in zip(listed["status"], listed["overdue_report"])]
    list_rows = listed[LIST_FIELDS].to_dict("records")
    list_note = t("activities.list.capped", lang, shown=format_count(MAX_LIST_ROWS, lang),
                  total=format_count(len(view.activities), lang)) if len(view.activities) > MAX_LIST_ROWS else None

    empty_registry = frames.activities.empty
    kpis = html.Div(id=KPIS, className="kpi-strip activities-kpis", children=[
        _kpi("activities", figures_kpis["activities"], lang, label=counted_label(state)),
        planned_kpi(views.planned_figures(frames, catalog, state, as_of), state),
        _kpi("places", figures_kpis["places"], lang),
        _kpi("countries", figures_kpis["countries"], lang),
        _kpi("active", status_counts["active"], lang, "monitoring.status.active", "status-active"),
        _kpi("fading", status_counts["fading"], lang, "monitoring.status.fading", "status-fading"),
        _kpi("dormant", status_counts["dormant"], lang, "monitoring.status.dormant", "status-dormant"),
        html.Div(t("activities.as_of", lang, date=as_of_text), className="kpi-note"),
    ])
    dormant_columns = [
        {"field": "name_a", "headerName": t("activities.col.place_a", lang)},
        {"field": "iso3_a", "headerName": "ISO3", "maxWidth": 80},
        {"field": "name_b", "headerName": t("activities.col.place_b", lang)},
        {"field": "iso3_b", "headerName": "ISO3", "maxWidth": 80},
        {"field": "last_activity", "headerName": t("activities.col.last_activity", lang), "minWidth": 120},
        {"field": "months_since", "headerName": t("activities.col.months_since", lang), "maxWidth": 120},
        {"field": "activity_count", "headerName": t("activities.col.activity_count", lang), "maxWidth": 120},
        {"field": "last_title", "headerName": t("activities.col.last_title", lang), "flex": 2},
        {"field": "recorded_status", "headerName": t("activities.col.recorded_status", lang)},
    ]
    list_columns = [
        {"field": "start_date", "headerName": t("activities.col.start", lang), "minWidth": 115, "maxWidth": 130,
         "sort": "desc"},
        {"field": "title", "headerName": t("activities.col.title", lang), "flex": 3, "minWidth": 240},
        {"field": "status", "headerName": t("activities.col.status", lang), "minWidth": 110, "maxWidth": 200,
         "cellClass": "status-cell"},
        {"field": "type", "headerName": t("activities.col.type", lang), "flex": 1.4},
        {"field": "places", "headerName": t("activities.col.places", lang), "flex": 2},
        {"field": "countries", "headerName": t("activities.col.countries", lang)},
        {"field": "organiser", "headerName": t("activities.col.organiser", lang)},
        {"field": "source_url", "headerName": t("activities.col.source", lang),
         "cellRenderer": "markdown", "valueFormatter": None},
        {"field": "origin", "headerName": t("activities.col.origin", lang), "minWidth": 120, "maxWidth": 200,
         "cellClass": "origin-cell"},
    ]
    if sample:
        list_columns.insert(0, {"field": "sample", "headerName": t("activities.col.sample", lang), "minWidth": 130,
                                "maxWidth": 170, "cellClass": "sample-cell"})
    for row in list_rows:  # a live link only for an http(s) address; any other source as escaped text
        row["source_url"] = source_markdown(row["source_url"])
    month_note = tn("activities.monthly.year_only", year_only, lang) if year_only else None

    request = charts.Request(catalog, state, {"as_of": as_of})

    def chart_card(chart_id: str, graph_id: str, height: int | None = None, wide: bool = False, note=None,
                   badge_key: str | None = None) -> html.Section:
        """A chart's card: its title (and "sample data" badge), its PNG / SVG / PDF download, the chart."""
        presenter = charts.get(chart_id)
        data = presenter.data(request)
        return _card(presenter.title_key, lang, _graph(graph_id, presenter.figure(request, data), height),
                     wide=wide, note=note, badge_key=badge_key, sample=data.sample,
                     export=export_menu(chart_id, state, lang))

    sections = [
        kpis,
        html.P(t("activities.empty_registry", lang), className="page-message") if empty_registry else None,
        None if empty_registry or len(view.activities) else honest_zero(frames, catalog, state),
        html.Div(className="activities-grid", children=[
            chart_card("activities-year-type", YEAR_TYPE, wide=True),
            chart_card("activities-three-years", THREE_YEARS, wide=True, badge_key="activities.proposed_badge",
                       note=t("activities.three_years.note", lang)),
            chart_card("activities-monthly", MONTHLY, wide=True, note=month_note),
            chart_card("activities-by-country", BY_COUNTRY),
            chart_card("activities-by-region", BY_REGION, note=t("activities.by_region.note", lang)),
            chart_card("activities-by-corridor", BY_CORRIDOR, note=t("activities.by_corridor.note", lang)),
            chart_card("activities-map", MAP, height=460, wide=True,
                       note=t("activities.map.note", lang, date=as_of_text)),
            _card("activities.dormant", lang, html.Div([
                html.Div(className="card-actions", children=[
                    html.A(t("activities.export_dormant", lang), className="button-link", id="activities-export-dormant",
                           href=_api_link("/api/v1/monitoring", state, "status=dormant&format=csv")),
                    html.A(t("activities.export_monitoring", lang), className="button-link",
                           href=_api_link("/api/v1/monitoring", state, "format=csv")),
                ]),
                _grid(DORMANT_GRID, dormant_rows, dormant_columns, lang, 320, "borderlinks-dormant-ties.csv"),
            ]), wide=True, sample=sample, card_id="activities-dormant-card",
                note=tn("activities.dormant.note", len(dormant_all), lang)),
            _card("activities.list", lang, html.Div([
                html.Div(className="card-actions", children=[
                    html.A(t("activities.export_list", lang), className="button-link", id="activities-export-list",
                           href=_api_link("/api/v1/activities", state, "format=csv")),
                ]),
                _grid(LIST_GRID, list_rows, list_columns, lang, 420, "borderlinks-activities.csv"),
            ]), wide=True, sample=sample, note=list_note),
        ]),
    ]
    return [section for section in sections if section is not None]


def toolbar(state: ViewState, span: tuple[int, int]) -> html.Div:
    lang = state.lang
    low, high = span
    value = [state.year_from if state.year_from is not None else low,
             state.year_to if state.year_to is not None else high]
    step = 5 if high - low > 12 else 2
    marks = {year: str(year) for year in range(low - low % step + step, high + 1, step)
             if year - low >= step and high - year >= step}
    marks.update({low: str(low), high: str(high)})
    return html.Div(className="activities-toolbar", children=[
        html.H1(text("activities.heading", lang)),
        html.Div(className="year-range", children=[
            html.Label(text("activities.years", lang), htmlFor=YEARS, className="field-label"),
            dcc.RangeSlider(id=YEARS, min=low, max=high, step=1, value=value, marks=marks, allowCross=False,
                            tooltip={"placement": "bottom", "always_visible": False}, updatemode="mouseup"),
        ]),
        html.Div(className="origin-filter", children=[
            html.Label(text("activities.origin", lang), htmlFor=ORIGIN, className="field-label"),
            dcc.RadioItems(id=ORIGIN, className="switch origin-switch", value=state.origin, inline=True,
                           options=origin_options(lang)),
        ]),
        html.Div(className="status-filter", children=[
            html.Label(text("activities.status", lang), htmlFor=STATUS, className="field-label"),
            dcc.Checklist(id=STATUS, className="switch status-switch", value=list(state.activity_status),
                          inline=True, options=status_options(lang)),
        ]),
        dcc.Checklist(id=SAMPLE, className="switch sample-switch", value=[SAMPLE_VALUE] if state.sample else [],
                      options=sample_options(lang)),
    ])


def origin_options(lang: str) -> list[dict]:
    return [{"label": t(f"activities.origin.{code}", lang), "value": code} for code in ACTIVITY_ORIGINS]


def status_options(lang: str) -> list[dict]:
    return [{"label": t(f"activity.status.{code}", lang), "value": code} for code in ACTIVITY_STATUSES]


def origin_label(origins: str, lang: str) -> str:
    """'reference; registry' -> "Reference + registry" in `lang` (the mark on each listed activity)."""
    return " + ".join(t(f"activities.origin.{code}", lang) for code in str(origins).split("; ") if code)


def sample_options(lang: str) -> list[dict]:
    return [{"label": t("activities.include_sample", lang), "value": SAMPLE_VALUE}]


def banner(state: ViewState) -> dict:
    return {"display": "block" if state.sample else "none"}


def page(state: ViewState) -> list:
    """Toolbar, sample banner and body for `state` (re-rendered whole when the URL changes)."""
    catalog = current_catalog()
    span = year_span(live_frames(catalog)) if catalog is not None else DEFAULT_SPAN
    return [
        toolbar(state, span),
        html.Div(t("activities.sample_banner", state.lang), id=BANNER, className="sample-banner",
                 style=banner(state), role="status"),
        html.Div(body(state), id=BODY),
    ]


def drawn_key(state: ViewState) -> str:
    """What the page shows depends on these fields only (the map's view options do not matter here)."""
    return repr((queries.filter_key(state), state.year_from, state.year_to, state.sample, state.origin,
                 state.activity_status, state.lang))


def layout(**params) -> html.Div:
    state = state_from_params(params)
    return html.Div(className="activities-page", children=[
        dcc.Loading(html.Div(page(state), id=PAGE), type="dot", delay_show=400,
                    overlay_style={"visibility": "visible"}),
        dcc.Store(id=DRAWN, data=drawn_key(state)),
    ])


# ---- callbacks -------------------------------------------------------------------------------------------------

@dash.callback(Output(ids.URL, "search", allow_duplicate=True),
               Input(YEARS, "value"), Input(SAMPLE, "value"), Input(ORIGIN, "value"), Input(STATUS, "value"),
               State(ids.URL, "search"), State(YEARS, "min"), State(YEARS, "max"), prevent_initial_call=True)
def write_controls_to_url(years, sample, origin, statuses, search, low, high):
    """A moved year slider, the origin or status filter or the sample switch -> the URL (the page then
    re-renders)."""
    state = state_from_search(search)
    first, last = (years or [low, high])[:2]
    edited = state.replace(year_from=None if first <= low else int(first),
                           year_to=None if last >= high else int(last), sample=bool(sample),
                           origin=origin if origin in ACTIVITY_ORIGINS else "all",
                           activity_status=tuple(code for code in ACTIVITY_STATUSES if code in (statuses or ())))
    query = edited.to_query()
    return (query or "?") if query != (search or "") else no_update


@dash.callback(Output(PAGE, "children"), Output(DRAWN, "data"), Input(ids.URL, "search"), State(DRAWN, "data"),
               prevent_initial_call=True)
def update_page(search, drawn):
    state = state_from_search(search)
    key = drawn_key(state)
    if key == drawn:
        return no_update, no_update
    return page(state), key
