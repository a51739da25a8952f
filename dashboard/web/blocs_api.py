"""The blocs and their members as of a day, read-only JSON (issue 14):

    GET /api/v1/blocs                                   the blocs, names in three languages, today's counts
    GET /api/v1/blocs/<BLOC>/members?on=YYYY-MM-DD      ISO3, status, since, until, source of each member
                                                        (and partner-like status) on that day (default today);
                                                        status=member,partner narrows the statuses

A bad bloc is a 404, a bad day or status a 400, each with the reason. Register with `register_blocs_api`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

import flask
from sqlalchemy.exc import SQLAlchemyError

from dashboard.i18n import LANGUAGES, t
from dashboard.store import catalog as store_catalog
from dashboard.store.blocs import BLOCS, DEFAULT_STATUSES, STATUSES, members_on
from dashboard.store.catalog import StoreMissing
from dashboard.web.api_responses import STORE_MISSING, error_response, plain
from dashboard.web.urls import API_PREFIX

log = logging.getLogger(__name__)

BLUEPRINT = "borderlinks_api_v1_blocs"


def default_catalog():
    return store_catalog.load_catalog()


def bloc_json(memberships, bloc: str, on_date: dt.date) -> dict:
    """A bloc's code, names and full names in every language, and how many countries it counts on the day."""
    members = members_on(memberships, bloc, on_date)
    return {
        "bloc": bloc,
        "name": {lang: t(f"org.{bloc}", lang) for lang in LANGUAGES},
        "full_name": {lang: t(f"bloc.full.{bloc}", lang) for lang in LANGUAGES},
        "members": int((members["status"] == "member").sum()),
        "members_and_partners": len(members),
    }


def member_rows(memberships, bloc: str, on_date: dt.date, statuses: tuple[str, ...]) -> list[dict]:
    rows = members_on(memberships, bloc, on_date, statuses)
    return [{"iso3": row.iso3, "status": row.status, "since": plain(row.since), "until": plain(row.until),
             "source": row.source} for row in rows.itertuples(index=False)]


def day_argument(text: str | None) -> dt.date:
    """The `on` argument as a day (today when absent); ValueError saying what is expected."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"on must be a date YYYY-MM-DD, found {text[:40]!r}") from None


def register_blocs_api(server: flask.Flask, catalog_source: Callable[[], object] = default_catalog) -> None:
    """Add the /api/v1/blocs routes to `server`; a second call does nothing."""
    if BLUEPRINT in server.blueprints:
        return
    blueprint = flask.Blueprint(BLUEPRINT, __name__, url_prefix=API_PREFIX)

    def memberships_or_error():
        try:
            return catalog_source().memberships, None
        except (StoreMissing, SQLAlchemyError, OSError) as exc:  # no store, or an unreadable one: 503
            log.warning("%s: the data store is not available: %s", flask.request.path, exc)
            return None, error_response(503, f"The data store is not available ({exc}). {STORE_MISSING}")

    @blueprint.get("/blocs")
    def blocs():
        try:
            on_date = day_argument(flask.request.args.get("on"))
        except ValueError as exc:
            return error_response(400, str(exc))
        memberships, error = memberships_or_error()
        if error:
            return error
        return flask.jsonify({"on": on_date.isoformat(), "statuses": list(STATUSES),
                              "blocs": [bloc_json(memberships, bloc, on_date) for bloc in BLOCS]})

    @blueprint.get("/blocs/<bloc>/members")
    def members(bloc: str):
        if bloc.upper() not in BLOCS:
            return error_response(404, f"no bloc {bloc[:40]!r}: {', '.join(BLOCS)}")
        try:
            on_date = day_argument(flask.request.args.get("on"))
        except ValueError as exc:
            return error_response(400, str(exc))
        wanted = tuple(s for s in flask.request.args.get("status", "").split(",") if s) or DEFAULT_STATUSES
        unknown = [s for s in wanted if s not in STATUSES]
        if unknown:
            return error_response(400, f"status must be among {', '.join(STATUSES)}; found {unknown[0][:40]!r}")
        memberships, error = memberships_or_error()
        if error:
            return error
        rows = member_rows(memberships, bloc.upper(), on_date, wanted)
        return flask.jsonify({"bloc": bloc.upper(), "on": on_date.isoformat(), "statuses": list(wanted),
                              "count": len(rows), "members": rows})

    server.register_blueprint(blueprint)
