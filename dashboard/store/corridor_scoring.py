"""Proposed corridors: the candidate pairs scored, filtered and chained, as fast pure functions.

A candidate pair (built once, see dashboard.store.corridors) is two places facing each other across a
land border. Its score is the sum of three explainable parts, each shown to the user:

- population points: POPULATION_POINTS per tenfold of the pair's geometric-mean population above
  POPULATION_BASE (10,000 → 0, 100,000 → 10, 1 million → 20);
- proximity points: PROXIMITY_POINTS halved every HALF_DISTANCE_KM (0 km → 30, 50 km → 15,
  100 km → 7.5);
- tie points, times the ties weight (a parameter): TWINNED_POINTS if the two places are twinned,
  REGIONS_TWINNED_POINTS if other twinnings link their two regions, SHARED_REGION_POINTS if both lie
  in one cross-border region (euroregion).

The parameters (CorridorParams: maximum distance, minimum population of each place, ties weight,
number of corridors) filter and weigh; they never touch geometry. Proposing then keeps the pairs in
which each place is among the other's PARTNERS_PER_PLACE best-scoring partners across that border
(mutual best partners: a big city does not collect every village around), and chains the kept pairs
that share a place into corridors (connected components). Corridors rank by their best pair's score.

Everything parameter-independent (the points, the tie facts, the order of each place's partners per
weight) is computed once per process in `CandidateSet`; `propose` is then a few vectorised passes over
the candidates (see benchmarks/corridors.py). No Dash here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from dashboard.state import CORRIDOR_KM_RANGE, CORRIDOR_MIN_POPULATIONS, CORRIDOR_TIES_WEIGHTS, CORRIDOR_TOPS, ViewState
from geo.distance import haversine_km

POPULATION_BASE = 10_000.0
POPULATION_POINTS = 10.0
PROXIMITY_POINTS = 30.0
HALF_DISTANCE_KM = 50.0
TWINNED_POINTS = 20.0
REGIONS_TWINNED_POINTS = 10.0
SHARED_REGION_POINTS = 15.0

#: the parameters' allowed values: those of the URL state
MAX_KM_RANGE = CORRIDOR_KM_RANGE
MIN_POPULATION_CHOICES = CORRIDOR_MIN_POPULATIONS
TIES_WEIGHT_CHOICES = CORRIDOR_TIES_WEIGHTS  # per cent
TOP_CHOICES = CORRIDOR_TOPS
#: a pair is proposed when each place is among the other's this many best partners across the border
PARTNERS_PER_PLACE = 2


@dataclass(frozen=True)
class CorridorParams:
    """What the user sets: pairs at most `max_km` apart, both places with at least `min_population`,
    tie points times `ties_weight_pct` / 100, the `top` corridors listed and drawn."""

    max_km: int = 150
    min_population: int = 10_000
    ties_weight_pct: int = 100
    top: int = 100

    def __post_init__(self) -> None:
        low, high = MAX_KM_RANGE
        if isinstance(self.max_km, bool) or not isinstance(self.max_km, int) or not low <= self.max_km <= high:
            raise ValueError(f"max_km must be an integer in [{low}, {high}], not {self.max_km!r}")
        for name, allowed in (("min_population", MIN_POPULATION_CHOICES),
                              ("ties_weight_pct", TIES_WEIGHT_CHOICES), ("top", TOP_CHOICES)):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {allowed}, not {getattr(self, name)!r}")

    @property
    def ties_weight(self) -> float:
        return self.ties_weight_pct / 100.0

    @classmethod
    def of(cls, state: ViewState) -> CorridorParams:
        """The parameters held in the URL state."""
        return cls(state.corridor_km, state.corridor_min_population, state.corridor_ties, state.corridor_top)


# ---- the candidates, prepared once ---------------------------------------------------------------------

def population_points(pop_a, pop_b) -> np.ndarray:
    mean = np.sqrt(np.maximum(np.asarray(pop_a, "float64"), 1.0) * np.maximum(np.asarray(pop_b, "float64"), 1.0))
    return np.maximum(POPULATION_POINTS * np.log10(mean / POPULATION_BASE), 0.0)


def proximity_points(distance_km) -> np.ndarray:
    return PROXIMITY_POINTS * np.exp2(-np.asarray(distance_km, "float64") / HALF_DISTANCE_KM)


def tie_points(twinned, region_twinnings, shared_region) -> np.ndarray:
    """Unweighted tie points: twinned, regions twinned (other links between the two regions), and
    in one cross-border region (shared_region >= 0)."""
    return (TWINNED_POINTS * np.asarray(twinned, bool)
            + REGIONS_TWINNED_POINTS * (np.asarray(region_twinnings) > 0)
            + SHARED_REGION_POINTS * (np.asarray(shared_region) >= 0))


def _pair_keys(a: np.ndarray, b: np.ndarray, size: int) -> np.ndarray:
    """An order-free int64 key of each (a, b) pair of codes < size."""
    a, b = np.asarray(a, "int64"), np.asarray(b, "int64")
    return np.minimum(a, b) * size + np.maximum(a, b)


@dataclass(frozen=True)
class CandidateSet:
    """The candidate pairs with everything scoring needs, as numpy arrays (one row per pair).

    `places` is the catalogue's places frame (positions index the arrays pos_a/pos_b); `countries`
    the sorted iso3 codes that country_a/country_b index.
    """

    places: pd.DataFrame
    countries: np.ndarray
    pos_a: np.ndarray
    pos_b: np.ndarray
    country_a: np.ndarray
    country_b: np.ndarray
    min_population: np.ndarray     # the smaller population of the two
    distance_km: np.ndarray
    border_km_a: np.ndarray
    border_km_b: np.ndarray
    twinned: np.ndarray            # bool
    region_twinnings: np.ndarray   # other twinnings between the two places' regions
    shared_region: np.ndarray      # index into crossborder_ids, -1 if none
    crossborder_ids: np.ndarray
    known: np.ndarray              # index into known_ids if both places are on a known corridor, -1
    known_ids: np.ndarray
    base_points: np.ndarray        # population + proximity points
    tie_points: np.ndarray         # unweighted
    _orders: dict = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.pos_a)

    @cached_property
    def population_points(self) -> np.ndarray:
        population = self.places["population"].fillna(0).to_numpy("float64")
        return population_points(population[self.pos_a], population[self.pos_b])

    @cached_property
    def proximity_points(self) -> np.ndarray:
        return proximity_points(self.distance_km)

    def scores(self, ties_weight: float) -> np.ndarray:
        return self.base_points + ties_weight * self.tie_points

    def end_order(self, ties_weight_pct: int) -> tuple[np.ndarray, np.ndarray]:
        """Both ends of every pair (2n entries: pair index, group key = place × other country),
        sorted by group then best score first: computed once per weight and kept."""
        if ties_weight_pct not in self._orders:
            n_countries = len(self.countries)
            pair = np.concatenate([np.arange(len(self)), np.arange(len(self))])
            group = np.concatenate([self.pos_a * n_countries + self.country_b,
                                    self.pos_b * n_countries + self.country_a])
            score = np.concatenate([self.scores(ties_weight_pct / 100.0)] * 2)
            order = np.lexsort((pair, -score, group))
            self._orders[ties_weight_pct] = (pair[order], group[order])
        return self._orders[ties_weight_pct]


def candidate_set(places: pd.DataFrame, twinnings: pd.DataFrame, candidates: pd.DataFrame,
                  crossborder_members: pd.DataFrame | None = None,
                  crossborder_regions: pd.DataFrame | None = None,
                  known_places: pd.DataFrame | None = None) -> CandidateSet:
    """Prepare the candidates (place_a, place_b, distance_km, border_km_a, border_km_b) for scoring:
    resolve places to positions, and find the tie facts from the twinnings (place_a, place_b), the
    cross-border regions' members (crossborder_id, region_id; rows of regions whose verification is
    'unverified' are ignored) and the known corridors' places (corridor_id, place_id)."""
    places = places.reset_index(drop=True)
    position = pd.Series(np.arange(len(places)), index=places["place_id"].to_numpy())
    pos_a = position.reindex(candidates["place_a"].to_numpy()).to_numpy()
    pos_b = position.reindex(candidates["place_b"].to_numpy()).to_numpy()
    known_rows = ~(pd.isna(pos_a) | pd.isna(pos_b))
    candidates = candidates[known_rows].reset_index(drop=True)
    pos_a, pos_b = pos_a[known_rows].astype("int64"), pos_b[known_rows].astype("int64")

    iso3 = places["iso3"].fillna("").to_numpy(dtype=object)
    countries, country_code = np.unique(iso3.astype(str), return_inverse=True)
    regions = places["region_id"].fillna("").to_numpy(dtype=object).astype(str)
    region_names, region_code = np.unique(regions, return_inverse=True)
    n = len(places)

    # twinned pairs, and twinnings between regions
    t_a = position.reindex(twinnings["place_a"].to_numpy()).to_numpy()
    t_b = position.reindex(twinnings["place_b"].to_numpy()).to_numpy()
    resolved = ~(pd.isna(t_a) | pd.isna(t_b))
    t_a, t_b = t_a[resolved].astype("int64"), t_b[resolved].astype("int64")
    twinned = np.isin(_pair_keys(pos_a, pos_b, n), _pair_keys(t_a, t_b, n))
    has_region = (regions[t_a] != "") & (regions[t_b] != "")
    region_keys, region_counts = np.unique(
        _pair_keys(region_code[t_a][has_region], region_code[t_b][has_region], len(region_names)),
        return_counts=True)
    wanted = _pair_keys(region_code[pos_a], region_code[pos_b], len(region_names))
    at = np.clip(np.searchsorted(region_keys, wanted), 0, max(len(region_keys) - 1, 0))
    found = (region_keys[at] == wanted) if len(region_keys) else np.zeros(len(wanted), bool)
    region_twinnings = np.where(found, region_counts[at] if len(region_keys) else 0, 0)
    region_twinnings = region_twinnings - twinned.astype("int64")
    no_region = np.flatnonzero(region_names == "")
    region_twinnings[np.isin(region_code[pos_a], no_region) | np.isin(region_code[pos_b], no_region)] = 0

    # one cross-border region holding both places' regions
    shared = np.full(len(candidates), -1, dtype="int64")
    crossborder_ids = np.array([], dtype=object)
    if crossborder_members is not None and len(crossborder_members):
        members = crossborder_members
        if crossborder_regions is not None:
            shown = crossborder_regions.loc[crossborder_regions["verification"] != "unverified",
                                            "crossborder_id"]
            members = members[members["crossborder_id"].isin(shown)]
        crossborder_ids = np.array(sorted(members["crossborder_id"].unique()), dtype=object)
        code_a, code_b = region_code[pos_a], region_code[pos_b]
        for index, crossborder_id in enumerate(crossborder_ids):
            member_regions = members.loc[members["crossborder_id"] == crossborder_id, "region_id"].to_numpy()
            member_codes = np.flatnonzero(np.isin(region_names, member_regions))
            both = np.isin(code_a, member_codes) & np.isin(code_b, member_codes)
            shared[both & (shared < 0)] = index

    # both places on one known corridor
    known = np.full(len(candidates), -1, dtype="int64")
    known_ids = np.array([], dtype=object)
    if known_places is not None and len(known_places):
        known_ids = np.array(sorted(known_places["corridor_id"].unique()), dtype=object)
        for index, corridor_id in enumerate(known_ids):
            ids = known_places.loc[known_places["corridor_id"] == corridor_id, "place_id"].to_numpy()
            both = np.isin(candidates["place_a"].to_numpy(), ids) & np.isin(candidates["place_b"].to_numpy(), ids)
            known[both & (known < 0)] = index

    population = places["population"].fillna(0).to_numpy("float64")
    distance = candidates["distance_km"].to_numpy("float64")
    base = population_points(population[pos_a], population[pos_b]) + proximity_points(distance)
    return CandidateSet(
        places=places, countries=countries, pos_a=pos_a, pos_b=pos_b,
        country_a=country_code[pos_a].astype("int64"), country_b=country_code[pos_b].astype("int64"),
        min_population=np.minimum(population[pos_a], population[pos_b]), distance_km=distance,
        border_km_a=candidates["border_km_a"].to_numpy("float64"),
        border_km_b=candidates["border_km_b"].to_numpy("float64"),
        twinned=twinned, region_twinnings=region_twinnings.astype("int64"), shared_region=shared,
        crossborder_ids=crossborder_ids, known=known, known_ids=known_ids,
        base_points=base, tie_points=tie_points(twinned, region_twinnings, shared),
    )


