"""The practice library at "/practices": a search box (Russian, English, Chinese; word forms understood),
filters (sector, country, distance to the border, population class of the places, period; the space of the
header), result cards ranked by relevance with the matching words highlighted, a map of the results with the
practices' transfers as flows, and CSV/XLSX of the search. Each card opens /practices/<slug>.

The page's keys (q, sector, countries, bkm, popclass, from, to) are those of /api/v1/practices, so the
export links and the API answer the same search.
"""

from __future__ import annotations

from urllib.parse import urlencode

import dash
from dash import Input, Output, State, dcc, html

from dashboard import charts
from dashboard.charts import practices as library
from dashboard.components import ids
from dashboard.components.catalog_source import current_catalog
from dashboard.components.filter_panel import dropdown_labels
from dashboard.components.graph import graph_config
from dashboard.figures.practices import sized_by_its_box
from dashboard.i18n import t, tn
from dashboard.pages import practices_entry as entry
from dashboard.pages import practices_parts as cards
from dashboard.pages import profile_parts as parts
from dashboard.registry.practice_search import POPULATION_CLASSES
from dashboard.registry.sectors import sector_options
from dashboard.state import ViewState, state_from_params, state_from_search
from dashboard.store import queries

dash.register_page(__name__, path="/practices", name="Practices", title="Borderlinks — practices", order=22,
                   nav_key="page.practices")

QUERY = "practices-q"
SECTORS = "practices-sectors"
COUNTRIES = "practices-countries"
BORDER = "practices-border"
POPULATION = "practices-population"
YEAR_FROM = "practices-from"
YEAR_TO = "practices-to"
RESULTS = "practices-results"
COUNT = "practices-count"
MAP = "practices-map"
CSV = "practices-csv"
XLSX = "practices-xlsx"
BORDER_CHOICES = (25, 50, 100, 200)


def _one(value) -> str:
    return (value[0] if isinstance(value, list) and value else value or "") if not isinstance(value, str) else value


def _many(value) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return [part for item in values for part in str(item).split(",") if part]


def search_args(q, sectors, countries, border, population, year_from, year_to, space) -> dict:
    args = {"q": (q or "").strip(), "sector": ",".join(sectors or ()), "countries": ",".join(countries or ()),
            "bkm": str(border or ""), "popclass": population or "", "from": str(year_from or ""),
            "to": str(year_to or ""), "space": space or "default"}
    return {key: value for key, value in args.items() if value}


def results_content(catalog, args: dict, state: ViewState):
    query = library.PracticeQuery.from_args(args, catalog)
    results = library.search(catalog, query, state.lang)
    figure = sized_by_its_box(charts.get("practices-map").figure(charts.Request(catalog, state, args)))
    api = "/api/v1/practices?" + urlencode({**args, "lang": state.lang})
    return (cards.result_cards(catalog, results, query.text, state),
            tn("practices.count", len(results), state.lang), figure,
            dash.get_relative_path(api + "&format=csv"), dash.get_relative_path(api + "&format=xlsx"))


def layout(**params) -> html.Article:
    state = state_from_params(params)
    lang = state.lang
    catalog = current_catalog()
    if catalog is None:
        return parts.no_store(state)
    q, sectors, countries = _one(params.get("q")), _many(params.get("sector")), _many(params.get("countries"))
    border, population = _one(params.get("bkm")), _one(params.get("popclass"))
    year_from, year_to = _one(params.get("from")), _one(params.get("to"))
    args = search_args(q, sectors, countries, border, population, year_from, year_to, state.space)
    found, count, figure, csv_href, xlsx_href = results_content(catalog, args, state)
    country_names = queries.country_names(catalog.countries, lang).sort_values()
    return html.Article(className="practices-page", children=[
        html.H1(t("practices.title", lang)),
        html.P(t("practices.lead", lang), className="lead"),
        html.Div(className="practices-filters", children=[
            dcc.Input(id=QUERY, type="search", value=q, debounce=True, placeholder=t("practices.search.placeholder", lang),
                      className="practices-search"),
            dcc.Dropdown(id=SECTORS, options=sector_options(lang), value=sectors, multi=True,
                         placeholder=t("practices.filter.sectors", lang), labels=dropdown_labels(lang)),
            dcc.Dropdown(id=COUNTRIES, options=[{"label": name, "value": iso3} for iso3, name in country_names.items()],
                         value=countries, multi=True, placeholder=t("practices.filter.countries", lang),
                         labels=dropdown_labels(lang)),
            dcc.Dropdown(id=BORDER, options=[{"label": t("practices.filter.border_km", lang, km=km), "value": str(km)}
                                             for km in BORDER_CHOICES],
                         value=border or None, placeholder=t("practices.filter.border", lang),
                         labels=dropdown_labels(lang)),
            dcc.Dropdown(id=POPULATION, options=[{"label": t(f"practices.popclass.{name}", lang), "value": name}
                                                 for name in POPULATION_CLASSES],
                         value=population or None, placeholder=t("practices.filter.population", lang),
                         labels=dropdown_labels(lang)),
            dcc.Input(id=YEAR_FROM, type="number", min=1960, max=2100, value=year_from or None,
                      placeholder=t("practices.filter.from", lang), debounce=True),
            dcc.Input(id=YEAR_TO, type="number", min=1960, max=2100, value=year_to or None,
                      placeholder=t("practices.filter.to", lang), debounce=True),
        ]),
        html.Div(className="practices-meta", children=[
            html.Span(count, id=COUNT),
            html.A(t("practices.export.csv", lang), href=csv_href, id=CSV, className="button-quiet"),
            html.A(t("practices.export.xlsx", lang), href=xlsx_href, id=XLSX, className="button-quiet"),
            dcc.Link(t("page.partners", lang), href=parts.page_href("/partners", state), className="button-quiet"),
        ]),
        html.Div(className="practices-grid", children=[
            html.Div(found, id=RESULTS, className="practices-results"),
            dcc.Graph(id=MAP, figure=figure, config=graph_config(), className="practices-map"),
        ]),
        *([panel] if (panel := entry.entry_panel(lang)) is not None else []),
    ])


@dash.callback(Output(RESULTS, "children"), Output(COUNT, "children"), Output(MAP, "figure"),
               Output(CSV, "href"), Output(XLSX, "href"),
               Input(QUERY, "value"), Input(SECTORS, "value"), Input(COUNTRIES, "value"), Input(BORDER, "value"),
               Input(POPULATION, "value"), Input(YEAR_FROM, "value"), Input(YEAR_TO, "value"),
               State(ids.URL, "search"), prevent_initial_call=True)
def update_results(q, sectors, countries, border, population, year_from, year_to, search):
    state = state_from_search(search)
    catalog = current_catalog()
    if catalog is None:
        return dash.no_update
    return results_content(catalog, search_args(q, sectors, countries, border, population, year_from, year_to,
                                                state.space), state)

