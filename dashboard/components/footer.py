"""The footer: when the data was built, and where it comes from (a link to the /sources page)."""

from __future__ import annotations

import dash
from dash import Input, Output, dcc, html

from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.header import page_link_id
from dashboard.components.translated import text
from dashboard.i18n import format_date, t
from dashboard.state import ViewState


def data_line(catalog, lang: str) -> str:
    """'Data as of 21 November 2026', or how to build the store when there is none."""
    built_at = getattr(catalog, "built_at", None) if catalog is not None else None
    if catalog is None or not built_at:
        return t("footer.no_store", lang)
    return t("footer.data_as_of", lang, date=format_date(built_at, lang))


def footer(lang: str, state: ViewState, catalog) -> html.Footer:
    sources_path = dash.get_relative_path("/sources")
    return html.Footer(className="app-footer", children=[
        html.Span(data_line(catalog, lang), id=ids.FOOTER_DATA),
        dcc.Link(text("footer.sources", lang), href=sources_path + state.to_query(),
                 id=page_link_id(sources_path, "footer"), className="footer-link"),
    ])


def register_callbacks(app) -> None:
    @app.callback(Output(ids.FOOTER_DATA, "children"), Input(ids.UI_LANG, "data"),
                  prevent_initial_call=True)
    def translate_data_line(lang):
        return data_line(current_catalog(), lang)
