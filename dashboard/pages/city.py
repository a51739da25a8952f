"""The city profile at "/city/<place_id>": key figures (twin cities, partner countries, distance to the
nearest land border), a map zoomed to the city and its twins, every twin city, the partner countries and
the regions involved. All its twinnings, whatever the filter; every name links to its profile.
"""

from __future__ import annotations

import dash
import pandas as pd
from dash import Input, Output, State, dcc, html, no_update

from dashboard import charts
from dashboard.components import ids, tie_life
from dashboard.components.catalog_source import current_catalog
from dashboard.components.export_menu import export_menu
from dashboard.components.graph import graph_config
from dashboard.components.layer_urls import layer_url_for
from dashboard.figures import network as figures
from dashboard.figures import theme
from dashboard.i18n import format_population, t, tn
from dashboard.pages import practices_parts as practice_parts
from dashboard.pages import profile_parts as parts
from dashboard.state import ViewState, state_from_params, state_from_search
from dashboard.store import network, tie_status
from dashboard.store.chinese_transcription import CHINESE_SCRIPT_COUNTRIES
from dashboard.store.cyrillic_transcription import has_latin


def _place_id(value) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 0 < len(text) <= 12 else None


def _title(place_id=None, **_):
    catalog = current_catalog()
    place = _place_id(place_id)
    if catalog is not None and place is not None:
        rows = catalog.places.loc[catalog.places["place_id"] == place, "name_en"]
        if len(rows):
            return f"Borderlinks — {rows.iloc[0]}"
    return "Borderlinks"


dash.register_page(__name__, path_template="/city/<place_id>", name="City", title=_title, order=51)

BODY = "city-body"
MAP = "city-map"


def _russian_name_transcribed(catalog, place_id: int) -> bool:
    """The place's Russian name is a transcription, not an attested one: Palladius (dashboard.store.palladius)
    in the store, or the interface's Cyrillic transcription of a Latin name the store has no Russian for
    (dashboard.store.cyrillic_transcription)."""
    row = catalog.places.loc[catalog.places["place_id"] == place_id]
    if not len(row):
        return False
    if "name_ru_basis" in row and row["name_ru_basis"].iloc[0] == "transcribed":
        return True
    russian = row["name_ru"].iloc[0] if "name_ru" in row else None
    return (not isinstance(russian, str) or not russian.strip()) and has_latin(row["name_en"].iloc[0])


def _chinese_name_transcribed(catalog, place_id: int) -> bool:
    """The store has no Chinese name for the place: the Chinese interface shows a transcription of its Russian
    name (dashboard.store.chinese_transcription)."""
    row = catalog.places.loc[catalog.places["place_id"] == place_id]
    chinese = row["name_zh"].iloc[0] if len(row) and "name_zh" in row else None
    return (len(row) > 0 and (not isinstance(chinese, str) or not chinese.strip())
            and row["iso3"].iloc[0] not in CHINESE_SCRIPT_COUNTRIES)


