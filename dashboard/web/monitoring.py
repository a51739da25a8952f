"""Monitoring between meetings over HTTP: the key figures and ties of a space (read-only) and the action
plans' writes.

    GET  /api/v1/monitoring/ties?countries=RUS,BLR&from=2023-01-01&to=2025-12-31[&dormant=3][&format=csv]
         {summary: the report's numbers, ties: one row per tie with its state and reason}    public
    GET  /api/v1/monitoring/meetings?countries=RUS,BLR                                    public
    POST /api/v1/monitoring/plans/preview     file -> the items it holds or each bad row's reasons (writes nothing)
    POST /api/v1/monitoring/plans             file + plan title, adopted by/on, countries + the preview's digest
    POST /api/v1/monitoring/plan-items/<id>   corrected item: the fields named (text, sector, responsible,
                                              places, countries, due_from, due_to, indicator, target)
    POST /api/v1/monitoring/plan-items/<id>/link     {activity_id, unlink?}: link an activity as a fact

Every POST needs a signed-in editor or admin and the session's CSRF token (dashboard.auth), as the
registry's routes do; a file comes as JSON {file_name, content_base64} or multipart field `file` (the
preview-then-commit steps are web/uploads.py's, shared with the registry's and the practices' imports).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import flask

from dashboard.auth import app_registry_engine, refuse, writer_required
from dashboard.charts.monitoring import BadArguments, monitoring_data, ties_table
from dashboard.registry.database import bump_version
from dashboard.registry.gazetteer import gazetteer_for
from dashboard.registry.meetings import meetings_frame, meetings_of, seed_meetings
from dashboard.registry.plan_import import commit_plan, preview_plan
from dashboard.registry.plans import Plan, PlanItem, link_activity, read_item, unlink_activity, update_item
from dashboard.registry.records import NotFound
from dashboard.store import catalog as store_catalog
from dashboard.web.api_responses import STORE_MISSING, error_response
from dashboard.web.request_body import json_body, request_lang
from dashboard.web.uploads import commit_upload, preview_upload
from dashboard.web.urls import API_PREFIX

log = logging.getLogger(__name__)

BLUEPRINT = "borderlinks_monitoring"
PREFIX = f"{API_PREFIX}/monitoring"
QUERY_KEYS = ("countries", "regions", "place", "from", "to", "dormant")
ITEM_FIELDS = ("text", "sector", "responsible", "places", "countries", "due_from", "due_to", "indicator", "target")


def default_catalog():
    return store_catalog.load_catalog()  # looked up per call: tests put a fake catalogue in its place


def _date(value) -> dt.date | None:
    text = str(value or "").strip()
    return dt.date.fromisoformat(text) if text else None


def register_monitoring_api(server: flask.Flask, catalog_source: Callable[[], object] = default_catalog) -> None:
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=PREFIX)

    def catalog_or_error():
        try:
            return catalog_source(), None
        except Exception as exc:  # no store yet, or an unreadable one: the client gets a 503 saying why
            log.warning("%s: the data store is not available: %s", flask.request.path, exc)
            return None, error_response(503, f"The data store is not available ({exc}). {STORE_MISSING}")

    @blueprint.get("/ties")
    def ties():
        catalog, error = catalog_or_error()
        if error:
            return error
        args = {key: flask.request.args[key] for key in QUERY_KEYS if key in flask.request.args}
        lang = request_lang()
        try:
            data = monitoring_data(catalog, args)
        except BadArguments as exc:
            return error_response(400, str(exc))
        table = ties_table(data, catalog, lang).drop(columns=["lon_a", "lat_a", "lon_b", "lat_b"])
        if flask.request.args.get("format") == "csv":
            response = flask.Response(table.to_csv(index=False), mimetype="text/csv; charset=utf-8")
            response.headers["Content-Disposition"] = 'attachment; filename="borderlinks-ties.csv"'
            return response
        return flask.jsonify({"summary": data.summary(), "ties": table.to_dict("records")})

    @blueprint.get("/meetings")
    def meetings():
        engine = app_registry_engine()
        seed_meetings(engine)
        frame = meetings_frame(engine)
        countries = tuple(c.strip().upper() for c in flask.request.args.get("countries", "").split(",") if c.strip())
        chosen = meetings_of(frame, countries) if countries else frame
        rows = chosen.assign(start_date=chosen["start_date"].dt.date.astype(str),
                             end_date=chosen["end_date"].dt.date.astype(str),
                             countries=[list(c) for c in chosen["countries"]])
        return flask.jsonify({"meetings": rows.astype(object).where(rows.notna(), None).to_dict("records")})

    def gazetteer_or_error():
        catalog, error = catalog_or_error()
        return (None, error) if error else (gazetteer_for(catalog), None)

    @blueprint.post("/plans/preview")
    @writer_required
    def plan_preview(user):
        return preview_upload(gazetteer_or_error,
                              lambda data, name, gazetteer, lang: preview_plan(data, name, gazetteer).summary(lang))

    @blueprint.post("/plans")
    @writer_required
    def plan_commit(user):
        body = json_body()

        def commit(data: bytes, name: str, gazetteer, digest: str | None, lang: str) -> dict | flask.Response:
            try:
                countries = body.get("countries") or []
                countries = countries.split(",") if isinstance(countries, str) else countries
                plan = Plan(title=str(body.get("title") or "").strip(), countries=tuple(countries),
                            adopted_by=str(body.get("adopted_by") or "").strip() or None,
                            adopted_on=_date(body.get("adopted_on")), source_url=body.get("source_url") or None,
                            source_document=name)
            except ValueError as exc:
                return refuse(400, f"The plan is not complete: {exc}.")
            return {"plan_id": commit_plan(app_registry_engine(), data, name, gazetteer, plan, user=user.name,
                                           expected_digest=digest)}

        return commit_upload(gazetteer_or_error, commit, "The file changed since the preview: check it again.")

    @blueprint.post("/plan-items/<int:item_id>")
    @writer_required
    def item_update(user, item_id: int):
        """Correct an item: the fields the body names change, the others stay as they are."""
        body = json_body()
        engine = app_registry_engine()
        try:
            with engine.begin() as connection:
                old = read_item(connection, item_id)
                fields = {name: getattr(old, name) for name in ITEM_FIELDS}
                for name in ITEM_FIELDS:
                    if name not in body:
                        continue
                    value = body[name]
                    if name in ("due_from", "due_to"):
                        value = _date(value)
                    elif name == "target":
                        value = int(str(value)) if value not in (None, "") else None
                    elif name in ("countries", "places"):
                        value = tuple(value or ())
                    else:
                        value = str(value).strip() if value not in (None, "") else None
                    fields[name] = value
                item = PlanItem(**{**fields, "text": fields["text"] or ""})
                changed = update_item(connection, item_id, item, user.name)
                if changed:
                    bump_version(connection)
        except NotFound:
            return refuse(404, f"No plan item {item_id}.")
        except (ValueError, TypeError) as exc:
            return refuse(400, f"The item is not valid: {exc}.")
        return flask.jsonify({"item_id": item_id, "changed": changed})

    @blueprint.post("/plan-items/<int:item_id>/link")
    @writer_required
    def item_link(user, item_id: int):
        body = json_body()
        try:
            activity_id = int(str(body.get("activity_id")))
        except (TypeError, ValueError):
            return refuse(400, "Send the activity_id to link.")
        engine = app_registry_engine()
        try:
            with engine.begin() as connection:
                if body.get("unlink"):
                    changed = unlink_activity(connection, item_id, activity_id, user.name)
                else:
                    changed = link_activity(connection, item_id, activity_id, user.name)
                if changed:
                    bump_version(connection)
        except NotFound as exc:
            return refuse(404, f"No plan item or activity {exc}.")
        return flask.jsonify({"item_id": item_id, "activity_id": activity_id, "changed": changed})

    server.register_blueprint(blueprint)
