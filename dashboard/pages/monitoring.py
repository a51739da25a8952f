"""The /monitoring page: the state of twin-city ties between meetings, for one or two countries and a period.

Controls: the countries (the URL's `countries`, one or two), the period (`start`, `end`; default since the
last meeting of the pair, see dashboard.registry.meetings) and N, the years that make a tie dormant
(`dormant`). Then key figures; the ties by state on a map and in a table; the action plan's plan and fact
(and, for editors, its import: preview with each bad row's reasons, nothing written until confirmed);
held activities by sector and year and by year and status; the period's activities with their sources;
links into the activities and the practice library; and the state-of-ties report (DOCX or PDF, Russian
or English) made in the background with its progress shown. Every number comes from
dashboard.charts.monitoring, as in the report and /api/v1/monitoring/ties.
"""

from __future__ import annotations

import datetime as dt
import logging

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update

from dashboard import auth, charts
from dashboard.charts.monitoring import BadArguments, activities_table, monitoring_data, plan_table, ties_table
from dashboard.components import grid_locale
from dashboard.components.catalog_source import current_catalog
from dashboard.components.filter_panel import dropdown_labels
from dashboard.components.graph import graph_config
from dashboard.exports import jobs
from dashboard.exports.report_ties import make_report
from dashboard.figures.map_style import format_count
from dashboard.i18n import format_date, t
from dashboard.registry.monitoring_ties import DORMANT_YEARS
from dashboard.state import state_from_params
from dashboard.store import queries
from dashboard.web.urls import API_PREFIX

log = logging.getLogger(__name__)

dash.register_page(__name__, path="/monitoring", name="Monitoring", title="Borderlinks — monitoring", order=25,
                   nav_key="page.monitoring")

COUNTRIES = "monitoring-countries"
START = "monitoring-start"
END = "monitoring-end"
DORMANT = "monitoring-dormant"
LANG = "monitoring-lang"
BODY = "monitoring-body"
PERIOD_NOTE = "monitoring-period-note"
REPORT_FORMAT = "monitoring-report-format"
REPORT_LANG = "monitoring-report-lang"
REPORT_BUTTON = "monitoring-report-button"
REPORT_JOB = "monitoring-report-job"
REPORT_POLL = "monitoring-report-poll"
REPORT_STATUS = "monitoring-report-status"
PLAN_CONFIG = "monitoring-plan-config"
PLAN_UPLOAD = "monitoring-plan-upload"
PLAN_TITLE = "monitoring-plan-title"
PLAN_BY = "monitoring-plan-by"
PLAN_ON = "monitoring-plan-on"
PLAN_PREVIEW = "monitoring-plan-preview"      # dcc.Store: the preview endpoint's answer
PLAN_COMMIT = "monitoring-plan-commit"        # dcc.Store: the commit endpoint's answer
PLAN_CONFIRM = "monitoring-plan-confirm"
PLAN_MESSAGE = "monitoring-plan-message"
PLAN_GRID = "monitoring-plan-grid"
PLAN_EDITED = "monitoring-plan-edited"        # dcc.Store: the item endpoint's answer to an edit in the grid
PLAN_EDIT_MESSAGE = "monitoring-plan-edit-message"
DEFAULT_PAIR = ("RUS", "BLR")
#: the period the page opens on without `start`/`end`: the years the declarations count (2023–2025); the
#: report's own default, "since the last meeting", is one click away
DEFAULT_YEARS = ("2023-01-01", "2025-12-31")
SINCE_MEETING = "monitoring-since-meeting"
YEARS_BUTTON = "monitoring-years-button"
POLL_MS = 500


def _country_options(catalog, lang: str) -> list[dict]:
    names = queries.localized(catalog.countries, lang)
    options = [{"label": f"{name} ({iso3})", "value": iso3} for iso3, name in zip(catalog.countries["iso3"], names)]
    return sorted(options, key=lambda option: option["label"])


def _kpi(value: str, label_key: str, lang: str, key: str) -> html.Div:
    return html.Div(className="kpi", id=f"monitoring-kpi-{key}", children=[
        html.Div(value, className="kpi-value"), html.Div(t(label_key, lang), className="kpi-label")])


