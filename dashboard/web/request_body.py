"""What the write routes (web/registry.py, web/views.py) read from a request besides its file: the JSON
object and the language its messages are asked in."""

from __future__ import annotations

import flask

from dashboard.i18n import language_or_default


def json_body() -> dict:
    """The request's JSON object ({} when there is none or it is not an object)."""
    body = flask.request.get_json(silent=True) if flask.request.is_json else None
    return body if isinstance(body, dict) else {}


def request_lang() -> str:
    """The language asked for in the query or the JSON body, else the default."""
    return language_or_default(flask.request.args.get("lang") or json_body().get("lang"))
