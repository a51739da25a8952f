"""The header: product name, links to the registered pages (names translated), language switch."""

from __future__ import annotations

import dash
from dash import ALL, Input, Output, State, dcc, html

from dashboard.components import ids, save_view
from dashboard.components.translated import text
from dashboard.i18n import LANGUAGES, t
from dashboard.state import ViewState


def nav_pages() -> list[dict]:
    """The registered pages that belong in the navigation (those registered with a `nav_key`)."""
    return [page for page in dash.page_registry.values() if page.get("nav_key")]


def page_link_id(path: str, slot: str) -> dict:
    """Id of a link to a page that keeps the view state; its class will be `<slot>-link`."""
    return {"type": ids.NAV_LINK, "path": path, "slot": slot}


def page_link_href(path: str, state: ViewState, current_path: str | None = None) -> str:
    """The link to `path` carrying the global filters and view of `state`; what the current page chose for
    itself (fields of scope "page" in dashboard/state.py: the city selected on the map, the corridor opened
    on /corridors) only when `path` is that page, so it never filters another page without the user knowing."""
    here = (current_path or "").rstrip("/") or "/"
    kept = state if (path.rstrip("/") or "/") == here else state.for_another_page()
    return path + kept.to_query()


def header(lang: str, state: ViewState) -> html.Header:
    links = [
        dcc.Link(text(page["nav_key"], lang, slot="nav"), href=page_link_href(page["relative_path"], state),
                 id=page_link_id(page["relative_path"], "nav"), className="nav-link")
        for page in nav_pages()
    ]
    return html.Header(className="app-header", children=[
        html.Div(className="brand", children=[
            html.Span(t("app.name", lang), className="brand-name"),
            text("app.tagline", lang, className="brand-tagline"),
        ]),
        html.Nav(links, className="page-nav"),
        save_view.save_view_control(lang),  # saved views (issue 7)
        html.Div(title="Language / Язык / 语言", role="group", **{"aria-label": "Language / Язык / 语言"}, children=[
            dcc.RadioItems(id=ids.LANG_SWITCH, value=lang, inline=True, className="segmented lang-switch",
                           options=[{"label": code.upper(), "value": code} for code in LANGUAGES]),
        ]),
    ])


def register_callbacks(app) -> None:
    @app.callback(
        Output(page_link_id(ALL, ALL), "href"),
        Output(page_link_id(ALL, ALL), "className"),
        Input(ids.URL, "search"),
        Input(ids.URL, "pathname"),
        State(page_link_id(ALL, ALL), "id"),
    )
    def keep_state_in_page_links(search, pathname, link_ids):
        """Page links carry the current view state; links to the current page are marked active."""
        state = ViewState.from_query(search)
        current = (pathname or "/").rstrip("/") or "/"
        hrefs, classes = [], []
        for link_id in link_ids:
            path = link_id["path"]
            hrefs.append(page_link_href(path, state, current))
            active = (path.rstrip("/") or "/") == current
            classes.append(f"{link_id['slot']}-link" + (" active" if active else ""))
        return hrefs, classes
