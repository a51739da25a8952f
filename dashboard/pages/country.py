"""The country profile at "/country/<ISO3>": key figures, its twinnings on a map zoomed to the country,
partner countries, its best-linked cities (with the distance to the nearest land border), the regions
involved, its land borders and blocs. All its twinnings, whatever the filter; every name links to its
profile. The language (and the filters the links carry along) come from the URL.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update

from dashboard import charts
from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.export_menu import brief_control, export_menu
from dashboard.components.graph import graph_config
from dashboard.components.layer_urls import layer_url_for
from dashboard.figures import network as figures
from dashboard.figures import theme
from dashboard.i18n import t, tn
from dashboard.pages import practices_parts as practice_parts
from dashboard.pages import profile_parts as parts
from dashboard.state import ViewState, is_iso3, state_from_params, state_from_search
from dashboard.store import network


def _title(iso3=None, **_):
    catalog = current_catalog()
    if catalog is not None and isinstance(iso3, str):
        rows = catalog.countries.loc[catalog.countries["iso3"] == iso3.upper(), "name_en"]
        if len(rows):
            return f"Borderlinks — {rows.iloc[0]}"
    return "Borderlinks"


dash.register_page(__name__, path_template="/country/<iso3>", name="Country", title=_title, order=50)

BODY = "country-body"
MAP = "country-map"
TOP_CITIES = 25
TOP_PARTNERS = 15


def _iso3_of(value) -> str | None:
    code = str(value or "").strip().upper()
    return code if is_iso3(code) else None


def country_content(catalog, iso3: str | None, state: ViewState) -> list:
    lang = state.lang
    profile = network.country_profile_for(catalog, iso3, lang) if iso3 else None
    if profile is None:
        return [parts.not_found(t("profile.country.not_found", lang, code=iso3 or "?"), state)]
    f = profile.figures
    names = network.country_name_map(catalog, lang)
    # under the title: the Russian name in the English interface; in Russian and Chinese only the code (an
    # English name there reads as text left untranslated)
    subtitle = f"{profile.names['ru']} · {profile.iso3}" if lang == "en" else profile.iso3
    kpis = parts.kpi_strip([
        parts.kpi(parts.count(f["cities"], lang), t("profile.kpi.cities", lang), key="cities"),
        parts.kpi(parts.count(f["twinnings"], lang), t("profile.kpi.twinnings", lang), key="twinnings"),
        parts.kpi(parts.count(f["partner_countries"], lang), t("profile.kpi.partner_countries", lang),
                  key="partner-countries"),
        parts.kpi(parts.share(f["share_neighbours"], lang), t("profile.kpi.neighbours", lang),
                  t("map.kpi.cross_border.help", lang), key="neighbours"),
        parts.kpi(parts.count(f["domestic"], lang), t("profile.kpi.domestic", lang), key="domestic"),
        parts.kpi(parts.km(f["median_km"], lang), t("profile.kpi.median_km", lang), key="median-km"),
    ])
    return [
        html.Nav(className="breadcrumb", children=[
            dcc.Link(t("page.network", lang), href=parts.page_href("/network", state)), " / ",
            html.Span(t("profile.country.kind", lang))]),
        html.Div(className="profile-title", children=[
            html.H1(profile.name, id="profile-name"),
            html.Span(subtitle, className="profile-other-name"),
            html.Div(parts.bloc_badges(profile.blocs, lang), className="bloc-badges"),
        ]),
        kpis,
        html.Div(className="profile-actions", children=[
            dcc.Link(t("profile.on_map", lang), href=parts.map_href(
                state, countries=(iso3,), blocs=(), regions=(), link_scope="outward", pair=(), place=None,
                viewport="fit"), className="button", id="country-on-map"),
            dcc.Link(t("profile.country.network", lang), href=parts.page_href(
                "/network", state.replace(countries=(iso3,), blocs=(), regions=(), link_scope="outward", pair=(),
                                          place=None)), className="button"),
            html.A(t("profile.api", lang), href=dash.get_relative_path(f"/api/v1/countries/{iso3}")
                   + (f"?lang={lang}" if lang != "en" else ""), className="button-quiet", target="_blank"),
            brief_control(f"country:{profile.iso3}", lang),
        ]),
        html.Div(className="profile-grid", children=[
            html.Div(className="profile-map", children=[
                html.Div(export_menu("country-map", state, lang, params=f"iso3={profile.iso3}"), className="export-row"),
                dcc.Graph(id=MAP, figure=country_map(catalog, profile, state), config=graph_config(),
                          style=figures.MAP_STYLE)]),
            parts.section(t("profile.partner_countries", lang, count=parts.count(len(profile.partner_countries), lang)),
                          partner_bars(profile.partner_countries, state),
                          class_name="partner-countries"),
        ]),
        html.Div(className="profile-grid", children=[
            parts.section(t("profile.country.cities", lang), cities_table(profile, names, state),
                          html.P(tn("profile.country.border_note", f["border_cities"], lang,
                                    km=parts.count(network.NEAR_BORDER_KM, lang),
                                    checked=parts.count(f["border_cities_checked"], lang)), className="hint")
                          if f["border_cities_checked"] else None),
            html.Div([
                parts.section(t("profile.regions", lang), regions_table(profile.regions, state)),
                parts.section(t("profile.country.borders", lang), borders_list(profile, names, state)),
            ]),
        ]),
        *([activities] if (activities := parts.activities_section(
            parts.subject_activities(catalog, state, iso3=iso3), state,
            parts.page_href("/activities", state.replace(countries=(iso3,), blocs=(), regions=(), pair=(),
                                                         link_scope="outward")))) is not None else []),
        *([section] if (section := practice_parts.practices_section(
            catalog, catalog.places.loc[catalog.places["iso3"] == iso3, "place_id"], state, "country-practices"))
          is not None else []),
    ]


def country_map(catalog, profile: network.CountryProfile, state: ViewState) -> dict:
    """The "country-map" chart of the profile (countries loaded by URL, as the map page loads them)."""
    return charts.get("country-map").figure(charts.Request(catalog, state, {"iso3": profile.iso3},
                                                           layer_url_for(catalog)))


def partner_bars(partners: pd.DataFrame, state: ViewState) -> html.Div:
    lang = state.lang
    rows = []
    for r in partners.itertuples():
        colour = theme.GREEN if r.neighbour else (theme.LINE_STRONG if r.domestic else theme.BLUE)
        blocs = ", ".join(t(f"org.{o}", lang) for o in r.shared_blocs.split(",") if o)
        title = " · ".join(x for x in (t("profile.neighbour", lang) if r.neighbour else "",
                                       t("profile.domestic", lang) if r.domestic else "",
                                       f"{t('profile.shared_blocs', lang)}: {blocs}" if blocs else "") if x) or None
        rows.append((parts.country_link(r.iso3, figures.short_name(r.iso3, r.name, lang), state, title=r.name),
                     int(r.twinnings), colour, title))
    first, rest = rows[:TOP_PARTNERS], rows[TOP_PARTNERS:]
    children = [html.P([html.Span(className="key-swatch", style={"background": theme.GREEN}),
                        t("profile.neighbour", lang), html.Span(className="key-swatch",
                                                                style={"background": theme.BLUE, "marginLeft": "12px"}),
                        t("profile.other_country", lang)], className="bar-key"),
                parts.bar_list(first, lang, id="partner-countries")]
    if rest:
        children.append(html.Details([html.Summary(t("profile.show_all", lang, count=parts.count(len(rows), lang))),
                                      parts.bar_list(rest, lang)]))
    return html.Div(children)


def cities_table(profile: network.CountryProfile, names: dict, state: ViewState) -> html.Div:
    lang = state.lang
    rows = []
    for r in profile.cities.head(TOP_CITIES).itertuples():
        across = names.get(r.across_iso3, r.across_iso3)
        border = "—" if pd.isna(r.border_km) else f"{parts.km(r.border_km, lang)} ({across})"
        rows.append([parts.city_link(r.place_id, r.name, state), parts.count(r.twinnings, lang),
                     parts.count(r.partner_countries, lang), border])
    table = parts.table([t("network.table.city", lang), t("profile.kpi.twinnings", lang),
                         t("profile.kpi.partner_countries", lang), t("profile.border_distance", lang)],
                        rows, numeric={1, 2}, id="country-cities")
    more = len(profile.cities) - TOP_CITIES
    if more > 0:
        return html.Div([table, html.P(tn("profile.country.more_cities", more, lang),
                                       className="hint")])
    return html.Div(table)


def regions_table(regions: pd.DataFrame, state: ViewState, limit: int = 15) -> html.Div:
    lang = state.lang
    rows = [[dcc.Link(r.name, href=parts.map_href(state, regions=(r.region_id,), countries=(), blocs=(),
                                                   link_scope="outward", pair=(), place=None, viewport="fit"),
                      className="entity-link", title=t("profile.region_on_map", lang)),
             "✓" if r.on_land_border else "", parts.count(r.cities, lang),
             parts.count(r.twinnings, lang)]
            for r in regions.head(limit).itertuples()]
    table = parts.table([t("profile.region", lang), t("profile.on_border", lang), t("profile.table.cities", lang),
                         t("profile.kpi.twinnings", lang)], rows, numeric={2, 3}, id="country-regions")
    if len(regions) > limit:
        return html.Div([table, html.P(tn("profile.more_regions", len(regions) - limit, lang),
                                       className="hint")])
    return html.Div(table)


def borders_list(profile: network.CountryProfile, names: dict, state: ViewState):
    lang = state.lang
    if profile.neighbours.empty:
        return html.P(t("profile.country.no_borders", lang), className="hint")
    rows = [[parts.country_link(r.iso3, r.name, state), parts.km(r.length_km, lang)]
            for r in profile.neighbours.itertuples()]
    return parts.table([t("profile.neighbour_country", lang), t("profile.border_length", lang)], rows,
                       numeric={1}, id="country-borders")


def layout(iso3=None, **params) -> html.Article:
    state = state_from_params(params)
    catalog = current_catalog()
    if catalog is None:
        return parts.no_store(state)
    return html.Article(country_content(catalog, _iso3_of(iso3), state), id=BODY, className="profile-page")


@dash.callback(Output(BODY, "children"), Input(ids.URL, "search"), State(ids.URL, "pathname"),
               prevent_initial_call=True)
def update_country(search, pathname):
    """Re-rendered in the new language (and with the new filters in its links) when the URL's query changes."""
    catalog = current_catalog()
    path = dash.strip_relative_path(pathname or "") or ""
    if catalog is None or not path.startswith("country/"):
        return no_update
    return country_content(catalog, _iso3_of(path.split("/", 1)[1]), state_from_search(search))
