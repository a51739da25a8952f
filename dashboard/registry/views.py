"""What the global filters select among the activities, and the counts the Activities page shows.

Pure, vectorised functions of (ActivityFrames, the store's catalogue, ViewState). The place filters
mean for activities what they mean on the map (dashboard.store.queries, reused here): an activity's
*locations* are its places, its regions, and the countries it names beyond those of its places and
regions. A place passes when `queries.place_mask` passes it; a region when it is in the selected
countries / chosen regions / a border region; a country when it is selected and no region, border or
population filter is set (a population threshold selects activities in cities of that size).
Link scope: "touching" = at least one location passes, "within" = all do, "between" = the activity
involves both countries of the pair and one location passes the other filters.

Then the origins (dashboard.registry.origins): reference events and registry records by default, or
the one `state.origin` names; samples only when `state.sample`; a registry record of a reference event
never on its own (the reference row carries both origins). Then the statuses (`state.activity_status`):
held activities only by default, the record of what happened; planned ones are counted apart
(`planned_figures`), never with the held ones unless the URL asks for both. Then the start year within
[year_from, year_to] (each end optional). Withdrawn activities are never in the frames.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.memo import VersionedMemo
from dashboard.registry.frames import ActivityFrames
from dashboard.registry.gazetteer import read_corridors
from dashboard.registry.origins import has_origin
from dashboard.registry.statuses import counted, overdue_report
from dashboard.registry.vocabulary import ACTIVITY_TYPES
from dashboard.state import ViewState
from dashboard.store import queries, spaces

#: the proposed years of cooperation of border cities and regions (Tyumen forum, 20 Oct 2022)
PROPOSED_YEARS = (2023, 2024, 2025)
_CACHE_SIZE = 32


@dataclass(frozen=True)
class ActivityView:
    """The activities the state selects and their links (rows of the frames, positional index)."""

    activities: pd.DataFrame
    places: pd.DataFrame     # activity_id, place_id of those activities
    regions: pd.DataFrame
    countries: pd.DataFrame
    includes_sample: bool    # sample activities are among them

    @property
    def ids(self) -> np.ndarray:
        return self.activities["activity_id"].to_numpy()


# ---- locations ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Locations:
    """One row per (activity, location): kind place/region/country, with what the filters test."""

    frame: pd.DataFrame       # activity_pos, kind, place_pos (-1 if none), iso3, region_id
    n_activities: int


def locations_of(frames: ActivityFrames, catalog) -> Locations:
    acts = frames.activities
    position = pd.Index(acts["activity_id"].to_numpy())
    place_index = pd.Index(catalog.places["place_id"].to_numpy())
    places = frames.places
    place_pos = place_index.get_indexer(places["place_id"].to_numpy())
    known = place_pos >= 0
    place_iso3 = np.full(len(places), None, dtype=object)
    place_region = np.full(len(places), None, dtype=object)
    place_iso3[known] = catalog.places["iso3"].to_numpy(dtype=object)[place_pos[known]]
    place_region[known] = catalog.places["region_id"].to_numpy(dtype=object)[place_pos[known]]
    region_iso3 = catalog.regions.set_index("region_id")["iso3"]
    regions = frames.regions
    reg_iso3 = region_iso3.reindex(regions["region_id"].astype(object).to_numpy()).to_numpy(dtype=object)
    covered = pd.concat([
        pd.DataFrame({"activity_id": places["activity_id"].to_numpy(), "iso3": place_iso3}),
        pd.DataFrame({"activity_id": regions["activity_id"].to_numpy(), "iso3": reg_iso3}),
    ]).dropna().drop_duplicates()
    named = frames.countries.astype({"iso3": object}).merge(covered, how="left", indicator=True)
    named = named[named["_merge"] == "left_only"]
    frame = pd.concat([
        pd.DataFrame({"activity_id": places["activity_id"].to_numpy(), "kind": "place", "place_pos": place_pos,
                      "iso3": place_iso3, "region_id": place_region}),
        pd.DataFrame({"activity_id": regions["activity_id"].to_numpy(), "kind": "region", "place_pos": -1,
                      "iso3": reg_iso3, "region_id": regions["region_id"].astype(object).to_numpy()}),
        pd.DataFrame({"activity_id": named["activity_id"].to_numpy(), "kind": "country", "place_pos": -1,
                      "iso3": named["iso3"].to_numpy(dtype=object), "region_id": None}),
    ], ignore_index=True)
    frame["activity_pos"] = position.get_indexer(frame["activity_id"].to_numpy())
    frame = frame[frame["activity_pos"] >= 0].reset_index(drop=True)
    return Locations(frame, len(acts))


_locations = VersionedMemo(4)


def locations(frames: ActivityFrames, catalog) -> Locations:
    """locations_of, cached per frames and catalogue version."""
    return _locations.get((frames, catalog), (), lambda: locations_of(frames, catalog))


def location_mask(frames: ActivityFrames, catalog, state: ViewState) -> np.ndarray:
    """Which activities pass the place filters and link scope (see the module docstring)."""
    n = len(frames.activities)
    between = state.link_scope == "between"
    space = spaces.state_countries(catalog, state)
    if not between and not queries.has_place_filter(state) and space is None:
        return np.ones(n, dtype=bool)
    if between and len(state.pair) != 2:
        return np.zeros(n, dtype=bool)
    loc = locations(frames, catalog).frame
    countries = queries.selected_countries(catalog.memberships, state)
    place_ok = queries.place_mask(catalog.places, catalog.regions, state, countries, use_countries=not between)
    kind = loc["kind"].to_numpy()
    is_place = kind == "place"
    ok = np.ones(len(loc), dtype=bool)
    if not between and (state.countries or state.blocs):
        ok &= loc["iso3"].isin(countries).to_numpy()
    if state.regions:
        ok &= loc["region_id"].isin(state.regions).to_numpy()
    if state.border_only:
        ok &= loc["region_id"].isin(queries.border_region_ids(catalog.regions)).to_numpy()
    if state.min_population > 0:
        ok &= is_place
    pos = loc["place_pos"].to_numpy()
    ok[is_place] = (pos[is_place] >= 0) & place_ok[np.clip(pos[is_place], 0, None)]
    activity_pos = loc["activity_pos"].to_numpy()
    passing = np.bincount(activity_pos[ok], minlength=n)
    total = np.bincount(activity_pos, minlength=n)
    if state.link_scope == "within":
        result = (total > 0) & (passing == total)
    else:
        result = passing > 0
    if not between and space is not None:  # the space: every place of it inside ("space"), or one ("outward")
        inside = np.bincount(activity_pos[loc["iso3"].isin(space).to_numpy()], minlength=n)
        result &= (inside == total) if state.link_scope in ("space", "within") else (inside > 0)
    if between:
        involved = frames.countries
        has = [np.isin(frames.activities["activity_id"].to_numpy(),
                       involved.loc[involved["iso3"] == iso3, "activity_id"].to_numpy()) for iso3 in state.pair]
        result &= has[0] & has[1]
    return result


def activity_mask(frames: ActivityFrames, catalog, state: ViewState, *, use_years: bool = True) -> np.ndarray:
    """Which activities the state selects: origins and sample switch, statuses, year range, then the place
    filters."""
    acts = frames.activities
    mask = origin_mask(acts, state) & frames.has_status(state.activity_status)
    if use_years:
        years = frames.start_years
        if state.year_from is not None:
            mask &= years >= state.year_from
        if state.year_to is not None:
            mask &= years <= state.year_to
    if mask.any():
        mask &= location_mask(frames, catalog, state)
    return mask


def origin_mask(acts: pd.DataFrame, state: ViewState) -> np.ndarray:
    """The origins the state counts (see the module docstring)."""
    sample = acts["is_sample"].to_numpy(dtype=bool)
    counted = ~sample if state.origin == "all" else has_origin(acts, state.origin) & ~sample
    shown = acts["shown"].to_numpy(dtype=bool) if "shown" in acts else np.ones(len(acts), dtype=bool)
    return shown & (counted | (sample & state.sample))


def status_mask(acts: pd.DataFrame, state: ViewState) -> np.ndarray:
    """The statuses the state counts (held ones by default)."""
    return counted(acts["status"], state.activity_status)


def view_of(frames: ActivityFrames, mask: np.ndarray) -> ActivityView:
    mask = np.asarray(mask, dtype=bool)
    acts = frames.activities[mask].reset_index(drop=True)

    def linked(name: str) -> pd.DataFrame:
        rows = frames.activity_rows(name)  # each link's activity, by position (dashboard.registry.frames)
        keep = np.zeros(len(rows), dtype=bool)
        known = rows >= 0
        keep[known] = mask[rows[known]]
        return getattr(frames, name)[keep].reset_index(drop=True)

    return ActivityView(acts, linked("places"), linked("regions"), linked("countries"), bool(acts["is_sample"].any()))


_views = VersionedMemo(_CACHE_SIZE)


def activities_in_view(frames: ActivityFrames, catalog, state: ViewState, *, use_years: bool = True
                       ) -> ActivityView:
    """The ActivityView of the state (cached per frames and catalogue version and the fields that select)."""
    args = (queries.filter_key(state), state.sample, state.origin, state.activity_status,
            (state.year_from, state.year_to) if use_years else None)
    return _views.get((frames, catalog), args,
                      lambda: view_of(frames, activity_mask(frames, catalog, state, use_years=use_years)))


# ---- counts -----------------------------------------------------------------------------------------------

def counts_by_year_type(view: ActivityView) -> pd.DataFrame:
    """year, activity_type, count (rows with a count only), years ascending, types in vocabulary order."""
    acts = view.activities
    if acts.empty:
        return pd.DataFrame({"year": pd.Series(dtype="int64"), "activity_type": pd.Series(dtype=object),
                             "count": pd.Series(dtype="int64")})
    table = acts.assign(year=acts["start_date"].dt.year).groupby(["year", "activity_type"]).size() \
        .rename("count").reset_index()
    order = {code: i for i, code in enumerate(ACTIVITY_TYPES)}
    table["_order"] = table["activity_type"].map(order).fillna(len(order))
    return table.sort_values(["year", "_order"]).drop(columns="_order").reset_index(drop=True)


def counts_by_country(view: ActivityView, countries: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """iso3, name, count of activities involving each country, most first."""
    counts = view.countries.drop_duplicates().groupby("iso3").size().rename("count").reset_index()
    names = queries.country_names(countries, lang)
    counts["iso3"] = counts["iso3"].astype(object)
    counts["name"] = counts["iso3"].map(names).fillna(counts["iso3"])
    return counts.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)


_place_indexes = VersionedMemo(4)


def place_index(catalog) -> pd.Index:
    """The catalogue's place_ids as an Index (positions of places), built once per catalogue version."""
    return _place_indexes.get(catalog, (), lambda: pd.Index(catalog.places["place_id"].to_numpy()))


