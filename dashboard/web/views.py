"""Saved views over HTTP (dashboard.registry.saved_views): a JSON listing, the shareable address, and writes.

    GET  /api/v1/views                  every saved view, grouped by story in order (JSON)        public
    GET  /api/v1/views/<slug>           one saved view (JSON)                                        public
    GET  /views/<slug>                  302 to the view's page in its state (the address to share)    public
    POST /api/v1/views                  JSON {title, description, path, query, story, position, notes}
    POST /api/v1/views/<slug>           the same keys (those given are changed)
    POST /api/v1/views/<slug>/move      JSON {"step": -1 | 1}: earlier / later in its story
    POST /api/v1/views/<slug>/delete

Writes need a signed-in editor or admin and the session's CSRF token (dashboard.auth.writer_required):
anyone else gets 403 and nothing is written. A rejected value answers {"saved": false, "problems":
[{"field", "code", "message"}]} in the request's `lang`.
"""

from __future__ import annotations

import flask

from dashboard.auth import app_registry_engine, refuse, writer_required
from dashboard.i18n import t
from dashboard.registry import saved_views
from dashboard.registry.records import NotFound
from dashboard.web.request_body import json_body, request_lang
from dashboard.web.urls import VIEWS_PREFIX

BLUEPRINT = "borderlinks_views_api"


def problems_of(error: saved_views.ViewRejected, lang: str) -> list[dict]:
    return [{"field": field, "code": code, "message": t(f"views.problem.{code}", lang,
                                                          field=t(f"views.field.{field}", lang))}
            for field, code in error.problems]


def listing(engine) -> dict:
    views = saved_views.list_views(engine)
    return {"views": [view.as_dict() for view in views],
            "stories": [{"story": story, "slugs": [view.slug for view in members]}
                        for story, members in saved_views.stories(views) if story is not None]}


def register_views_api(server: flask.Flask) -> None:
    """Add the saved views' routes to `server`; a second call does nothing. Writes need the sign-in
    (web/auth.py `register_auth`) on the same server."""
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__)

    @blueprint.get(VIEWS_PREFIX)
    def all_views():
        return flask.jsonify(listing(app_registry_engine()))

    @blueprint.get(f"{VIEWS_PREFIX}/<slug>")
    def one_view(slug: str):
        try:
            return flask.jsonify(saved_views.get_view(app_registry_engine(), slug).as_dict())
        except NotFound:
            return refuse(404, f"No saved view {slug!r}.")

    @blueprint.get("/views/<slug>")
    def open_view(slug: str):
        """The shareable address: the page in the saved state (same app root as this request)."""
        try:
            view = saved_views.get_view(app_registry_engine(), slug)
        except NotFound:
            return flask.redirect(flask.request.script_root + "/views?missing=" + slug[:64], code=302)
        return flask.redirect(flask.request.script_root + view.href, code=302)

    @blueprint.post(VIEWS_PREFIX)
    @writer_required
    def create(user):
        try:
            view = saved_views.create_view(app_registry_engine(), json_body(), user.name)
        except saved_views.ViewRejected as rejected:
            return flask.jsonify({"saved": False, "problems": problems_of(rejected, request_lang())})
        return flask.jsonify({"saved": True, "view": view.as_dict()})

    @blueprint.post(f"{VIEWS_PREFIX}/<slug>")
    @writer_required
    def change(user, slug: str):
        try:
            view, changes = saved_views.update_view(app_registry_engine(), slug, json_body(), user.name)
        except saved_views.ViewRejected as rejected:
            return flask.jsonify({"saved": False, "problems": problems_of(rejected, request_lang())})
        except NotFound:
            return refuse(404, f"No saved view {slug!r}.")
        return flask.jsonify({"saved": True, "view": view.as_dict(), "changed": sorted(changes)})

    @blueprint.post(f"{VIEWS_PREFIX}/<slug>/move")
    @writer_required
    def move(user, slug: str):
        step = json_body().get("step")
        if step not in (-1, 1):
            return refuse(400, 'Send {"step": -1} or {"step": 1}.')
        try:
            view = saved_views.move_view(app_registry_engine(), slug, step, user.name)
        except NotFound:
            return refuse(404, f"No saved view {slug!r}.")
        return flask.jsonify({"saved": True, "view": view.as_dict()})

    @blueprint.post(f"{VIEWS_PREFIX}/<slug>/delete")
    @writer_required
    def remove(user, slug: str):
        try:
            view = saved_views.delete_view(app_registry_engine(), slug, user.name)
        except NotFound:
            return refuse(404, f"No saved view {slug!r}.")
        return flask.jsonify({"deleted": True, "slug": view.slug})

    server.register_blueprint(blueprint)