def _grid(grid_id: str, rows: list[dict], columns: list[dict], lang: str, height: int = 380) -> dag.AgGrid:
    return dag.AgGrid(id=grid_id, rowData=rows, columnDefs=columns,
                      defaultColDef={"sortable": True, "resizable": True, "filter": True, "flex": 1, "minWidth": 90,
                                     "wrapText": True, "autoHeight": True, "wrapHeaderText": True,
                                     "autoHeaderHeight": True},
                      dashGridOptions=grid_locale.grid_options(lang, {
                          "pagination": True, "paginationPageSize": 25, "paginationPageSizeSelector": False,
                          "enableCellTextSelection": True}),
                      className="ag-theme-quartz", style={"height": f"{height}px", "width": "100%"})


def _graph(graph_id: str, figure: dict, height: int) -> dcc.Graph:
    return dcc.Graph(id=graph_id, figure=figure, style={"height": f"{height}px"},
                     config=graph_config(displayModeBar=False, scrollZoom=False))


def _card(title: str, *children, wide: bool = False, card_id: str | None = None) -> html.Section:
    return html.Section(className="monitoring-card" + (" wide" if wide else ""), children=[html.H2(title), *children],
                        **({"id": card_id} if card_id else {}))


def args_of(countries, start, end, dormant) -> dict:
    return {"countries": ",".join(countries or ()), "from": start or "", "to": end or "",
            "dormant": str(dormant or DORMANT_YEARS)}


def _last_meeting(data) -> dict | None:
    """The pair's last meeting that has ended by today."""
    if data.meetings.empty:
        return None
    ended = data.meetings[data.meetings["end_date"] <= pd.Timestamp(dt.date.today())]
    return None if ended.empty else ended.iloc[-1].to_dict()


def period_note(data, lang: str) -> str:
    meeting = _last_meeting(data)
    if meeting is None:
        return t("monitoring.no_meeting", lang)
    return t("monitoring.last_meeting", lang, title=meeting.get("title_ru") if lang == "ru" and
             isinstance(meeting.get("title_ru"), str) else meeting["title"],
             date=format_date(meeting["end_date"].date(), lang))


def plan_columns(lang: str, can_write: bool) -> list[dict]:
    """The plan-vs-fact grid's columns; an editor corrects the item, responsible, due day and target in place."""
    columns = [{"field": "item", "headerName": t("report.col.item", lang), "flex": 3, "minWidth": 240,
                "editable": can_write},
               {"field": "sector", "headerName": t("report.col.sector", lang)},
               {"field": "responsible", "headerName": t("report.col.responsible", lang), "editable": can_write}]
    if can_write:
        columns += [{"field": "due_to_iso", "headerName": t("report.col.due", lang) + f" ({t('date.placeholder', lang)})",
                     "editable": True},
                    {"field": "target", "headerName": t("monitoring.target", lang), "editable": True, "maxWidth": 110}]
    else:
        columns.append({"field": "due", "headerName": t("report.col.due", lang)})
    return columns + [{"field": "fact", "headerName": t("report.col.fact", lang), "maxWidth": 150},
                      {"field": "state", "headerName": t("report.col.state", lang), "maxWidth": 140}]


