"""The registry's HTTP endpoints under /api/v1/registry/: the only way the web UI writes.

    POST /import/preview                 file -> what importing it would do (writes nothing)
    POST /import/commit                  file + the preview's digest -> import in one transaction
    POST /activities                     form cells -> a new activity (with sector, status and, as
                                         `plan_items`, the action-plan items it is a fact of)
    POST /activities/<id>                form cells -> corrected activity
    POST /activities/<id>/withdraw       hide it (nothing is deleted)   .../restore  show it again
    POST /twinnings                      record a twinning's status, year signed, source
    GET  /activities/<id>                one activity (for the correction form)         public
    GET  /template.csv|.xlsx?lang=ru     the import template                            public
    GET  /imports, /audit ?limit=N       the import log and the audit trail (N 1..500 / 1..2000, else 400)
                                                                                    signed-in users

Every POST needs a signed-in editor or admin and the session's CSRF token (dashboard.auth, sign-in in web/auth.py): anyone
else gets 403 and nothing is written. A file comes as multipart form data (field `file`) or as JSON
{"file_name", "content_base64"} (what the page's upload sends); `lang` (en/ru) picks the messages. The import's
preview-then-commit steps are web/uploads.py's, shared with the action-plan and practice imports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import flask

from dashboard.auth import app_registry_engine, member_required, refuse, writer_required
from dashboard.registry import service
from dashboard.registry.database import bump_version
from dashboard.registry.gazetteer import gazetteer_for
from dashboard.registry.importing import (
    FIELD_COLUMNS,
    Rejection,
    commit_import,
    import_log,
    preview_import,
)
from dashboard.registry.plans import set_activity_items
from dashboard.registry.records import NotFound
from dashboard.registry.templates import template_csv, template_xlsx
from dashboard.registry.vocabulary import COLUMNS
from dashboard.store import catalog as store_catalog
from dashboard.web.request_body import BadArgument, count_argument, json_body, request_lang
from dashboard.web.uploads import commit_upload, preview_upload
from dashboard.web.urls import REGISTRY_PREFIX

log = logging.getLogger(__name__)

BLUEPRINT = "borderlinks_registry_api"


def default_catalog():
    return store_catalog.load_catalog()  # looked up per call: tests put a fake catalogue in its place


def _cells(body: dict) -> dict[str, str]:
    """The form's values as import cells (lists joined with ';')."""
    cells = {}
    for column in (*COLUMNS, *FIELD_COLUMNS):  # sector and status have fields of their own (issue 17)
        value = body.get(column)
        if isinstance(value, (list, tuple)):
            value = "; ".join(str(v) for v in value if v not in (None, ""))
        cells[column] = "" if value is None else str(value)
    return cells


def _problems(error: service.EntryRejected, lang: str) -> list[dict]:
    return [Rejection(0, column, problem.code, problem.params).as_dict(lang) | {"row": None}
            for column, problem in error.problems]


