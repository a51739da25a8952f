"""The sources and coverage page at "/sources": every dataset (origin, licence, date, rows), the project's own
cited tables, the rows in the store and the match rates of the last build, the coverage of the focus
countries, the twinnings the build could not match (AG Grid with CSV / XLSX of the rows shown), and the
attribution lines the licences ask for.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import dash
import dash_ag_grid as dag
import pandas as pd
from dash import Input, Output, State, ctx, dcc, html, no_update
from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard import settings
from dashboard.components import grid_locale, ids, table_export
from dashboard.components.catalog_source import current_catalog
from dashboard.exports import sources
from dashboard.figures.map_style import format_count
from dashboard.i18n import format_date, format_percent, has_text, t
from dashboard.pages import profile_parts as parts
from dashboard.pages.list_coverage_parts import list_coverage_section
from dashboard.state import ViewState, state_from_params, state_from_search
from dashboard.store import network, queries, spaces
from dashboard.store.list_coverage import coverage_tables
from dashboard.store.summary import COUNTED_TABLES

log = logging.getLogger(__name__)

dash.register_page(__name__, path="/sources", name="Sources", title="Borderlinks — sources", order=85,
                   nav_key="page.sources")

BODY = "sources-body"
GRID = "sources-review-grid"
CSV_BUTTON = "sources-review-csv"
XLSX_BUTTON = "sources-review-xlsx"
DOWNLOAD = "sources-review-download"
REVIEW_COLUMNS = ("source", "source_row", "city_a", "country_a", "city_b", "country_b", "reason")


@lru_cache(maxsize=4)
def review_table(url: str, built_at: str) -> pd.DataFrame:
    """The store's twinning_review rows (per store build)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return pd.read_sql_query(f"SELECT {', '.join(REVIEW_COLUMNS)} FROM twinning_review ORDER BY review_id",
                                     connection)
    finally:
        engine.dispose()


def review_rows(catalog) -> pd.DataFrame:
    try:
        return review_table(settings.database_url(), str(catalog.built_at))
    except Exception as error:  # an old or damaged store: safe, the page shows its sources without the review
        log.warning("the twinning review cannot be read from the store (%s)", error)
        return pd.DataFrame(columns=list(REVIEW_COLUMNS))


def list_coverage_rows(catalog) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The coverage of the cities' own lists, per city and per country (empty for an older store)."""
    try:
        return coverage_tables(settings.database_url(), str(catalog.built_at))
    except SQLAlchemyError as error:  # a damaged store: the page shows its other sections
        log.warning("the coverage of the cities' lists cannot be read from the store (%s)", error)
        return pd.DataFrame(columns=["iso3"]), pd.DataFrame(columns=["iso3"])


def column_defs(lang: str) -> list[dict]:
    widths = {"source": 110, "source_row": 90}
    return [{"field": c, "headerName": t(f"sources.review.{'row' if c == 'source_row' else c}", lang),
             "minWidth": widths.get(c, 140), "flex": 2 if c == "reason" else 1,
             **({"type": "rightAligned", "filter": "agNumberColumnFilter"} if c == "source_row" else
                {"filter": "agTextColumnFilter"})} for c in REVIEW_COLUMNS]


def _link(url: str):
    """The origin as its site's name (naturalearthdata.com), the full address in the link and its tooltip:
    a long URL would otherwise wrap letter by letter in the narrow column."""
    if not url.startswith("http"):
        return url
    site = urlsplit(url).netloc.removeprefix("www.") or url
    return html.A(site, href=url, title=url, target="_blank", rel="noopener")


def _file_date(data_dir: str | None, path: str) -> str:
    if not data_dir:
        return ""
    file = Path(data_dir) / path
    if not file.exists():
        return ""
    return dt.datetime.fromtimestamp(file.stat().st_mtime, dt.timezone.utc).date().isoformat()


def _pct(value, lang: str) -> str:
    if value is None:
        return "—"
    return format_percent(value / 100, lang, decimals=2)


#: data/manifest.csv's licence names -> their message keys (names not listed show as written: CC0)
LICENCE_KEYS = {"public domain": "sources.licence.public_domain",
                "CC BY-SA 4.0 (Wikipedia contributors)": "sources.licence.wikipedia",
                "CC BY-SA 4.0 (Wikipedia contributors); coordinates partly ODbL (OpenStreetMap contributors)":
                    "sources.licence.wikipedia_osm"}


def _with_city_names(catalog, cities: pd.DataFrame, countries: pd.DataFrame, lang: str):
    """The coverage tables with each city's name in `lang` (column city_name)."""
    if "city_place_id" in cities:
        named = pd.Series(queries.localized(catalog.places, lang).to_numpy(), index=catalog.places["place_id"])
        cities = cities.assign(city_name=cities["city_place_id"].map(named).fillna(cities["city_name_en"]))
    return cities, countries


