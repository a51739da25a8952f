"""The saved views at "/views": grouped by story in order, each opening its page in its state.

Every view has a stable address /views/<slug> (dashboard/web/views.py redirects it to the page with the
saved query). A story's views are its slides: "Present" opens /present?story=... at its first slide,
"Present from here" at that slide. Editors and admins also get, per view: earlier / later (within its
story), edit (title, description, story, slide number, notes) and delete. The writes go from the browser
to /api/v1/views with the CSRF token (dashboard/assets/views.js); the callbacks here only render.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, ctx, dcc, html, no_update

from dashboard import auth
from dashboard.charts.views import view_title
from dashboard.components.export_menu import brief_control
from dashboard.i18n import format_date, t, tn
from dashboard.registry import saved_views
from dashboard.registry.database import registry_engine, registry_url
from dashboard.registry.records import NotFound
from dashboard.state import state_from_params

log = logging.getLogger(__name__)

dash.register_page(__name__, path="/views", name="Saved views", title="Borderlinks — saved views", order=85)

LIST = "views-list"
MESSAGE = "views-message"
CONFIG = "views-config"          # dcc.Store: {"base", "csrf", "can_write", "titles", "confirm_delete"}
RESULT = "views-result"          # dcc.Store: the endpoint's answer to a move, delete or update
LANG = "views-lang"
EDIT_PANEL = "views-edit-panel"
EDIT_HEADING = "views-edit-heading"
EDIT_SLUG = "views-edit-slug"    # dcc.Store: the slug being edited
EDIT = {name: f"views-edit-{name}" for name in ("title", "description", "story", "position", "notes")}
EDIT_SAVE = "views-edit-save"
EDIT_CANCEL = "views-edit-cancel"
MOVE = "views-move"              # pattern-matching id types: {"type", "slug"(, "step")}
DELETE = "views-delete"
EDIT_BUTTON = "views-edit"


def _engine():
    return registry_engine(registry_url())


def _can_write() -> bool:
    try:
        user = auth.current_user()
    except Exception as error:  # no registry, or an unreadable one: safe, the page is read-only
        log.warning("cannot tell who is signed in (%s): the views are shown read-only", error)
        return False
    return bool(user and user.can_write)


def present_href(story: str, slide: int = 1, lang: str | None = None) -> str:
    query = f"?story={quote(story, safe='')}&slide={slide}" + (f"&lang={lang}" if lang and lang != "en" else "")
    return dash.get_relative_path("/present") + query


def _button(label: str, id_: dict, class_name: str = "button-quiet", **props) -> html.Button:
    return html.Button(label, id=id_, n_clicks=0, className=class_name, **props)


def view_item(view: saved_views.SavedView, lang: str, can_write: bool, first: bool, last: bool) -> html.Li:
    share = saved_views.share_path(view.slug)
    meta = [t("views.saved_by", lang, name=view.updated_by or view.created_by,
              date=format_date(view.updated_at or view.created_at, lang)), " · ", t("views.link", lang), ": ",
            html.Code(share)]
    actions = []
    if view.story:
        actions.append(html.A(t("views.present.from", lang), href=present_href(view.story, view.position or 1, lang),
                              className="button-link", id={"type": "views-present", "slug": view.slug}))
    if can_write:
        if view.story:
            actions += [_button("↑", {"type": MOVE, "slug": view.slug, "step": -1}, "button-quiet view-move",
                                disabled=first, title=t("views.up", lang), **{"aria-label": t("views.up", lang)}),
                        _button("↓", {"type": MOVE, "slug": view.slug, "step": 1}, "button-quiet view-move",
                                disabled=last, title=t("views.down", lang), **{"aria-label": t("views.down", lang)})]
        actions += [_button(t("views.edit", lang), {"type": EDIT_BUTTON, "slug": view.slug}),
                    _button(t("views.delete", lang), {"type": DELETE, "slug": view.slug}, "button-quiet danger")]
    return html.Li(className="view-item", id=f"view-{view.slug}", children=[
        html.Div(str(view.position), className="view-position") if view.story else None,
        html.Div(className="view-main", children=[
            html.A(view.title, href=dash.get_relative_path(share), className="view-title"),
            html.Div(view_title(view.path, view.query, lang), className="view-page"),
            html.P(view.description, className="view-description") if view.description else None,
            html.P(view.notes, className="view-notes") if view.notes else None,
            html.Div(meta, className="view-meta muted"),
            brief_control(f"view:{view.slug}", lang, "exports.brief.view_help"),  # the view as a PDF brief
        ]),
        html.Div(actions, className="view-actions"),
    ])


def view_list(lang: str, can_write: bool) -> list:
    views = saved_views.list_views(_engine())
    if not views:
        return [html.Div(className="views-empty", id="views-empty", children=[
            html.P(t("views.empty", lang), className="views-empty-title"),
            html.P(t("views.empty.hint", lang), className="muted")])]
    sections = []
    for story, members in saved_views.stories(views):
        heading = [html.H2(story if story else t("views.loose", lang))]
        if story:
            heading += [html.Span(tn("views.slides", len(members), lang), className="muted"),
                        html.A("▶ " + t("views.present", lang), href=present_href(story, 1, lang),
                               className="button-primary", id={"type": "views-present-story", "story": story})]
        sections.append(html.Section(className="views-story", children=[
            html.Div(heading, className="views-story-head"),
            html.Ol([view_item(view, lang, can_write, i == 0, i == len(members) - 1)
                     for i, view in enumerate(members)], className="view-items"),
        ]))
    return sections


def config_of(lang: str, can_write: bool) -> dict:
    titles = {view.slug: view.title for view in saved_views.list_views(_engine())}
    return {"base": dash.get_relative_path("/api/v1/views"), "csrf": auth.csrf_token() if can_write else "",
            "can_write": can_write, "titles": titles,
            "confirm_delete": t("views.delete.confirm", lang, title="{title}")}


def edit_panel(lang: str) -> html.Section:
    text_input = {"type": "text", "debounce": False, "className": "text-input"}

    def field(name: str, control) -> list:
        return [html.Label(t(f"views.field.{name}", lang), htmlFor=EDIT[name]), control]

    return html.Section(id=EDIT_PANEL, className="registry-panel views-edit", hidden=True, children=[
        html.H2(id=EDIT_HEADING),
        html.Div(className="form-grid", children=[
            *field("title", dcc.Input(id=EDIT["title"], maxLength=200, **text_input)),
            *field("description", dcc.Textarea(id=EDIT["description"], maxLength=2000)),
            *field("story", dcc.Input(id=EDIT["story"], maxLength=80, **text_input)),
            *field("position", dcc.Input(id=EDIT["position"], type="number", min=1, step=1, className="text-input")),
            *field("notes", dcc.Textarea(id=EDIT["notes"], maxLength=4000)),
        ]),
        html.Div(className="form-actions", children=[
            html.Button(t("views.edit.save", lang), id=EDIT_SAVE, n_clicks=0, className="button-primary"),
            html.Button(t("views.edit.cancel", lang), id=EDIT_CANCEL, n_clicks=0, className="button-quiet"),
        ]),
        dcc.Store(id=EDIT_SLUG),
    ])


def layout(missing=None, **params) -> html.Div:
    state = state_from_params(params)
    lang = state.lang
    can_write = _can_write()
    notice = t("views.missing", lang, slug=str(missing)[:64]) if isinstance(missing, str) and missing else ""
    return html.Div(className="views-page text-page wide-page", children=[
        html.H1(t("views.heading", lang)),
        html.P(t("views.intro", lang), className="lead"),
        html.P(t("views.editor_hint", lang), className="muted") if not can_write else None,
        html.Div(notice, id=MESSAGE, className="message error" if notice else "message", role="status"),
        edit_panel(lang),
        html.Div(view_list(lang, can_write), id=LIST),
        dcc.Store(id=CONFIG, data=config_of(lang, can_write)), dcc.Store(id=RESULT), dcc.Store(id=LANG, data=lang),
    ])


# ---- callbacks ----------------------------------------------------------------------------------------------

dash.clientside_callback(
    ClientsideFunction(namespace="savedViews", function_name="act"),
    Output(RESULT, "data"), Input({"type": MOVE, "slug": ALL, "step": ALL}, "n_clicks"),
    Input({"type": DELETE, "slug": ALL}, "n_clicks"), State(CONFIG, "data"), prevent_initial_call=True)

dash.clientside_callback(
    ClientsideFunction(namespace="savedViews", function_name="update"),
    Output(RESULT, "data", allow_duplicate=True), Input(EDIT_SAVE, "n_clicks"), State(EDIT_SLUG, "data"),
    *(State(EDIT[name], "value") for name in ("title", "description", "story", "position", "notes")),
    State(CONFIG, "data"), State(LANG, "data"), prevent_initial_call=True)


@dash.callback(Output(EDIT_PANEL, "hidden"), Output(EDIT_HEADING, "children"), Output(EDIT_SLUG, "data"),
               *(Output(EDIT[name], "value") for name in ("title", "description", "story", "position", "notes")),
               Input({"type": EDIT_BUTTON, "slug": ALL}, "n_clicks"), Input(EDIT_CANCEL, "n_clicks"),
               State(LANG, "data"), prevent_initial_call=True)
def open_editor(_clicks, _cancel, lang):
    """An "Edit" button fills the form with the view's values; "Cancel" hides it."""
    if not ctx.triggered or not ctx.triggered[0]["value"] or ctx.triggered_id == EDIT_CANCEL:
        return (True, no_update, None) + (no_update,) * 5
    try:
        view = saved_views.get_view(_engine(), ctx.triggered_id["slug"])
    except NotFound:
        return (True, no_update, None) + (no_update,) * 5
    return (False, t("views.edit.heading", lang, title=view.title), view.slug, view.title, view.description or "",
            view.story or "", view.position, view.notes or "")