def activity_regions(view: ActivityView, catalog) -> pd.DataFrame:
    """activity_id, region_id: the regions each activity names and those of its places (unique)."""
    positions = place_index(catalog).get_indexer(view.places["place_id"].to_numpy())
    known = positions >= 0
    place_regions = pd.DataFrame({
        "activity_id": view.places["activity_id"].to_numpy()[known],
        "region_id": catalog.places["region_id"].to_numpy(dtype=object)[positions[known]]})
    frame = pd.concat([view.regions.astype({"region_id": object}), place_regions], ignore_index=True)
    return frame.dropna().drop_duplicates(ignore_index=True)


def counts_by_border_region(view: ActivityView, catalog, lang: str = "en") -> pd.DataFrame:
    """region_id, name, iso3, count of activities in each region on a land border, most first."""
    regions = catalog.regions[catalog.regions["on_land_border"].astype(bool)]
    links = activity_regions(view, catalog)
    links = links[links["region_id"].isin(regions["region_id"])]
    counts = links.groupby("region_id").size().rename("count").reset_index()
    info = pd.DataFrame({"region_id": regions["region_id"].to_numpy(),
                         "name": queries.localized(regions, lang).to_numpy(),
                         "iso3": regions["iso3"].to_numpy()})
    counts = counts.merge(info, on="region_id", how="left")
    return counts.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)