def _described(key: str, as_written: str, lang: str) -> str:
    """The text of `key` in `lang` where the catalogues have it, else the manifest's own words."""
    return t(key, lang) if key and has_text(key) else as_written


def content(catalog, lang: str, state: ViewState | None = None) -> list:
    """The page for the interface language; the coverage figures answer to the state's space."""
    state = state or ViewState(lang=lang)
    if catalog is None:
        return [html.H1(t("sources.heading", lang)), html.P(t("sources.no_store", lang))]
    info = catalog.info or {}
    counts = info.get("counts") or {}
    data_dir = info.get("data_dir")
    datasets = parts.table(
        [t("sources.col.dataset", lang), t("sources.col.file", lang), t("sources.col.licence", lang),
         t("sources.col.date", lang), t("sources.col.origin", lang)],
        [[_described(f"sources.dataset.{row['key']}", row["what"], lang), html.Code(row["path"]),
          _described(LICENCE_KEYS.get(row["licence"], ""), row["licence"], lang),
          format_date(_file_date(data_dir, row["path"]), lang) or "—", _link(row["source"])]
         for row in sources.manifest()], id="sources-datasets")
    own = parts.table(
        [t("sources.col.file", lang), t("sources.col.rows", lang), t("sources.col.sources", lang),
         t("sources.col.date", lang)],
        [[html.Code(row["path"]), format_count(row["rows"], lang), format_count(len(row["sources"]), lang),
          format_date(row["modified"], lang)] for row in sources.own_tables()], numeric={1, 2}, id="sources-own")
    store = parts.table([t("sources.col.table", lang), t("sources.col.rows", lang)],
                        [[t(f"sources.table.{name}", lang), format_count(counts.get(name, 0), lang)]
                         for name in COUNTED_TABLES if name in counts], numeric={1}, id="sources-store")
    wiki, wiki_matched = info.get("wikipedia_pairs"), info.get("wikipedia_pairs_matched")
    wd, wd_matched = info.get("wikidata_links"), info.get("wikidata_links_matched")
    origins = info.get("places_by_origin") or {}
    match = html.Ul(id="sources-match", children=[
        html.Li(t("sources.match.wikipedia", lang, matched=format_count(wiki_matched or 0, lang),
                  total=format_count(wiki or 0, lang), pct=_pct(info.get("wikipedia_matched_pct"), lang))),
        html.Li(t("sources.match.wikidata", lang, matched=format_count(wd_matched or 0, lang),
                  total=format_count(wd or 0, lang),
                  pct=_pct(100.0 * wd_matched / wd if wd and wd_matched is not None else None, lang))),
        html.Li(t("sources.match.both", lang, count=format_count(info.get("twinnings_in_both_sources") or 0, lang))),
        html.Li(t("sources.match.origin", lang, items=", ".join(
            f"{_described(f'sources.origin.{k}', k, lang)} {format_count(v, lang)}" for k, v in origins.items()))),
    ])
    names = network.country_name_map(catalog, lang)
    space = spaces.state_countries(catalog, state)
    focus = {code: row for code, row in (info.get("focus_countries") or {}).items() if space is None or code in space}
    kpis = queries.filtered_view(catalog, state.replace(countries=(), blocs=(), regions=(), border_only=False,
                                                        min_population=0, link_scope="space", pair=())).kpis
    in_space = html.P(t("sources.space_coverage", lang, space=spaces.space_caption(state, catalog.countries),
                        twinnings=format_count(kpis["twinnings"], lang), places=format_count(kpis["places"], lang),
                        countries=format_count(kpis["countries"], lang)), id="sources-space")
    coverage = parts.table(
        [t("sources.col.country", lang), t("sources.col.pair_ends", lang), t("sources.col.matched", lang),
         t("sources.col.twinnings", lang), t("sources.col.places", lang)],
        [[parts.country_link(code, names.get(code, code), _state(lang)), format_count(row["wikipedia_pair_ends"], lang),
          _pct(row["matched_pct"], lang), format_count(row["twinnings"], lang), format_count(row["places"], lang)]
         for code, row in focus.items()], numeric={1, 2, 3, 4}, id="sources-coverage")
    review = review_rows(catalog)
    return [
        html.H1(t("sources.heading", lang)),
        html.P(t("sources.intro", lang), className="lead"),
        html.P(t("sources.as_of", lang, date=format_date(catalog.built_at, lang)), id="sources-as-of"),
        html.H2(t("sources.datasets", lang)), datasets,
        html.H2(t("sources.own", lang)), own,
        html.Div(className="profile-grid", children=[
            html.Section([html.H2(t("sources.store", lang)), store]),
            html.Section([html.H2(t("sources.match", lang)), match]),
        ]),
        html.H2(t("sources.coverage", lang)), in_space, coverage,
        *russian_names_section(info.get("russian_names") or {}, names, lang),
        *list_coverage_section(*_with_city_names(catalog, *list_coverage_rows(catalog), lang), names, _state(lang)),
        html.H2(t("sources.review", lang, count=format_count(len(review), lang)), id="sources-review-heading"),
        html.P(t("sources.review.help", lang), className="hint"),
        html.Div(className="sources-toolbar", children=[
            html.Button(t("network.table.csv", lang), id=CSV_BUTTON, n_clicks=0, className="button"),
            html.Button(t("network.table.xlsx", lang), id=XLSX_BUTTON, n_clicks=0, className="button"),
        ]),
        dag.AgGrid(id=GRID, rowData=review.to_dict("records"), columnDefs=column_defs(lang),
                   defaultColDef={"sortable": True, "resizable": True, "filterParams": {"buttons": ["reset"]}},
                   dashGridOptions=grid_locale.grid_options(lang, {
                       "pagination": True, "paginationPageSize": 50, "paginationPageSizeSelector": False,
                       "enableCellTextSelection": True, "animateRows": False}),
                   className="ag-theme-quartz", style={"height": "460px", "width": "100%"}),
        html.H2(t("sources.attribution", lang)),
        html.Ul([html.Li(line) for line in sources.attribution_lines(lang)], className="attribution",
                id="sources-attribution"),
    ]


