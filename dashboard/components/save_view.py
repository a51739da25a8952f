"""The header's "Save view" action: a small form that saves the current page with its state.

Every page has it. Editors and admins get the form (title suggested from the view, description, story,
slide number, notes); the browser posts it to /api/v1/views (dashboard/web/views.py) with the session's
CSRF token and the page's own pathname + query string (dashboard/assets/views.js). Anonymous visitors
and viewers get a line saying who may save views and a link to sign in. The form links to /views (one
button in the header: the Russian page links leave no room for more at 1280 px).
"""

from __future__ import annotations

import logging

import dash
from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update

from dashboard import auth
from dashboard.charts.views import view_title
from dashboard.components import ids
from dashboard.components.translated import text
from dashboard.i18n import t
from dashboard.registry.database import registry_engine, registry_url
from dashboard.registry.saved_views import list_views, stories

log = logging.getLogger(__name__)

OPEN = "save-view-open"
PANEL = "save-view-panel"
CLOSE = "save-view-close"
SUBMIT = "save-view-submit"
MESSAGE = "save-view-message"
CONFIG = "save-view-config"     # dcc.Store: {"base", "root", "csrf", "can_write"}
RESULT = "save-view-result"     # dcc.Store: the endpoint's answer
FIELDS = {name: f"save-view-{name}" for name in ("title", "description", "story", "position", "notes")}
STORIES = "save-view-stories"   # <datalist> of the stories there are


def _user():
    try:
        return auth.current_user()
    except Exception as error:  # no registry, or an unreadable one: safe, nobody is signed in (read-only)
        log.warning("cannot tell who is signed in (%s): saving views is off", error)
        return None


def _field(name: str, control, lang: str, hint_key: str | None = None) -> list:
    label = [text(f"views.field.{name}", lang, slot="save")]
    if hint_key:
        label += [html.Br(), text(hint_key, lang, slot="save", className="field-hint")]
    return [html.Label(label, htmlFor=FIELDS[name]), control]


def form(lang: str) -> html.Div:
    text_input = {"type": "text", "debounce": False, "className": "text-input"}
    return html.Div(className="form-grid", children=[
        *_field("title", dcc.Input(id=FIELDS["title"], maxLength=200, **text_input), lang),
        *_field("description", dcc.Textarea(id=FIELDS["description"], maxLength=2000), lang),
        *_field("story", dcc.Input(id=FIELDS["story"], list=STORIES, maxLength=80, **text_input), lang,
                "save.story.hint"),
        *_field("position", dcc.Input(id=FIELDS["position"], type="number", min=1, step=1,
                                      className="text-input"), lang, "save.position.hint"),
        *_field("notes", dcc.Textarea(id=FIELDS["notes"], maxLength=4000), lang),
    ])


def save_view_control(lang: str) -> html.Div:
    """The header's part: the button and the (hidden) form, which links to the saved views."""
    user = _user()
    can_write = bool(user and user.can_write)
    # both parts are always there (the callbacks need their ids); the one that does not apply is hidden
    body = [
        html.Div(hidden=not can_write, className="save-view-form", children=[
            form(lang),
            html.Div(className="form-actions", children=[
                html.Button(text("save.submit", lang, slot="save"), id=SUBMIT, n_clicks=0, className="button-primary"),
                html.Button(text("save.close", lang, slot="save"), id=CLOSE, n_clicks=0, className="button-quiet"),
            ]),
        ]),
        html.Div(hidden=can_write, className="save-view-signin", children=[
            html.P(text("save.signin", lang, slot="save")),
            html.Div(className="form-actions", children=[
                html.A(text("save.signin.link", lang, slot="save"), className="button-primary",
                       href=dash.get_relative_path("/registry"), id="save-view-signin"),
            ]),
        ]),
    ]
    config = {"base": dash.get_relative_path("/api/v1/views"), "root": dash.get_relative_path("/"),
              "csrf": auth.csrf_token() if can_write else "", "can_write": can_write}
    return html.Div(className="save-view", children=[
        html.Button(text("save.button", lang, slot="header"), id=OPEN, n_clicks=0, className="button-quiet save-view-open",
                    title=t("save.button.help", lang), **{"aria-controls": PANEL, "aria-haspopup": "dialog"}),
        html.Div(id=PANEL, className="save-view-panel", hidden=True, role="dialog",
                 **{"aria-labelledby": "save-view-heading"}, children=[
            html.Div(className="save-view-panel-head", children=[
                html.H2(text("save.heading", lang, slot="save"), id="save-view-heading"),
                html.A(text("save.list", lang, slot="panel"), href=dash.get_relative_path("/views"),
                       className="save-view-list", id="save-view-list"),
            ]),
            html.P(text("save.intro", lang, slot="save"), className="muted"),
            *body,
            html.Div(id=MESSAGE, className="message", role="status"),
            html.Datalist(id=STORIES, children=[]),
        ]),
        dcc.Store(id=CONFIG, data=config), dcc.Store(id=RESULT),
    ])


def register_callbacks(app) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="savedViews", function_name="toggle"),
        Output(PANEL, "hidden"), Input(OPEN, "n_clicks"), Input(CLOSE, "n_clicks"), State(PANEL, "hidden"),
        prevent_initial_call=True)

    @app.callback(Output(FIELDS["title"], "value"), Output(STORIES, "children"), Output(MESSAGE, "children"),
                  Output(MESSAGE, "className"), Input(PANEL, "hidden"), State(ids.URL, "pathname"),
                  State(ids.URL, "search"), State(ids.UI_LANG, "data"), State(CONFIG, "data"),
                  prevent_initial_call=True)
    def fill_form(hidden, pathname, search, lang, config):
        """On opening: a title suggested from the view, the stories there are, no old message."""
        if hidden or not (config or {}).get("can_write"):
            return no_update, no_update, "", "message"
        path = "/" + (dash.strip_relative_path(pathname or "/") or "")
        try:
            names = [story for story, _ in stories(list_views(registry_engine(registry_url()))) if story]
        except Exception as error:  # safe: the form opens without story suggestions
            log.warning("the stories of the registry cannot be listed (%s)", error)
            names = []
        return view_title(path, search or "", lang), [html.Option(value=name) for name in names], "", "message"

    app.clientside_callback(
        ClientsideFunction(namespace="savedViews", function_name="save"),
        Output(RESULT, "data"), Input(SUBMIT, "n_clicks"),
        *(State(FIELDS[name], "value") for name in ("title", "description", "story", "position", "notes")),
        State(CONFIG, "data"), State(ids.UI_LANG, "data"),
        prevent_initial_call=True)

    @app.callback(Output(MESSAGE, "children", allow_duplicate=True), Output(MESSAGE, "className", allow_duplicate=True),
                  Input(RESULT, "data"), State(ids.UI_LANG, "data"), prevent_initial_call=True)
    def show_result(result, lang):
        return result_message(result, lang)


def result_message(result, lang: str) -> tuple[list | str, str]:
    """The message under the form for the endpoint's answer (saved, rejected or refused)."""
    if not result:
        return "", "message"
    body = result.get("body") or {}
    if result.get("status") == 200 and body.get("saved"):
        view = body["view"]
        return [t("save.saved", lang, title=view["title"]), " ",
                html.A(view["share_path"], href=dash.get_relative_path(view["share_path"]), id="save-view-link"), " · ",
                html.A(t("save.open_list", lang), href=dash.get_relative_path("/views"))], "message ok"
    if body.get("problems"):
        return [html.Div(problem["message"]) for problem in body["problems"]], "message error"
    return t("save.refused", lang, reason=body.get("error") or result.get("status")), "message error"
