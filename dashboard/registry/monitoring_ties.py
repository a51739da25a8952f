"""The state of each tie in a space and a period: active, quiet, dormant, renewed or ended, with reasons.

A space is a pair of countries (the ties between them), one country (the ties touching it), a pair of
regions (the ties between them) or one city (its ties). For every twinning in it — the store's, the
registry's records and the cited agreements of data/twinnings_signed_2023_2025.csv — with the held
activities that count for it (dashboard.registry.monitoring.activity_pairs):

    ended    suspended or ended on or before the period's end (data/twinning_status_changes.csv, or a
             registry record "suspended" or "ended")
    renewed  an agreement signed in the period for a tie known from before (an earlier date), or held
             activity in the period after a silence of N years or more
    active   held activity (or a new agreement) in the period
    quiet    nothing in the period, but held activity in the N years before its end
    dormant  no held activity in the N years before the period's end (or none recorded at all)

N (`dormant_years`, default DORMANT_YEARS) is a setting. Pure functions of frames; the data tables are
read once per process.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from dashboard import settings
from dashboard.registry import monitoring

TIE_STATES: tuple[str, ...] = ("active", "renewed", "quiet", "dormant", "ended")
DORMANT_YEARS = 3
DATA = settings.PROJECT_ROOT / "data"


@dataclass(frozen=True)
class Space:
    """What a report covers: countries (1 or 2 ISO3), regions (1 or 2 region ids) or one place."""

    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    place: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "countries", tuple(dict.fromkeys(c.strip().upper() for c in self.countries if c)))
        object.__setattr__(self, "regions", tuple(dict.fromkeys(r.strip() for r in self.regions if r)))
        if not (self.countries or self.regions or self.place is not None):
            raise ValueError("choose countries, regions or a place")
        if len(self.countries) > 2 or len(self.regions) > 2:
            raise ValueError("a space is one or two countries, one or two regions, or one place")

    @property
    def kind(self) -> str:
        if self.place is not None:
            return "place"
        return "regions" if self.regions else "countries"


def _month_or_day(text: str) -> pd.Timestamp:
    text = (text or "").strip()
    return pd.to_datetime(text if len(text) > 7 else (text + "-01" if len(text) == 7 else text + "-01-01"),
                          errors="coerce")


@lru_cache(maxsize=1)
def signed_agreements() -> pd.DataFrame:
    """place_a < place_b, signed (datetime64), kind, source: the cited agreements of 2023–2025."""
    table = pd.read_csv(DATA / "twinnings_signed_2023_2025.csv", dtype=str).fillna("")
    a, b = table["place_a_id"].astype("int64"), table["place_b_id"].astype("int64")
    return pd.DataFrame({"place_a": np.minimum(a, b), "place_b": np.maximum(a, b),
                         "signed": [_month_or_day(s) for s in table["signed"]], "kind": table["kind"],
                         "source": table["source"]})


@lru_cache(maxsize=1)
def status_changes() -> pd.DataFrame:
    """place_a < place_b, status (ended/suspended), changed (datetime64), decided_by, source."""
    table = pd.read_csv(DATA / "twinning_status_changes.csv", dtype=str).fillna("")
    a, b = table["place_a_id"].astype("int64"), table["place_b_id"].astype("int64")
    return pd.DataFrame({"place_a": np.minimum(a, b), "place_b": np.maximum(a, b), "status": table["status"],
                         "changed": [_month_or_day(s) for s in table["changed"]],
                         "decided_by": table["decided_by"], "source": table["source"]})


@lru_cache(maxsize=1)
def listed_since() -> pd.DataFrame:
    """place_a < place_b, since (datetime64): the twinning dates the cities' own lists give."""
    table = pd.read_csv(DATA / "twin_city_lists.csv", dtype=str).fillna("")
    table = table[(table["since"] != "") & (table["partner_place_id"] != "")]
    a, b = table["city_place_id"].astype("int64"), table["partner_place_id"].astype("int64")
    frame = pd.DataFrame({"place_a": np.minimum(a, b), "place_b": np.maximum(a, b),
                          "since": [_month_or_day(s) for s in table["since"]]})
    return frame.dropna().groupby(["place_a", "place_b"], as_index=False)["since"].min()


def places_in(catalog, space: Space) -> pd.DataFrame:
    """place_id, iso3, region_id and `side` (0 or 1: which of the space's two parts; 0 for a single one)."""
    places = catalog.places[["place_id", "iso3", "region_id"]]
    if space.kind == "place":
        chosen = places[places["place_id"] == space.place].assign(side=0)
    elif space.kind == "regions":
        chosen = places[places["region_id"].isin(space.regions)]
        chosen = chosen.assign(side=(chosen["region_id"] == space.regions[-1]).astype(int)
                               if len(space.regions) == 2 else 0)
    else:
        chosen = places[places["iso3"].isin(space.countries)]
        chosen = chosen.assign(side=(chosen["iso3"] == space.countries[-1]).astype(int)
                               if len(space.countries) == 2 else 0)
    return chosen.reset_index(drop=True)


