"""HTML pieces shared by the network page and the country and city profiles: links that keep the view
state, key-figure strips, sections, small tables. Pure builders of Dash components; no callbacks.

(Not a page: Dash Pages only imports modules of this folder that register themselves.)
"""

from __future__ import annotations

import logging
from functools import lru_cache

import dash
import numpy as np
import pandas as pd
from dash import dcc, html

from dashboard.figures.map_style import format_count, format_share
from dashboard.i18n import t
from dashboard.registry import views
from dashboard.registry.links import web_address
from dashboard.registry.service import live_frames
from dashboard.registry.tables import activities_table
from dashboard.state import ViewState

log = logging.getLogger(__name__)

COUNTRY_PATH = "/country/{iso3}"
CITY_PATH = "/city/{place_id}"


@lru_cache(maxsize=512)
def query_of(state: ViewState) -> str:
    """state.to_query(), once per state (a page of links asks for it hundreds of times)."""
    return state.to_query()


def page_href(path: str, state: ViewState | None = None) -> str:
    """A path under the app's root with the view state's query (language and filters travel along; what one
    page chose for itself, such as the city selected on the map, does not: ViewState.for_another_page)."""
    query = query_of(state.for_another_page()) if state is not None else ""
    return dash.get_relative_path(path) + query


def country_href(iso3: str, state: ViewState | None = None) -> str:
    return page_href(COUNTRY_PATH.format(iso3=iso3), state)


def city_href(place_id: int, state: ViewState | None = None) -> str:
    return page_href(CITY_PATH.format(place_id=int(place_id)), state)


def country_link(iso3: str | None, name: str | None, state: ViewState, **props):
    """A link to the country's profile (plain text for an unknown country)."""
    if not isinstance(iso3, str) or not iso3:
        return html.Span(name or "—")
    return dcc.Link(name or iso3, href=country_href(iso3, state), className="entity-link", **props)


def city_link(place_id, name: str | None, state: ViewState, **props):
    return dcc.Link(name or str(place_id), href=city_href(int(place_id), state), className="entity-link", **props)


def map_href(state: ViewState, **changes) -> str:
    """The map page in `state` with `changes` applied (e.g. place=..., viewport="fit")."""
    return dash.get_relative_path("/") + query_of(state.for_another_page().replace(**changes))


def kpi(value: str, label: str, help_text: str | None = None, key: str = "") -> html.Div:
    return html.Div(className="kpi", title=help_text, id=f"kpi-{key}" if key else None, children=[
        html.Div(value, className="kpi-value"), html.Div(label, className="kpi-label")])


def kpi_strip(items: list, **props) -> html.Div:
    return html.Div(items, className="kpi-strip profile-kpis", **props)


def section(title: str, *children, class_name: str = "", **props) -> html.Section:
    return html.Section(className=f"profile-section {class_name}".strip(), children=[
        html.H2(title), *(child for child in children if child is not None)], **props)


def count(value, lang: str) -> str:
    return format_count(value, lang)


def share(value: float, lang: str) -> str:
    return format_share(value, lang)


def km(value, lang: str) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{format_count(value, lang)}\u202f{t('map.unit.km', lang)}"


def yes(value: bool, lang: str) -> str:
    return t("table.yes", lang) if bool(value) else "—"


def table(headers: list[str], rows: list[list], numeric: set[int] = frozenset(), **props) -> html.Table:
    """A plain, compact table; cells may be components (links). Columns in `numeric` align right."""
    def cell(k: int, value, tag):
        return tag(value, className="num" if k in numeric else None)
    return html.Table(className="data-table", children=[
        html.Thead(html.Tr([cell(k, h, html.Th) for k, h in enumerate(headers)])),
        html.Tbody([html.Tr([cell(k, v, html.Td) for k, v in enumerate(row)]) for row in rows]),
    ], **props)


