"""Shown by Dash Pages for an unknown path."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard.components.translated import text
from dashboard.state import state_from_params

dash.register_page(__name__, title="Borderlinks")


def layout(**params) -> html.Article:
    lang = state_from_params(params).lang
    return html.Article(className="text-page", children=[
        html.H1(text("page.not_found", lang)),
        html.P(dcc.Link(text("page.not_found.back", lang), href=dash.get_relative_path("/"))),
    ])