def ties_in(catalog, records: pd.DataFrame, space: Space) -> pd.DataFrame:
    """The twinnings of the space (monitoring.twinning_pairs rows plus the cited 2023–2025 agreements)."""
    pairs = monitoring.twinning_pairs(catalog.twinnings, records)
    signed = signed_agreements()[["place_a", "place_b"]]
    extra = signed.merge(pairs[["place_a", "place_b"]], how="left", indicator=True)
    extra = extra[extra["_merge"] == "left_only"].drop(columns="_merge").drop_duplicates()
    if len(extra):
        extra = extra.assign(twinning_id=pd.array([pd.NA] * len(extra), dtype="Int64"),
                             recorded_status=None, year_signed=pd.array([pd.NA] * len(extra), dtype="Int64"),
                             recorded_by=None)
        pairs = pd.concat([pairs, extra], ignore_index=True)
    inside = places_in(catalog, space)
    side = pd.Series(inside["side"].to_numpy(), index=inside["place_id"].to_numpy())
    side_a = pairs["place_a"].map(side)
    side_b = pairs["place_b"].map(side)
    if space.kind == "place":
        keep = side_a.notna() | side_b.notna()
    elif len(space.countries) == 2 or len(space.regions) == 2:
        keep = side_a.notna() & side_b.notna() & (side_a != side_b)
    else:
        keep = side_a.notna() | side_b.notna()
    return pairs[keep.to_numpy(dtype=bool)].reset_index(drop=True)


def tie_states(ties: pd.DataFrame, activities: pd.DataFrame, links: pd.DataFrame, start: dt.date, end: dt.date,
               dormant_years: int = DORMANT_YEARS) -> pd.DataFrame:
    """`ties` with agreement_date, new, activities_in_period, last_activity, last_title, state and reason
    (a code and its fields, for the caller to word: `reason`, `reason_date`, `reason_text`).

    `activities` needs activity_id, start_date, title, status; only held ones count."""
    start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
    horizon = end_ts - pd.DateOffset(years=dormant_years)
    keys = ["place_a", "place_b"]
    held = activities[activities["status"].eq("held")][["activity_id", "start_date", "title"]]
    dated = links.merge(held, on="activity_id", how="inner")
    dated = dated[dated["start_date"] <= end_ts].sort_values("start_date")
    in_period = dated[dated["start_date"] >= start_ts]
    before = dated[dated["start_date"] < start_ts]
    table = ties.copy()
    count = in_period.groupby(keys).size().rename("activities_in_period")
    last = dated.groupby(keys).agg(last_activity=("start_date", "last"), last_title=("title", "last"),
                                   last_activity_id=("activity_id", "last"))
    first_in = in_period.groupby(keys)["start_date"].first().rename("first_in_period")
    last_before = before.groupby(keys)["start_date"].last().rename("last_before_period")
    for extra in (count, last, first_in, last_before):
        table = table.merge(extra, left_on=keys, right_index=True, how="left")
    table["activities_in_period"] = table["activities_in_period"].fillna(0).astype("int64")

    signed = signed_agreements()
    signed = signed[signed["signed"] <= end_ts].sort_values("signed").groupby(keys).agg(
        signed=("signed", "last"), signed_kind=("kind", "last"), signed_source=("source", "last"))
    table = table.merge(signed, left_on=keys, right_index=True, how="left")
    since = listed_since().set_index(keys)["since"]
    table = table.merge(since, left_on=keys, right_index=True, how="left")
    year_signed = pd.to_datetime(table["year_signed"].astype("Int64").astype("string") + "-01-01", errors="coerce")
    earliest = pd.concat([table["since"], year_signed], axis=1).min(axis=1)
    table["agreement_date"] = earliest.where(earliest.notna(), table["signed"])
    signed_in_period = (table["signed"] >= start_ts).fillna(False).to_numpy(dtype=bool)
    known_before = (earliest < table["signed"]).fillna(False).to_numpy(dtype=bool)
    table["new"] = signed_in_period & ~known_before

    changes = status_changes()
    changes = changes[changes["changed"] <= end_ts].sort_values("changed").groupby(keys).agg(
        ended_on=("changed", "last"), ended_status=("status", "last"), ended_by=("decided_by", "last"))
    table = table.merge(changes, left_on=keys, right_index=True, how="left")
    recorded_end = table["recorded_status"].isin(("suspended", "ended")).fillna(False).to_numpy(dtype=bool)
    ended = table["ended_on"].notna().to_numpy() | recorded_end

    gap = (table["first_in_period"] - table["last_before_period"]) >= pd.Timedelta(days=365 * dormant_years)
    revived = gap.fillna(False).to_numpy(dtype=bool)
    renewed = (signed_in_period & known_before) | revived
    active = table["activities_in_period"].to_numpy() > 0
    recent = (table["last_activity"] >= horizon).fillna(False).to_numpy(dtype=bool)
    state = np.select([ended, renewed, active | signed_in_period, recent], ["ended", "renewed", "active", "quiet"],
                      "dormant")
    reason = np.select(
        [ended, signed_in_period & known_before, revived, signed_in_period & ~active, active, recent,
         table["last_activity"].notna().to_numpy()],
        ["ended", "re_signed", "revived", "signed", "activities", "quiet", "silent_since"], "never")
    table["state"] = state
    table["reason"] = reason
    table["reason_date"] = np.where(ended, table["ended_on"], np.where(signed_in_period, table["signed"],
                                                                      table["last_activity"]))
    table["reason_date"] = pd.to_datetime(table["reason_date"])
    table["reason_text"] = np.where(ended, table["ended_by"].fillna(""), table["last_title"].fillna(""))
    return table.drop(columns=["first_in_period", "last_before_period"]).reset_index(drop=True)


def state_counts(table: pd.DataFrame) -> dict[str, int]:
    counts = table["state"].value_counts()
    return {state: int(counts.get(state, 0)) for state in TIE_STATES}
