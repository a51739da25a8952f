"""The app shell every page lives in: header, filter panel, the page area, footer, and the URL.

`shell_layout()` is the app's layout function (called per page load). It builds the shell in the state
of the page's URL when the browser tells it (the Referer of Dash's layout request), so a Russian link
opens in Russian at once; otherwise in the default state, and the state-sync callback then fills the
controls from the URL.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import dash
import flask
from dash import ClientsideFunction, Input, Output, dcc, html

from dashboard.components import (
    export_menu,
    filter_chips,
    filter_panel,
    footer,
    header,
    ids,
    save_view,
    state_sync,
    translated,
)
from dashboard.components.catalog_source import current_catalog
from dashboard.pages import practices_entry
from dashboard.state import ViewState

PRESENT_PATH = "/present"


def _state_of_requesting_page() -> ViewState:
    if not flask.has_request_context():
        return ViewState()
    referrer = flask.request.referrer or ""
    _, _, query = referrer.partition("?")
    return ViewState.from_query(query.partition("#")[0])


def _requesting_path() -> str:
    if not flask.has_request_context():
        return "/"
    path = urlsplit(flask.request.referrer or "").path or "/"
    return "/" + (dash.strip_relative_path(path) or "")


def shell_class(pathname: str | None) -> str:
    """The shell's class: "presenting" on the presentation page hides the header, panel and footer."""
    path = "/" + (dash.strip_relative_path(pathname or "/") or "")
    return "app-shell presenting" if path == PRESENT_PATH else "app-shell"


def shell_layout() -> html.Div:
    state = _state_of_requesting_page()
    lang = state.lang
    catalog = current_catalog()
    return html.Div(id=ids.SHELL, className=shell_class(_requesting_path()), children=[
        dcc.Location(id=ids.URL, refresh=False),
        dcc.Store(id=ids.UI_LANG, data=lang),
        header.header(lang, state),
        html.Div(className="app-body", children=[
            filter_panel.filter_panel(lang, state, catalog),
            html.Main(dash.page_container, className="page-area"),
        ]),
        footer.footer(lang, state, catalog),
    ])


def register_callbacks(app) -> None:
    """The shell's callbacks, registered on `app` (not globally, so every app built gets them)."""
    for module in (translated, header, filter_panel, filter_chips, footer, state_sync, save_view, export_menu,
                   practices_entry):  # the practice form: on /practices and /partners, in a helper of both pages
        module.register_callbacks(app)
    # the presentation page (dashboard/pages/present.py) shows the slide only (dashboard/assets/views.js)
    app.clientside_callback(ClientsideFunction(namespace="savedViews", function_name="shellClass"),
                            Output(ids.SHELL, "className"), Input(ids.URL, "pathname"))
