"""Preview, then commit: the one flow of every file upload that writes to the registry (the activities import in
web/registry.py, the action-plan import in web/monitoring.py, the practices import in web/practices.py).

    preview  POST file                     -> {"refused": false, ...what writing it would do}; nothing is written
    commit   POST file + the preview's digest -> {"refused": false, "committed": true, ...}
    a file that cannot be read as a table  -> {"refused": true, "committed": false, "code", "message"} (200)
    a file or registry changed since the preview (ImportConflict) -> 409 with the route's message

The file comes as multipart field `file` or as JSON {"file_name", "content_base64"} (a data URL as dcc.Upload
gives it is accepted); a missing or undecodable file is a 400 saying so. The routes keep their own roles and CSRF
(their decorators) and their own readers, which name each rejected row's file, row, column and reason.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

import flask

from dashboard.auth import refuse
from dashboard.registry.importing import ImportConflict
from dashboard.registry.reading import ImportRefused
from dashboard.web.request_body import json_body, request_lang

#: () -> (gazetteer, None) or (None, the error response): each route says how a missing store is answered
GazetteerSource = Callable[[], tuple[Any, flask.Response | None]]
#: (bytes, file name, gazetteer, lang) -> the preview's summary (raises ImportRefused for an unreadable file)
Previewer = Callable[[bytes, str, Any, str], dict]
#: (bytes, file name, gazetteer, the previewed digest or None, lang) -> what was written, or an error response
#: (raises ImportRefused, or ImportConflict when the file or the registry changed since the preview)
Committer = Callable[[bytes, str, Any, str | None, str], dict | flask.Response]


def uploaded_file() -> tuple[bytes, str] | flask.Response:
    """(bytes, file name) of the request's file (multipart field 'file' or JSON content_base64), or a 400."""
    upload = flask.request.files.get("file")
    if upload is not None:
        return upload.read(), upload.filename or "upload"  # bounded by MAX_CONTENT_LENGTH
    body = json_body()
    content = body.get("content_base64")
    if not isinstance(content, str) or not content:
        return refuse(400, "Send the file as multipart field 'file' or JSON content_base64.")
    if content.startswith("data:"):  # a data URL as dcc.Upload gives it
        content = content.partition(",")[2]
    try:
        data = base64.b64decode(content, validate=True)
    except (binascii.Error, ValueError):
        return refuse(400, "content_base64 is not base64.")
    return data, str(body.get("file_name") or "upload")


def previewed_digest() -> str | None:
    """The digest of the preview the user confirmed: in the JSON body, the form or the query (None if absent)."""
    return (json_body().get("digest") or flask.request.form.get("digest")
            or flask.request.args.get("digest") or None)


def _refusal(error: ImportRefused, lang: str, **flags: bool) -> flask.Response:
    return flask.jsonify({**flags, "code": error.code, "message": error.message(lang)})


def _upload_inputs(gazetteer_source: GazetteerSource):
    """The file, the gazetteer and the request's language of an upload route, or the response refusing it."""
    upload = uploaded_file()
    if isinstance(upload, flask.Response):
        return upload
    gazetteer, error = gazetteer_source()
    if error is not None:
        return error
    return upload, gazetteer, request_lang()


def preview_upload(gazetteer_source: GazetteerSource, preview: Previewer) -> flask.Response:
    """The preview step of a route: the file, the gazetteer, then what writing it would do (nothing written)."""
    inputs = _upload_inputs(gazetteer_source)
    if isinstance(inputs, flask.Response):
        return inputs
    upload, gazetteer, lang = inputs
    try:
        summary = preview(upload[0], upload[1], gazetteer, lang)
    except ImportRefused as refused:
        return _refusal(refused, lang, refused=True)
    return flask.jsonify({"refused": False, **summary})


def commit_upload(gazetteer_source: GazetteerSource, commit: Committer, conflict_message: str) -> flask.Response:
    """The commit step of a route: the file, the gazetteer and the previewed digest, then the write in one
    transaction; a conflict with the preview is a 409 with `conflict_message` and writes nothing."""
    inputs = _upload_inputs(gazetteer_source)
    if isinstance(inputs, flask.Response):
        return inputs
    upload, gazetteer, lang = inputs
    try:
        written = commit(upload[0], upload[1], gazetteer, previewed_digest(), lang)
    except ImportRefused as refused:
        return _refusal(refused, lang, refused=True, committed=False)
    except ImportConflict:
        return refuse(409, conflict_message)
    if isinstance(written, flask.Response):
        return written
    return flask.jsonify({"refused": False, "committed": True, **written})