def activity_corridors(view: ActivityView, corridors: pd.DataFrame | None = None) -> pd.DataFrame:
    """activity_id, corridor_id: recorded for the corridor, or involving two of its cities (its only city
    for a one-city zone)."""
    corridors = read_corridors() if corridors is None else corridors
    frames = [view.activities.dropna(subset=["corridor_id"])[["activity_id", "corridor_id"]]]
    for _, corridor in corridors.iterrows():
        cities = set(corridor["place_ids"])
        if not cities:
            continue
        hits = view.places[view.places["place_id"].isin(cities)].groupby("activity_id").size()
        needed = min(2, len(cities))
        ids = hits[hits >= needed].index.to_numpy()
        frames.append(pd.DataFrame({"activity_id": ids, "corridor_id": corridor["corridor_id"]}))
    return pd.concat(frames, ignore_index=True).drop_duplicates(ignore_index=True)


def counts_by_corridor(view: ActivityView, corridors: pd.DataFrame | None = None,
                       lang: str = "en") -> pd.DataFrame:
    """corridor_id, name, count; every corridor of data/corridors.csv (0 when none), most first."""
    corridors = read_corridors() if corridors is None else corridors
    links = activity_corridors(view, corridors)
    counts = links.groupby("corridor_id").size()
    table = pd.DataFrame({"corridor_id": corridors["corridor_id"].to_numpy()})
    table["name"] = [queries.local_value(row, lang) or row.corridor_id for row in corridors.itertuples()]  # zh too
    table["count"] = table["corridor_id"].map(counts).fillna(0).astype("int64")
    return table.sort_values(["count", "name"], ascending=[False, True], ignore_index=True)


