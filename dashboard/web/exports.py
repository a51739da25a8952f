"""File exports over HTTP: charts and maps as PNG / SVG / PDF, and the PDF briefs' jobs.

    GET /export/<chart>.<png|svg|pdf>?<view query>[&iso3=|&id=|&top=]
        a chart (a presenter of dashboard.charts) in the state of the query (the page URL's keys),
        decorated with its title, the filters, its legend and a source line; 1600 x 900 px, an attachment
    GET /export/jobs/<job id>            a background export's state (JSON: state, progress, step, file)
    GET /export/jobs/<job id>/file       its file once done (the PDF brief)

Briefs are started from the pages (a Dash callback calls dashboard.exports.jobs.submit). Register the routes
with `register_export_api(app.server)` (idempotent).
"""

from __future__ import annotations

import logging

import flask

from dashboard import charts
from dashboard.exports import figure_export, jobs
from dashboard.state import ViewState
from dashboard.store import catalog as store_catalog
from dashboard.web.api_responses import STORE_MISSING, error_response
from dashboard.web.urls import EXPORT_PREFIX

log = logging.getLogger(__name__)

BLUEPRINT = "borderlinks_exports"
EXTRA_ARGS = ("iso3", "id", "top")


def register_export_api(server: flask.Flask) -> None:
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=EXPORT_PREFIX)

    @blueprint.get("/<name>.<fmt>")
    def figure_file(name: str, fmt: str):
        try:
            presenter = charts.get(name)
        except charts.UnknownChart as exc:
            return error_response(404, str(exc))
        formats = [f for f in presenter.formats if f in figure_export.IMAGE_FORMATS]
        if fmt not in formats:
            return error_response(404, f"{name} exports as {', '.join(formats) or 'no image'}")
        try:
            catalog = store_catalog.load_catalog()
        except Exception as exc:  # no store yet, or an unreadable one: the client gets a 503 saying why
            log.warning("%s: the data store is not available: %s", flask.request.path, exc)
            return error_response(503, f"The data store is not available ({exc}). {STORE_MISSING}")
        state = ViewState.from_query(flask.request.query_string.decode("utf-8", "replace"))
        args = {key: flask.request.args[key] for key in EXTRA_ARGS if key in flask.request.args}
        try:
            body = figure_export.image_bytes(name, fmt, state, args, catalog)
        except charts.UnknownChart as exc:
            return error_response(404, str(exc))
        except charts.ChartUnavailable as exc:
            return error_response(503, f"{exc}. {STORE_MISSING}")
        except TimeoutError as exc:
            return error_response(503, str(exc))
        response = flask.Response(body, mimetype=figure_export.MIME[fmt])
        response.headers["Content-Disposition"] = f'attachment; filename="{figure_export.file_name(name, fmt, args)}"'
        response.headers["Cache-Control"] = "no-store"
        return response

    @blueprint.get("/jobs/<job_id>")
    def job_state(job_id: str):
        state = jobs.read(job_id)
        if state is None:
            return error_response(404, "no such export (it may have expired)")
        return flask.jsonify({key: state.get(key) for key in ("id", "kind", "state", "progress", "step", "file",
                                                               "size", "error")})

    @blueprint.get("/jobs/<job_id>/file")
    def job_file(job_id: str):
        path = jobs.result_path(job_id)
        if path is None:
            return error_response(404, "no finished export with this id")
        return flask.send_file(path, mimetype="application/pdf" if path.suffix == ".pdf" else None,
                               as_attachment=True, download_name=path.name, max_age=0)

    server.register_blueprint(blueprint)