def city_content(catalog, place_id: int | None, state: ViewState) -> list:
    lang = state.lang
    profile = network.city_profile_for(catalog, place_id, lang) if place_id is not None else None
    if profile is None:
        return [parts.not_found(t("profile.city.not_found", lang, id=place_id if place_id is not None else "?"),
                                state)]
    f = profile.figures
    facts = [parts.country_link(profile.iso3, profile.country, state, id="city-country")]
    if profile.region:
        facts += [" · ", html.Span(profile.region + (f" ({t('profile.border_region', lang)})"
                                                     if profile.on_land_border else ""))]
    if profile.population:
        facts += [" · ", t("map.card.population", lang, count=format_population(profile.population, lang))]
    facts += [" · ", html.Span(f"{profile.lat:.3f}°, {profile.lon:.3f}°", className="muted")]
    border = profile.border
    border_value = parts.km(border["km"], lang) if border else "—"
    border_label = (t("profile.kpi.border_with", lang, country=border["across"]) if border
                    else t("profile.kpi.border", lang))
    transcribed = ((_russian_name_transcribed(catalog, profile.place_id) and lang in ("en", "ru"))  # Russian shown
                   or (lang == "zh" and _chinese_name_transcribed(catalog, profile.place_id)))
    # under the title: the Russian name in English; in Russian or Chinese only the original of a transcribed
    # name (marked with its language), never an English name left untranslated
    original_lang = "zh" if profile.iso3 == "CHN" and profile.names.get("zh") else "en"
    other_lang = "ru" if lang == "en" else original_lang
    if lang == "zh" and transcribed:  # a transcribed Chinese name: the Russian name it was transcribed from
        other_lang = "ru" if profile.names.get("ru") else "en"
    other_name = profile.names.get(other_lang) if lang == "en" or (transcribed and lang != "en") else None
    return [
        html.Nav(className="breadcrumb", children=[
            dcc.Link(t("page.map", lang), href=parts.page_href("/", state)), " / ",
            parts.country_link(profile.iso3, profile.country, state), " / ",
            html.Span(t("profile.city.kind", lang))]),
        html.Div(className="profile-title", children=[
            html.H1(profile.name, id="profile-name"),
            *([html.Span(other_name, className="profile-other-name", lang=other_lang)]
              if other_name and other_name != profile.name else []),
            *([html.Span(t("profile.name_transcribed_zh" if lang == "zh" else "profile.name_transcribed", lang),
                         className="muted", id="profile-name-transcribed")]
              if transcribed else []),
        ]),
        html.P(facts, className="profile-facts"),
        parts.kpi_strip([
            parts.kpi(parts.count(f["twinnings"], lang), t("profile.kpi.twin_cities", lang), key="twinnings"),
            parts.kpi(parts.count(f["partner_countries"], lang), t("profile.kpi.partner_countries", lang),
                      key="partner-countries"),
            parts.kpi(parts.count(f["neighbour_twinnings"], lang), t("profile.kpi.neighbour_twins", lang),
                      t("map.kpi.cross_border.help", lang), key="neighbours"),
            parts.kpi(border_value, border_label, t("profile.kpi.border.help", lang), key="border"),
            parts.kpi(parts.km(f["median_km"], lang), t("profile.kpi.median_km", lang), key="median-km"),
        ]),
        html.Div(className="profile-actions", children=[
            dcc.Link(t("profile.on_map", lang), href=parts.map_href(state, place=profile.place_id, viewport="fit"),
                     className="button", id="city-on-map"),
            html.A(t("profile.api", lang), href=dash.get_relative_path(f"/api/v1/places/{profile.place_id}")
                   + (f"?lang={lang}" if lang != "en" else ""), className="button-quiet", target="_blank"),
        ]),
        html.Div(className="profile-grid", children=[
            html.Div(className="profile-map", children=[
                html.Div(export_menu("city-map", state, lang, params=f"id={profile.place_id}"), className="export-row"),
                dcc.Graph(id=MAP, figure=city_map(catalog, profile, state), config=graph_config(),
                          style=figures.MAP_STYLE)]),
            parts.section(t("profile.city.twins", lang, count=parts.count(len(profile.partners), lang)),
                          partners_table(profile, state), class_name="partners"),
        ]),
        html.Div(className="profile-grid", children=[
            parts.section(t("profile.partner_countries", lang,
                            count=parts.count(len(profile.partner_countries), lang)),
                          country_bars(profile.partner_countries, state)),
            parts.section(t("profile.regions", lang), regions_table(profile, state)),
        ]),
        *([activities] if (activities := parts.activities_section(
            parts.subject_activities(catalog, state, place_id=profile.place_id), state,
            parts.page_href("/activities", state.replace(countries=(profile.iso3,), blocs=(), regions=(), pair=(),
                                                         link_scope="outward") if profile.iso3 else state)))
          is not None else []),
        *([section] if (section := practice_parts.practices_section(catalog, [profile.place_id], state,
                                                                    "city-practices")) is not None else []),
        practice_parts.partners_section(catalog, profile.place_id, state),
    ]


def city_map(catalog, profile: network.CityProfile, state: ViewState) -> dict:
    """The "city-map" chart of the profile (countries loaded by URL, as the map page loads them)."""
    return charts.get("city-map").figure(charts.Request(catalog, state, {"id": profile.place_id},
                                                        layer_url_for(catalog)))


