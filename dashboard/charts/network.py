"""The network page's charts: the country matrix, top cities, shares, link lengths, communities, and the
tables served at /api/v1/network/<name> (matrix, pairs, cities, shares, lengths, nearest, communities)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.charts.geography import countries_layer
from dashboard.charts.presenter import (
    FIGURE_FORMATS,
    NETWORK,
    TABLE_FORMATS,
    Presenter,
    Request,
    UnknownChart,
    int_arg,
    register,
)
from dashboard.figures import network as figures
from dashboard.i18n import t
from dashboard.state import ViewState
from dashboard.store import network, queries

#: cities in the network page's two rankings
TOP_CITIES = 15
#: cities in /api/v1/network/cities by default
API_TOP_CITIES = 50
API_TOP_COMMUNITIES = 20
CITY_MEASURES = ("twinnings", "partner_countries")


def _links(request: Request) -> pd.DataFrame:
    return queries.filtered_view(request.catalog, request.state).links


def _names(request: Request) -> dict[str, str]:
    return network.country_name_map(request.catalog, request.lang)


def _with_country_names(table: pd.DataFrame, names: dict) -> pd.DataFrame:
    table = table.copy()
    table["country_a"] = [names.get(c, c) for c in table["iso3_a"]]
    table["country_b"] = [names.get(c, c) for c in table["iso3_b"]]
    return table[["iso3_a", "country_a", "iso3_b", "country_b", "twinnings"]]


# ---- the country x country matrix -----------------------------------------------------------------------------

@dataclass(frozen=True)
class MatrixData:
    matrix: network.CountryMatrix
    names: dict
    highlight: tuple[str, str] | None


def matrix_query(request: Request) -> MatrixData:
    """args: top (countries shown, default 25), cell (the clicked [iso3, iso3]; default the state's pair)."""
    matrix = network.country_matrix(_links(request),
                                    int_arg(request.args, "top", network.DEFAULT_TOP_COUNTRIES, high=network.MAX_TOP))
    cell = request.args.get("cell")
    pair = request.state.pair
    highlight = tuple(cell) if cell else (tuple(pair) if len(pair) == 2 else None)
    return MatrixData(matrix, _names(request), highlight)


def matrix_build(data: MatrixData, state: ViewState, lang: str) -> dict:
    return figures.matrix_figure(data.matrix, [data.names.get(c, c) for c in data.matrix.iso3], lang, data.highlight)


def matrix_table(data: MatrixData, request: Request) -> tuple[pd.DataFrame, dict]:
    matrix, names = data.matrix, data.names
    i, j = np.triu_indices(len(matrix.iso3))
    keep = matrix.counts[i, j] > 0
    table = pd.DataFrame({"iso3_a": np.asarray(matrix.iso3, dtype=object)[i[keep]],
                          "iso3_b": np.asarray(matrix.iso3, dtype=object)[j[keep]],
                          "twinnings": matrix.counts[i, j][keep]})
    meta = {"countries": list(matrix.iso3), "names": [names.get(c, c) for c in matrix.iso3],
            "totals": matrix.totals.tolist(), "square": matrix.counts.tolist(),
            "countries_in_view": matrix.countries_in_view, "twinnings_in_view": matrix.twinnings_in_view}
    return _with_country_names(table, names), meta


MATRIX = register(Presenter(
    id="network-matrix", title_key="network.tab.matrix", caption_key="network.matrix.help",
    query=matrix_query, build=matrix_build, table=matrix_table, api_name="matrix",
    formats=FIGURE_FORMATS + TABLE_FORMATS))


# ---- country pairs (a table) ------------------------------------------------------------------------------------

PAIRS = register(Presenter(
    id="network-pairs", title_key="exports.brief.top_pairs",
    query=lambda request: _with_country_names(network.pair_counts(_links(request)), _names(request)),
    table=lambda table, request: (table, {}), api_name="pairs", formats=TABLE_FORMATS))


# ---- top cities -----------------------------------------------------------------------------------------------

def _top_cities(request: Request, by: str, default_top: int) -> pd.DataFrame:
    ranking = network.city_ranking(request.catalog, queries.filtered_view(request.catalog, request.state),
                                   request.lang)
    return network.top_cities(ranking, by, int_arg(request.args, "top", default_top, high=100_000))


def _cities_figure(by: str, title_key: str) -> Presenter:
    return Presenter(
        id=f"network-cities-{'twinnings' if by == 'twinnings' else 'countries'}", title_key=title_key,
        caption_key="network.cities.help", query=lambda request: _top_cities(request, by, TOP_CITIES),
        build=lambda top, state, lang: figures.top_cities_figure(top, by, lang),
        table=lambda top, request: (top, {"by": by}), formats=FIGURE_FORMATS + TABLE_FORMATS)


CITIES_BY_TWINNINGS = register(_cities_figure("twinnings", "network.cities.by_twinnings"))
CITIES_BY_COUNTRIES = register(_cities_figure("partner_countries", "network.cities.by_countries"))


def _measure(request: Request) -> str:
    by = request.args.get("by", "twinnings")
    return by if by in CITY_MEASURES else "twinnings"


CITIES = register(Presenter(
    id="network-cities", title_key="network.tab.cities",
    query=lambda request: (_top_cities(request, _measure(request), API_TOP_CITIES), _measure(request)),
    table=lambda data, request: (data[0], {"by": data[1]}), api_name="cities", formats=TABLE_FORMATS))


# ---- shares: with land neighbours, within a bloc, beyond ------------------------------------------------------

def shares_query(request: Request) -> tuple[pd.DataFrame, dict]:
    """args: top (the countries with most twinnings; default every country in view)."""
    links = _links(request)
    countries = None
    if request.args.get("top") is not None:
        top = int_arg(request.args, "top", network.DEFAULT_TOP_COUNTRIES, high=1000)
        countries = tuple(network.country_totals(links).index[:top])
    return network.country_shares(request.catalog, links, countries), _names(request)


def shares_table(data, request: Request) -> tuple[pd.DataFrame, dict]:
    shares, names = data
    shares = shares.copy()
    shares.insert(1, "country", [names.get(c, c) for c in shares["iso3"]])
    return shares, {"blocs": list(network.BLOCS), "bloc_statuses": list(network.BLOC_STATUSES)}


SHARES = register(Presenter(
    id="network-shares", title_key="network.tab.blocs", caption_key="network.shares.help",
    query=shares_query, build=lambda data, state, lang: figures.shares_figure(data[0], data[1], lang),
    table=shares_table, api_name="shares", datasets=(*NETWORK, "memberships"),
    formats=FIGURE_FORMATS + TABLE_FORMATS))


# ---- link lengths, and the nearest cross-border twinnings ------------------------------------------------------

def lengths_query(request: Request) -> tuple[pd.DataFrame, dict]:
    links = _links(request)
    return network.length_histogram(links), network.length_summary(links)


LENGTHS = register(Presenter(
    id="network-lengths", title_key="network.lengths.heading", query=lengths_query,
    build=lambda data, state, lang: figures.lengths_figure(data[0], data[1], lang),
    table=lambda data, request: data, api_name="lengths", formats=FIGURE_FORMATS + TABLE_FORMATS))

NEAREST = register(Presenter(
    id="network-nearest", title_key="network.nearest.heading",
    query=lambda request: network.nearest_cross_border(
        request.catalog, _links(request), request.lang,
        int_arg(request.args, "top", network.NEAREST_COUNT, high=1000)),
    table=lambda nearest, request: (nearest, {}), api_name="nearest", formats=TABLE_FORMATS))


# ---- communities (Louvain) on a map ----------------------------------------------------------------------------

@dataclass(frozen=True)
class CommunitiesData:
    catalog: object
    links: pd.DataFrame
    members: pd.DataFrame | None
    found: network.Communities | None
    countries: object  # the countries' GeoJSON, or its URL
    names: dict


def community_members(catalog, view: queries.FilteredView, lang: str) -> pd.DataFrame:
    linked = view.linked_places
    names = network.country_name_map(catalog, lang)
    return pd.DataFrame({
        "place_id": linked["place_id"].to_numpy(dtype="int64"),
        "name": queries.localized(linked, lang).fillna("").to_numpy(),
        "country": [names.get(c, c) if isinstance(c, str) else "" for c in linked["iso3"]],
        "lon": linked["lon"].to_numpy(dtype="float64"), "lat": linked["lat"].to_numpy(dtype="float64"),
        "twinnings": linked["links_in_view"].to_numpy(dtype="int64"),
    })


def communities_query(request: Request) -> CommunitiesData:
    catalog, state = request.catalog, request.state
    view = queries.filtered_view(catalog, state)
    if view.links.empty:
        return CommunitiesData(catalog, view.links, None, None, None, {})
    return CommunitiesData(catalog, view.links, community_members(catalog, view, state.lang),
                           network.communities_for(catalog, state), countries_layer(request), _names(request))


def communities_build(data: CommunitiesData, state: ViewState, lang: str) -> dict:
    if data.found is None:
        return figures.empty_figure(t("network.empty", lang))
    return figures.communities_map_figure(data.members, data.links, data.found, lang, data.countries,
                                          list(data.catalog.countries["iso3"]), data.names,
                                          revision="communities" + state.to_query())


def communities_table(data: CommunitiesData, request: Request) -> tuple[pd.DataFrame, dict]:
    found = data.found or network.communities_for(request.catalog, request.state)
    summary = network.community_summary(request.catalog, data.links, found, request.lang,
                                        int_arg(request.args, "top", API_TOP_COMMUNITIES, high=1000))
    summary["hubs"] = ["; ".join(f"{n} ({p})" for p, n in hubs) for hubs in summary["hubs"]]
    summary = summary.drop(columns="country_counts")
    meta = {"method": "louvain", "seed": found.seed, "modularity": round(found.modularity, 4),
            "communities": int(len(found.sizes)), "cities": int(len(found.place_id))}
    return summary, meta


COMMUNITIES = register(Presenter(
    id="network-communities", title_key="network.tab.communities", caption_key="network.communities.help",
    query=communities_query, build=communities_build, table=communities_table, api_name="communities",
    formats=FIGURE_FORMATS + TABLE_FORMATS))


# ---- one cell of the matrix: the twinnings between two countries, on a map --------------------------------------

@dataclass(frozen=True)
class CellData:
    catalog: object
    pair: tuple[str, str]
    twinnings: pd.DataFrame  # twinnings_frame rows, the pair's first country on side a, nearest first
    countries: object
    names: dict


def cell_twinnings(catalog, state: ViewState, pair: tuple[str, str]) -> pd.DataFrame:
    links = queries.filtered_view(catalog, state).links
    chosen = links[network.pair_mask(links, *pair)]
    frame = network.twinnings_frame(catalog, chosen, state.lang)
    swap = (frame["iso3_a"] != pair[0]).to_numpy() & (frame["iso3_b"] == pair[0]).to_numpy()
    for column in ("place", "name", "iso3", "country"):
        a, b = frame[f"{column}_a"].to_numpy().copy(), frame[f"{column}_b"].to_numpy().copy()
        frame[f"{column}_a"], frame[f"{column}_b"] = np.where(swap, b, a), np.where(swap, a, b)
    return frame.sort_values(["distance_km", "twinning_id"], ignore_index=True)


def cell_query(request: Request) -> CellData:
    """args: cell (the pair of countries, [iso3, iso3])."""
    pair = tuple(request.args.get("cell") or ())
    if len(pair) != 2:
        raise UnknownChart("the cell's map needs cell=[iso3, iso3]")
    return CellData(request.catalog, pair, cell_twinnings(request.catalog, request.state, pair),
                    countries_layer(request), _names(request))


def cell_build(data: CellData, state: ViewState, lang: str) -> dict:
    if data.twinnings.empty:
        return figures.empty_figure("", 240)
    return figures.pairs_map_figure(data.twinnings, queries.network(data.catalog).places, lang, data.countries,
                                    list(data.catalog.countries["iso3"]), data.names, highlight=set(data.pair))


CELL_MAP = register(Presenter(
    id="network-cell-map", title_key="network.cell.on_map", query=cell_query, build=cell_build,
    table=lambda data, request: (data.twinnings, {"pair": list(data.pair)}), formats=TABLE_FORMATS))
