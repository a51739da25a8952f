"""The "Download PNG · SVG" control beside every chart and map.

    export_menu("network-shares", state, lang)                 # the chart (a dashboard.charts presenter) in the page's view state
    export_menu("country-map", state, lang, params="iso3=KAZ") # plus what the view state does not hold
    export_menu("network-matrix", state, lang, follows="network-top")  # also follows a page control

Each link points at /export/<figure>.<png|svg|pdf> (dashboard/web/exports.py) with the page's current query; a
clientside callback keeps the query in step with the URL, so the file is the view on screen. Links with
`follows=<control id>` are kept in step by the page that owns that control (it adds `top=<value>`).
The file is 1600 x 900 px (dashboard.exports.render.EXPORT_WIDTH / EXPORT_HEIGHT).

    brief_control("country:KAZ", lang)      # "PDF brief" button, progress bar, then a download link
    brief_control("view:<slug>", lang)      # the brief of a saved view (dashboard.registry.saved_views)

A brief is a background job (dashboard.exports.jobs): the button starts it, a dcc.Interval polls its state on
the file system (any worker can answer), the bar shows its progress and a link appears when the PDF is ready.
"""

from __future__ import annotations

import logging

import dash
from dash import ALL, MATCH, Input, Output, State, dcc, html, no_update

from dashboard import charts
from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.exports import brief, jobs
from dashboard.i18n import t
from dashboard.registry.database import registry_engine
from dashboard.registry.saved_views import get_view
from dashboard.state import ViewState

log = logging.getLogger(__name__)

#: the file formats a figure's menu offers (those of its presenter that are images)
IMAGE_FORMATS = ("png", "svg", "pdf")
URL_ONLY = "url"


def link_id(figure: str, fmt: str, params: str = "", follows: str = URL_ONLY) -> dict:
    return {"type": ids.EXPORT_LINK, "figure": figure, "format": fmt, "params": params, "follows": follows}


def href(figure: str, fmt: str, query: str, params: str = "") -> str:
    """/export/<figure>.<fmt>?<view query>&<params> under the app's root."""
    query = (query or "").lstrip("?")
    joined = "&".join(part for part in (query, params) if part)
    return dash.get_relative_path(f"/export/{figure}.{fmt}") + (f"?{joined}" if joined else "")


def export_menu(figure: str, state: ViewState, lang: str, params: str = "", follows: str = URL_ONLY,
                class_name: str = "") -> html.Div:
    query = state.to_query()
    links = []
    formats = [fmt for fmt in charts.get(figure).formats if fmt in IMAGE_FORMATS]
    for k, fmt in enumerate(formats):
        if k:
            links.append(html.Span("·", className="export-sep", **{"aria-hidden": "true"}))
        links.append(html.A(fmt.upper(), href=href(figure, fmt, query, params), download="",
                            id=link_id(figure, fmt, params, follows), className="export-link",
                            **{"aria-label": f"{t('exports.download', lang)} {fmt.upper()}"}))
    return html.Div([html.Span(t("exports.download", lang), className="export-label"), *links],
                    className=f"export-menu {class_name}".strip(), title=t("exports.download.help", lang),
                    **{"data-figure": figure})




# ---- the PDF brief: start a background job, show its progress, then the file ----------------------------------

BRIEF_BUTTON = "brief-button"
BRIEF_STATUS = "brief-status"
BRIEF_JOB = "brief-job"
BRIEF_POLL = "brief-poll"
POLL_MS = 700


def brief_control(target: str, lang: str, help_key: str = "exports.brief.help") -> html.Div:
    """`target`: "country:<ISO3>" or "view:<saved view slug>"."""
    return html.Div(className="brief-control", children=[
        html.Button(t("exports.brief.button", lang), id={"type": BRIEF_BUTTON, "target": target}, n_clicks=0,
                    className="button", title=t(help_key, lang)),
        html.Div(id={"type": BRIEF_STATUS, "target": target}, className="brief-progress", role="status",
                 **{"aria-live": "polite"}),
        dcc.Store(id={"type": BRIEF_JOB, "target": target}),
        dcc.Interval(id={"type": BRIEF_POLL, "target": target}, interval=POLL_MS, disabled=True),
    ])


def brief_work(target: str, state: ViewState):
    """The job for `target` (a function of a progress callback), or None for an unknown target."""
    catalog = current_catalog()
    kind, _, subject = target.partition(":")
    if catalog is None or not subject:
        return None
    if kind == "country":
        return lambda progress: brief.country_brief(catalog, subject, state, progress)
    if kind == "view":
        view = get_view(registry_engine(), subject)
        query = ViewState.from_query(view.query).replace(lang=state.lang).to_query()
        return lambda progress: brief.view_brief(catalog, view.path, query, progress, title=view.title)
    return None


