"""What the corridors page and its API show, as pure functions of (catalogue, corridor store, state).

`corridor_view(catalog, store, state, activities)` bundles the proposal for the state's parameters and
country filter, the known corridors and cross-border regions in view, the chosen item and, given the
registry's activities, how many concern each corridor (`corridor_activity_counts`). From it:
`corridor_table(...)` (the ranked table, also the CSV/XLSX export), `corridor_geojson(...)` (the
geometry export) and `item_details(...)` (a card's facts). Corridor ids are those of the URL
(dashboard.state): "p<place id>" a proposed corridor (named by its most populous place; a link to it
finds the proposed corridor holding that place under any parameters), "k-<id>" a known corridor,
"x-<id>" a cross-border region. No Dash here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
import shapely

from dashboard.memo import VersionedMemo
from dashboard.state import ViewState
from dashboard.store import queries, spaces
from dashboard.store.corridor_scoring import (
    CandidateSet,
    CorridorParams,
    Proposal,
    candidate_set,
    corridor_places,
    corridor_span_km,
    pair_details,
    propose,
    twinning_keys,
    twinnings_inside,
)
from dashboard.store.corridors import CorridorStore, split_list
from geo.distance import haversine_km

#: GeoJSON coordinates are written with this many decimals (about 1 m)
GEOJSON_DECIMALS = 5
#: cross-border regions are simplified to this tolerance (degrees) for display and export
REGION_TOLERANCE = 0.02
_CACHE_SIZE = 32


def proposed_id(place_id: int) -> str:
    return f"p{int(place_id)}"


def known_id(corridor_id: str) -> str:
    return f"k-{corridor_id}"


def crossborder_item_id(crossborder_id: str) -> str:
    return f"x-{crossborder_id}"


# ---- prepared once per catalogue and store -------------------------------------------------------------------

@dataclass(frozen=True)
class Prepared:
    candidates: CandidateSet
    twinned_keys: np.ndarray
    names: dict                # lang -> localized place names (numpy, by position)
    region_shapes: pd.DataFrame  # crossborder_id, geometry (simplified, drawn rows only)
    position: pd.Series        # place_id -> position in candidates.places
    known_facts: pd.DataFrame  # by corridor_id: places, population, span_km, twinnings_inside
    data_version: str = ""     # the catalogue's and the corridor store's (dashboard.memo)


_prepared = VersionedMemo(2)


def prepared(catalog, store: CorridorStore) -> Prepared:
    """The candidates ready for scoring, built on first use per (catalogue, store) version."""
    return _prepared.get((catalog, store), (), lambda: prepare(catalog, store))


def prepare(catalog, store: CorridorStore) -> Prepared:
    cands = candidate_set(catalog.places, catalog.twinnings, store.candidates, store.crossborder_members,
                          store.crossborder_regions, store.known_places)
    names = {lang: queries.localized(cands.places, lang).fillna("").to_numpy(dtype=object)
             for lang in queries.NAME_LANGUAGES}
    shapes = store.crossborder_shapes.copy()
    shapes["geometry"] = shapely.simplify(shapes["geometry"].to_numpy(), REGION_TOLERANCE,
                                          preserve_topology=True)
    position = pd.Series(np.arange(len(cands.places)), index=cands.places["place_id"].to_numpy())
    keys = twinning_keys(cands.places, catalog.twinnings)
    return Prepared(cands, keys, names, shapes, position,
                    known_corridor_facts(store.known_places, position, keys, len(cands.places)),
                    f"{catalog.data_version}+{store.data_version}")


def known_corridor_facts(known_places: pd.DataFrame, position: pd.Series, twinned_keys: np.ndarray,
                         n_places: int) -> pd.DataFrame:
    """For each known corridor: places, population, span_km (longest distance between two of its
    places, NaN for one place) and twinnings_inside (between its places that the store holds)."""
    rows = []
    for corridor_id, members in known_places.groupby("corridor_id", sort=False):
        lon, lat = members["lon"].to_numpy(float), members["lat"].to_numpy(float)
        pos = position.reindex(members["place_id"].to_numpy()).dropna().astype("int64").to_numpy()
        inside = 0
        if len(pos) > 1:
            frame = pd.DataFrame({"corridor": 0, "pos": pos})
            inside = int(twinnings_inside(twinned_keys, n_places, frame).sum())
        rows.append({"corridor_id": corridor_id, "places": len(members),
                     "population": int(members["population"].sum()),
                     "span_km": _span(lon, lat) if len(members) > 1 else np.nan, "twinnings_inside": inside})
    return pd.DataFrame(rows, columns=["corridor_id", "places", "population", "span_km",
                                       "twinnings_inside"]).set_index("corridor_id")


_proposals = VersionedMemo(_CACHE_SIZE)


def cached_proposal(prep: Prepared, params: CorridorParams, countries: tuple[str, ...],
                    regions: tuple[str, ...], space: tuple[str, ...] | None = None) -> Proposal:
    """propose(...) of the prepared candidates, remembered for the last few parameter sets (a language
    switch re-uses it); `space`: only pairs of places in those countries rank (None: the world)."""
    return _proposals.get(prep, (params, countries, regions, space),
                          lambda: propose(prep.candidates, params, countries, regions, space))


# ---- the view ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CorridorView:
    """Everything the page draws for one state (see the module notes)."""

    state: ViewState
    params: CorridorParams
    prepared: Prepared
    proposal: Proposal
    countries: tuple[str, ...]     # the country filter (state.countries ∪ bloc members); () = all
    shown: pd.DataFrame            # the top corridors: rank, corridor, score, pairs, places, population,
                                   # hub, item_id, span_km, twinnings_inside
    places: pd.DataFrame           # their places (corridor_places)
    pairs: pd.DataFrame            # their pairs (pair_details)
    known: pd.DataFrame            # known corridors touching the country filter
    known_places: pd.DataFrame
    crossborder: pd.DataFrame      # cross-border regions touching the country filter (all verifications)
    crossborder_members: pd.DataFrame  # crossborder_id, region_id, part
    selected: str | None           # the chosen item id, if it exists under this state
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # per-language names, computed once
    #: item_id, activities, activities_sample of every corridor of the table (corridor_activity_counts);
    #: None when the registry was not read
    activity_counts: pd.DataFrame | None = field(default=None, compare=False)

    @property
    def candidates(self) -> CandidateSet:
        return self.prepared.candidates


def _touches(countries_text: pd.Series, countries: tuple[str, ...]) -> np.ndarray:
    if not countries:
        return np.ones(len(countries_text), dtype=bool)
    wanted = set(countries)
    return np.array([bool(wanted & set(split_list(text))) for text in countries_text], dtype=bool)


def _in_space(countries_text: pd.Series, space: tuple[str, ...] | None) -> np.ndarray:
    """Rows touching the space (every row for the world, none for an empty space)."""
    if space is None:
        return np.ones(len(countries_text), dtype=bool)
    return _touches(countries_text, space) if space else np.zeros(len(countries_text), dtype=bool)


def _holds_all(countries_text: pd.Series, countries: tuple[str, ...]) -> np.ndarray:
    """Rows whose countries include every one of `countries` (a pair: the corridors between them)."""
    wanted = set(countries)
    return np.array([wanted <= set(split_list(text)) for text in countries_text], dtype=bool)


def chosen_pair(state: ViewState) -> tuple[str, ...]:
    """The two countries of the "between" scope (the pair boxes), () under any other scope."""
    return tuple(sorted(state.pair)) if state.link_scope == "between" and len(state.pair) == 2 else ()


def describe(prep: Prepared, proposal: Proposal, corridors: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame,
                                                                                   pd.DataFrame]:
    """(corridors with item_id, span_km and twinnings_inside; their places; their pairs' details)."""
    cands = prep.candidates
    places = corridor_places(cands, proposal, corridors)
    pairs = pair_details(cands, proposal.pairs[proposal.pairs["corridor"].isin(corridors["corridor"])],
                         proposal.params.ties_weight)
    out = corridors.copy()
    out["item_id"] = [proposed_id(cands.places["place_id"].iloc[hub]) for hub in out["hub"]]
    if len(out):
        span = corridor_span_km(cands.places, places)
        inside = twinnings_inside(prep.twinned_keys, len(cands.places), places)
        out["span_km"] = span.reindex(out["corridor"]).to_numpy()
        out["twinnings_inside"] = inside.reindex(out["corridor"]).fillna(0).astype("int64").to_numpy()
    else:
        out["span_km"] = pd.Series(dtype="float64")
        out["twinnings_inside"] = pd.Series(dtype="int64")
    return out, places, pairs


def find_proposed(prep: Prepared, proposal: Proposal, item_id: str) -> pd.DataFrame:
    """The proposed corridor (a one-row slice of proposal.corridors) holding the place of `item_id`."""
    if not item_id.startswith("p"):
        return proposal.corridors.iloc[0:0]
    cands = prep.candidates
    matches = np.flatnonzero(cands.places["place_id"].to_numpy() == int(item_id[1:]))
    if not len(matches) or proposal.pairs.empty:
        return proposal.corridors.iloc[0:0]
    pos = matches[0]
    index = proposal.pairs["pair"].to_numpy()
    holds = (cands.pos_a[index] == pos) | (cands.pos_b[index] == pos)
    if not holds.any():
        return proposal.corridors.iloc[0:0]
    corridor = proposal.pairs["corridor"].to_numpy()[np.flatnonzero(holds)[0]]
    return proposal.corridors[proposal.corridors["corridor"] == corridor]


def corridor_view(catalog, store: CorridorStore, state: ViewState, activities=None) -> CorridorView:
    """The view of `state`; `activities` (a dashboard.registry.views.ActivityView: the registry's
    activities the state selects, see dashboard.registry.views.corridor_activities) adds each corridor's count of them."""
    prep = prepared(catalog, store)
    params = CorridorParams.of(state)
    countries = queries.selected_countries(catalog.memberships, state)
    if state.blocs and not countries:
        countries = ("---",)  # blocs with no current member select nothing
    in_space = spaces.state_countries(catalog, state)
    space = tuple(sorted(in_space)) if in_space is not None else None
    pair = chosen_pair(state)
    if pair:  # "between two countries": only pairs of places with one end in each (candidates cross a border)
        countries = pair
        space = tuple(c for c in pair if space is None or c in space)
    proposal = cached_proposal(prep, params, countries, state.regions, space)
    shown = proposal.shown
    selected = state.corridor
    extra = find_proposed(prep, proposal, selected) if selected and selected.startswith("p") else None
    if extra is not None and len(extra) and not extra["corridor"].isin(shown["corridor"]).all():
        shown = pd.concat([shown, extra], ignore_index=True)
    shown, places, pairs = describe(prep, proposal, shown)
    if extra is not None:
        selected = shown.loc[shown["corridor"].isin(extra["corridor"]), "item_id"].iloc[0] if len(extra) else None

    known = store.known_corridors[_touches(store.known_corridors["countries"], countries)
                                  & _in_space(store.known_corridors["countries"], space)
                                  & _holds_all(store.known_corridors["countries"], pair)]
    known_places = store.known_places[store.known_places["corridor_id"].isin(known["corridor_id"])]
    crossborder = store.crossborder_regions[_touches(store.crossborder_regions["countries"], countries)
                                            & _in_space(store.crossborder_regions["countries"], space)
                                            & _holds_all(store.crossborder_regions["countries"], pair)]
    if selected and selected.startswith("k-") and selected[2:] not in set(known["corridor_id"]):
        selected = None
    if selected and selected.startswith("x-") and selected[2:] not in set(crossborder["crossborder_id"]):
        selected = None
    view = CorridorView(state, params, prep, proposal, countries, shown.reset_index(drop=True), places, pairs,
                        known.reset_index(drop=True), known_places.reset_index(drop=True),
                        crossborder.reset_index(drop=True), store.crossborder_members, selected)
    if activities is None:
        return view
    return replace(view, activity_counts=corridor_activity_counts(corridor_members(view), activities.activities,
                                                                  activities.places))


# ---- activities of the registry ----------------------------------------------------------------------------

def corridor_members(view: CorridorView) -> pd.DataFrame:
    """item_id, corridor_id (of a known corridor, None for a proposed one), place_id: the places of every
    corridor of the table."""
    known = view.known_places
    item_of = pd.Series(view.shown["item_id"].to_numpy(), index=view.shown["corridor"].to_numpy())
    return pd.concat([
        pd.DataFrame({"item_id": [known_id(c) for c in known["corridor_id"]],
                      "corridor_id": known["corridor_id"].to_numpy(dtype=object),
                      "place_id": known["place_id"].to_numpy(dtype="int64")}),
        pd.DataFrame({"item_id": item_of.reindex(view.places["corridor"].to_numpy()).to_numpy(dtype=object),
                      "corridor_id": None, "place_id": view.places["place_id"].to_numpy(dtype="int64")}),
    ], ignore_index=True)


def corridor_activity_counts(members: pd.DataFrame, activities: pd.DataFrame, places: pd.DataFrame
                             ) -> pd.DataFrame:
    """item_id, activities, activities_sample for every item of `members` (item_id, corridor_id, place_id).

    An activity (`activities`: activity_id, corridor_id, is_sample; `places`: activity_id, place_id) counts
    for a corridor when it is recorded for it (a known corridor's id) or involves two of its places (its
    only place for a one-place zone): the rule of the Activities page's counts by corridor
    (dashboard.registry.views.activity_corridors), for proposed corridors too. Sample activities count
    like the others: leave them out of `activities` and `places` unless the state includes them.
    """
    items = members.drop_duplicates(["item_id", "place_id"])
    needed = items.groupby("item_id").size().clip(upper=2)
    hits = places[["activity_id", "place_id"]].drop_duplicates().merge(items[["item_id", "place_id"]], on="place_id")
    hits = hits.groupby(["item_id", "activity_id"]).size().rename("hits").reset_index()
    hits = hits[hits["hits"].to_numpy() >= needed.reindex(hits["item_id"]).to_numpy()]
    known = items.dropna(subset=["corridor_id"]).drop_duplicates("item_id")[["item_id", "corridor_id"]]
    named = activities.dropna(subset=["corridor_id"])[["activity_id", "corridor_id"]].merge(known, on="corridor_id")
    links = pd.concat([hits[["item_id", "activity_id"]], named[["item_id", "activity_id"]]], ignore_index=True)
    links = links.drop_duplicates().merge(activities[["activity_id", "is_sample"]], on="activity_id")
    counts = links.groupby("item_id").agg(activities=("activity_id", "size"),
                                          activities_sample=("is_sample", "sum"))
    ids = items["item_id"].drop_duplicates().to_numpy()
    counts = counts.reindex(ids).fillna(0).astype("int64")
    return counts.rename_axis("item_id").reset_index()


# ---- names ---------------------------------------------------------------------------------------------------

def _country_groups(view: CorridorView, lang: str) -> pd.Series:
    """(corridor, iso3) -> place names: first the country of the corridor's most populous city (which
    names it in URLs), then the others by inhabitants; each country's places by population."""
    key = ("groups", lang)
    if key not in view.memo:
        view.memo[key] = _compute_country_groups(view, lang)
    return view.memo[key]


def _compute_country_groups(view: CorridorView, lang: str) -> pd.Series:
    names = view.prepared.names.get(lang, view.prepared.names["en"])
    frame = view.places[["corridor", "iso3", "pos", "population"]].copy()
    frame["name"] = names[frame["pos"].to_numpy()].astype(str)
    frame["country_population"] = frame.groupby(["corridor", "iso3"])["population"].transform("sum")
    biggest = frame.sort_values(["corridor", "population", "pos"], ascending=[True, False, True]) \
        .drop_duplicates("corridor").set_index("corridor")["iso3"]
    frame["hub_country"] = frame["iso3"].to_numpy() == biggest.reindex(frame["corridor"]).to_numpy()
    frame = frame.sort_values(["corridor", "hub_country", "country_population", "iso3", "population", "pos"],
                              ascending=[True, False, False, True, False, True])
    return frame.groupby(["corridor", "iso3"], sort=False)["name"].agg(list)


def corridor_names(view: CorridorView, lang: str) -> dict[int, str]:
    """Corridor label -> "Biggest place — biggest place across" (one place per country, see
    _country_groups)."""
    key = ("names", lang)
    if key not in view.memo:
        out: dict[int, list[str]] = {}
        for (corridor, _), names in _country_groups(view, lang).items():
            out.setdefault(corridor, []).append(names[0])
        view.memo[key] = {corridor: " — ".join(heads) for corridor, heads in out.items()}
    return view.memo[key]


def places_by_country(view: CorridorView, lang: str, country_names: pd.Series) -> dict[int, list[tuple[str, list[str]]]]:
    """Corridor label -> [(country name, [place names, most populous first])], biggest country first."""
    out: dict[int, list[tuple[str, list[str]]]] = {}
    for (corridor, iso3), names in _country_groups(view, lang).items():
        out.setdefault(corridor, []).append((str(country_names.get(iso3, iso3)), names))
    return out


# ---- the ranked table -----------------------------------------------------------------------------------------

TABLE_COLUMNS = ["item_id", "kind", "rank", "name", "countries", "side_a", "side_b", "places", "population",
                 "length_km", "closest_km", "twinnings_inside", "activities", "activities_sample", "score", "year",
                 "source"]


def corridor_table(view: CorridorView, catalog, lang: str) -> pd.DataFrame:
    """Known corridors first, then the candidate corridors (computed) by rank: item_id, kind (known /
    candidate), rank, name, countries, side_a (places of the country with most inhabitants in the corridor), side_b (the
    others, by country), places (count), population (combined), length_km (the longest distance between
    two of its places), closest_km (the shortest pair), twinnings_inside (twinnings joining two of its
    places), activities (of the registry, see corridor_activity_counts; None when it was not read) and
    activities_sample (how many of them are sample data), score (of its best pair), year and source
    (known corridors)."""
    country = queries.country_names(catalog.countries, lang)
    rows = []
    places_of = dict(tuple(view.known_places.groupby("corridor_id", sort=False)))
    facts = view.prepared.known_facts
    for row in view.known.itertuples():
        members = places_of.get(row.corridor_id, view.known_places.iloc[0:0])
        codes = split_list(row.countries)
        member_names = queries.localized(members, lang)  # transcribed where the store has no name in `lang`
        by_country = [(country.get(c, c), [str(n) for n, i in zip(member_names, members["iso3"]) if i == c]) for c in codes]
        by_country = [(c, names) for c, names in by_country if names]
        fact = facts.loc[row.corridor_id] if row.corridor_id in facts.index else None
        span = fact["span_km"] if fact is not None else np.nan
        rows.append({
            "item_id": known_id(row.corridor_id), "kind": "known", "rank": None,
            "name": queries.local_value(row, lang),
            "countries": ", ".join(str(country.get(c, c)) for c in codes),
            "side_a": _side_text(by_country[:1]), "side_b": _side_text(by_country[1:]),
            "places": len(members), "population": int(fact["population"]) if fact is not None else None,
            "length_km": round(float(span), 1) if pd.notna(span) else None, "closest_km": None,
            "twinnings_inside": int(fact["twinnings_inside"]) if fact is not None else 0, "score": None,
            "year": int(row.year) if pd.notna(row.year) else None, "source": row.source,
        })
    names = corridor_names(view, lang)
    sides = places_by_country(view, lang, country)
    closest = view.pairs.groupby("corridor")["distance_km"].min()
    for row in view.shown.itertuples():
        by_country = sides.get(row.corridor, [])
        rows.append({
            "item_id": row.item_id, "kind": "candidate", "rank": int(row.rank), "name": names.get(row.corridor, ""),
            "countries": ", ".join(c for c, _ in by_country),
            "side_a": _side_text(by_country[:1]), "side_b": _side_text(by_country[1:]),
            "places": int(row.places), "population": int(row.population),
            "length_km": round(float(row.span_km), 1), "closest_km": round(float(closest.get(row.corridor, np.nan)), 1),
            "twinnings_inside": int(row.twinnings_inside), "score": round(float(row.score), 1),
            "year": None, "source": None,
        })
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    counts = view.activity_counts
    if counts is not None:
        found = counts.set_index("item_id").reindex(table["item_id"])
        table["activities"] = found["activities"].fillna(0).astype("int64").to_numpy()
        table["activities_sample"] = found["activities_sample"].fillna(0).astype("int64").to_numpy()
    return table


def activity_count(view: CorridorView, item_id: str) -> tuple[int, int] | None:
    """(activities, of them sample data) of a corridor of the table, None without the registry."""
    counts = view.activity_counts
    if counts is None:
        return None
    row = counts[counts["item_id"] == item_id]
    if row.empty:
        return 0, 0
    return int(row["activities"].iloc[0]), int(row["activities_sample"].iloc[0])


def _side_text(by_country: list[tuple[str, list[str]]]) -> str:
    return "; ".join(f"{country}: {', '.join(names)}" for country, names in by_country)


def _span(lon: np.ndarray, lat: np.ndarray) -> float:
    if len(lon) < 2:
        return 0.0
    i, j = np.triu_indices(len(lon), 1)
    return float(haversine_km(lon[i], lat[i], lon[j], lat[j]).max())


# ---- one item's facts (for its card) ------------------------------------------------------------------------------

def item_details(view: CorridorView, catalog, item_id: str | None, lang: str) -> dict | None:
    """The facts of a corridor or cross-border region for its card, or None when it is not in view."""
    if not item_id:
        return None
    country = queries.country_names(catalog.countries, lang)
    if item_id.startswith("k-"):
        rows = view.known[view.known["corridor_id"] == item_id[2:]]
        if rows.empty:
            return None
        row = rows.iloc[0]
        members = view.known_places[view.known_places["corridor_id"] == row["corridor_id"]]
        regions = catalog.regions.set_index("region_id")
        region_ids = [r for r in split_list(row["regions"]) if r in regions.index]
        return {
            "kind": "known", "item_id": item_id, "subkind": row["kind"],
            "name": queries.local_value(row, lang),
            "year": int(row["year"]) if pd.notna(row["year"]) else None,
            "countries": [str(country.get(c, c)) for c in split_list(row["countries"])],
            "iso3s": tuple(split_list(row["countries"])),
            "places": [(queries.local_value(row_, lang), str(country.get(row_["iso3"], row_["iso3"])),
                        int(row_["population"])) for _, row_ in members.iterrows()],
            "regions": [str(queries.localized(regions.loc[[r]].reset_index(), lang).iloc[0]) for r in region_ids],
            "facts": queries.local_value(row, lang, "facts"),
            "source": row["source"], "activities": activity_count(view, item_id),
        }
    if item_id.startswith("x-"):
        rows = view.crossborder[view.crossborder["crossborder_id"] == item_id[2:]]
        if rows.empty:
            return None
        row = rows.iloc[0]
        members = view.crossborder_members[view.crossborder_members["crossborder_id"] == row["crossborder_id"]]
        regions = catalog.regions.set_index("region_id").reindex(members["region_id"])
        region_names = queries.localized(regions.reset_index(), lang).fillna(members["region_id"].reset_index(drop=True))
        return {
            "kind": "crossborder", "item_id": item_id,
            "members": [(str(name), bool(part)) for name, part in zip(region_names, members["part"])],
            "member_names": row["member_names"],
            "name": queries.local_value(row, lang),
            "founded": int(row["founded"]) if pd.notna(row["founded"]) else None,
            "status": row["status"], "verification": row["verification"],
            "status_date": row.get("status_date") or None, "status_source": row.get("status_source") or None,
            "countries": [str(country.get(c, c)) for c in split_list(row["countries"])],
            "unverified_countries": [str(country.get(c, c)) for c in split_list(row["unverified_countries"])],
            "member_note": queries.local_value(row, lang, "member_note"),
            "note": queries.local_value(row, lang, "note"),
            "source": row["source"],
        }
    if item_id.startswith("p"):
        rows = view.shown[view.shown["item_id"] == item_id]
        if rows.empty:
            return None
        row = rows.iloc[0]
        names = view.prepared.names.get(lang, view.prepared.names["en"])
        pairs = view.pairs[view.pairs["corridor"] == row["corridor"]].sort_values("score", ascending=False)
        crossborder = view.crossborder.set_index("crossborder_id")
        known = view.known.set_index("corridor_id")

        def crossborder_name(cid):
            if cid is None or cid not in crossborder.index:
                return None
            entry = crossborder.loc[cid]
            return queries.local_value(entry, lang)

        def known_name(kid):
            if kid is None or kid not in known.index:
                return None
            entry = known.loc[kid]
            return queries.local_value(entry, lang)

        return {
            "kind": "candidate", "item_id": item_id, "name": corridor_names(view, lang).get(row["corridor"], ""),
            "rank": int(row["rank"]), "score": float(row["score"]), "population": int(row["population"]),
            "span_km": float(row["span_km"]), "twinnings_inside": int(row["twinnings_inside"]),
            "sides": places_by_country(view, lang, country).get(row["corridor"], []),
            "pairs": [{
                "a": str(names[p.pos_a]), "b": str(names[p.pos_b]),
                "country_a": str(country.get(p.iso3_a, p.iso3_a)), "country_b": str(country.get(p.iso3_b, p.iso3_b)),
                "population_a": int(p.population_a), "population_b": int(p.population_b),
                "distance_km": float(p.distance_km), "border_km_a": float(p.border_km_a),
                "border_km_b": float(p.border_km_b), "population_points": float(p.population_points),
                "proximity_points": float(p.proximity_points), "tie_points": float(p.tie_points),
                "score": float(p.score), "twinned": bool(p.twinned), "region_twinnings": int(p.region_twinnings),
                "crossborder": crossborder_name(p.crossborder_id), "known": known_name(p.known_id),
            } for p in pairs.itertuples()],
            "ties_weight": view.params.ties_weight, "activities": activity_count(view, item_id),
            "iso3s": tuple(dict.fromkeys([*pairs["iso3_a"], *pairs["iso3_b"]])),
        }
    return None


# ---- GeoJSON export -----------------------------------------------------------------------------------------------

def _rounded(coords) -> list:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(coords[0]), GEOJSON_DECIMALS), round(float(coords[1]), GEOJSON_DECIMALS)]
    return [_rounded(c) for c in coords]


