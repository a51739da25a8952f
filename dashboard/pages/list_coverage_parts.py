"""The /sources section on the cities' own published twin-city lists: how many of each city's listed
partners the public sources (Wikipedia, Wikidata) held, how many the lists added, how many await review —
per country and per city, with the lists' addresses. Pure builders; the figures come from the build."""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
from dash import html

from dashboard.figures.map_style import format_count
from dashboard.i18n import format_date, format_percent, t
from dashboard.pages import profile_parts as parts
from dashboard.state import ViewState

COUNTS = ("listed", "held", "added", "review")


def _pct(value, lang: str) -> str:
    return "—" if value is None or pd.isna(value) else format_percent(float(value) / 100, lang, decimals=1)


def _lists(urls: str) -> list:
    links = []
    for url in str(urls or "").split():
        if links:
            links.append(" ")
        links.append(html.A(urlsplit(url).netloc.removeprefix("www.") or url, href=url, title=url, target="_blank",
                            rel="noopener"))
    return links


def _headers(first: list[str], lang: str) -> list[str]:
    return [*first, *(t(f"sources.lists.col.{name}", lang) for name in COUNTS), t("sources.lists.col.coverage", lang)]


def list_coverage_section(cities: pd.DataFrame, countries: pd.DataFrame, names: dict, state: ViewState) -> list:
    """Heading, explanation, the per-country table and the per-city table (empty store: a hint)."""
    lang = state.lang
    heading = [html.H2(t("sources.lists", lang), id="sources-lists-heading"),
               html.P(t("sources.lists.help", lang), className="hint")]
    if cities.empty:
        return [*heading, html.P(t("sources.lists.none", lang), className="hint")]
    by_country = parts.table(
        _headers([t("sources.col.country", lang), t("sources.lists.col.cities", lang)], lang),
        [[parts.country_link(row.iso3, names.get(row.iso3, row.iso3), state), format_count(row.cities, lang),
          *(format_count(getattr(row, name), lang) for name in COUNTS), _pct(row.coverage_pct, lang)]
         for row in countries.itertuples()], numeric={1, 2, 3, 4, 5, 6}, id="sources-lists-countries")
    by_city = parts.table(
        [*_headers([t("sources.lists.col.city", lang), t("sources.col.country", lang)], lang),
         t("sources.lists.col.list", lang)],
        [[parts.city_link(row.city_place_id, getattr(row, "city_name", row.city_name_en), state), names.get(row.iso3, row.iso3),
          *(format_count(getattr(row, name), lang) for name in COUNTS), _pct(row.coverage_pct, lang),
          html.Span([format_date(row.list_date, lang), " ", *_lists(row.list_url)])]
         for row in cities.itertuples()], numeric={2, 3, 4, 5, 6}, id="sources-lists-cities")
    return [*heading, by_country, html.Div(by_city, className="table-scroll")]
