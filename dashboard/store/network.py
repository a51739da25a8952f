"""What the twinning network says: pure analytics of the twinnings in view, per country and per city.

Every function reads the same filtered view the map reads (`queries.filtered_view(catalog, state)`),
so every figure answers to the same filters. No Dash, no Flask; the one read of the store is
`load_land_borders` (the geometry of land borders, for distances to a border).

- country x country matrix: `country_matrix` (symmetric; the diagonal = twinnings inside a country),
  the twinnings of one cell: `pair_mask`;
- cities by twinnings and by partner countries: `city_ranking`, `top_cities`;
- per country, shares of twinnings with a land neighbour, within a bloc, beyond it: `country_shares`;
- lengths: `length_histogram`, `length_summary`, `nearest_cross_border`;
- communities of the city graph (Louvain, seeded): `detect_communities` (pure) and `communities_for`
  (cached per filter);
- a flat, named table of twinnings: `twinnings_frame` (the network page's grid, the cell lists);
- profiles: `country_profile`, `city_profile`, `border_distances_km`;
- the same figures as tables for the API: `api_table`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd
import shapely
from sqlalchemy.exc import SQLAlchemyError

from dashboard import cache as shared_cache
from dashboard import settings
from dashboard.memo import VersionedMemo, data_version
from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.catalog import StoreMissing
from dashboard.store.layers import read_geometry_table
from geo.locate import distance_km

log = logging.getLogger(__name__)

#: the blocs whose "within / beyond" shares are computed (full, current members)
BLOCS = ("SCO", "BRICS", "EAEU", "CIS")
BLOC_STATUSES = ("member",)
#: the country matrix shows this many countries (largest totals) unless told otherwise
DEFAULT_TOP_COUNTRIES = 25
TOP_COUNTRY_CHOICES = (10, 15, 25, 40)
MAX_TOP = 200
#: Louvain's seed: the same filter gives the same communities, run after run
COMMUNITY_SEED = 42
#: the communities that get a colour of their own (the others are drawn grey)
COLOURED_COMMUNITIES = 7
LENGTH_BIN_KM = 500
NEAREST_COUNT = 20
#: a twinned city this close to a land border counts as a border city in a country profile
NEAR_BORDER_KM = 100.0
_CACHE_SIZE = 32


# ---- small caches keyed by the catalogue's version and a key (dashboard.memo) ------------------------------

#: the pages' caches of values computed from a catalogue take the same memo
CatalogCache = VersionedMemo

_names_cache = CatalogCache(8)
_frames_cache = CatalogCache()
_community_cache = CatalogCache()
_community_lock = threading.Lock()  # one Louvain at a time: two clicks must not compute it twice


def clear_caches(names: bool = False) -> None:
    """Forget the results cached per filter (and, with `names`, the per-process name lookups):
    benchmarks measure the first visit of a filter with it."""
    for cache in (_frames_cache, _community_cache) + ((_names_cache,) if names else ()):
        cache.clear()


# ---- names ---------------------------------------------------------------------------------------------

def place_names(catalog, lang: str) -> np.ndarray:
    """The name of every place of `queries.network(catalog).places`, by position, in `lang`."""
    return _names_cache.get(catalog, ("places", lang), lambda: queries.localized(
        queries.network(catalog).places, lang).fillna("").to_numpy(dtype=object))


def country_name_map(catalog, lang: str) -> dict[str, str]:
    """iso3 -> country name in `lang`."""
    return _names_cache.get(catalog, ("countries", lang), lambda: {
        str(k): str(v) for k, v in queries.country_names(catalog.countries, lang).items()})


def region_name_map(catalog, lang: str) -> dict[str, str]:
    """region_id -> region name in `lang`."""
    return _names_cache.get(catalog, ("regions", lang), lambda: dict(zip(
        catalog.regions["region_id"], queries.localized(catalog.regions, lang).fillna("").astype(str))))


def _countries_of(codes, names: Mapping[str, str]) -> np.ndarray:
    """The name of each code ('' for none; the code itself when it has no name)."""
    codes = pd.Series(np.asarray(codes, dtype=object))
    named = codes.map(names)
    return named.where(named.notna(), codes).where(codes.notna(), "").to_numpy(dtype=object)


# ---- the country matrix -----------------------------------------------------------------------------------

def _iso3_pairs(links: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The two countries of each link, '' where unknown."""
    a = links["iso3_a"].astype(object).where(links["iso3_a"].notna(), "").to_numpy(dtype=object)
    b = links["iso3_b"].astype(object).where(links["iso3_b"].notna(), "").to_numpy(dtype=object)
    return a, b


def country_totals(links: pd.DataFrame) -> pd.Series:
    """Twinnings touching each country (a domestic one counted once), largest first, then by iso3."""
    a, b = _iso3_pairs(links)
    ends = np.concatenate([a, b[b != a]])
    ends = ends[ends != ""]
    if not len(ends):
        return pd.Series(dtype="int64", name="twinnings")
    counts = pd.Series(ends).value_counts()
    frame = pd.DataFrame({"iso3": counts.index.astype(str), "twinnings": counts.to_numpy(dtype="int64")})
    frame = frame.sort_values(["twinnings", "iso3"], ascending=[False, True])
    return pd.Series(frame["twinnings"].to_numpy(), index=frame["iso3"].to_numpy(), name="twinnings")


