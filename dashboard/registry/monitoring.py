"""Monitoring the twinning ties: for every twinning, its activity count, last activity and status.

Which activities count for a twinning: those recorded for it (its `twinning` column) and those that
involve both of its places. Only held activities that have started on or before `as_of` count (later ones
are planned: `next_activity` shows the first; a planned one whose day has passed with no report counts for
neither, and postponed or cancelled ones never count). Status, as of `as_of` (today by default; a parameter so tests
use fixed dates):

    active   the last activity started at most ACTIVE_MONTHS (12) months before as_of
    fading   the last activity is 12 to 24 months old (between active and dormant;
             "угасающие" in Russian)
    dormant  activities were recorded, but none in the last DORMANT_MONTHS (24) months
    never    no activity recorded at all

Pure functions of frames: no I/O.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

ACTIVE_MONTHS = 12
DORMANT_MONTHS = 24
#: activities with more places than this are not split into all their pairs (a forum of 200 cities
#: is not an activity of each of its 19,900 pairs); they count for the twinning they are recorded for
MAX_PLACES_FOR_PAIRS = 12
STATUSES = ("active", "fading", "dormant", "never")


def _as_timestamp(as_of: dt.date | None) -> pd.Timestamp:
    return pd.Timestamp(as_of or dt.date.today()).normalize()


def twinning_pairs(store_twinnings: pd.DataFrame, records: pd.DataFrame | None = None) -> pd.DataFrame:
    """place_a < place_b of every twinning: the store's and the registry's records (e.g. proposed ones),
    with `twinning_id` (store; <NA> for registry-only pairs) and the registry's `recorded_status`,
    `year_signed` and `recorded_by`."""
    store = pd.DataFrame({
        "place_a": np.minimum(store_twinnings["place_a"], store_twinnings["place_b"]).to_numpy(dtype="int64"),
        "place_b": np.maximum(store_twinnings["place_a"], store_twinnings["place_b"]).to_numpy(dtype="int64"),
        "twinning_id": store_twinnings["twinning_id"].astype("Int64").to_numpy()
        if "twinning_id" in store_twinnings else pd.array([pd.NA] * len(store_twinnings), dtype="Int64"),
    }).drop_duplicates(["place_a", "place_b"])
    if records is None or records.empty:
        store["recorded_status"] = pd.Series([None] * len(store), dtype=object)
        store["year_signed"] = pd.array([pd.NA] * len(store), dtype="Int64")
        store["recorded_by"] = pd.Series([None] * len(store), dtype=object)
        return store.reset_index(drop=True)
    recorded = records.rename(columns={"status": "recorded_status"})[
        ["place_a", "place_b", "recorded_status", "year_signed", "recorded_by"]]
    pairs = store.merge(recorded, on=["place_a", "place_b"], how="outer")
    pairs["twinning_id"] = pairs["twinning_id"].astype("Int64")
    return pairs.sort_values(["place_a", "place_b"], ignore_index=True)


def activity_pairs(activities: pd.DataFrame, places: pd.DataFrame, pairs: pd.DataFrame,
                   implied: pd.DataFrame | None = None) -> pd.DataFrame:
    """activity_id, place_a, place_b: each activity with each twinning it counts for (see module doc).
    `implied`: implied_pairs(activities, places) when the caller has it already (it does not depend on `pairs`)."""
    frames = []
    recorded = activities.dropna(subset=["twinning_a", "twinning_b"])
    if len(recorded):
        frames.append(pd.DataFrame({"activity_id": recorded["activity_id"].to_numpy(dtype="int64"),
                                    "place_a": recorded["twinning_a"].to_numpy(dtype="int64"),
                                    "place_b": recorded["twinning_b"].to_numpy(dtype="int64")}))
    implied = implied_pairs(activities, places) if implied is None else implied
    if len(implied):
        known = pairs[["place_a", "place_b"]]
        frames.append(implied.merge(known, on=["place_a", "place_b"], how="inner"))
    if not frames:
        return pd.DataFrame({"activity_id": pd.Series(dtype="int64"), "place_a": pd.Series(dtype="int64"),
                             "place_b": pd.Series(dtype="int64")})
    return pd.concat(frames, ignore_index=True).drop_duplicates(ignore_index=True)


def implied_pairs(activities: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """activity_id, place_a, place_b: the pairs of places of each activity with 2 to MAX_PLACES_FOR_PAIRS places."""
    live = places[places["activity_id"].isin(activities["activity_id"])]
    sizes = live.groupby("activity_id")["place_id"].transform("size")
    several = live[(sizes >= 2) & (sizes <= MAX_PLACES_FOR_PAIRS)].sort_values(["activity_id", "place_id"])
    return place_pairs(several)


def place_pairs(places: pd.DataFrame) -> pd.DataFrame:
    """activity_id, place_a, place_b: every pair of an activity's places (place_a < place_b), ordered by activity
    and pair; vectorised (a self-join per activity), so a million activities take seconds, not minutes."""
    ends = pd.DataFrame({"activity_id": places["activity_id"].to_numpy(dtype="int64"),
                         "place_id": places["place_id"].to_numpy(dtype="int64")})
    joined = ends.merge(ends, on="activity_id", suffixes=("_a", "_b"))
    joined = joined[joined["place_id_a"] < joined["place_id_b"]]
    pairs = pd.DataFrame({"activity_id": joined["activity_id"].to_numpy(), "place_a": joined["place_id_a"].to_numpy(),
                          "place_b": joined["place_id_b"].to_numpy()})
    return pairs.sort_values(["activity_id", "place_a", "place_b"], ignore_index=True)


def status_of(last_activity: pd.Series, as_of: dt.date | None = None) -> pd.Series:
    """The status of each twinning from its last activity's start (NaT = never)."""
    stamp = _as_timestamp(as_of)
    last = pd.to_datetime(last_activity)
    active_from = stamp - pd.DateOffset(months=ACTIVE_MONTHS)
    dormant_before = stamp - pd.DateOffset(months=DORMANT_MONTHS)
    status = np.select([last.isna().to_numpy(), (last >= active_from).to_numpy(),
                        (last >= dormant_before).to_numpy()], ["never", "active", "fading"], "dormant")
    return pd.Series(status, index=last_activity.index, dtype=object)


