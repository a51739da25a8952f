"""The practice library's writing panel on /practices, shown to signed-in editors and admins: a form for one
practice (sent for moderation), an import of a CSV/XLSX file with Russian or English headers (a preview with
the reason for each rejected row; nothing is written until "Import" is pressed), and for admins the
moderation queue (publish, ask for changes with a note, reject). The browser posts to the API with the CSRF
token (dashboard/assets/practices.js); the callbacks here only render the answers."""

from __future__ import annotations

import logging

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, dcc, html

from dashboard import auth
from dashboard.charts import practices as library
from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.i18n import t
from dashboard.registry import partners
from dashboard.registry.sectors import sector_options
from dashboard.web.urls import API_PREFIX

log = logging.getLogger(__name__)

CONFIG = "practices-entry-config"
#: the translations of the long texts a form's practice (written in English) may carry
TRANSLATION_FIELDS = tuple(f"{name}_{language}" for name in ("problem", "actions", "results", "organisation")
                           for language in ("ru", "zh"))
FIELDS = ("slug", "title_en", "title_ru", "summary_en", "summary_ru", "period_start", "period_end", "sectors",
          "places", "organisation", "contact", "sources", "problem", "actions", "results", *TRANSLATION_FIELDS)
FIELD = {name: f"practices-entry-{name}" for name in FIELDS}
SUBMIT = "practices-entry-submit"
SAVED = "practices-entry-saved"
MESSAGE = "practices-entry-message"
UPLOAD = "practices-upload"
PREVIEW = "practices-import-preview"
PREVIEW_VIEW = "practices-import-preview-view"
CONFIRM = "practices-import-confirm"
COMMITTED = "practices-import-committed"
MODERATE = "practices-moderate"
MODERATED = "practices-moderated"
NOTE = "practices-moderation-note"
QUEUE = "practices-moderation-queue"
TEXT_AREAS = {"summary_en", "summary_ru", "problem", "actions", "results",
              *(name for name in TRANSLATION_FIELDS if not name.startswith("organisation"))}


def signed_in_user():
    try:
        return auth.current_user()
    except Exception as error:  # no registry, or an unreadable one: safe, the page is read-only
        log.warning("cannot tell who is signed in (%s): the practice library is shown read-only", error)
        return None


def _label(name: str, lang: str) -> str:
    """A field's label; a translation's is its text's with the language ("The problem it solved — Russian")."""
    if name in TRANSLATION_FIELDS:
        text, language = name.rsplit("_", 1)
        return f"{t(f'practices.field.{text}', lang)} — {t(f'language.{language}', lang)}"
    return t(f"practices.field.{name}", lang)


def _field(name: str, lang: str):
    label = _label(name, lang)
    if name == "sectors":
        control = dcc.Dropdown(id=FIELD[name], options=sector_options(lang), multi=True)
    elif name in TEXT_AREAS:
        control = dcc.Textarea(id=FIELD[name], style={"width": "100%", "minHeight": "3em"})
    else:
        control = dcc.Input(id=FIELD[name], type="number" if name.startswith("period") else "text",
                            style={"width": "100%"})
    return html.Label([html.Span(label, className="small"), control], className="practices-field")


def queue_view(lang: str):
    """The practices and partner requests waiting for an admin."""
    catalog = current_catalog()
    if catalog is None:
        return []
    lib = library.library(catalog)
    waiting = lib.practices[lib.practices["status"].isin(["submitted", "changes_requested"])]
    requests = partners.request_table(library.engine(), include_unpublished=True, include_expired=True)
    requests = requests[requests["status"].isin(["submitted", "changes_requested"])]
    if waiting.empty and requests.empty:
        return [html.P(t("practices.moderation.empty", lang), className="hint")]

    def buttons(kind: str, key: int):
        return [html.Button(t(f"practices.moderation.{action}", lang), className="button-quiet",
                            id={"type": MODERATE, "kind": kind, "key": int(key), "action": action})
                for action in ("publish", "request_changes", "reject")]

    items = [html.Li([html.Strong(library.local_title(row, lang)), " ",
                      html.Span(f"({row['status']}, {row['created_by']})", className="muted small"), " ",
                      *buttons("practice", row["practice_id"])]) for row in waiting.to_dict("records")]
    items += [html.Li([html.Strong(row["description"]), " ",
                       html.Span(f"({t('page.partners', lang)}, {row['status']}, {row['created_by']})",
                                 className="muted small"), " ", *buttons("request", row["request_id"])])
              for row in requests.to_dict("records")]
    return [html.Ul(items, id="practices-moderation-list")]