# ---- proposing --------------------------------------------------------------------------------------------

def candidate_mask(cands: CandidateSet, params: CorridorParams, countries: tuple[str, ...] = (),
                   regions: tuple[str, ...] = (), space: tuple[str, ...] | None = None) -> np.ndarray:
    """The pairs within the parameters; with `countries` (iso3) or `regions` (region ids), only the
    pairs with at least one place among them; with a `space` (iso3; None: the world), only the pairs with
    both places in it."""
    mask = (cands.distance_km <= params.max_km) & (cands.min_population >= params.min_population)
    if space is not None:
        inside = np.isin(cands.countries, list(space))
        mask &= inside[cands.country_a] & inside[cands.country_b]
    if countries:
        wanted = np.isin(cands.countries, list(countries))
        mask &= wanted[cands.country_a] | wanted[cands.country_b]
    if regions:
        region = cands.places["region_id"].to_numpy(dtype=object)
        in_regions = np.isin(region, list(regions))
        mask &= in_regions[cands.pos_a] | in_regions[cands.pos_b]
    return mask


def mutual_partners(cands: CandidateSet, mask: np.ndarray, ties_weight_pct: int,
                    partners: int = PARTNERS_PER_PLACE) -> np.ndarray:
    """Pairs (indices, ascending) among `mask` in which each place is among the other's `partners`
    best-scoring partners in its country (ties broken by pair index)."""
    pair, group = cands.end_order(ties_weight_pct)
    valid = mask[pair]
    pair, group = pair[valid], group[valid]
    if not len(pair):
        return pair
    starts = np.r_[True, group[1:] != group[:-1]]
    position = np.arange(len(pair))
    rank = position - np.maximum.accumulate(np.where(starts, position, 0))
    chosen = pair[rank < partners]
    return np.flatnonzero(np.bincount(chosen, minlength=len(cands)) == 2)


