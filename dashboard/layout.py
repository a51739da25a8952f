"""The app shell every page lives in: header, filter panel, the page area, footer, and the URL.

`shell_layout()` is the app's layout function (called per page load). It builds the shell in the state
of the page's URL when the browser tells it (the Referer of Dash's layout request), so a Russian link
opens in Russian at once; otherwise in the default state, and the state-sync callback then fills the
controls from the URL.
"""

from __future__ import annotations

import dash
import flask
from dash import dcc, html

from dashboard.components import filter_panel, footer, header, ids, state_sync, translated
from dashboard.components.catalog_source import current_catalog
from dashboard.state import ViewState


def _state_of_requesting_page() -> ViewState:
    if not flask.has_request_context():
        return ViewState()
    referrer = flask.request.referrer or ""
    _, _, query = referrer.partition("?")
    return ViewState.from_query(query.partition("#")[0])


def shell_layout() -> html.Div:
    state = _state_of_requesting_page()
    lang = state.lang
    catalog = current_catalog()
    return html.Div(className="app-shell", children=[
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
    for module in (translated, header, filter_panel, footer, state_sync):
        module.register_callbacks(app)