def body(catalog, args: dict, lang: str) -> list:
    data = monitoring_data(catalog, args)
    summary = data.summary()
    request = charts.Request(catalog, state_from_params({"lang": lang}), args)
    states = summary["ties_by_state"]
    plan_done = f"{summary['plan_items_by_state']['done']} / {summary['plan_items']}" if summary["plan_items"] else "—"
    kpis = html.Div(className="kpi-strip", children=[
        _kpi(format_count(summary["ties"], lang), "monitoring.kpi.ties", lang, "ties"),
        _kpi(format_count(states["active"] + states["renewed"], lang), "monitoring.kpi.active", lang, "active"),
        _kpi(format_count(summary["new_ties"], lang), "monitoring.kpi.new_ties", lang, "new"),
        _kpi(format_count(summary["activities_held"], lang), "monitoring.kpi.held", lang, "held"),
        _kpi(format_count(summary["activities_by_status"]["planned"], lang), "monitoring.kpi.planned", lang, "planned"),
        _kpi(format_count(summary["coverage"]["overdue_reports"], lang), "monitoring.kpi.overdue", lang, "overdue"),
        _kpi(plan_done, "monitoring.kpi.plan_done", lang, "plan"),
    ])
    ties = ties_table(data, catalog, lang)
    tie_columns = [{"field": "tie", "headerName": t("report.col.tie", lang), "minWidth": 200},
                   {"field": "state_label", "headerName": t("report.col.state", lang), "maxWidth": 150},
                   {"field": "reason", "headerName": t("report.col.reason", lang), "flex": 2, "minWidth": 260},
                   {"field": "agreement", "headerName": t("report.col.agreement", lang), "maxWidth": 170}]
    plan = plan_table(data, lang)
    plan_body = (_grid(PLAN_GRID, plan.to_dict("records"), plan_columns(lang, _can_write()), lang, 320)
                 if len(plan) else html.P(t("monitoring.plan_none", lang), className="card-note"))
    acts = activities_table(data, lang)
    act_columns = [{"field": "date", "headerName": t("report.col.date", lang), "maxWidth": 170},
                   {"field": "title", "headerName": t("report.col.title", lang), "flex": 3, "minWidth": 260},
                   {"field": "type", "headerName": t("report.col.type", lang)},
                   {"field": "sector", "headerName": t("report.col.sector", lang), "flex": 2},
                   {"field": "status", "headerName": t("report.col.status", lang)},
                   {"field": "source", "headerName": t("report.col.source", lang), "cellRenderer": "markdown"}]
    act_rows = acts.assign(source=[f"[{url.split('/')[2]}]({url})" if url.startswith("http") else url
                                   for url in acts["source"]]).to_dict("records")
    countries_query = "?countries=" + args["countries"] + (f"&lang={lang}" if lang != "en" else "")
    return [
        kpis,
        html.Div(className="monitoring-grid", children=[
            _card(t("monitoring.chart.map", lang), _graph("monitoring-map", charts.get("monitoring-ties-map")
                                                          .figure(request), 460), card_id="monitoring-map-card"),
            _card(t("monitoring.ties_table", lang), _grid("monitoring-ties-grid", ties[
                ["tie", "state_label", "reason", "agreement"]].to_dict("records"), tie_columns, lang, 460)),
            _card(t("monitoring.plan_table", lang), plan_body, html.Div(id=PLAN_EDIT_MESSAGE, role="status"),
                  wide=True, card_id="monitoring-plan-card"),
            _card(t("monitoring.chart.sectors", lang), _graph("monitoring-sectors", charts.get(
                "monitoring-sectors").figure(request), max(300, 34 * len(data.by_sector()) + 90))),
            _card(t("monitoring.chart.years", lang), _graph("monitoring-years", charts.get(
                "monitoring-years").figure(request), 300)),
            _card(t("report.h.activities", lang), _grid("monitoring-activities-grid", act_rows, act_columns, lang, 420),
                  wide=True),
        ]),
        html.P(className="monitoring-links", children=[
            t("monitoring.links", lang), ": ",
            dcc.Link(t("monitoring.links.activities", lang), href=dash.get_relative_path("/activities")
                     + countries_query),
            " · ",
            dcc.Link(t("monitoring.links.practices", lang), href=dash.get_relative_path("/practices")
                     + (f"?lang={lang}" if lang != "en" else "")),
        ]),
    ]


def _can_write() -> bool:
    try:
        user = auth.current_user()
    except Exception as error:  # no registry, or an unreadable one: safe, the page is read-only
        log.warning("cannot tell who is signed in (%s): the plan import is hidden", error)
        return False
    return bool(user and user.can_write)


