"""Honest zeros (issue 20): an empty result says what the record holds around it and how records are added.

"0 twinnings" alone cannot be told apart from "nothing recorded for this pair". These builders say, in the
interface language, that a zero means no record (not proof that nothing exists), what the record holds for the
same countries beyond the filters, how far the sources were checked for them (the cities' own lists, as on
/sources), and link to the Registry where the secretariat's editors add records.
"""

from __future__ import annotations

import logging

import dash
import pandas as pd
from dash import dcc, html
from sqlalchemy.exc import SQLAlchemyError

from dashboard import settings
from dashboard.i18n import format_date, format_percent, t, tn
from dashboard.registry import views
from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.list_coverage import coverage_tables
from dashboard.store.record_extent import ListsChecked, lists_checked, subject_countries, ties_beyond_filters

log = logging.getLogger(__name__)

SOURCES_LISTS = "/sources"
LISTS_ANCHOR = "#sources-lists-heading"


def lists_by_country(catalog) -> pd.DataFrame:
    """The coverage of the cities' own lists per country (empty for an older or damaged store)."""
    try:
        return coverage_tables(settings.database_url(), str(catalog.built_at))[1]
    except SQLAlchemyError as error:  # the zero is still explained, without the lists
        log.warning("the coverage of the cities' lists cannot be read from the store (%s)", error)
        return pd.DataFrame(columns=["iso3"])


def _link(path: str, state: ViewState, key: str, anchor: str = "") -> html.P:
    href = dash.get_relative_path(path) + state.for_another_page().to_query() + anchor
    return html.P(dcc.Link(t(key, state.lang), href=href, className="entity-link"))


def _list_item(found: ListsChecked, names, lang: str) -> str:
    country = str(names.get(found.iso3, found.iso3))
    if not found.cities:
        return t("zero.lists.none", lang, country=country)
    coverage = format_percent(found.coverage_pct / 100, lang) if found.coverage_pct is not None else "—"
    return tn("zero.lists.country", found.cities, lang, country=country, coverage=coverage)


def ties_zero(catalog, state: ViewState, by_country: pd.DataFrame) -> list:
    """What an empty selection of ties means: the paragraphs to show under the zero (`by_country`: the
    coverage of the cities' own lists per country, `lists_by_country`)."""
    lang = state.lang
    beyond = ties_beyond_filters(catalog, state)
    paragraphs = [html.P(t("zero.ties.nothing", lang)),
                  html.P(tn("zero.ties.beyond", beyond, lang) if beyond else t("zero.ties.none", lang))]
    countries = subject_countries(state)
    if countries:
        names = queries.country_names(catalog.countries, lang)
        items = [_list_item(found, names, lang) for found in lists_checked(by_country, countries)]
        paragraphs.append(html.P(t("zero.lists", lang, countries="; ".join(items))))
        paragraphs.append(_link(SOURCES_LISTS, state, "zero.lists.link", LISTS_ANCHOR))
    paragraphs.append(_link("/registry", state, "zero.ties.add"))
    return paragraphs


def corridor_activities_zero(frames, catalog, state: ViewState, countries: tuple[str, ...]) -> list:
    """What "no activity" on a corridor's card means: what the record holds for its countries in any year."""
    lang = state.lang
    if len(countries) == 2:
        subject = ViewState(space="world", sample=state.sample, link_scope="between", pair=countries)
    else:
        subject = ViewState(space="world", sample=state.sample, countries=countries)
    held = views.activities_in_view(frames, catalog, subject).activities if countries else None
    if held is not None and len(held):
        text = tn("zero.corridor.countries", len(held), lang,
                  first=format_date(held["start_date"].min().date(), lang),
                  last=format_date(held["start_date"].max().date(), lang))
    else:
        text = t("zero.corridor.none", lang)
    return [html.P(text, className="card-note"), _link("/registry", state, "activities.zero.add")]
