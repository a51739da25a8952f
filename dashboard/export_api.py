"""File exports over HTTP: charts and maps as PNG / SVG, and the PDF briefs' jobs.

    GET /export/<figure>.<png|svg>?<view query>[&iso3=|&id=|&top=]
        a named figure (dashboard.exports.figures.FIGURES) in the state of the query (the page URL's keys),
        decorated with its title, the filters, its legend and a source line; 1600 x 900 px, an attachment
    GET /export/jobs/<job id>            a background export's state (JSON: state, progress, step, file)
    GET /export/jobs/<job id>/file       its file once done (the PDF brief)

Briefs are started from the pages (a Dash callback calls dashboard.exports.jobs.submit). Register the routes
with `register_export_api(app.server)` (idempotent).
"""

from __future__ import annotations

import flask

from dashboard.state import ViewState

BLUEPRINT = "borderlinks_exports"
EXPORT_PREFIX = "/export"
EXTRA_ARGS = ("iso3", "id", "top")


def _error(status: int, message: str) -> flask.Response:
    response = flask.jsonify({"error": message})
    response.status_code = status
    return response


def register_export_api(server: flask.Flask) -> None:
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=EXPORT_PREFIX)

    @blueprint.get("/<name>.<fmt>")
    def figure_file(name: str, fmt: str):
        from dashboard.exports import figure_export, figures
        from dashboard.exports.render import FORMATS
        if fmt not in FORMATS:
            return _error(404, f"format must be one of {', '.join(FORMATS)}")
        if name not in figures.FIGURES:
            return _error(404, f"no figure {name!r}: {', '.join(sorted(figures.FIGURES))}")
        try:
            from dashboard.store.catalog import load_catalog
            catalog = load_catalog()
        except Exception as exc:
            return _error(503, f"The data store is not available ({exc}). Build it with `python -m dashboard build`.")
        state = ViewState.from_query(flask.request.query_string.decode("utf-8", "replace"))
        args = {key: flask.request.args[key] for key in EXTRA_ARGS if key in flask.request.args}
        try:
            body = figure_export.image_bytes(name, fmt, state, args, catalog)
        except figures.UnknownFigure as exc:
            return _error(404, str(exc).strip("'\""))
        except TimeoutError as exc:
            return _error(503, str(exc))
        response = flask.Response(body, mimetype=figure_export.MIME[fmt])
        response.headers["Content-Disposition"] = f'attachment; filename="{figure_export.file_name(name, fmt, args)}"'
        response.headers["Cache-Control"] = "no-store"
        return response

    @blueprint.get("/jobs/<job_id>")
    def job_state(job_id: str):
        from dashboard.exports import jobs
        state = jobs.read(job_id)
        if state is None:
            return _error(404, "no such export (it may have expired)")
        return flask.jsonify({key: state.get(key) for key in ("id", "kind", "state", "progress", "step", "file",
                                                               "size", "error")})

    @blueprint.get("/jobs/<job_id>/file")
    def job_file(job_id: str):
        from dashboard.exports import jobs
        path = jobs.result_path(job_id)
        if path is None:
            return _error(404, "no finished export with this id")
        return flask.send_file(path, mimetype="application/pdf" if path.suffix == ".pdf" else None,
                               as_attachment=True, download_name=path.name, max_age=0)

    server.register_blueprint(blueprint)