def bar_list(rows: list[tuple], lang: str, class_name: str = "bar-list", **props) -> html.Ul:
    """Rows of (label component, value, colour, title) as a list with proportional bars (largest = full)."""
    top = max([value for _, value, _, _ in rows] or [1]) or 1
    return html.Ul(className=class_name, children=[
        html.Li(className="bar-row", title=title, children=[
            html.Span(label, className="bar-label"),
            html.Span(className="bar-track", children=html.Span(
                className="bar-fill", style={"width": f"{100 * value / top:.1f}%", "background": colour})),
            html.Span(format_count(value, lang), className="bar-value"),
        ]) for label, value, colour, title in rows], **props)


def bloc_badges(blocs: pd.DataFrame, lang: str) -> list:
    """One badge per current membership: "SCO · member", titled with the year it began (`since` is a
    date as the source gives it: YYYY-MM-DD, YYYY-MM or YYYY)."""
    return [html.Span(f"{t('org.' + org, lang)} · {t('profile.status.' + status, lang)}", className="bloc-badge",
                      title=t("profile.since", lang, year=str(since)[:4]) if pd.notna(since) else None)
            for org, status, since in zip(blocs["org"], blocs["status"], blocs["since"])]


def not_found(message: str, state: ViewState) -> html.Article:
    return html.Article(className="text-page", children=[
        html.H1(message),
        html.P(dcc.Link(t("page.not_found.back", state.lang), href=page_href("/", state))),
    ])


def no_store(state: ViewState) -> html.Article:
    return html.Article(className="text-page", children=html.P(t("map.no_store", state.lang)))


# ---- the subject's activities (from the registry, when there is one) ----------------------------------------

ACTIVITY_ROWS = 15


def subject_activities(catalog, state: ViewState, iso3: str | None = None, place_id: int | None = None,
                       frames=None):
    """The registry's activities involving a country (any of its places, regions, or named) or one place, as
    dashboard.registry.tables.activities_table rows (newest first); sample activities only when the URL asks
    for them, the URL's year range applied. None when the registry cannot be read. `frames`: the registry's
    ActivityFrames (default: the live registry)."""
    try:
        frames = live_frames(catalog) if frames is None else frames
        acts = frames.activities
        if iso3 is not None:
            subject = state.replace(countries=(iso3,), blocs=(), regions=(), border_only=False, min_population=0,
                                    link_scope="outward", pair=())
            view = views.activities_in_view(frames, catalog, subject)
        else:
            ids = frames.places.loc[frames.places["place_id"] == place_id, "activity_id"].to_numpy()
            mask = np.isin(acts["activity_id"].to_numpy(), ids) & views.origin_mask(acts, state) \
                & views.status_mask(acts, state)
            years = acts["start_date"].dt.year.to_numpy()
            if state.year_from is not None:
                mask &= years >= state.year_from
            if state.year_to is not None:
                mask &= years <= state.year_to
            view = views.view_of(frames, mask)
        return activities_table(view, catalog, state.lang)
    except Exception:  # no registry, or one being migrated: the profile shows without activities
        log.exception("activities for the profile could not be read")
        return None


def activities_section(table, state: ViewState, more_href: str):
    """The newest activities as a small table (date, title, type, places), and a link to all of them."""
    lang = state.lang
    if table is None:
        return None
    if table.empty:
        body = [html.P(t("profile.activities.none", lang), className="hint")]
    else:
        rows = [[r.start_date or "", html.A(r.title, href=web_address(r.source_url), target="_blank", rel="noopener")
                 if web_address(r.source_url) else r.title, r.type, r.places or r.regions or r.countries]
                for r in table.head(ACTIVITY_ROWS).itertuples()]
        body = [table_of_activities(rows, lang)]
        if len(table) > ACTIVITY_ROWS:
            body.append(html.P(t("profile.activities.more", lang, count=format_count(len(table) - ACTIVITY_ROWS,
                                                                                        lang)), className="hint"))
    body.append(html.P(dcc.Link(t("profile.activities.all", lang), href=more_href, className="entity-link")))
    return section(t("profile.activities", lang, count=format_count(len(table), lang)), *body,
                   class_name="activities", id="profile-activities")


def table_of_activities(rows: list, lang: str) -> html.Table:
    return table([t("profile.activities.date", lang), t("profile.activities.title", lang),
                  t("profile.activities.type", lang), t("profile.activities.where", lang)], rows,
                 id="profile-activities-table")