def progress_view(job: dict | None, lang: str) -> list:
    """What the status area shows for a job's state."""
    if not job:
        return []
    state = job.get("state")
    if state == "done":
        link = dash.get_relative_path(f"/export/jobs/{job['id']}/file")
        return [html.Span(t("exports.job.done", lang)),
                html.A(t("exports.job.download", lang), href=link, className="export-link brief-download",
                       download=job.get("file") or "")]
    if state == "failed":
        return [html.Span(t("exports.job.failed", lang, error=job.get("error") or "?"), className="failed")]
    step = job.get("step") or "queued"
    return [html.Progress(value=str(job.get("progress") or 0), max="100"),
            html.Span(t(f"exports.job.{step}", lang) if step in ("queued", "start", "figures", "tables", "pdf")
                      else t("exports.job.start", lang))]


def busy_view(busy: jobs.JobsBusy, lang: str) -> list:
    """What the status area shows when the export queue refuses a job (too many waiting)."""
    return [html.Span(t("exports.job.busy", lang, seconds=busy.retry_after), className="failed")]


def register_callbacks(app) -> None:
    """The callbacks of every export control, registered on `app` (as the shell's are: a module-level
    `dash.callback` would reach only the first app made in a process)."""
    # the links follow the URL's query (filters, language) without a round trip to the server
    app.clientside_callback(
        """
        function (search, linkIds, hrefs) {
            var query = (search || '').replace(/^\\?/, '');
            return hrefs.map(function (old, k) {
                var base = (old || '').split('?')[0];
                var parts = [query, linkIds[k].params].filter(function (p) { return p; });
                return base + (parts.length ? '?' + parts.join('&') : '');
            });
        }
        """,
        Output(link_id(ALL, ALL, ALL, URL_ONLY), "href"),
        Input(ids.URL, "search"),
        State(link_id(ALL, ALL, ALL, URL_ONLY), "id"),
        State(link_id(ALL, ALL, ALL, URL_ONLY), "href"),
    )

    @app.callback(Output({"type": BRIEF_JOB, "target": MATCH}, "data"),
                  Output({"type": BRIEF_POLL, "target": MATCH}, "disabled"),
                  Output({"type": BRIEF_STATUS, "target": MATCH}, "children"),
                  Output({"type": BRIEF_BUTTON, "target": MATCH}, "disabled"),
                  Input({"type": BRIEF_BUTTON, "target": MATCH}, "n_clicks"),
                  State({"type": BRIEF_BUTTON, "target": MATCH}, "id"),
                  State(ids.URL, "search"), prevent_initial_call=True)
    def start_brief(clicks, button_id, search):
        if not clicks:
            return no_update, no_update, no_update, no_update
        state = ViewState.from_query(search)
        try:
            work = brief_work(button_id["target"], state)
        except Exception as error:  # e.g. a saved view deleted meanwhile: safe, the user is told it failed
            log.warning("the brief of %s cannot be started: %s", button_id["target"], error)
            return None, True, progress_view({"state": "failed", "error": str(error)}, state.lang), False
        if work is None:
            return None, True, progress_view({"state": "failed", "error": button_id["target"]}, state.lang), False
        try:
            job_id = jobs.submit("brief", work, {"target": button_id["target"], "lang": state.lang})
        except jobs.JobsBusy as busy:  # bounded queue: told when to try again, the button stays usable
            return None, True, busy_view(busy, state.lang), False
        return {"id": job_id, "lang": state.lang}, False, progress_view(jobs.read(job_id), state.lang), True


    @app.callback(Output({"type": BRIEF_STATUS, "target": MATCH}, "children", allow_duplicate=True),
                  Output({"type": BRIEF_POLL, "target": MATCH}, "disabled", allow_duplicate=True),
                  Output({"type": BRIEF_BUTTON, "target": MATCH}, "disabled", allow_duplicate=True),
                  Input({"type": BRIEF_POLL, "target": MATCH}, "n_intervals"),
                  State({"type": BRIEF_JOB, "target": MATCH}, "data"), prevent_initial_call=True)
    def poll_brief(_ticks, job):
        if not job or not job.get("id"):
            return no_update, True, False
        state = jobs.read(job["id"])
        if state is None:
            return progress_view({"state": "failed", "error": "expired"}, job.get("lang", "en")), True, False
        finished = state.get("state") in ("done", "failed")
        return progress_view(state, job.get("lang", "en")), finished, not finished