@dataclass(frozen=True)
class CountryMatrix:
    """Twinnings between the `iso3` countries (largest totals first): counts[i, j] = counts[j, i] =
    twinnings between country i and country j; counts[i, i] = twinnings inside country i."""

    iso3: tuple[str, ...]
    counts: np.ndarray          # int64, shape (n, n), symmetric
    totals: np.ndarray          # int64, twinnings touching each country (all partners, not only shown)
    countries_in_view: int      # countries with a twinning in view
    twinnings_in_view: int


def country_matrix(links: pd.DataFrame, top: int = DEFAULT_TOP_COUNTRIES) -> CountryMatrix:
    """The matrix of the `top` countries with the most twinnings among `links` (sorted by totals)."""
    totals = country_totals(links)
    shown = totals.iloc[:max(int(top), 0)]
    order = {iso3: i for i, iso3 in enumerate(shown.index)}
    n = len(order)
    counts = np.zeros((n, n), dtype="int64")
    a, b = _iso3_pairs(links)
    i = np.array([order.get(x, -1) for x in a], dtype="int64")
    j = np.array([order.get(x, -1) for x in b], dtype="int64")
    both = (i >= 0) & (j >= 0)
    i, j = i[both], j[both]
    np.add.at(counts, (i, j), 1)
    off = i != j
    np.add.at(counts, (j[off], i[off]), 1)
    return CountryMatrix(tuple(shown.index), counts, shown.to_numpy(dtype="int64"), len(totals), len(links))


def pair_mask(links: pd.DataFrame, first: str, second: str) -> np.ndarray:
    """The links between two countries, in either direction (first == second: inside one country)."""
    a, b = _iso3_pairs(links)
    return ((a == first) & (b == second)) | ((a == second) & (b == first))


def pair_counts(links: pd.DataFrame) -> pd.DataFrame:
    """Every pair of countries with twinnings: iso3_a <= iso3_b, twinnings; largest first."""
    a, b = _iso3_pairs(links)
    low, high = np.where(a <= b, a, b), np.where(a <= b, b, a)
    frame = pd.DataFrame({"iso3_a": low, "iso3_b": high})
    frame = frame[(frame["iso3_a"] != "") & (frame["iso3_b"] != "")]
    counts = frame.value_counts().rename("twinnings").reset_index()
    return counts.sort_values(["twinnings", "iso3_a", "iso3_b"], ascending=[False, True, True],
                              ignore_index=True)


# ---- a flat, named table of twinnings -------------------------------------------------------------------------

TWINNING_COLUMNS = ("twinning_id", "place_a", "name_a", "iso3_a", "country_a", "place_b", "name_b", "iso3_b",
                    "country_b", "distance_km", "neighbours", "in_wikipedia", "in_wikidata")