def russian_names_section(coverage: dict, names: dict, lang: str) -> list:
    """Per country, the twinned places with a Russian name and on what it rests (official table, Natural Earth
    or GeoNames, Palladius transcription); nothing for a store built before the names were counted."""
    if not coverage:
        return []
    rows = [[parts.country_link(code, names.get(code, code), _state(lang)), format_count(row["places"], lang),
             format_count(row["named"], lang), _pct(100.0 * row["named"] / row["places"] if row["places"] else None, lang),
             format_count(row["official"], lang), format_count(row["attested"], lang),
             format_count(row["transcribed"], lang)] for code, row in coverage.items()]
    return [html.H2(t("sources.russian_names", lang)), html.P(t("sources.russian_names.help", lang), className="hint"),
            parts.table([t("sources.col.country", lang), t("sources.col.places", lang),
                         t("sources.russian_names.named", lang), "%", t("sources.russian_names.official", lang),
                         t("sources.russian_names.attested", lang), t("sources.russian_names.transcribed", lang)],
                        rows, numeric={1, 2, 3, 4, 5, 6}, id="sources-russian-names")]


def _state(lang: str):
    return ViewState(lang=lang)


def layout(**params) -> html.Article:
    state = state_from_params(params)
    return html.Article(className="text-page sources-page", children=[
        html.Div(content(current_catalog(), state.lang, state), id=BODY), dcc.Download(id=DOWNLOAD)])


@dash.callback(Output(BODY, "children"), Input(ids.UI_LANG, "data"), Input(ids.URL, "search"),
               State(ids.URL, "pathname"), prevent_initial_call=True)
def translate(lang, search, pathname):
    """The page in the interface language, its coverage figures for the URL's space."""
    if (dash.strip_relative_path(pathname or "") or "") != "sources":
        return no_update
    return content(current_catalog(), lang, state_from_search(search).replace(lang=lang))


def shown_review(frame: pd.DataFrame, filter_model: dict | None, column_state: list | None) -> pd.DataFrame:
    """The rows the grid shows: its filters, then its sort (the column state's sort, in sortIndex order)."""
    sorts = sorted((s for s in column_state or () if s.get("sort")), key=lambda s: s.get("sortIndex") or 0)
    request = {"filterModel": filter_model or {}, "sortModel": [{"colId": s["colId"], "sort": s["sort"]} for s in sorts]}
    return table_export.grid_rows(frame, request)


@dash.callback(Output(DOWNLOAD, "data"), Input(CSV_BUTTON, "n_clicks"), Input(XLSX_BUTTON, "n_clicks"),
               State(GRID, "filterModel"), State(GRID, "columnState"), State(ids.URL, "search"),
               prevent_initial_call=True)
def download(_csv, _xlsx, filter_model, column_state, search):
    """The unmatched twinnings the grid shows (its filters and order) as CSV or XLSX, formulas neutralised."""
    catalog = current_catalog()
    if catalog is None or not ctx.triggered_id or not (ctx.triggered and ctx.triggered[0]["value"]):
        return no_update
    lang = state_from_search(search).lang
    rows = shown_review(review_rows(catalog), filter_model, column_state)
    frame = table_export.export_frame(rows, table_export.shown_columns(column_defs(lang), column_state))
    if ctx.triggered_id == XLSX_BUTTON:
        return dcc.send_bytes(table_export.xlsx_bytes(frame, t("sources.review.sheet", lang)),
                              "borderlinks-unmatched-twinnings.xlsx", type=table_export.XLSX_MIME)
    return dcc.send_bytes(table_export.csv_bytes(frame), "borderlinks-unmatched-twinnings.csv", type="text/csv")