def plan_import(lang: str) -> html.Section:
    """The plan import for editors (hidden, with a sign-in note, for everyone else: its parts stay in the
    layout so the page's callbacks always find them)."""
    can_write = _can_write()
    return html.Section(className="monitoring-card wide", id="monitoring-plan-import", children=[
        html.H2(t("monitoring.plan_import", lang)),
        html.P(t("monitoring.sign_in", lang), className="card-note", hidden=can_write),
        html.Div(hidden=not can_write, children=[
            html.Div(className="monitoring-controls", children=[
                html.Label([t("monitoring.plan_title", lang), dcc.Input(id=PLAN_TITLE, type="text")]),
                html.Label([t("monitoring.plan_adopted_by", lang), dcc.Input(id=PLAN_BY, type="text")]),
                html.Label([t("monitoring.plan_adopted_on", lang), dcc.Input(id=PLAN_ON, type="text",
                                                                             placeholder=t("date.placeholder", lang))]),
            ]),
            dcc.Upload(id=PLAN_UPLOAD, className="upload-box", children=html.Div(t("monitoring.plan_file", lang))),
            html.Div(id=PLAN_MESSAGE, role="status"),
            html.Button(t("monitoring.plan_confirm", lang), id=PLAN_CONFIRM, n_clicks=0, className="button"),
        ]),
        dcc.Store(id=PLAN_PREVIEW), dcc.Store(id=PLAN_COMMIT), dcc.Store(id=PLAN_EDITED),
        dcc.Store(id=PLAN_CONFIG, data={"base": dash.get_relative_path(f"{API_PREFIX}/monitoring/"),
                                        "csrf": auth.csrf_token() if can_write else ""}),
    ])


def layout(**params) -> html.Div:
    state = state_from_params(params)
    lang = state.lang
    catalog = current_catalog()
    if catalog is None:
        return html.Div(html.P(t("activities.no_store", lang), className="page-message"))
    pair = list(state.countries) or list(DEFAULT_PAIR)
    if set(pair) == set(DEFAULT_PAIR):
        pair = list(DEFAULT_PAIR)
    start, end = params.get("start") or DEFAULT_YEARS[0], params.get("end") or DEFAULT_YEARS[1]
    dormant = params.get("dormant") or str(DORMANT_YEARS)
    args = args_of(pair, start, end, dormant)
    try:
        data = monitoring_data(catalog, args)
    except BadArguments:
        pair, dormant = list(DEFAULT_PAIR), str(DORMANT_YEARS)
        args = args_of(pair, "", "", dormant)
        data = monitoring_data(catalog, args)
    return html.Div(className="monitoring-page", lang=lang, children=[
        html.H1(t("monitoring.title", lang)),
        html.P(t("monitoring.intro", lang), className="page-intro"),
        html.Div(className="monitoring-controls", children=[
            html.Label(className="monitoring-countries", children=[
                t("monitoring.countries", lang),
                dcc.Dropdown(id=COUNTRIES, options=_country_options(catalog, lang), value=pair, multi=True,
                             clearable=False, maxHeight=320, labels=dropdown_labels(lang))]),
            html.Label([t("monitoring.from", lang), dcc.Input(id=START, type="text", value=data.start.isoformat(),
                                                              placeholder=t("date.placeholder", lang), debounce=True)]),
            html.Label([t("monitoring.to", lang), dcc.Input(id=END, type="text", value=data.end.isoformat(),
                                                            placeholder=t("date.placeholder", lang), debounce=True)]),
            html.Label([t("monitoring.dormant_years", lang), dcc.Input(id=DORMANT, type="number", min=1, max=20,
                                                                       step=1, value=int(dormant), debounce=True)]),
        ]),
        html.Div(className="monitoring-period", children=[
            html.P(period_note(data, lang), id=PERIOD_NOTE, className="card-note"),
            html.Button(t("monitoring.use_since_meeting", lang), id=SINCE_MEETING, n_clicks=0,
                        className="button-quiet", hidden=_last_meeting(data) is None),
            html.Button(t("monitoring.use_years", lang), id=YEARS_BUTTON, n_clicks=0, className="button-quiet"),
        ]),
        html.Div(className="monitoring-report", children=[
                dcc.RadioItems(id=REPORT_FORMAT, options=[{"label": "DOCX", "value": "docx"},
                                                          {"label": "PDF", "value": "pdf"}],
                               value="docx", inline=True, className="radio-row"),
                dcc.RadioItems(id=REPORT_LANG, options=[{"label": html.Span("Русский", lang="ru"), "value": "ru"},
                                                        {"label": html.Span("English", lang="en"), "value": "en"}],
                               value="ru" if lang != "en" else "en", inline=True, className="radio-row"),
                html.Button(t("monitoring.download", lang), id=REPORT_BUTTON, n_clicks=0, className="button"),
                html.Div(id=REPORT_STATUS, className="brief-progress", role="status", **{"aria-live": "polite"}),
                dcc.Store(id=REPORT_JOB),
                dcc.Interval(id=REPORT_POLL, interval=POLL_MS, disabled=True),
        ]),
        dcc.Store(id=LANG, data=lang),
        dcc.Loading(html.Div(body(catalog, args, lang), id=BODY), type="dot", delay_show=400),
        plan_import(lang),
    ])