def twinnings_frame(catalog, links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`links` (rows of FilteredView.links) with both ends named in `lang`: TWINNING_COLUMNS.

    `neighbours` = the two countries share a land border (the store's crosses_land_border)."""
    names = place_names(catalog, lang)
    countries = country_name_map(catalog, lang)
    pos_a, pos_b = links["pos_a"].to_numpy(), links["pos_b"].to_numpy()
    a, b = _iso3_pairs(links)
    return pd.DataFrame({
        "twinning_id": links["twinning_id"].to_numpy(dtype="int64"),
        "place_a": links["place_a"].to_numpy(dtype="int64"), "name_a": names[pos_a],
        "iso3_a": a, "country_a": _countries_of(a, countries),
        "place_b": links["place_b"].to_numpy(dtype="int64"), "name_b": names[pos_b],
        "iso3_b": b, "country_b": _countries_of(b, countries),
        "distance_km": links["distance_km"].to_numpy(dtype="float64"),
        "neighbours": links["crosses_land_border"].fillna(False).to_numpy(dtype=bool),
        "in_wikipedia": links["in_wikipedia"].fillna(False).to_numpy(dtype=bool),
        "in_wikidata": links["in_wikidata"].fillna(False).to_numpy(dtype=bool),
    }, columns=list(TWINNING_COLUMNS))


def twinnings_in_view(catalog, state: ViewState) -> pd.DataFrame:
    """twinnings_frame of the state's filtered view, sorted by twinning_id; cached per filter and language."""
    def compute() -> pd.DataFrame:
        view = queries.filtered_view(catalog, state)
        return twinnings_frame(catalog, view.links, state.lang).sort_values("twinning_id", ignore_index=True)
    return _frames_cache.get(catalog, ("twinnings", queries.filter_key(state), state.lang), compute)


# ---- cities -----------------------------------------------------------------------------------------------------

def city_ranking(catalog, view: queries.FilteredView, lang: str) -> pd.DataFrame:
    """The cities passing the place filters that have twinnings in view: place_id, name, iso3, country,
    region_id, population, twinnings (in view), partner_countries (other countries among their twins in
    view), neighbour_twinnings (with a country across a land border); most twinnings first."""
    net = queries.network(catalog)
    links = view.links
    pos = np.concatenate([links["pos_a"].to_numpy(), links["pos_b"].to_numpy()])
    other_iso3 = np.concatenate([links["iso3_b"].to_numpy(dtype=object), links["iso3_a"].to_numpy(dtype=object)])
    neighbour = np.tile(links["crosses_land_border"].fillna(False).to_numpy(dtype=bool), 2)
    iso3 = net.places["iso3"].to_numpy(dtype=object)
    keep = view.place_in[pos] if len(pos) else np.zeros(0, dtype=bool)
    ends = pd.DataFrame({"pos": pos[keep], "other": other_iso3[keep], "neighbour": neighbour[keep]})
    columns = ["place_id", "name", "iso3", "country", "region_id", "population", "twinnings",
               "partner_countries", "neighbour_twinnings"]
    if ends.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    twinnings = ends.groupby("pos").size()
    foreign = ends[ends["other"].to_numpy(dtype=object) != iso3[ends["pos"].to_numpy()]]
    partner_countries = foreign.dropna(subset=["other"]).drop_duplicates(["pos", "other"]).groupby("pos").size()
    neighbours = ends.groupby("pos")["neighbour"].sum()
    positions = twinnings.index.to_numpy()
    places = net.places.iloc[positions]
    frame = pd.DataFrame({
        "place_id": places["place_id"].to_numpy(dtype="int64"),
        "name": place_names(catalog, lang)[positions],
        "iso3": places["iso3"].to_numpy(dtype=object),
        "country": _countries_of(places["iso3"].to_numpy(dtype=object), country_name_map(catalog, lang)),
        "region_id": places["region_id"].to_numpy(dtype=object),
        "population": pd.to_numeric(places["population"], errors="coerce").to_numpy(dtype="float64"),
        "twinnings": twinnings.to_numpy(dtype="int64"),
        "partner_countries": partner_countries.reindex(positions, fill_value=0).to_numpy(dtype="int64"),
        "neighbour_twinnings": neighbours.reindex(positions, fill_value=0).to_numpy(dtype="int64"),
    })
    return frame.sort_values(["twinnings", "partner_countries", "place_id"], ascending=[False, False, True],
                             ignore_index=True)


def top_cities(ranking: pd.DataFrame, by: str = "twinnings", count: int = 15) -> pd.DataFrame:
    """The first `count` cities of a city_ranking by "twinnings" or "partner_countries" (ties: the
    other measure, then place_id)."""
    if by not in ("twinnings", "partner_countries"):
        raise ValueError(f"by must be 'twinnings' or 'partner_countries', not {by!r}")
    other = "partner_countries" if by == "twinnings" else "twinnings"
    return ranking.sort_values([by, other, "place_id"], ascending=[False, False, True]).head(count).reset_index(
        drop=True)


# ---- neighbours and blocs ----------------------------------------------------------------------------------

def bloc_members_of(memberships: pd.DataFrame, blocs: tuple[str, ...] = BLOCS,
                    statuses: tuple[str, ...] = BLOC_STATUSES) -> dict[str, tuple[str, ...]]:
    """iso3 -> the blocs (of `blocs`) the country is a current member of, in `blocs` order."""
    current = memberships[memberships["until"].isna() & memberships["org"].isin(blocs)
                          & memberships["status"].isin(statuses)]
    out: dict[str, list[str]] = {}
    for org in blocs:
        for iso3 in sorted(set(current.loc[current["org"] == org, "iso3"])):
            out.setdefault(iso3, []).append(org)
    return {iso3: tuple(orgs) for iso3, orgs in out.items()}


def _bloc_bits(codes: np.ndarray, members: Mapping[str, tuple[str, ...]]) -> np.ndarray:
    bit = {org: 1 << k for k, org in enumerate(BLOCS)}
    lookup = {iso3: sum(bit[o] for o in orgs) for iso3, orgs in members.items()}
    return np.array([lookup.get(code, 0) for code in codes], dtype="int64")


SHARE_COLUMNS = ("domestic", "neighbours", "within_bloc", "beyond_bloc")


def country_shares(catalog, links: pd.DataFrame, countries: tuple[str, ...] | list[str] | None = None
                   ) -> pd.DataFrame:
    """For each country (default: every country in view, most twinnings first): its twinnings in view
    and how many of them are
    - domestic: both cities in the country;
    - neighbours: with a country across a land border;
    - within_bloc: with a country that is a member of a bloc it is a member of (SCO, BRICS, EAEU, CIS);
    - beyond_bloc: with another country outside all its blocs (domestic + within + beyond = all);
    with shares (share_<name>, of the country's twinnings), per-bloc counts (within_SCO, ...) and `blocs`
    (the country's blocs, comma-separated)."""
    a, b = _iso3_pairs(links)
    neighbour = links["crosses_land_border"].fillna(False).to_numpy(dtype=bool)
    foreign = a != b
    sides = pd.DataFrame({"iso3": np.concatenate([a, b[foreign]]), "other": np.concatenate([b, a[foreign]]),
                          "neighbour": np.concatenate([neighbour, neighbour[foreign]])})
    sides = sides[sides["iso3"] != ""]
    members = bloc_members_of(catalog.memberships)
    shared = _bloc_bits(sides["iso3"].to_numpy(), members) & _bloc_bits(sides["other"].to_numpy(), members)
    is_foreign = (sides["iso3"].to_numpy() != sides["other"].to_numpy())
    sides = sides.assign(
        twinnings=1, domestic=~is_foreign, neighbours=sides["neighbour"].to_numpy() & is_foreign,
        within_bloc=is_foreign & (shared != 0), beyond_bloc=is_foreign & (shared == 0),
        **{f"within_{org}": is_foreign & ((shared >> k) & 1).astype(bool) for k, org in enumerate(BLOCS)})
    count_columns = ["twinnings", *SHARE_COLUMNS, *(f"within_{org}" for org in BLOCS)]
    sums = sides.groupby("iso3")[count_columns].sum().astype("int64")
    if countries is None:
        order = country_totals(links).index
    else:
        order = pd.Index(list(countries))
    sums = sums.reindex(order, fill_value=0)
    sums.index.name = "iso3"
    frame = sums.reset_index()
    total = frame["twinnings"].to_numpy(dtype="float64")
    for name in SHARE_COLUMNS:
        frame[f"share_{name}"] = np.divide(frame[name].to_numpy(dtype="float64"), total,
                                           out=np.zeros(len(frame)), where=total > 0)
    frame["blocs"] = [",".join(members.get(iso3, ())) for iso3 in frame["iso3"]]
    return frame


# ---- lengths --------------------------------------------------------------------------------------------------

def length_histogram(links: pd.DataFrame, bin_km: float = LENGTH_BIN_KM) -> pd.DataFrame:
    """Twinnings per distance bin: bin_start_km, bin_end_km, twinnings, neighbours (between countries
    sharing a land border), others. Bins from 0 to the longest link."""
    km = links["distance_km"].to_numpy(dtype="float64")
    neighbour = links["crosses_land_border"].fillna(False).to_numpy(dtype=bool)
    known = ~np.isnan(km)
    top = max(float(km[known].max()) if known.any() else 0.0, bin_km)
    edges = np.arange(0.0, top + bin_km, bin_km)
    all_counts, _ = np.histogram(km[known], bins=edges)
    near_counts, _ = np.histogram(km[known & neighbour], bins=edges)
    return pd.DataFrame({"bin_start_km": edges[:-1], "bin_end_km": edges[1:],
                         "twinnings": all_counts.astype("int64"), "neighbours": near_counts.astype("int64"),
                         "others": (all_counts - near_counts).astype("int64")})


def length_summary(links: pd.DataFrame) -> dict:
    """count, median_km, q1_km, q3_km, median_neighbours_km, median_others_km, share_under_500_km."""
    km = links["distance_km"].to_numpy(dtype="float64")
    neighbour = links["crosses_land_border"].fillna(False).to_numpy(dtype=bool)
    known = ~np.isnan(km)

    def median(values: np.ndarray) -> float | None:
        return float(np.median(values)) if len(values) else None

    return {
        "count": int(known.sum()),
        "median_km": median(km[known]),
        "q1_km": float(np.percentile(km[known], 25)) if known.any() else None,
        "q3_km": float(np.percentile(km[known], 75)) if known.any() else None,
        "median_neighbours_km": median(km[known & neighbour]),
        "median_others_km": median(km[known & ~neighbour]),
        "share_under_500_km": float((km[known] < 500).mean()) if known.any() else 0.0,
    }


def nearest_cross_border(catalog, links: pd.DataFrame, lang: str, count: int = NEAREST_COUNT) -> pd.DataFrame:
    """The `count` shortest twinnings between cities of two different countries (twinnings_frame rows)."""
    a, b = _iso3_pairs(links)
    cross = links[(a != b) & (a != "") & (b != "") & links["distance_km"].notna().to_numpy()]
    cross = cross.sort_values(["distance_km", "twinning_id"]).head(count)
    return twinnings_frame(catalog, cross, lang)


# ---- communities ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Communities:
    """Louvain communities of the city graph: `community[i]` of `place_id[i]` (sorted by place_id),
    numbered by size (0 = the largest; ties by smallest place_id)."""

    place_id: np.ndarray
    community: np.ndarray
    sizes: np.ndarray           # cities per community, by community number
    modularity: float
    seed: int

    def of(self, place_ids) -> np.ndarray:
        """The community of each place id (-1 for a place not in the graph)."""
        place_ids = np.asarray(place_ids, dtype="int64")
        if not len(self.place_id):
            return np.full(len(place_ids), -1, dtype="int64")
        index = np.clip(np.searchsorted(self.place_id, place_ids), 0, len(self.place_id) - 1)
        return np.where(self.place_id[index] == place_ids, self.community[index], -1)


def city_graph(links: pd.DataFrame) -> nx.Graph:
    """The undirected graph of cities (place ids) and twinnings, nodes and edges added in sorted order
    (so that seeded methods give the same result on the same links)."""
    a = links["place_a"].to_numpy(dtype="int64")
    b = links["place_b"].to_numpy(dtype="int64")
    low, high = np.minimum(a, b), np.maximum(a, b)
    edges = np.unique(np.stack([low, high], axis=1)[low != high], axis=0) if len(a) else np.empty((0, 2), "int64")
    graph = nx.Graph()
    graph.add_nodes_from(np.unique(np.concatenate([a, b])).tolist())
    graph.add_edges_from(map(tuple, edges.tolist()))
    return graph


def detect_communities(links: pd.DataFrame, seed: int = COMMUNITY_SEED) -> Communities:
    """Louvain communities (networkx, `seed`) of the graph of `links`: deterministic for the same links."""
    graph = city_graph(links)
    if graph.number_of_nodes() == 0:
        empty = np.empty(0, dtype="int64")
        return Communities(empty, empty, empty, 0.0, seed)
    found = nx.community.louvain_communities(graph, seed=seed)
    modularity = float(nx.community.modularity(graph, found)) if graph.number_of_edges() else 0.0
    ordered = sorted((sorted(members) for members in found), key=lambda members: (-len(members), members[0]))
    place_id = np.concatenate([np.asarray(m, dtype="int64") for m in ordered])
    community = np.concatenate([np.full(len(m), k, dtype="int64") for k, m in enumerate(ordered)])
    order = np.argsort(place_id, kind="stable")
    sizes = np.array([len(m) for m in ordered], dtype="int64")
    return Communities(place_id[order], community[order], sizes, modularity, seed)


def communities_for(catalog, state: ViewState, seed: int = COMMUNITY_SEED) -> Communities:
    """detect_communities of the state's filtered view, cached per filter (a click or a language switch
    never recomputes it)."""
    key = ("communities", queries.filter_key(state), seed)

    def compute() -> Communities:
        with _community_lock:  # a second request for the same filter waits for the first, then hits
            hit = _community_cache.peek(catalog, key)
            if hit is not None:
                return hit
            # shared by the server's workers (dashboard/cache.py): only the first one runs Louvain
            return shared_cache.remember((data_version(catalog), *key), lambda: detect_communities(
                queries.filtered_view(catalog, state).links, seed))
    return _community_cache.get(catalog, key, compute)


def community_summary(catalog, links: pd.DataFrame, communities: Communities, lang: str,
                      count: int = COLOURED_COMMUNITIES) -> pd.DataFrame:
    """The `count` largest communities: community, cities, twinnings (inside it), countries (top three
    "name (cities)" joined by ', '), country_codes (their iso3), country_counts ([(iso3, cities)]), hubs (the
    three best-linked cities: list of (place_id, name))."""
    net = queries.network(catalog)
    community_a = communities.of(links["place_a"].to_numpy())
    community_b = communities.of(links["place_b"].to_numpy())
    inside = pd.Series(community_a[community_a == community_b]).value_counts()
    degree = pd.concat([links["place_a"], links["place_b"]]).value_counts()
    position = pd.Series(np.arange(len(net.places)), index=net.places["place_id"].to_numpy())
    names = place_names(catalog, lang)
    countries = country_name_map(catalog, lang)
    rows = []
    for k in range(min(count, len(communities.sizes))):
        members = communities.place_id[communities.community == k]
        iso3 = net.places["iso3"].to_numpy(dtype=object)[position.reindex(members).to_numpy()]
        by_country = pd.Series(iso3).dropna().value_counts()
        by_country = by_country.sort_index().sort_values(ascending=False, kind="stable").head(3)
        hubs = degree.reindex(members).fillna(0).astype(int)
        hubs = hubs.sort_index().sort_values(ascending=False, kind="stable").head(3)
        rows.append({
            "community": k, "cities": int(communities.sizes[k]), "twinnings": int(inside.get(k, 0)),
            "countries": ", ".join(f"{countries.get(c, c)} ({n})" for c, n in by_country.items()),
            "country_codes": ",".join(by_country.index),
            "country_counts": [(str(c), int(n)) for c, n in by_country.items()],
            "hubs": [(int(p), str(names[position[p]])) for p in hubs.index],
        })
    return pd.DataFrame(rows, columns=["community", "cities", "twinnings", "countries", "country_codes",
                                       "country_counts", "hubs"])


# ---- land borders -----------------------------------------------------------------------------------------------

@lru_cache(maxsize=2)
def load_land_borders(url: str | None = None) -> pd.DataFrame:
    """The store's land borders: iso3_a, iso3_b, length_km and shapely `geometry` (lines)."""
    return read_geometry_table(url or settings.database_url(),
                               "SELECT iso3_a, iso3_b, length_km, geometry FROM land_borders")


def border_distances_km(lon, lat, iso3, borders: pd.DataFrame) -> pd.DataFrame:
    """For each point (lon, lat) in country `iso3`: border_km, the great-circle km to the nearest land
    border of its country, and across_iso3, the country across it (NaN / None for a country without
    land borders). Uses geo.locate.distance_km on the borders' lines."""
    lon = np.atleast_1d(np.asarray(lon, dtype="float64"))
    lat = np.atleast_1d(np.asarray(lat, dtype="float64"))
    iso3 = np.atleast_1d(np.asarray(iso3, dtype=object))
    sides = pd.concat([
        pd.DataFrame({"iso3": borders["iso3_a"].to_numpy(), "across": borders["iso3_b"].to_numpy(),
                      "border": np.arange(len(borders))}),
        pd.DataFrame({"iso3": borders["iso3_b"].to_numpy(), "across": borders["iso3_a"].to_numpy(),
                      "border": np.arange(len(borders))}),
    ], ignore_index=True)
    pairs = pd.DataFrame({"point": np.arange(len(lon)), "iso3": iso3}).merge(sides, on="iso3", how="inner")
    out = pd.DataFrame({"border_km": np.full(len(lon), np.nan), "across_iso3": [None] * len(lon)})
    if pairs.empty:
        return out
    points = shapely.points(lon[pairs["point"].to_numpy()], lat[pairs["point"].to_numpy()])
    geometries = borders["geometry"].to_numpy(dtype=object)[pairs["border"].to_numpy()]
    pairs["km"] = distance_km(points, geometries)
    nearest = pairs.dropna(subset=["km"]).sort_values(["point", "km", "across"]).drop_duplicates("point")
    out.loc[nearest["point"].to_numpy(), "border_km"] = nearest["km"].to_numpy()
    out.loc[nearest["point"].to_numpy(), "across_iso3"] = nearest["across"].to_numpy()
    return out


# ---- profiles ---------------------------------------------------------------------------------------------------

def _links_touching_country(catalog, iso3: str) -> pd.DataFrame:
    net = queries.network(catalog)
    codes = net.places["iso3"].to_numpy(dtype=object)
    mask = (codes[net.end_a] == iso3) | (codes[net.end_b] == iso3)
    return net.links(mask)


def _links_touching_place(catalog, place_id: int) -> pd.DataFrame:
    net = queries.network(catalog)
    mask = (net.twinnings["place_a"].to_numpy() == place_id) | (net.twinnings["place_b"].to_numpy() == place_id)
    return net.links(mask)


def _partner_countries(subject_iso3: str, land_neighbours: set[str],
                       members: Mapping[str, tuple[str, ...]], names: Mapping[str, str],
                       other_iso3: np.ndarray) -> pd.DataFrame:
    own = set(members.get(subject_iso3, ()))
    counts = pd.Series(other_iso3[other_iso3 != ""]).value_counts()
    frame = pd.DataFrame({"iso3": counts.index.astype(str), "twinnings": counts.to_numpy(dtype="int64")})
    frame = frame.sort_values(["twinnings", "iso3"], ascending=[False, True], ignore_index=True)
    frame["name"] = [names.get(c, c) for c in frame["iso3"]]
    frame["neighbour"] = frame["iso3"].isin(land_neighbours).to_numpy()
    frame["domestic"] = (frame["iso3"] == subject_iso3).to_numpy()
    frame["shared_blocs"] = [",".join(o for o in members.get(c, ()) if o in own) if c != subject_iso3 else ""
                             for c in frame["iso3"]]
    return frame[["iso3", "name", "twinnings", "neighbour", "domestic", "shared_blocs"]]


def _land_neighbours(catalog, iso3: str) -> list[str]:
    row = catalog.countries.loc[catalog.countries["iso3"] == iso3, "land_neighbours"]
    text = row.iloc[0] if len(row) and isinstance(row.iloc[0], str) else ""
    return [code for code in text.split(",") if code]


@dataclass(frozen=True)
class CountryProfile:
    iso3: str
    name: str
    names: dict                  # {"en": ..., "ru": ..., "zh": ...}
    blocs: pd.DataFrame          # org, status, since (current memberships, any bloc)
    neighbours: pd.DataFrame     # iso3, name, length_km (of the shared land border)
    figures: dict                # cities, twinnings, partner_countries, domestic, share_neighbours, ...
    partner_countries: pd.DataFrame  # iso3, name, twinnings, neighbour, domestic, shared_blocs
    cities: pd.DataFrame         # city_ranking of the country's twinned cities (+ border_km, across_iso3)
    regions: pd.DataFrame        # region_id, name, on_land_border, cities, twinnings
    links: pd.DataFrame          # the country's twinnings (FilteredView.links rows), for the map
    twinnings: pd.DataFrame      # twinnings_frame of `links`, subject first (side a = the country)


def country_profile(catalog, iso3: str, lang: str, borders: pd.DataFrame | None = None,
                    border_cities: int = 40) -> CountryProfile | None:
    """Everything the country page shows about `iso3` (all its twinnings, whatever the filter), or None
    for an unknown country. `borders` (load_land_borders) adds the distance to the nearest land border of
    the country's `border_cities` best-linked cities and the lengths of its borders."""
    row = catalog.countries[catalog.countries["iso3"] == iso3]
    if row.empty:
        return None
    names = country_name_map(catalog, lang)
    members = bloc_members_of(catalog.memberships)
    links = _links_touching_country(catalog, iso3)
    a, b = _iso3_pairs(links)
    flip = (b == iso3) & (a != iso3)
    other = np.where(flip, a, b)
    neighbours = _land_neighbours(catalog, iso3)
    partners = _partner_countries(iso3, set(neighbours), members, names, other)

    net = queries.network(catalog)
    in_country = (net.places["iso3"] == iso3).to_numpy()
    view = queries.FilteredView((iso3,), in_country, links, pd.DataFrame(), pd.DataFrame())
    cities = city_ranking(catalog, view, lang)
    cities["border_km"] = np.nan
    cities["across_iso3"] = None
    if borders is not None and len(cities) and neighbours:
        head = cities.head(border_cities)
        positions = pd.Series(np.arange(len(net.places)), index=net.places["place_id"].to_numpy())[
            head["place_id"].to_numpy()].to_numpy()
        distances = border_distances_km(net.places["lon"].to_numpy()[positions],
                                        net.places["lat"].to_numpy()[positions], head["iso3"].to_numpy(), borders)
        cities.loc[head.index, "border_km"] = distances["border_km"].to_numpy()
        cities.loc[head.index, "across_iso3"] = distances["across_iso3"].to_numpy()

    region_names = region_name_map(catalog, lang)
    regions = (cities.groupby("region_id", dropna=True)
               .agg(cities=("place_id", "size"), twinnings=("twinnings", "sum")).reset_index())
    regions["name"] = [region_names.get(r, r) for r in regions["region_id"]]
    border_flags = catalog.regions.set_index("region_id")["on_land_border"]
    regions["on_land_border"] = regions["region_id"].map(border_flags).fillna(False).astype(bool).to_numpy()
    regions = regions.sort_values(["twinnings", "cities", "region_id"], ascending=[False, False, True],
                                  ignore_index=True)[["region_id", "name", "on_land_border", "cities", "twinnings"]]

    current = catalog.memberships[catalog.memberships["iso3"].eq(iso3) & catalog.memberships["until"].isna()]
    blocs = current[["org", "status", "since"]].reset_index(drop=True)
    lengths = {}
    if borders is not None:
        for a_code, b_code, km in zip(borders["iso3_a"], borders["iso3_b"], borders["length_km"]):
            if iso3 in (a_code, b_code):
                lengths[b_code if a_code == iso3 else a_code] = km
    neighbour_frame = pd.DataFrame({"iso3": neighbours, "name": [names.get(c, c) for c in neighbours],
                                    "length_km": [lengths.get(c, np.nan) for c in neighbours]})
    neighbour_frame = neighbour_frame.sort_values("name", key=lambda s: s.str.casefold(), ignore_index=True)

    table = twinnings_frame(catalog, links, lang)
    swap = flip
    if swap.any():
        pairs = [("place", "place"), ("name", "name"), ("iso3", "iso3"), ("country", "country")]
        for left, _ in pairs:
            first, second = table[f"{left}_a"].to_numpy().copy(), table[f"{left}_b"].to_numpy().copy()
            table[f"{left}_a"] = np.where(swap, second, first)
            table[f"{left}_b"] = np.where(swap, first, second)
    table = table.sort_values(["distance_km", "twinning_id"], ignore_index=True)

    km = links["distance_km"].to_numpy(dtype="float64")
    foreign = other != iso3
    figures = {
        "cities": int(len(cities)),
        "twinnings": int(len(links)),
        "partner_countries": int(((partners["iso3"] != iso3)).sum()),
        "domestic": int((~foreign).sum()),
        "neighbour_twinnings": int((links["crosses_land_border"].fillna(False).to_numpy(dtype=bool) & foreign).sum()),
        "share_neighbours": float((links["crosses_land_border"].fillna(False).to_numpy(dtype=bool) & foreign).mean())
        if len(links) else 0.0,
        "median_km": float(np.nanmedian(km)) if len(km) and not np.isnan(km).all() else None,
        "border_cities": int((cities["border_km"] <= NEAR_BORDER_KM).sum()),
        "border_cities_checked": int(min(len(cities), border_cities)) if borders is not None else 0,
    }
    name_en = str(row["name_en"].iloc[0])
    return CountryProfile(
        iso3=iso3, name=names.get(iso3, name_en),
        names={code: str(queries.localized(row, code).iloc[0]) for code in queries.NAME_LANGUAGES},
        blocs=blocs, neighbours=neighbour_frame, figures=figures, partner_countries=partners, cities=cities,
        regions=regions, links=links, twinnings=table)


@dataclass(frozen=True)
class CityProfile:
    place_id: int
    name: str
    names: dict                  # {"en": ..., "ru": ..., "zh": ...}
    iso3: str
    country: str
    region_id: str | None
    region: str | None
    on_land_border: bool         # its region lies on a land border
    lon: float
    lat: float
    population: float | None
    figures: dict                # twinnings, partner_countries, neighbour_twinnings, median_km, ...
    border: dict | None          # {"km": ..., "across_iso3": ..., "across": name} or None
    partners: pd.DataFrame       # place_id, name, iso3, country, region_id, region, population, distance_km,
                                 # neighbours (bool), twinning_id, in_wikipedia, in_wikidata, and the tie's
                                 # life (queries.TIE_LIFE: origin, signed, status, status_changed, ...)
    partner_countries: pd.DataFrame  # iso3, name, twinnings, neighbour, domestic, shared_blocs
    regions: pd.DataFrame        # region_id, name, iso3, country, on_land_border, twinnings (partners' regions)


def city_profile(catalog, place_id: int, lang: str, borders: pd.DataFrame | None = None) -> CityProfile | None:
    """Everything the city page shows about one place (all its twinnings), or None for an unknown id."""
    row = queries.place_row(catalog, place_id)
    if row is None:
        return None
    names = country_name_map(catalog, lang)
    region_names = region_name_map(catalog, lang)
    members = bloc_members_of(catalog.memberships)
    iso3 = row["iso3"] if isinstance(row["iso3"], str) else ""
    partners = queries.partners_of(catalog, int(place_id))
    links = _links_touching_place(catalog, int(place_id))
    flags = links.set_index("twinning_id")[["in_wikipedia", "in_wikidata"]]
    partners = partners.assign(
        name=queries.localized(partners, lang).fillna("").to_numpy(),
        country=_countries_of(partners["iso3"].to_numpy(dtype=object), names),
        region=[region_names.get(r, "") if isinstance(r, str) else "" for r in partners["region_id"]],
        neighbours=partners["crosses_land_border"].fillna(False).to_numpy(dtype=bool),
        in_wikipedia=partners["twinning_id"].map(flags["in_wikipedia"]).fillna(False).to_numpy(dtype=bool),
        in_wikidata=partners["twinning_id"].map(flags["in_wikidata"]).fillna(False).to_numpy(dtype=bool),
    )[["place_id", "name", "iso3", "country", "region_id", "region", "population", "lon", "lat", "distance_km",
       "neighbours", "twinning_id", "in_wikipedia", "in_wikidata", *queries.TIE_LIFE]]
    other = partners["iso3"].astype(object).where(partners["iso3"].notna(), "").to_numpy(dtype=object)
    partner_countries = _partner_countries(iso3, set(_land_neighbours(catalog, iso3)), members, names,
                                           other)
    border_flags = catalog.regions.set_index("region_id")["on_land_border"]
    regions = (partners.dropna(subset=["region_id"]).groupby(["region_id", "iso3"]).size()
               .rename("twinnings").reset_index())
    regions["name"] = [region_names.get(r, r) for r in regions["region_id"]]
    regions["country"] = _countries_of(regions["iso3"].to_numpy(dtype=object), names)
    regions["on_land_border"] = regions["region_id"].map(border_flags).fillna(False).astype(bool).to_numpy()
    regions = regions.sort_values(["twinnings", "region_id"], ascending=[False, True], ignore_index=True)[
        ["region_id", "name", "iso3", "country", "on_land_border", "twinnings"]]

    border = None
    if borders is not None and iso3:
        distance = border_distances_km([row["lon"]], [row["lat"]], [iso3], borders).iloc[0]
        if not pd.isna(distance["border_km"]):
            across = distance["across_iso3"]
            border = {"km": float(distance["border_km"]), "across_iso3": across, "across": names.get(across, across)}
    km = partners["distance_km"].to_numpy(dtype="float64")
    foreign = other != iso3
    figures = {
        "twinnings": int(len(partners)),
        "partner_countries": int(len(set(other[foreign & (other != "")]))),
        "neighbour_twinnings": int((partners["neighbours"].to_numpy() & foreign).sum()),
        "domestic": int((~foreign).sum()),
        "median_km": float(np.nanmedian(km)) if len(km) and not np.isnan(km).all() else None,
        "nearest_km": float(np.nanmin(km)) if len(km) and not np.isnan(km).all() else None,
    }
    region_id = row["region_id"] if isinstance(row["region_id"], str) else None
    population = pd.to_numeric(pd.Series([row["population"]]), errors="coerce").iloc[0]
    one = row.to_frame().T
    return CityProfile(
        place_id=int(place_id), name=str(queries.localized(one, lang).iloc[0]),
        names={code: str(queries.localized(one, code).iloc[0]) for code in queries.NAME_LANGUAGES}, iso3=iso3, country=names.get(iso3, iso3),
        region_id=region_id, region=region_names.get(region_id) if region_id else None,
        on_land_border=bool(border_flags.get(region_id, False)) if region_id else False,
        lon=float(row["lon"]), lat=float(row["lat"]),
        population=None if pd.isna(population) or population <= 0 else float(population),
        figures=figures, border=border, partners=partners, partner_countries=partner_countries, regions=regions)


# ---- profiles for the pages: with the store's land borders, cached per catalogue and language ----------------

def _borders_or_none() -> pd.DataFrame | None:
    try:
        return load_land_borders()
    except (StoreMissing, SQLAlchemyError) as error:
        # no store or no geometry table (a hand-made catalogue, an old store): profiles without distances
        log.warning("the land borders cannot be read (%s): profiles show no distances to a border", error)
        return None


def country_profile_for(catalog, iso3: str, lang: str) -> CountryProfile | None:
    """country_profile with the store's land borders, cached."""
    return _frames_cache.get(catalog, ("country", iso3, lang),
                             lambda: country_profile(catalog, iso3, lang, _borders_or_none()))


def city_profile_for(catalog, place_id: int, lang: str) -> CityProfile | None:
    """city_profile with the store's land borders, cached."""
    return _frames_cache.get(catalog, ("city", int(place_id), lang),
                             lambda: city_profile(catalog, int(place_id), lang, _borders_or_none()))


# ---- profiles as plain JSON-ready dicts (for /api/v1/countries/<iso3> and /api/v1/places/<id>) -------------

def _plain(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]


def country_profile_json(profile: CountryProfile) -> dict:
    twinnings = profile.twinnings.rename(columns={
        "place_a": "place_id", "name_a": "name", "iso3_a": "iso3", "country_a": "country",
        "place_b": "partner_place_id", "name_b": "partner_name", "iso3_b": "partner_iso3",
        "country_b": "partner_country"})
    return {"iso3": profile.iso3, "name": profile.name, "names": profile.names,
            "blocs": _records(profile.blocs), "land_neighbours": _records(profile.neighbours),
            "figures": _plain(profile.figures), "partner_countries": _records(profile.partner_countries),
            "cities": _records(profile.cities), "regions": _records(profile.regions),
            "twinnings": _records(twinnings)}


def city_profile_json(profile: CityProfile) -> dict:
    return {"place_id": profile.place_id, "name": profile.name, "names": profile.names, "iso3": profile.iso3,
            "country": profile.country, "region_id": profile.region_id, "region": profile.region,
            "on_land_border": profile.on_land_border, "lon": profile.lon, "lat": profile.lat,
            "population": _plain(profile.population), "figures": _plain(profile.figures),
            "nearest_land_border": _plain(profile.border), "partners": _records(profile.partners),
            "partner_countries": _records(profile.partner_countries), "regions": _records(profile.regions)}
