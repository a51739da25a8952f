"""Suggested partners for a place: places across the border, in the space, not yet its partners, ranked,
each with its reasons in numbers. Pure, vectorised functions of frames (the store's places, twinnings,
countries and distances to the border; the registry's practices and requests); no I/O.

Who is a candidate: a place in a country that shares a land border with the place's country (and is in the
space, when one is given), with at least `min_population` people, within `max_km`, not the place itself
and not already twinned with it. So a suggestion is never in the same country and never a partner.

Reasons (all returned, all in numbers):
    distance_km          great-circle distance between the two
    border_km            the candidate's distance to the land border (and `own_border_km`, the place's)
    population_ratio     smaller population / larger (1 = the same size)
    shared_sectors       sectors both have, through published practices they take part in and open requests
    common_partners      places twinned with both (partners of partners)
    region_pair_ties     existing twinnings between the two places' regions (the same border-region pair)
    request_matches      open requests of either that the other fits (0, 1 or 2; 2 = a mutual match)

Score = sum of weight x component, each component in [0, 1]:
    near       0.7 * exp(-distance_km / 300) + 0.3 * exp(-border_km / 50)
    size       population_ratio
    interests  0.6 * min(shared_sectors / 3, 1) + 0.4 * min(request_matches, 1)
    network    0.6 * min(common_partners / 3, 1) + 0.4 * min(region_pair_ties / 5, 1)
with the weights of the chosen emphasis (EMPHASES; the API and the page show them; `weights=` overrides).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

#: the weights of each emphasis the user can choose (near / similar size / shared interests)
EMPHASES: dict[str, dict[str, float]] = {
    "balanced": {"near": 0.35, "size": 0.20, "interests": 0.25, "network": 0.20},
    "near": {"near": 0.60, "size": 0.10, "interests": 0.15, "network": 0.15},
    "size": {"near": 0.20, "size": 0.50, "interests": 0.15, "network": 0.15},
    "interests": {"near": 0.15, "size": 0.10, "interests": 0.55, "network": 0.20},
}
EARTH_KM = 6371.0088


@dataclass(frozen=True)
class SuggestionInputs:
    places: pd.DataFrame        # place_id, iso3, region_id, lat, lon, population
    twinnings: pd.DataFrame     # place_a, place_b
    countries: pd.DataFrame     # iso3, land_neighbours ("A,B,C")
    border_km: pd.Series        # distance to the land border (km), indexed by place_id
    sectors_by_place: dict      # place_id -> set of sector codes (practices and open requests)
    requests: pd.DataFrame      # open published requests: request_id, place_id, sectors, countries,
                                # max_border_km, population_min, population_max

    @cached_property
    def arrays(self) -> _Arrays:
        return _Arrays.of(self)


@dataclass(frozen=True)
class _Arrays:
    """The inputs as aligned numpy arrays (positions = rows of `places`), made once per inputs."""

    index: pd.Index            # place_id -> position
    place_id: np.ndarray
    country: np.ndarray        # integer code of iso3
    country_codes: pd.Index    # iso3 of each code
    region: np.ndarray         # integer code of region_id (-1: none)
    lon: np.ndarray
    lat: np.ndarray
    population: np.ndarray
    border: np.ndarray         # km, inf when unknown
    end_a: np.ndarray          # positions of the twinnings' ends (-1: not a place of the store)
    end_b: np.ndarray
    sector_bits: np.ndarray    # one bit per sector a place has
    sector_bit: dict           # sector code -> bit

    @classmethod
    def of(cls, inputs: SuggestionInputs) -> _Arrays:
        places = inputs.places
        index = pd.Index(places["place_id"].to_numpy(dtype="int64"))
        country, country_codes = pd.factorize(places["iso3"].astype(object).to_numpy())
        region, _ = pd.factorize(places["region_id"].astype(object).to_numpy())
        border = inputs.border_km.reindex(index).to_numpy(dtype="float64")
        sector_bit = {code: 1 << k for k, code in enumerate(sorted({s for v in inputs.sectors_by_place.values()
                                                                      for s in v}))}
        bits = np.zeros(len(index), dtype="int64")
        positions = index.get_indexer(list(inputs.sectors_by_place))
        for position, sectors in zip(positions, inputs.sectors_by_place.values()):
            if position >= 0:
                bits[position] = sum(sector_bit[s] for s in sectors)
        return cls(index, index.to_numpy(), country, pd.Index(country_codes), region,
                   places["lon"].to_numpy(dtype="float64"), places["lat"].to_numpy(dtype="float64"),
                   places["population"].fillna(0).to_numpy(dtype="float64"), np.where(np.isnan(border), np.inf, border),
                   index.get_indexer(inputs.twinnings["place_a"].to_numpy()),
                   index.get_indexer(inputs.twinnings["place_b"].to_numpy()), bits, sector_bit)


def haversine_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


def partners_of(twinnings: pd.DataFrame, place_id: int) -> np.ndarray:
    a, b = twinnings["place_a"].to_numpy(), twinnings["place_b"].to_numpy()
    return np.unique(np.concatenate([b[a == place_id], a[b == place_id]]))


def request_fits(request: pd.Series, place: pd.Series, border_km: float, sectors: set) -> bool:
    """Whether `place` is what the request asks for (countries, distance to the border, population, sectors)."""
    countries = set((request.get("countries") or "").split())
    if countries and place["iso3"] not in countries:
        return False
    if pd.notna(request.get("max_border_km")) and not border_km <= float(request["max_border_km"]):
        return False
    population = float(place["population"] or 0)
    if pd.notna(request.get("population_min")) and population < float(request["population_min"]):
        return False
    if pd.notna(request.get("population_max")) and population > float(request["population_max"]):
        return False
    wanted = set(filter(None, (request.get("sectors") or "").split(";")))
    return not wanted or not sectors or bool(wanted & sectors)


def _fitting(request: pd.Series, candidates: pd.DataFrame, border: np.ndarray, ids: np.ndarray,
             sectors_by_place: dict) -> np.ndarray:
    """request_fits for every candidate at once (vectorised)."""
    ok = np.ones(len(candidates), dtype=bool)
    countries = set((request.get("countries") or "").split())
    if countries:
        ok &= candidates["iso3"].isin(countries).to_numpy()
    if pd.notna(request.get("max_border_km")):
        ok &= border <= float(request["max_border_km"])
    population = candidates["population"].fillna(0).to_numpy(dtype="float64")
    if pd.notna(request.get("population_min")):
        ok &= population >= float(request["population_min"])
    if pd.notna(request.get("population_max")):
        ok &= population <= float(request["population_max"])
    wanted = set(filter(None, (request.get("sectors") or "").split(";")))
    if wanted:
        ok &= np.array([not sectors_by_place.get(int(i)) or bool(wanted & sectors_by_place[int(i)]) for i in ids],
                       dtype=bool)
    return ok


def suggest_partners(inputs: SuggestionInputs, place_id: int, space_countries: set[str] | None = None,
                     emphasis: str = "balanced", weights: dict[str, float] | None = None, top: int = 20,
                     min_population: int = 5_000, max_km: float = 1500.0) -> pd.DataFrame:
    """The ranked suggestions for `place_id` (empty when it has no land neighbours in the space)."""
    weights = {**EMPHASES.get(emphasis, EMPHASES["balanced"]), **(weights or {})}
    arrays = inputs.arrays
    me = int(arrays.index.get_indexer([place_id])[0])
    if me < 0:
        raise KeyError(place_id)
    my_iso3 = arrays.country_codes[arrays.country[me]]
    neighbours = inputs.countries.loc[inputs.countries["iso3"] == my_iso3, "land_neighbours"]
    across = set(filter(None, str(neighbours.iloc[0] if len(neighbours) else "").split(",")))
    if space_countries is not None:
        across &= set(space_countries)
    across.discard(my_iso3)
    across_codes = arrays.country_codes.get_indexer(sorted(across))
    a, b = arrays.end_a, arrays.end_b
    own_partners = np.unique(np.concatenate([b[(a == me) & (b >= 0)], a[(b == me) & (a >= 0)]]))
    mask = np.isin(arrays.country, across_codes[across_codes >= 0]) & (arrays.population >= min_population)
    mask[own_partners] = False
    mask[me] = False
    candidates = np.flatnonzero(mask)
    distance = haversine_km(arrays.lon[me], arrays.lat[me], arrays.lon[candidates], arrays.lat[candidates])
    near_enough = distance <= max_km
    candidates, distance = candidates[near_enough], distance[near_enough]
    border = arrays.border[candidates]
    own_border = float(arrays.border[me])
    my_population = float(arrays.population[me])
    their_population = arrays.population[candidates]
    larger = np.maximum(my_population, their_population)
    ratio = np.where(larger > 0, np.minimum(my_population, their_population) / np.maximum(larger, 1), 0.0)

    # partners of partners: how many of each candidate's partners are mine
    counts = np.zeros(len(arrays.place_id) + 1, dtype="int64")
    mine_a, mine_b = np.isin(a, own_partners), np.isin(b, own_partners)
    np.add.at(counts, b[mine_a], 1)
    np.add.at(counts, a[mine_b], 1)
    common = counts[candidates]

    # ties between the two regions (the same border-region pair as existing twinnings)
    region = np.append(arrays.region, -1)  # position -1 (not a store place) -> region -1
    my_region = arrays.region[me]
    ties = np.zeros(region.max() + 2, dtype="int64")
    if my_region >= 0:
        ra, rb = region[a], region[b]
        np.add.at(ties, rb[ra == my_region], 1)
        np.add.at(ties, ra[rb == my_region], 1)
    candidate_regions = arrays.region[candidates]
    region_ties = np.where(candidate_regions >= 0, ties[candidate_regions], 0)

    # sectors (bits) and requests
    shared = np.bitwise_count(arrays.sector_bits[candidates] & arrays.sector_bits[me]).astype("int64")
    ids = arrays.place_id[candidates]
    matches = np.zeros(len(ids), dtype="int64")
    requests = inputs.requests
    if len(requests) and len(ids):
        frame = pd.DataFrame({"iso3": arrays.country_codes[arrays.country[candidates]], "population": their_population})
        fits_mine = np.zeros(len(ids), dtype=bool)
        for _, request in requests[requests["place_id"] == place_id].iterrows():  # my requests they fit
            fits_mine |= _fitting(request, frame, border, ids, inputs.sectors_by_place)
        matches += fits_mine
        position = {int(pid): k for k, pid in enumerate(ids)}
        me_row = pd.Series({"iso3": my_iso3, "population": my_population})
        my_sectors = set(inputs.sectors_by_place.get(place_id, set()))
        for _, request in requests[requests["place_id"].isin(ids)].iterrows():  # their requests I fit
            if request_fits(request, me_row, own_border, my_sectors):
                matches[position[int(request["place_id"])]] += 1
        matches = np.minimum(matches, 2)

    near = 0.7 * np.exp(-distance / 300.0) + 0.3 * np.exp(-np.where(np.isfinite(border), border, 1e6) / 50.0)
    interests = 0.6 * np.minimum(shared / 3.0, 1) + 0.4 * np.minimum(matches, 1)
    network = 0.6 * np.minimum(common / 3.0, 1) + 0.4 * np.minimum(region_ties / 5.0, 1)
    score = (weights["near"] * near + weights["size"] * ratio + weights["interests"] * interests
             + weights["network"] * network)
    order = np.lexsort((ids, -np.round(score, 6)))[:top]
    places = inputs.places
    chosen = candidates[order]
    return pd.DataFrame({
        "place_id": ids[order], "iso3": arrays.country_codes[arrays.country[chosen]].to_numpy(),
        "region_id": places["region_id"].to_numpy()[chosen], "population": their_population[order].astype("int64"),
        "score": np.round(score[order], 4), "distance_km": np.round(distance[order], 1),
        "border_km": np.round(np.where(np.isfinite(border[order]), border[order], np.nan), 1),
        "own_border_km": round(own_border, 1) if np.isfinite(own_border) else None,
        "population_ratio": np.round(ratio[order], 3), "shared_sectors": shared[order],
        "common_partners": common[order], "region_pair_ties": region_ties[order],
        "request_matches": matches[order], "mutual_match": matches[order] >= 2,
        "near": np.round(near[order], 3), "size": np.round(ratio[order], 3),
        "interests": np.round(interests[order], 3), "network": np.round(network[order], 3),
    })