# ---- callbacks ---------------------------------------------------------------------------------------------

@dash.callback(Output(BODY, "children"), Output(PERIOD_NOTE, "children"),
               Input(COUNTRIES, "value"), Input(START, "value"), Input(END, "value"), Input(DORMANT, "value"),
               Input(PLAN_COMMIT, "data"), State(LANG, "data"), prevent_initial_call=True)
def redraw(countries, start, end, dormant, _committed, lang):
    """New countries, period or N -> the page below the controls."""
    catalog = current_catalog()
    if catalog is None or not countries or len(countries) > 2:
        return [html.P(t("monitoring.choose_countries", lang), className="page-message")], no_update
    args = args_of(countries, start, end, dormant)
    try:
        data = monitoring_data(catalog, args)
        return body(catalog, args, lang), period_note(data, lang)
    except BadArguments as error:
        return [html.P(str(error), className="page-message")], no_update


@dash.callback(Output(START, "value"), Output(END, "value"), Input(SINCE_MEETING, "n_clicks"),
               Input(YEARS_BUTTON, "n_clicks"), State(COUNTRIES, "value"), prevent_initial_call=True)
def choose_period(_since, _years, countries):
    """"Since the last meeting" -> the day after it to today (the report's default); "2023–2025" -> those years."""
    if dash.ctx.triggered_id == YEARS_BUTTON:
        return DEFAULT_YEARS
    catalog = current_catalog()
    if catalog is None or not countries or len(countries) > 2:
        return no_update, no_update
    data = monitoring_data(catalog, args_of(countries, "", "", DORMANT_YEARS))
    return data.start.isoformat(), data.end.isoformat()


@dash.callback(Output(REPORT_JOB, "data"), Output(REPORT_POLL, "disabled"), Output(REPORT_STATUS, "children"),
               Input(REPORT_BUTTON, "n_clicks"), State(COUNTRIES, "value"), State(START, "value"),
               State(END, "value"), State(DORMANT, "value"), State(REPORT_FORMAT, "value"),
               State(REPORT_LANG, "value"), State(LANG, "data"), prevent_initial_call=True)
def start_report(clicks, countries, start, end, dormant, fmt, report_lang, lang):
    """The download button -> a background job making the report (its progress is polled)."""
    catalog = current_catalog()
    if not clicks or catalog is None or not countries or len(countries) > 2:
        return no_update, True, t("monitoring.choose_countries", lang)
    args = args_of(countries, start, end, dormant)
    try:
        job_id = jobs.submit("report-ties", lambda progress: make_report(catalog, args, fmt, report_lang, progress),
                             {"format": fmt, "lang": report_lang})
    except jobs.JobsBusy as busy:  # the export queue is full (dashboard/exports/jobs.py): say when to retry
        return no_update, True, t("exports.job.busy", lang, seconds=busy.retry_after)
    return job_id, False, [html.Progress(value="1", max="100"), " ", t("monitoring.making", lang, percent=1)]