def counts_by_month(view: ActivityView) -> tuple[pd.DataFrame, int]:
    """(month (first day), count for every month from the first to the last, with zeros;
    the number of activities left out because only their year is known)."""
    acts = view.activities
    dated = acts[acts["date_precision"] != "year"]
    if dated.empty:
        return pd.DataFrame({"month": pd.Series(dtype="datetime64[ns]"), "count": pd.Series(dtype="int64")}), \
            int(len(acts))
    months = dated["start_date"].dt.to_period("M")
    counts = months.value_counts()
    every = pd.period_range(months.min(), months.max(), freq="M")
    table = pd.DataFrame({"month": every.to_timestamp(), "count": counts.reindex(every, fill_value=0).to_numpy()})
    return table, int(len(acts) - len(dated))


def counts_by_place(view: ActivityView, places: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """place_id, name, iso3, lon, lat, count of activities at each place, most first."""
    counts = view.places.groupby("place_id").size().rename("count").reset_index()
    name_columns = [c for c in ("name_en", "name_ru", "name_zh") if c in places.columns]
    info = places[["place_id", "iso3", "lon", "lat", *name_columns]]
    table = counts.merge(info, on="place_id", how="inner")
    table["name"] = queries.localized(table, lang).to_numpy()
    return table.drop(columns=name_columns).sort_values(
        ["count", "place_id"], ascending=[False, True], ignore_index=True)


def years_side_by_side(view: ActivityView, years: tuple[int, ...] = PROPOSED_YEARS) -> pd.DataFrame:
    """year, activity_type, count for each of `years` and every type (zeros included)."""
    acts = view.activities
    year = acts["start_date"].dt.year
    chosen = acts[year.isin(years)]
    counts = chosen.assign(year=chosen["start_date"].dt.year).groupby(["year", "activity_type"]).size()
    index = pd.MultiIndex.from_product([list(years), list(ACTIVITY_TYPES)], names=["year", "activity_type"])
    return counts.reindex(index, fill_value=0).rename("count").reset_index()


def key_figures(view: ActivityView) -> dict[str, int]:
    """Activities, places, countries, and twinnings with an activity recorded for them."""
    acts = view.activities
    return {
        "activities": int(len(acts)),
        "places": int(view.places["place_id"].nunique()),
        "countries": int(view.countries["iso3"].nunique()),
        "organisers": int(acts["organiser"].dropna().nunique()),
    }


def planned_figures(frames: ActivityFrames, catalog, state: ViewState, today: dt.date | None = None
                    ) -> dict[str, int]:
    """The planned activities the state's other filters select, whatever statuses it counts: how many, and how
    many of them are past their last day with no report ("overdue report"). Shown beside the held ones, never
    added to them."""
    planned = activities_in_view(frames, catalog, state.replace(activity_status=("planned",))).activities
    return {"planned": int(len(planned)),
            "overdue_report": int(overdue_report(planned["status"], planned["end_date"], today).sum())}


def corridor_activities(frames, catalog, state: ViewState):
    """The registry's activities counted for the corridors (an ActivityView): of every year and of the places of
    the state's space (as the activities page counts them), the sample ones only when `state.sample` is on (the
    corridors are filtered by place already; an activity between two of a corridor's cities belongs to it whatever
    the other filters)."""
    return activities_in_view(frames, catalog, ViewState(sample=state.sample, space=state.space, on=state.on))