def _geometry(shape) -> dict:
    mapping = shapely.geometry.mapping(shape)
    return {"type": mapping["type"], "coordinates": _rounded(mapping["coordinates"])}


def corridor_geojson(view: CorridorView, catalog, lang: str) -> dict:
    """The corridors in view as a GeoJSON FeatureCollection (RFC 7946, lon/lat WGS 84): one feature per
    proposed corridor (MultiLineString of its pairs, with the table's figures and each pair's score
    parts), per known corridor (LineString through its places, or a Point for a zone) and per drawn
    cross-border region (MultiPolygon of its member regions)."""
    table = corridor_table(view, catalog, lang).set_index("item_id")
    features = []
    cands = view.candidates
    lon = cands.places["lon"].to_numpy(float)
    lat = cands.places["lat"].to_numpy(float)
    names = view.prepared.names.get(lang, view.prepared.names["en"])
    pairs_of = dict(tuple(view.pairs.groupby("corridor", sort=False)))
    for row in view.shown.itertuples():
        pairs = pairs_of.get(row.corridor, view.pairs.iloc[0:0])
        lines = [[[lon[a], lat[a]], [lon[b], lat[b]]] for a, b in zip(pairs["pos_a"], pairs["pos_b"])]
        properties = _plain_properties(table.loc[row.item_id].to_dict())
        properties["id"] = row.item_id
        properties["pairs"] = [{
            "place_a": int(p.place_a), "name_a": str(names[p.pos_a]), "iso3_a": p.iso3_a,
            "place_b": int(p.place_b), "name_b": str(names[p.pos_b]), "iso3_b": p.iso3_b,
            "distance_km": round(float(p.distance_km), 2), "population_points": round(float(p.population_points), 2),
            "proximity_points": round(float(p.proximity_points), 2), "tie_points": round(float(p.tie_points), 2),
            "score": round(float(p.score), 2), "twinned": bool(p.twinned),
            "region_twinnings": int(p.region_twinnings), "crossborder_id": p.crossborder_id,
        } for p in pairs.itertuples()]
        features.append({"type": "Feature", "id": row.item_id, "properties": properties,
                         "geometry": {"type": "MultiLineString", "coordinates": _rounded(lines)}})
    for row in view.known.itertuples():
        members = view.known_places[view.known_places["corridor_id"] == row.corridor_id]
        points = [[x, y] for x, y in zip(members["lon"], members["lat"])]
        geometry = ({"type": "LineString", "coordinates": _rounded(points)} if len(points) > 1
                    else {"type": "Point", "coordinates": _rounded(points[0])})
        item = known_id(row.corridor_id)
        properties = _plain_properties(table.loc[item].to_dict())
        properties.update({"id": item, "facts": queries.local_value(row, lang, "facts"),
                           "corridor_kind": row.kind})
        features.append({"type": "Feature", "id": item, "properties": properties, "geometry": geometry})
    shapes = view.prepared.region_shapes.set_index("crossborder_id")["geometry"]
    for row in view.crossborder.itertuples():
        if row.verification == "unverified" or row.crossborder_id not in shapes.index:
            continue
        item = crossborder_item_id(row.crossborder_id)
        features.append({"type": "Feature", "id": item, "geometry": _geometry(shapes.loc[row.crossborder_id]),
                         "properties": {
                             "id": item, "kind": "crossborder_region",
                             "name": queries.local_value(row, lang),
                             "founded": int(row.founded) if pd.notna(row.founded) else None,
                             "status": row.status or None, "verification": row.verification,
                             "status_date": getattr(row, "status_date", "") or None,
                             "status_source": getattr(row, "status_source", "") or None,
                             "countries": split_list(row.countries), "members": row.member_names,
                             "source": row.source or None}})
    return {"type": "FeatureCollection", "name": "borderlinks-corridors",
            "parameters": {"max_km": view.params.max_km, "min_population": view.params.min_population,
                           "ties_weight": view.params.ties_weight, "top": view.params.top,
                           "countries": list(view.countries)},
            "features": features}


def _plain_properties(values: dict) -> dict:
    out: dict = {}
    for key, value in values.items():
        if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
            out[key] = None
        elif hasattr(value, "item"):
            out[key] = value.item()
        else:
            out[key] = value
    return out