@dash.callback(Output(REPORT_STATUS, "children", allow_duplicate=True), Output(REPORT_POLL, "disabled",
                                                                             allow_duplicate=True),
               Input(REPORT_POLL, "n_intervals"), State(REPORT_JOB, "data"), State(LANG, "data"),
               prevent_initial_call=True)
def poll_report(_ticks, job_id, lang):
    job = jobs.read(job_id) if job_id else None
    if not job:
        return no_update, True
    if job.get("state") == "done":
        link = dash.get_relative_path(f"/export/jobs/{job['id']}/file")
        return [t("monitoring.ready", lang), " ", html.A(job.get("file") or "report", href=link,
                                                         download=job.get("file") or "", id="monitoring-report-link",
                                                         className="export-link")], True
    if job.get("state") == "failed":
        return html.Span(t("monitoring.failed", lang, error=job.get("error") or "?"), className="failed"), True
    percent = int(job.get("progress") or 0)
    return [html.Progress(value=str(percent), max="100"), " ", t("monitoring.making", lang, percent=percent)], False


dash.clientside_callback(ClientsideFunction("monitoring", "preview"), Output(PLAN_PREVIEW, "data"),
                         Input(PLAN_UPLOAD, "contents"), State(PLAN_UPLOAD, "filename"), State(PLAN_CONFIG, "data"),
                         State(LANG, "data"), prevent_initial_call=True)
dash.clientside_callback(ClientsideFunction("monitoring", "commit"), Output(PLAN_COMMIT, "data"),
                         Input(PLAN_CONFIRM, "n_clicks"), State(PLAN_UPLOAD, "contents"),
                         State(PLAN_UPLOAD, "filename"), State(PLAN_PREVIEW, "data"), State(PLAN_TITLE, "value"),
                         State(PLAN_BY, "value"), State(PLAN_ON, "value"), State(COUNTRIES, "value"),
                         State(PLAN_CONFIG, "data"), State(LANG, "data"), prevent_initial_call=True)


dash.clientside_callback(ClientsideFunction("monitoring", "editItem"), Output(PLAN_EDITED, "data"),
                         Input(PLAN_GRID, "cellValueChanged"), State(PLAN_CONFIG, "data"), prevent_initial_call=True)


@dash.callback(Output(PLAN_EDIT_MESSAGE, "children"), Input(PLAN_EDITED, "data"), State(LANG, "data"),
               prevent_initial_call=True)
def show_item_edit(answer, lang):
    """An edit in the plan grid: saved, or the reason it was refused (the grid keeps what was typed)."""
    body_ = (answer or {}).get("body") or {}
    if answer and answer.get("status") == 200:
        return html.P(t("monitoring.item_saved", lang), className="ok")
    return html.P(body_.get("error") or str((answer or {}).get("status")), className="failed")


@dash.callback(Output(PLAN_MESSAGE, "children"), Input(PLAN_PREVIEW, "data"), Input(PLAN_COMMIT, "data"),
               State(LANG, "data"), prevent_initial_call=True)
def show_plan_answer(preview, committed, lang):
    """The endpoints' answers in words: items ready, or each bad row's row, column and reason."""
    answer = committed if dash.ctx.triggered_id == PLAN_COMMIT else preview
    body_ = (answer or {}).get("body") or {}
    if answer and answer.get("status") != 200:
        return html.P(body_.get("error") or body_.get("message") or str(answer.get("status")), className="failed")
    if body_.get("committed"):
        return html.P(t("monitoring.plan_saved", lang), className="ok")
    if body_.get("refused") or body_.get("committed") is False:
        return html.P(body_.get("message") or "", className="failed")
    rejections = body_.get("rejections") or []
    if rejections:
        return [html.P(t("monitoring.plan_rejected", lang), className="failed"),
                html.Ul([html.Li(f"{r['row']} · {r['column']}: {r['reason']}") for r in rejections])]
    return html.P(t("monitoring.plan_ready", lang, count=len(body_.get("items") or [])))
