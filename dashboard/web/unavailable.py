"""The only page of a server that cannot start (dashboard.startup_checks found a damaged or locked database):
every path answers 503 with the problems as plain paragraphs, so a browser shows what to fix, not a traceback.
"""

from __future__ import annotations

import html
import re

import flask


def error_page(problems: list[str]) -> str:
    paragraphs = "\n".join("<p>" + re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(problem)) + "</p>"
                           for problem in problems)
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Borderlinks cannot start"
            "</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:4rem auto;"
            "padding:0 1rem;color:#222}h1{font-size:1.4rem}"
            "code{background:#f2f2f2;padding:0 .25em;border-radius:3px}</style></head><body>"
            f"<h1>Borderlinks cannot start</h1>\n{paragraphs}\n</body></html>")


def error_server(problems: list[str]) -> flask.Flask:
    """A server whose every answer is the problems as a plain page (503: try again once fixed)."""
    server = flask.Flask("borderlinks-error")
    page = error_page(problems)

    @server.route("/", defaults={"path": ""})
    @server.route("/<path:path>")
    def _explain(path):
        return flask.Response(page, status=503, mimetype="text/html")

    return server