def entry_panel(lang: str):
    """The panel for editors and admins (None for everyone else)."""
    user = signed_in_user()
    if user is None or not user.can_write:
        return None
    config = {"base": dash.get_relative_path(API_PREFIX + "/"), "csrf": auth.csrf_token(), "fields": list(FIELDS)}
    moderation = [html.H3(t("practices.moderation.title", lang)),
                  dcc.Input(id=NOTE, placeholder=t("practices.moderation.note", lang), style={"width": "100%"}),
                  html.Div(queue_view(lang), id=QUEUE)] if user.role == "admin" else []
    return html.Details(className="practices-entry", id="practices-entry", children=[
        html.Summary(t("practices.entry.title", lang)),
        dcc.Store(id=CONFIG, data=config), dcc.Store(id=SAVED), dcc.Store(id=PREVIEW), dcc.Store(id=COMMITTED),
        dcc.Store(id=MODERATED),
        html.P(t("practices.entry.hint", lang), className="hint"),
        html.Div([_field(name, lang) for name in FIELDS], className="practices-entry-grid"),
        html.Button(t("practices.entry.submit", lang), id=SUBMIT, className="button"),
        html.Div(id=MESSAGE, role="status"),
        html.H3(t("practices.import.title", lang)),
        dcc.Upload(id=UPLOAD, children=html.Div(t("practices.import.drop", lang)), className="upload-box",
                   accept=".csv,.xlsx"),
        html.Div(id=PREVIEW_VIEW),
        html.Button(t("practices.import.confirm", lang), id=CONFIRM, className="button"),
        *moderation,
    ])


def problems_list(problems: list[dict]) -> html.Ul:
    return html.Ul([html.Li(f"{p.get('row') or ''} {p.get('column', '')}: {p.get('message', p.get('code', ''))}".strip())
                    for p in problems], className="problems")


def register_callbacks(app) -> None:
    """The form's callbacks, registered on `app`: this module is not a page (Dash runs the page modules
    again for every app it builds, not their helpers), so module-level callbacks would reach only the
    first app built in a process."""
    app.clientside_callback(ClientsideFunction("practices", "submit"), Output(SAVED, "data"),
                            Input(SUBMIT, "n_clicks"), *(State(FIELD[name], "value") for name in FIELDS),
                            State(CONFIG, "data"), State(ids.UI_LANG, "data"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("practices", "preview"), Output(PREVIEW, "data"),
                            Input(UPLOAD, "contents"), State(UPLOAD, "filename"), State(CONFIG, "data"),
                            State(ids.UI_LANG, "data"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("practices", "commit"), Output(COMMITTED, "data"),
                            Input(CONFIRM, "n_clicks"), State(UPLOAD, "contents"), State(UPLOAD, "filename"),
                            State(PREVIEW, "data"), State(CONFIG, "data"), State(ids.UI_LANG, "data"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("practices", "moderate"), Output(MODERATED, "data"),
                            Input({"type": MODERATE, "kind": ALL, "key": ALL, "action": ALL}, "n_clicks"),
                            State(NOTE, "value"), State(CONFIG, "data"), prevent_initial_call=True)

    @app.callback(Output(MESSAGE, "children"), Input(SAVED, "data"), State(ids.UI_LANG, "data"),
                  prevent_initial_call=True)
    def show_saved(answer, lang):
        body = (answer or {}).get("body") or {}
        if body.get("saved"):
            return html.P(t("practices.entry.saved", lang or "en"), className="ok")
        return [html.P(body.get("error") or t("practices.entry.rejected", lang or "en"), className="error"),
                problems_list(body.get("problems") or [])]

    @app.callback(Output(PREVIEW_VIEW, "children"), Input(PREVIEW, "data"), Input(COMMITTED, "data"),
                  State(ids.UI_LANG, "data"), prevent_initial_call=True)
    def show_import(preview, committed, lang):
        lang = lang or "en"
        if dash.ctx.triggered_id == COMMITTED:
            body = (committed or {}).get("body") or {}
            if body.get("committed"):
                return html.P(t("practices.import.done", lang, added=body["added"], updated=body["updated"],
                               unchanged=body["unchanged"]), className="ok", id="practices-import-done")
            return html.P(body.get("error") or body.get("message") or "?", className="error")
        body = (preview or {}).get("body") or {}
        if body.get("refused") or body.get("error"):
            return html.P(body.get("message") or body.get("error"), className="error")
        return [html.P(t("practices.import.preview", lang, add=len(body.get("add", [])), update=len(body.get("update", [])),
                         unchanged=len(body.get("unchanged", [])), rejected=len(body.get("rejected", []))),
                       id="practices-import-summary"),
                problems_list(body.get("rejected") or [])]

    @app.callback(Output(QUEUE, "children"), Input(MODERATED, "data"), State(ids.UI_LANG, "data"),
                  prevent_initial_call=True)
    def refresh_queue(answer, lang):
        return queue_view(lang or "en")