def partners_table(profile: network.CityProfile, state: ViewState) -> html.Div:
    """Every twin: name (link), its country (link) and region beneath, the distance, land neighbours."""
    lang = state.lang
    rows = []
    partners = profile.partners
    shown = (tie_status.status_mask(partners["status"], state.status)
             & tie_status.since_mask(partners["signed"], state.since))
    for r in partners[shown].itertuples():
        where = [parts.country_link(r.iso3, figures.short_name(r.iso3, r.country, lang), state, title=r.country)] + (
            [f" · {r.region}"] if r.region else [])
        life = tie_life.life_text(r, lang)
        source = tie_life.source_link(r, lang) if r.status != "active" else None
        rows.append([html.Div([parts.city_link(r.place_id, r.name, state),
                               html.Div(where, className="muted small"),
                               *([html.Div([life, " ", source] if source is not None else life,
                                           className=f"small tie-life tie-{r.status}")] if life else [])]),
                     parts.km(r.distance_km, lang), "✓" if r.neighbours else ""])
    hidden = int((~shown).sum())
    note = [html.P(tn("ties.hidden_by_status", hidden, lang), className="hint", id="city-partners-hidden")
            ] if hidden else []
    if not rows:
        return html.Div([html.P(t("map.card.none", lang), className="hint"), *note])
    return html.Div([parts.table([t("network.table.twin", lang), t("network.table.distance", lang),
                                  t("network.table.neighbours", lang)], rows, numeric={1},
                                 id="city-partners"), *note], className="table-scroll")


def country_bars(partners: pd.DataFrame, state: ViewState):
    lang = state.lang
    if partners.empty:
        return html.P(t("map.card.none", lang), className="hint")
    rows = [(parts.country_link(r.iso3, figures.short_name(r.iso3, r.name, lang), state, title=r.name),
             int(r.twinnings),
             theme.GREEN if r.neighbour else (theme.LINE_STRONG if r.domestic else theme.BLUE),
             t("profile.neighbour", lang) if r.neighbour else None) for r in partners.itertuples()]
    return parts.bar_list(rows, lang, id="city-partner-countries")


def regions_table(profile: network.CityProfile, state: ViewState, limit: int = 20):
    """The twins' regions: name (a link to the map filtered to it) with its country beneath, whether it lies on
    a land border, how many twins."""
    lang = state.lang
    regions = profile.regions
    if regions.empty:
        return html.P("—", className="hint")
    rows = [[html.Div([dcc.Link(r.name, href=parts.map_href(state, regions=(r.region_id,), countries=(), blocs=(),
                                                            link_scope="outward", pair=(), place=None,
                                                            viewport="fit"),
                                className="entity-link", title=t("profile.region_on_map", lang)),
                       html.Div(parts.country_link(r.iso3, figures.short_name(r.iso3, r.country, lang), state,
                                                   title=r.country), className="muted small")]),
             "✓" if r.on_land_border else "", parts.count(r.twinnings, lang)]
            for r in regions.head(limit).itertuples()]
    table = parts.table([t("profile.region", lang), t("profile.on_border", lang), t("profile.table.twins", lang)],
                        rows, numeric={2}, id="city-regions")
    if len(regions) > limit:
        return html.Div([table, html.P(tn("profile.more_regions", len(regions) - limit, lang),
                                       className="hint")])
    return table


def layout(place_id=None, **params) -> html.Article:
    state = state_from_params(params)
    catalog = current_catalog()
    if catalog is None:
        return parts.no_store(state)
    return html.Article(city_content(catalog, _place_id(place_id), state), id=BODY, className="profile-page")


@dash.callback(Output(BODY, "children"), Input(ids.URL, "search"), State(ids.URL, "pathname"),
               prevent_initial_call=True)
def update_city(search, pathname):
    """Re-rendered in the new language (and with the new filters in its links) when the URL's query changes."""
    catalog = current_catalog()
    path = dash.strip_relative_path(pathname or "") or ""
    if catalog is None or not path.startswith("city/"):
        return no_update
    return city_content(catalog, _place_id(path.split("/", 1)[1]), state_from_search(search))