@dash.callback(Output(LIST, "children"), Output(MESSAGE, "children"), Output(MESSAGE, "className"),
               Output(CONFIG, "data"), Output(EDIT_PANEL, "hidden", allow_duplicate=True),
               Input(RESULT, "data"), State(LANG, "data"), State(CONFIG, "data"), prevent_initial_call=True)
def after_write(result, lang, config):
    """The list again after a change, and what happened."""
    if not result:
        return (no_update,) * 5
    body = result.get("body") or {}
    can_write = bool((config or {}).get("can_write"))
    if result.get("status") != 200:
        return no_update, t("save.refused", lang, reason=body.get("error") or result.get("status")), \
            "message error", no_update, no_update
    if body.get("problems"):
        return no_update, [html.Div(p["message"]) for p in body["problems"]], "message error", no_update, no_update
    if result.get("action") == "delete":
        message, hide = t("views.deleted", lang, title=result.get("title") or body.get("slug")), no_update
    elif result.get("action") == "update":
        message = t("views.edit.saved", lang) if body.get("changed") else t("views.edit.unchanged", lang)
        hide = True
    else:
        message, hide = "", no_update
    return (view_list(lang, can_write), message, "message ok" if message else "message",
            {**config, "titles": {v.slug: v.title for v in saved_views.list_views(_engine())}}, hide)