def monitoring_table(pairs: pd.DataFrame, activities: pd.DataFrame, links: pd.DataFrame,
                     as_of: dt.date | None = None) -> pd.DataFrame:
    """`pairs` with activity_count, last_activity, last_title, next_activity, months_since and status.

    `activities` needs activity_id, start_date and title, and may have status (held when it has none);
    `links` comes from activity_pairs.
    """
    stamp = _as_timestamp(as_of)
    status = activities["status"] if "status" in activities else pd.Series("held", index=activities.index)
    dated = links.merge(activities[["activity_id", "start_date", "title"]].assign(status=status.to_numpy()),
                        on="activity_id", how="inner")
    past = dated[(dated["start_date"] <= stamp) & dated["status"].eq("held")].sort_values("start_date")
    future = dated[(dated["start_date"] > stamp) & dated["status"].isin(("planned", "held"))] \
        .sort_values("start_date")
    keys = ["place_a", "place_b"]
    counts = past.groupby(keys).size().rename("activity_count")
    last = past.groupby(keys).agg(last_activity=("start_date", "last"), last_title=("title", "last"))
    upcoming = future.groupby(keys).agg(next_activity=("start_date", "first"))
    table = pairs.merge(counts, left_on=keys, right_index=True, how="left") \
        .merge(last, left_on=keys, right_index=True, how="left") \
        .merge(upcoming, left_on=keys, right_index=True, how="left")
    table["activity_count"] = table["activity_count"].fillna(0).astype("int64")
    for column in ("last_activity", "next_activity"):
        table[column] = pd.to_datetime(table[column]).astype("datetime64[ns]")
    days = (stamp - table["last_activity"]).dt.days
    table["months_since"] = (days / 30.4375).round().astype("Int64")
    table["status"] = status_of(table["last_activity"], stamp.date())
    return table.reset_index(drop=True)


def status_counts(table: pd.DataFrame) -> dict[str, int]:
    counts = table["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def follow_up(table: pd.DataFrame, statuses: tuple[str, ...] = ("dormant",)) -> pd.DataFrame:
    """The ties to follow up (default: dormant ones), the longest silent first; suspended ones last."""
    chosen = table[table["status"].isin(statuses)].copy()
    chosen["_suspended"] = chosen["recorded_status"].eq("suspended").fillna(False) \
        if "recorded_status" in chosen else False
    return chosen.sort_values(["_suspended", "last_activity", "place_a"], ignore_index=True) \
        .drop(columns="_suspended")
