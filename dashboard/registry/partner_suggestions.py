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
    places = inputs.places
    row = places.loc[places["place_id"] == place_id]
    if row.empty:
        raise KeyError(place_id)
    me = row.iloc[0]
    neighbours = inputs.countries.loc[inputs.countries["iso3"] == me["iso3"], "land_neighbours"]
    across = set(filter(None, str(neighbours.iloc[0] if len(neighbours) else "").split(",")))
    if space_countries is not None:
        across &= set(space_countries)
    across.discard(me["iso3"])
    own_partners = partners_of(inputs.twinnings, place_id)
    population = places["population"].fillna(0).to_numpy(dtype="float64")
    mask = places["iso3"].isin(across).to_numpy() & (population >= min_population)
    mask &= ~places["place_id"].isin(np.append(own_partners, place_id)).to_numpy()
    candidates = places[mask]
    distance = haversine_km(float(me["lon"]), float(me["lat"]), candidates["lon"].to_numpy(dtype="float64"),
                            candidates["lat"].to_numpy(dtype="float64"))
    near_enough = distance <= max_km
    candidates, distance = candidates[near_enough], distance[near_enough]
    ids = candidates["place_id"].to_numpy()
    border = inputs.border_km.reindex(ids).fillna(np.inf).to_numpy(dtype="float64")
    own_border = float(inputs.border_km.get(place_id, np.nan))
    my_population = float(me["population"] or 0)
    their_population = candidates["population"].fillna(0).to_numpy(dtype="float64")
    ratio = np.where(np.maximum(my_population, their_population) > 0,
                     np.minimum(my_population, their_population) / np.maximum(np.maximum(my_population,
                                                                                         their_population), 1), 0)

    # partners of partners: for each candidate, how many of its partners are also mine
    tw = inputs.twinnings
    a, b = tw["place_a"].to_numpy(), tw["place_b"].to_numpy()
    mine = np.isin(a, own_partners), np.isin(b, own_partners)
    others = np.concatenate([b[mine[0]], a[mine[1]]])
    counted = pd.Series(others).value_counts()
    common = counted.reindex(ids).fillna(0).to_numpy(dtype="int64")

    # ties between the two regions (the same border-region pair as existing twinnings)
    region_of = places.set_index("place_id")["region_id"]
    region_a, region_b = region_of.reindex(a).to_numpy(), region_of.reindex(b).to_numpy()
    my_region = me["region_id"]
    pair_counts = pd.Series(np.concatenate([region_b[region_a == my_region],
                                            region_a[region_b == my_region]])).value_counts()
    region_ties = pair_counts.reindex(candidates["region_id"].to_numpy()).fillna(0).to_numpy(dtype="int64")

    # sectors and requests
    my_sectors = set(inputs.sectors_by_place.get(place_id, set()))
    shared = np.array([len(my_sectors & set(inputs.sectors_by_place.get(int(i), ()))) for i in ids], dtype="int64")
    matches = np.zeros(len(ids), dtype="int64")
    requests = inputs.requests
    if len(requests) and len(ids):
        mine_requests = requests[requests["place_id"] == place_id]
        theirs = requests[requests["place_id"].isin(ids)]
        position = {int(pid): k for k, pid in enumerate(ids)}
        fits_mine = np.zeros(len(ids), dtype=bool)
        for _, request in mine_requests.iterrows():   # my requests the candidate fits (few requests per place)
            fits_mine |= _fitting(request, candidates, border, ids, inputs.sectors_by_place)
        matches += fits_mine
        for _, request in theirs.iterrows():           # their requests I fit
            if request_fits(request, me, own_border, my_sectors):
                matches[position[int(request["place_id"])]] += 1
        matches = np.minimum(matches, 2)

    near = 0.7 * np.exp(-distance / 300.0) + 0.3 * np.exp(-np.where(np.isfinite(border), border, 1e6) / 50.0)
    interests = 0.6 * np.minimum(shared / 3.0, 1) + 0.4 * np.minimum(matches, 1)
    network = 0.6 * np.minimum(common / 3.0, 1) + 0.4 * np.minimum(region_ties / 5.0, 1)
    score = (weights["near"] * near + weights["size"] * ratio + weights["interests"] * interests
             + weights["network"] * network)
    result = pd.DataFrame({
        "place_id": ids, "iso3": candidates["iso3"].to_numpy(), "region_id": candidates["region_id"].to_numpy(),
        "population": their_population.astype("int64"), "score": np.round(score, 4),
        "distance_km": np.round(distance, 1), "border_km": np.round(np.where(np.isfinite(border), border, np.nan), 1),
        "own_border_km": round(own_border, 1) if np.isfinite(own_border) else None,
        "population_ratio": np.round(ratio, 3), "shared_sectors": shared, "common_partners": common,
        "region_pair_ties": region_ties, "request_matches": matches, "mutual_match": matches >= 2,
        "near": np.round(near, 3), "size": np.round(ratio, 3), "interests": np.round(interests, 3),
        "network": np.round(network, 3),
    })
    return result.sort_values(["score", "place_id"], ascending=[False, True]).head(top).reset_index(drop=True)