def register_registry_api(server: flask.Flask, catalog_source: Callable[[], object] = default_catalog) -> None:
    """Add the registry's routes to `server`; a second call does nothing. They need the sign-in
    (web/auth.py `register_auth`) on the same server."""
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=REGISTRY_PREFIX)

    def gazetteer_or_error():
        try:
            return gazetteer_for(catalog_source()), None
        except Exception as exc:  # no store yet: the client gets a 503 saying why
            log.warning("%s: the data store is not available: %s", flask.request.path, exc)
            return None, refuse(503, f"The data store is not available ({exc}). "
                                     "Build it with `python -m dashboard build`.")

    # ---- import ------------------------------------------------------------------------------------

    @blueprint.post("/import/preview")
    @writer_required
    def import_preview(user):
        return preview_upload(gazetteer_or_error, lambda data, name, gazetteer, lang: preview_import(
            app_registry_engine(), data, name, gazetteer).summary(lang))

    @blueprint.post("/import/commit")
    @writer_required
    def import_commit(user):
        skip = bool(json_body().get("skip_rejected") or flask.request.form.get("skip_rejected"))

        def commit(data: bytes, name: str, gazetteer, digest: str | None, lang: str) -> dict:
            result = commit_import(app_registry_engine(), data, name, gazetteer, user=user.name,
                                   expected_digest=digest, skip_rejected=skip, origin="web")
            return {"import_id": result.import_id, "counts": result.counts}

        return commit_upload(gazetteer_or_error, commit,
                             "The registry changed since the preview: preview the file again.")

    # ---- entry and correction -------------------------------------------------------------------------

    @blueprint.post("/activities")
    @writer_required
    def create_activity(user):
        return _save(user, None)

    @blueprint.post("/activities/<int:activity_id>")
    @writer_required
    def correct_activity(user, activity_id: int):
        return _save(user, activity_id)

    def _save(user, activity_id):
        gazetteer, error = gazetteer_or_error()
        if error:
            return error
        lang = request_lang()
        try:
            saved, changes = service.save_activity(app_registry_engine(), gazetteer, _cells(json_body()), user.name, activity_id)
        except service.EntryRejected as rejected:
            return flask.jsonify({"saved": False, "problems": _problems(rejected, lang)})
        except NotFound:
            return refuse(404, f"No activity {activity_id}.")
        body = json_body()
        if isinstance(body.get("plan_items"), list):  # the action-plan items this activity is a fact of
            try:
                with app_registry_engine().begin() as connection:
                    if set_activity_items(connection, saved, body["plan_items"], user.name):
                        bump_version(connection)
                        changes = {**changes, "plan_items": None}
            except (NotFound, ValueError, TypeError):
                return refuse(400, "plan_items: send the ids of existing plan items.")
        return flask.jsonify({"saved": True, "activity_id": saved, "changed": sorted(changes)})

    @blueprint.post("/activities/<int:activity_id>/withdraw")
    @writer_required
    def withdraw(user, activity_id: int):
        return _withdraw(user, activity_id, True)

    @blueprint.post("/activities/<int:activity_id>/restore")
    @writer_required
    def restore(user, activity_id: int):
        return _withdraw(user, activity_id, False)

    def _withdraw(user, activity_id, withdrawn):
        try:
            changed = service.withdraw_activity(app_registry_engine(), activity_id, user.name, withdrawn)
        except NotFound:
            return refuse(404, f"No activity {activity_id}.")
        return flask.jsonify({"activity_id": activity_id, "withdrawn": withdrawn, "changed": changed})

    @blueprint.post("/twinnings")
    @writer_required
    def record_twinning(user):
        gazetteer, error = gazetteer_or_error()
        if error:
            return error
        body, lang = json_body(), request_lang()
        try:
            changes = service.save_twinning_record(
                app_registry_engine(), gazetteer, body.get("place_a"), body.get("place_b"), str(body.get("status") or ""),
                user.name, body.get("year_signed"), body.get("source_url"), body.get("notes"),
                signed=body.get("signed"), status_changed=body.get("status_changed"),
                status_source=body.get("status_source"), sources=body.get("sources") or ())
        except service.EntryRejected as rejected:
            return flask.jsonify({"saved": False, "problems": _problems(rejected, lang)})
        return flask.jsonify({"saved": True, "changed": sorted(changes)})

    # ---- reading ----------------------------------------------------------------------------------------

    @blueprint.get("/activities/<int:activity_id>")
    def activity(activity_id: int):
        try:
            return flask.jsonify(service.activity_record(app_registry_engine(), activity_id))
        except NotFound:
            return refuse(404, f"No activity {activity_id}.")

    @blueprint.get("/template.<fmt>")
    def template(fmt: str):
        lang = "ru" if flask.request.args.get("lang") == "ru" else "en"
        if fmt == "csv":
            response = flask.Response(template_csv(lang), mimetype="text/csv")
        elif fmt == "xlsx":
            response = flask.Response(template_xlsx(lang), mimetype="application/vnd.openxmlformats-"
                                                                   "officedocument.spreadsheetml.sheet")
        else:
            return refuse(404, "template.csv or template.xlsx")
        response.headers["Content-Disposition"] = f'attachment; filename="borderlinks-activities-{lang}.{fmt}"'
        return response

    @blueprint.get("/imports")
    @member_required
    def imports(user):
        rows = import_log(app_registry_engine(), limit=count_argument("limit", 50, 500))
        return flask.jsonify({"imports": [{k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                           for k, v in row.items()} for row in rows]})

    @blueprint.get("/audit")
    @member_required
    def audit(user):
        rows = service.audit_trail(app_registry_engine(), limit=count_argument("limit", 200, 2000),
                                   entity=flask.request.args.get("entity"),
                                   entity_key=flask.request.args.get("key"))
        return flask.jsonify({"audit": [{k: (v.isoformat() if hasattr(v, "isoformat") else v)
                                         for k, v in row.items()} for row in rows]})

    @blueprint.errorhandler(BadArgument)
    def bad_argument(error: BadArgument):
        return refuse(400, str(error))

    server.register_blueprint(blueprint)
