"""The about page at "/about": what Borderlinks is, the data sources with attribution, and caveats."""

from __future__ import annotations

import dash
from dash import Input, Output, html

from dashboard.components import ids
from dashboard.i18n import t
from dashboard.state import state_from_params, state_from_search

dash.register_page(__name__, path="/about", name="About", title="Borderlinks", order=90,
                   nav_key="page.about")

SOURCES = ("natural_earth", "geonames", "wikipedia", "osm", "wikidata")


def about_content(lang: str) -> list:
    return [
        html.H1(t("about.heading", lang)),
        html.P(t("about.intro", lang), className="lead"),
        html.P(t("about.offline", lang)),
        html.H2(t("about.sources.heading", lang)),
        html.P(t("about.sources.intro", lang)),
        html.Ul([html.Li(t(f"about.source.{source}", lang)) for source in SOURCES], className="sources"),
        html.H2(t("about.years.heading", lang)),
        html.Div(className="note", children=[
            html.Span(t("about.years.badge", lang), className="badge"),
            html.P(t("about.years", lang)),
        ]),
        html.H2(t("about.borders.heading", lang)),
        html.P(t("about.borders", lang)),
    ]


def layout(**params) -> html.Article:
    return html.Article(about_content(state_from_params(params).lang), id="about-body",
                        className="text-page")


@dash.callback(Output("about-body", "children"), Input(ids.URL, "search"), prevent_initial_call=True)
def translate_about(search):
    return about_content(state_from_search(search).lang)