def connected_components(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Components of the graph with edges (a[i], b[i]): (nodes, sorted; component label of each edge,
    the smallest node position of its component)."""
    nodes, inverse = np.unique(np.concatenate([a, b]), return_inverse=True)
    ea, eb = inverse[:len(a)], inverse[len(a):]
    label = np.arange(len(nodes))
    while True:
        low = np.minimum(label[ea], label[eb])
        previous = label.copy()
        np.minimum.at(label, ea, low)
        np.minimum.at(label, eb, low)
        while True:  # pointer jumping: each node points to its label's label
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
        if np.array_equal(label, previous):
            return nodes, nodes[label[ea]]


@dataclass(frozen=True)
class Proposal:
    """Proposed corridors for one set of parameters.

    pairs: the kept pairs (CandidateSet indices) with their corridor label, ordered by corridor rank
    then score; corridors: one row per corridor, ranked (rank, label, score, pairs, places, hub).
    `matching` counts the candidate pairs within the parameters (before keeping best partners).
    """

    params: CorridorParams
    pairs: pd.DataFrame
    corridors: pd.DataFrame
    matching: int

    @property
    def shown(self) -> pd.DataFrame:
        """The top `params.top` corridors."""
        return self.corridors.head(self.params.top)


def propose(cands: CandidateSet, params: CorridorParams, countries: tuple[str, ...] = (),
            regions: tuple[str, ...] = (), space: tuple[str, ...] | None = None) -> Proposal:
    """Score, filter, keep best partners, chain and rank (see the module notes)."""
    mask = candidate_mask(cands, params, countries, regions, space)
    kept = mutual_partners(cands, mask, params.ties_weight_pct)
    score = cands.base_points[kept] + params.ties_weight * cands.tie_points[kept]
    if not len(kept):
        empty = pd.DataFrame({"rank": [], "corridor": [], "score": [], "pairs": [], "places": [], "hub": []})
        return Proposal(params, pd.DataFrame({"pair": kept, "corridor": kept, "score": score}), empty,
                        int(mask.sum()))
    pos_a, pos_b = cands.pos_a[kept], cands.pos_b[kept]
    _, corridor = connected_components(pos_a, pos_b)
    pairs = pd.DataFrame({"pair": kept, "corridor": corridor, "score": score})
    per = pairs.groupby("corridor", sort=False).agg(score=("score", "max"), pairs=("pair", "size"))
    # places per corridor and the most populous one (the hub, which names the corridor in URLs)
    population = cands.places["population"].fillna(0).to_numpy("float64")
    ends = pd.DataFrame({"corridor": np.concatenate([corridor, corridor]),
                         "pos": np.concatenate([pos_a, pos_b])}).drop_duplicates()
    ends["population"] = population[ends["pos"].to_numpy()]
    ends = ends.sort_values(["corridor", "population", "pos"], ascending=[True, False, True])
    hubs = ends.drop_duplicates("corridor").set_index("corridor")["pos"]
    per["places"] = ends.groupby("corridor").size()
    per["population"] = ends.groupby("corridor")["population"].sum()
    per["hub"] = hubs
    per = per.reset_index().sort_values(["score", "population", "corridor"], ascending=[False, False, True],
                                        ignore_index=True)
    per.insert(0, "rank", np.arange(1, len(per) + 1))
    rank_of = pd.Series(per["rank"].to_numpy(), index=per["corridor"].to_numpy())
    pairs["rank"] = rank_of.reindex(pairs["corridor"].to_numpy()).to_numpy()
    pairs = pairs.sort_values(["rank", "score", "pair"], ascending=[True, False, True], ignore_index=True)
    return Proposal(params, pairs, per[["rank", "corridor", "score", "pairs", "places", "population", "hub"]],
                    int(mask.sum()))


def naive_propose(cands: CandidateSet, params: CorridorParams) -> list[tuple[float, frozenset]]:
    """The same result computed the obvious way (Python loops over the candidates, dicts of each
    place's partners, a union-find in Python): the benchmark's baseline and the tests' oracle.
    Returns [(corridor score, frozenset of place positions)] ranked like `propose`."""
    weight = params.ties_weight
    partners: dict[tuple[int, int], list[tuple[float, int]]] = {}
    for i in range(len(cands)):
        if cands.distance_km[i] > params.max_km or cands.min_population[i] < params.min_population:
            continue
        score = float(cands.base_points[i] + weight * cands.tie_points[i])
        for key in ((int(cands.pos_a[i]), int(cands.country_b[i])), (int(cands.pos_b[i]), int(cands.country_a[i]))):
            partners.setdefault(key, []).append((-score, i))
    chosen: dict[int, int] = {}
    for entries in partners.values():
        for _, i in sorted(entries)[:PARTNERS_PER_PLACE]:
            chosen[i] = chosen.get(i, 0) + 1
    kept = sorted(i for i, count in chosen.items() if count == 2)
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in kept:
        ra, rb = find(int(cands.pos_a[i])), find(int(cands.pos_b[i]))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list] = {}
    for i in kept:
        score = float(cands.base_points[i] + weight * cands.tie_points[i])
        entry = groups.setdefault(find(int(cands.pos_a[i])), [0.0, set()])
        entry[0] = max(entry[0], score)
        entry[1].update((int(cands.pos_a[i]), int(cands.pos_b[i])))
    population = cands.places["population"].fillna(0).to_numpy("float64")
    ranked = sorted(groups.items(), key=lambda item: (-item[1][0], -sum(population[p] for p in item[1][1]),
                                                       item[0]))
    return [(score, frozenset(members)) for _, (score, members) in ranked]


# ---- describing corridors ----------------------------------------------------------------------------------

def corridor_places(cands: CandidateSet, proposal: Proposal, corridors: pd.DataFrame) -> pd.DataFrame:
    """The places of the given corridors (rows of proposal.corridors): corridor, rank, pos, place_id,
    iso3, population, in order of rank, country, population (largest first)."""
    pairs = proposal.pairs[proposal.pairs["corridor"].isin(corridors["corridor"])]
    ends = pd.DataFrame({
        "corridor": np.concatenate([pairs["corridor"].to_numpy()] * 2),
        "rank": np.concatenate([pairs["rank"].to_numpy()] * 2),
        "pos": np.concatenate([cands.pos_a[pairs["pair"].to_numpy()], cands.pos_b[pairs["pair"].to_numpy()]]),
    }).drop_duplicates(["corridor", "pos"])
    places = cands.places
    ends["place_id"] = places["place_id"].to_numpy()[ends["pos"].to_numpy()]
    ends["iso3"] = places["iso3"].to_numpy(dtype=object)[ends["pos"].to_numpy()]
    ends["population"] = places["population"].fillna(0).to_numpy("int64")[ends["pos"].to_numpy()]
    return ends.sort_values(["rank", "iso3", "population", "place_id"], ascending=[True, True, False, True],
                            ignore_index=True)


def pair_details(cands: CandidateSet, pairs: pd.DataFrame, ties_weight: float) -> pd.DataFrame:
    """Each pair's figures, for the card and the export: the two places, distance, distances to the
    border, and the score's parts."""
    index = pairs["pair"].to_numpy()
    places = cands.places
    pos_a, pos_b = cands.pos_a[index], cands.pos_b[index]
    shared = cands.shared_region[index]
    known = cands.known[index]
    return pd.DataFrame({
        "corridor": pairs["corridor"].to_numpy(), "rank": pairs["rank"].to_numpy(), "pair": index,
        "pos_a": pos_a, "pos_b": pos_b,
        "place_a": places["place_id"].to_numpy()[pos_a], "place_b": places["place_id"].to_numpy()[pos_b],
        "iso3_a": cands.countries[cands.country_a[index]], "iso3_b": cands.countries[cands.country_b[index]],
        "population_a": places["population"].fillna(0).to_numpy("int64")[pos_a],
        "population_b": places["population"].fillna(0).to_numpy("int64")[pos_b],
        "distance_km": cands.distance_km[index],
        "border_km_a": cands.border_km_a[index], "border_km_b": cands.border_km_b[index],
        "population_points": cands.population_points[index],
        "proximity_points": cands.proximity_points[index],
        "tie_points": ties_weight * cands.tie_points[index],
        "score": pairs["score"].to_numpy(),
        "twinned": cands.twinned[index], "region_twinnings": cands.region_twinnings[index],
        "crossborder_id": np.where(shared >= 0, cands.crossborder_ids[np.maximum(shared, 0)]
                                   if len(cands.crossborder_ids) else None, None),
        "known_id": np.where(known >= 0, cands.known_ids[np.maximum(known, 0)]
                             if len(cands.known_ids) else None, None),
    })


def corridor_span_km(places: pd.DataFrame, corridor_places_frame: pd.DataFrame) -> pd.Series:
    """The longest great-circle distance between two places of each corridor (0 for one place),
    indexed by corridor label."""
    frame = corridor_places_frame[["corridor", "pos"]]
    lon = places["lon"].to_numpy("float64")
    lat = places["lat"].to_numpy("float64")
    both = frame.merge(frame, on="corridor", suffixes=("_a", "_b"))
    both["km"] = haversine_km(lon[both["pos_a"].to_numpy()], lat[both["pos_a"].to_numpy()],
                              lon[both["pos_b"].to_numpy()], lat[both["pos_b"].to_numpy()])
    return both.groupby("corridor")["km"].max()


def twinnings_inside(twinned_keys: np.ndarray, n_places: int, corridor_places_frame: pd.DataFrame) -> pd.Series:
    """How many twinnings join two places of the same corridor, indexed by corridor label.
    `twinned_keys` = sorted _pair_keys of all twinnings (positions, n_places)."""
    frame = corridor_places_frame[["corridor", "pos"]]
    both = frame.merge(frame, on="corridor", suffixes=("_a", "_b"))
    both = both[both["pos_a"].to_numpy() < both["pos_b"].to_numpy()]
    keys = _pair_keys(both["pos_a"].to_numpy(), both["pos_b"].to_numpy(), n_places)
    corridors, code = np.unique(frame["corridor"].to_numpy(), return_inverse=True)
    where = np.searchsorted(corridors, both["corridor"].to_numpy())
    counts = np.bincount(where, weights=np.isin(keys, twinned_keys), minlength=len(corridors))
    return pd.Series(counts.astype("int64"), index=corridors)


def twinning_keys(places: pd.DataFrame, twinnings: pd.DataFrame) -> np.ndarray:
    """Sorted order-free keys (positions in `places`) of the twinnings, for twinnings_inside."""
    position = pd.Series(np.arange(len(places)), index=places["place_id"].to_numpy())
    a = position.reindex(twinnings["place_a"].to_numpy()).to_numpy()
    b = position.reindex(twinnings["place_b"].to_numpy()).to_numpy()
    ok = ~(pd.isna(a) | pd.isna(b))
    return np.unique(_pair_keys(a[ok].astype("int64"), b[ok].astype("int64"), len(places)))
