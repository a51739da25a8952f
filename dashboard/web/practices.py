"""The practice library and the partner search over HTTP (blueprint borderlinks_practices).

Read-only, public (published practices and requests only; unpublished ones are 404, as if absent):
    GET /api/v1/practices?q=туризм&sector=tourism&countries=RUS&space=SCO&bkm=50&popclass=small&from=2015
                                            ranked results with highlighted snippets (limit= 1..500, default
                                            50; offset=; count = all matches); format=json|csv|xlsx (every row)
    GET /api/v1/practices/<slug>            one practice with its places, transfers and links
    GET /api/v1/partner-requests            open requests (sector=, countries=); format=json|csv
    GET /api/v1/places/<id>/suggested-partners?emphasis=near|size|interests|balanced&space=&top=
                                            ranked suggestions, each with its score, reasons and the weights

Writes (signed-in editor + CSRF token, as every registry write; moderation needs an admin):
    POST /api/v1/practices                       a practice from the form's cells (status 'submitted')
    POST /api/v1/practices/import/preview        a CSV/XLSX file -> what would be added/updated/rejected
    POST /api/v1/practices/import/commit         the same file + the preview's digest -> written
                                                 (the preview-then-commit steps are web/uploads.py's)
    POST /api/v1/practices/<id>/moderate         {action: publish|request_changes|reject, note}
    POST /api/v1/partner-requests                a request (status 'submitted')
    POST /api/v1/partner-requests/<id>/moderate  as for practices
    GET  /api/v1/practices/moderation            what waits for moderation (signed-in users)
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import flask

from dashboard.auth import app_registry_engine, member_required, refuse, writer_required
from dashboard.charts import practices as library
from dashboard.registry import partners, practices
from dashboard.registry.gazetteer import gazetteer_for
from dashboard.registry.importing import ImportConflict, Rejection
from dashboard.spreadsheets import XLSX_MIME, xlsx_bytes
from dashboard.store import catalog as store_catalog
from dashboard.web.api_responses import STORE_MISSING, error_response, plain, refuse_invalid_filters, table_response
from dashboard.web.request_body import json_body, request_lang
from dashboard.web.uploads import commit_upload, preview_upload
from dashboard.web.urls import API_PREFIX

log = logging.getLogger(__name__)

BLUEPRINT = "borderlinks_practices"
FORMATS = ("json", "csv", "xlsx")
MAX_LIMIT = 500


def default_catalog():
    return store_catalog.load_catalog()


def _registry_url() -> str:
    return str(app_registry_engine().url.render_as_string(hide_password=False))


def _problems(error: practices.PracticeRejected, lang: str) -> list[dict]:
    return [Rejection(0, column, problem.code, problem.params).as_dict(lang) | {"row": None}
            for column, problem in error.problems]


def register_practices_api(server: flask.Flask, catalog_source: Callable[[], object] = default_catalog) -> None:
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=API_PREFIX)
    blueprint.before_request(refuse_invalid_filters(catalog_source))  # space, countries, from/to: 400 with why

    def catalog_or_error():
        try:
            return catalog_source(), None
        except Exception as exc:  # no store yet: the client gets a 503 saying why
            log.warning("%s: the data store is not available: %s", flask.request.path, exc)
            return None, error_response(503, f"The data store is not available ({exc}). {STORE_MISSING}")

    def args() -> dict:
        return {key: (values if len(values) > 1 else values[0]) for key, values in flask.request.args.lists()}

    # ---- reading ---------------------------------------------------------------------------------------------

    @blueprint.get("/practices")
    def practice_search():
        fmt = flask.request.args.get("format", "json").lower()
        if fmt not in FORMATS:
            return error_response(400, f"format must be one of {', '.join(FORMATS)}")
        catalog, error = catalog_or_error()
        if error:
            return error
        lang = request_lang()
        query = library.PracticeQuery.from_args(args(), catalog)
        try:
            limit = min(max(int(flask.request.args.get("limit", 50)), 1), MAX_LIMIT)
            offset = max(int(flask.request.args.get("offset", 0)), 0)
        except ValueError:
            return error_response(400, f"limit (1..{MAX_LIMIT}) and offset must be whole numbers")
        results = library.search(catalog, query, lang, _registry_url(), snippets=offset + limit)
        if fmt in ("csv", "xlsx"):
            table = library.results_table(catalog, results, lang, _registry_url())
            if fmt == "csv":
                return table_response(table, "csv", "practices", {})
            response = flask.Response(xlsx_bytes(table, "practices"), mimetype=XLSX_MIME)
            response.headers["Content-Disposition"] = 'attachment; filename="borderlinks-practices.xlsx"'
            return response
        cards = library.result_cards(catalog, results.iloc[offset:offset + limit], lang, _registry_url())
        return flask.jsonify({"q": query.text, "count": len(results), "offset": offset, "limit": limit,
                              "practices": cards})

    @blueprint.get("/practices/<slug>")
    def practice_one(slug: str):
        catalog, error = catalog_or_error()
        if error:
            return error
        lang = request_lang()
        try:
            detail = library.practice_detail(catalog, slug, lang, _registry_url())
        except KeyError:
            return error_response(404, f"no published practice {slug!r}")
        twinnings, activities = library.related_ties(catalog, detail, lang)
        return flask.jsonify({**library.practice_json(detail, lang),
                              "related_twinnings": [{k: plain(v) for k, v in r.items()}
                                                    for r in twinnings.to_dict("records")],
                              "related_activities": [{"activity_id": int(r["activity_id"]), "title": r["title"],
                                                      "start_date": str(r["start_date"])[:10]}
                                                     for r in activities.to_dict("records")]})

    @blueprint.get("/partner-requests")
    def partner_request_list():
        fmt = flask.request.args.get("format", "json").lower()
        if fmt not in ("json", "csv"):
            return error_response(400, "format must be json or csv")
        catalog, error = catalog_or_error()
        if error:
            return error
        countries = tuple(c for c in flask.request.args.get("countries", "").split(",") if c)
        frame = library.open_requests(catalog, request_lang(), _registry_url(),
                                      sector=flask.request.args.get("sector") or None, countries=countries)
        columns = ["request_id", "place_id", "place_name", "iso3", "description", "sectors", "countries", "space",
                   "max_border_km", "population_min", "population_max", "languages", "organisation", "contact",
                   "expires_on"]
        table = frame[columns].copy()
        table["expires_on"] = table["expires_on"].astype(str)
        return table_response(table, fmt, "partner_requests", {})

    @blueprint.get("/places/<int:place_id>/suggested-partners")
    def suggested_partners(place_id: int):
        catalog, error = catalog_or_error()
        if error:
            return error
        emphasis = flask.request.args.get("emphasis", "balanced")
        if emphasis not in library.EMPHASES:
            return error_response(400, f"emphasis must be one of {', '.join(library.EMPHASES)}")
        try:
            top = min(max(int(flask.request.args.get("top", 20)), 1), 100)
        except ValueError:
            return error_response(400, "top must be a number")
        try:
            table = library.suggestions(catalog, place_id, request_lang(), emphasis,
                                        flask.request.args.get("space") or None, top, _registry_url())
        except KeyError:
            return error_response(404, f"no place with the id {place_id}")
        records = [{key: plain(value) for key, value in row.items()} for row in table.to_dict("records")]
        return flask.jsonify({"place_id": place_id, "emphasis": emphasis,
                              "weights": library.emphasis_weights(emphasis), "count": len(records),
                              "suggestions": records})

    @blueprint.get("/practices/moderation")
    @member_required
    def moderation_queue(user):
        catalog, error = catalog_or_error()
        if error:
            return error
        lib = library.library(catalog, _registry_url())
        waiting = lib.practices[lib.practices["status"].isin(["submitted", "changes_requested"])]
        requests = partners.request_table(app_registry_engine(), include_unpublished=True, include_expired=True)
        requests = requests[requests["status"].isin(["submitted", "changes_requested"])]
        return flask.jsonify({
            "practices": [{k: plain(v) for k, v in r.items()} for r in waiting[
                ["practice_id", "slug", "title_en", "title_ru", "status", "created_by", "moderation_note"]
            ].to_dict("records")],
            "partner_requests": [{k: plain(v) for k, v in r.items()} for r in requests[
                ["request_id", "place_id", "description", "status", "created_by", "moderation_note"]
            ].to_dict("records")]})

    # ---- writing ---------------------------------------------------------------------------------------------

    def gazetteer_or_error():
        catalog, error = catalog_or_error()
        return (gazetteer_for(catalog), None) if catalog is not None else (None, error)

    @blueprint.post("/practices")
    @writer_required
    def practice_submit(user):
        gazetteer, error = gazetteer_or_error()
        if error:
            return error
        body = json_body()
        cells = {column: "; ".join(map(str, value)) if isinstance(value, list) else str(value or "")
                 for column, value in body.items() if column in practices.COLUMNS}
        try:
            practice_id = practices.submit_practice(app_registry_engine(), gazetteer, cells, user)
        except practices.PracticeRejected as rejected:
            return flask.jsonify({"saved": False, "problems": _problems(rejected, request_lang())}), 400
        return flask.jsonify({"saved": True, "practice_id": practice_id, "status": "submitted"})

    @blueprint.post("/practices/import/preview")
    @writer_required
    def practice_import_preview(user):
        def preview(data: bytes, name: str, gazetteer, lang: str) -> dict:
            read = practices.preview_practices(app_registry_engine(), data, name, gazetteer)
            return {**read.summary(), "rejected": [Rejection(row, column, problem.code, problem.params).as_dict(lang)
                                                   for row, column, problem in read.rejections]}

        return preview_upload(gazetteer_or_error, preview)

    @blueprint.post("/practices/import/commit")
    @writer_required
    def practice_import_commit(user):
        def commit(data: bytes, name: str, gazetteer, digest: str | None, lang: str) -> dict:
            read = practices.preview_practices(app_registry_engine(), data, name, gazetteer)
            if digest != read.digest:  # the practices' commit always needs the digest of this very file
                raise ImportConflict(read.digest)
            return practices.commit_practices(app_registry_engine(), read, user.name)

        return commit_upload(gazetteer_or_error, commit,
                             "The file is not the one previewed: preview it again before importing.")

    def _moderate(moderate_one, key: int, user):
        if user.role != "admin":
            return refuse(403, f"The account {user.name} ({user.role}) may not moderate: an admin publishes.")
        body = json_body()
        try:
            status = moderate_one(app_registry_engine(), key, str(body.get("action", "")), user, body.get("note"))
        except practices.PracticeNotFound:
            return error_response(404, f"nothing with the id {key}")
        except practices.NotAllowed as refused_step:
            return refuse(400, str(refused_step))
        return flask.jsonify({"status": status})

    @blueprint.post("/practices/<int:practice_id>/moderate")
    @writer_required
    def practice_moderate(user, practice_id: int):
        return _moderate(practices.moderate_practice, practice_id, user)

    @blueprint.post("/partner-requests")
    @writer_required
    def request_submit(user):
        gazetteer, error = gazetteer_or_error()
        if error:
            return error
        body = json_body()
        cells = {key: "; ".join(map(str, value)) if isinstance(value, list) else ("" if value is None else str(value))
                 for key, value in body.items()}
        try:
            request_id = partners.submit_request(app_registry_engine(), gazetteer, cells, user)
        except practices.PracticeRejected as rejected:
            return flask.jsonify({"saved": False, "problems": _problems(rejected, request_lang())}), 400
        return flask.jsonify({"saved": True, "request_id": request_id, "status": "submitted"})

    @blueprint.post("/partner-requests/<int:request_id>/moderate")
    @writer_required
    def request_moderate(user, request_id: int):
        return _moderate(partners.moderate_request, request_id, user)

    server.register_blueprint(blueprint)


__all__ = ["register_practices_api"]
