"""What the registry's routes (web/registry.py, web/views.py) read from a request besides its file: the JSON
object, the language its messages are asked in, and whole-number query arguments (`count_argument`)."""

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


class BadArgument(ValueError):
    """A query argument that is not what the route takes (answered 400 with this message)."""


def count_argument(name: str, default: int, cap: int) -> int:
    """The query argument `name` as a whole number from 1 to `cap` (`default` when absent); anything else
    (text, 0, negative, above the cap) raises BadArgument."""
    raw = flask.request.args.get(name)
    if raw is None or raw.strip() == "":
        return default
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= cap:
        raise BadArgument(f"{name} must be a whole number from 1 to {cap}, not {raw[:20]!r}")
    return int(text)
