"""Monitoring between meetings for a space and a period: everything the /monitoring page, the API and the
state-of-ties report show, computed once (`monitoring_for`), in codes and numbers (the callers word it).

    data = monitoring_for(catalog, frames, plans, meetings, Space(countries=("RUS", "BLR")),
                          dt.date(2023, 1, 1), dt.date(2025, 12, 31))
    data.summary()   # JSON-ready key figures: /api/v1/monitoring/ties and the report print the same numbers

Counts of activities count held ones (planned ones are counted apart, as planned); cancelled and
postponed ones never count as done. The default period runs from the end of the last meeting of the
pair to today (`default_period`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from dashboard.registry import monitoring
from dashboard.registry.frames import ActivityFrames
from dashboard.registry.importing import NOTE_SEPARATOR
from dashboard.registry.meetings import last_meeting, meetings_of
from dashboard.registry.monitoring_ties import DORMANT_YEARS, Space, places_in, state_counts, tie_states, ties_in
from dashboard.registry.plans import PlanFrames, item_states, plans_of, progress_by
from dashboard.registry.sectors import SECTORS
from dashboard.registry.statuses import ACTIVITY_STATUSES, overdue_report
from dashboard.registry.vocabulary import ACTIVITY_TYPES

NOTABLE_TYPES = ("agreement", "forum", "business_mission", "joint_project")


@dataclass(frozen=True)
class TiesMonitoring:
    space: Space
    start: dt.date
    end: dt.date
    as_of: dt.date
    dormant_years: int
    ties: pd.DataFrame               # monitoring_ties.tie_states rows
    activities: pd.DataFrame         # the space's activities in the period (every status), newest first
    sectors: pd.DataFrame            # activity_id, sector of those activities
    plan_items: pd.DataFrame         # plans.item_states rows of the space's plans
    plans: pd.DataFrame              # the space's plans
    meetings: pd.DataFrame           # the space's meetings (all of them)
    previous_meeting: dict | None    # the last meeting that ended on or before the period's start
    titles: pd.DataFrame = field(default_factory=pd.DataFrame)  # activity_id, title_en, title_ru, title_zh

    def title_of(self, activity_id, lang: str) -> str:
        """An activity's title in `lang` where the registry has one (the reference events carry
        title_ru / title_zh in their notes), else as recorded."""
        if activity_id is None or pd.isna(activity_id) or self.titles.empty:
            return ""
        row = self.titles.loc[int(activity_id)] if int(activity_id) in self.titles.index else None
        if row is None:
            return ""
        local = row.get(f"title_{lang}")
        return local if isinstance(local, str) and local else row["title_en"]

    # ---- counts -------------------------------------------------------------------------------------
    @property
    def held(self) -> pd.DataFrame:
        return self.activities[self.activities["status"].eq("held")]

    def by_year(self) -> pd.DataFrame:
        """year x status: activities per year of the period by status (every status column, in order)."""
        years = list(range(self.start.year, self.end.year + 1))
        frame = self.activities.assign(year=self.activities["start_date"].dt.year)
        table = pd.crosstab(frame["year"], frame["status"]).reindex(index=years, columns=list(ACTIVITY_STATUSES),
                                                                    fill_value=0)
        table.index.name = "year"
        return table.reset_index()

    def by_sector(self) -> pd.DataFrame:
        """sector ('' = none) x year: held activities (an activity counts once in each of its sectors)."""
        held = self.held[["activity_id", "start_date"]]
        tagged = held.merge(self.sectors, on="activity_id", how="left")
        tagged["sector"] = tagged["sector"].astype(object).fillna("")
        tagged["year"] = tagged["start_date"].dt.year
        years = list(range(self.start.year, self.end.year + 1))
        table = pd.crosstab(tagged["sector"], tagged["year"]).reindex(columns=years, fill_value=0)
        order = [code for code in (*SECTORS, "") if code in table.index]
        table = table.reindex(order)
        table["total"] = table.sum(axis=1)
        table.index.name = "sector"
        return table.reset_index()

    def by_type(self) -> dict[str, int]:
        counts = self.held["activity_type"].value_counts()
        return {code: int(counts[code]) for code in ACTIVITY_TYPES if counts.get(code, 0)}

    def plan_progress(self, key: str = "sector") -> pd.DataFrame:
        return progress_by(self.plan_items, key) if len(self.plan_items) else pd.DataFrame()

    def gone_quiet(self) -> pd.DataFrame:
        return self.ties[self.ties["state"].eq("quiet")].sort_values("last_activity", ascending=False)

    def new_ties(self) -> pd.DataFrame:
        return self.ties[self.ties["new"]].sort_values("signed")

    def dormant(self) -> pd.DataFrame:
        return self.ties[self.ties["state"].eq("dormant")].sort_values(["last_activity", "place_a"],
                                                                       na_position="last")

    def notable(self, limit: int = 12) -> pd.DataFrame:
        chosen = self.held[self.held["activity_type"].isin(NOTABLE_TYPES)]
        return chosen.sort_values("start_date", ascending=False).head(limit)

    def coverage(self) -> dict:
        ties = self.ties
        with_activity = int(ties["last_activity"].notna().sum())
        with_date = int(ties["agreement_date"].notna().sum())
        sectored = set(self.sectors["activity_id"])
        return {
            "ties": len(ties), "ties_with_activity": with_activity, "ties_with_agreement_date": with_date,
            "activities": len(self.activities), "held": len(self.held),
            "planned": int(self.activities["status"].eq("planned").sum()),
            "overdue_reports": int(self.activities["overdue_report"].sum()),
            "with_source": int(self.activities["source_url"].fillna("").ne("").sum()),
            "unsectored": int((~self.activities["activity_id"].isin(sectored)).sum()),
            "samples": int(self.activities["is_sample"].sum()),
        }

    def summary(self) -> dict:
        """The key figures as JSON (what the API serves and the report prints)."""
        states = self.plan_items["state"].value_counts() if len(self.plan_items) else pd.Series(dtype=int)
        return {
            "space": {"countries": list(self.space.countries), "regions": list(self.space.regions),
                      "place": self.space.place},
            "from": self.start.isoformat(), "to": self.end.isoformat(), "as_of": self.as_of.isoformat(),
            "dormant_years": self.dormant_years,
            "ties": len(self.ties), "ties_by_state": state_counts(self.ties), "new_ties": int(self.ties["new"].sum()),
            "activities_held": len(self.held),
            "activities_by_status": {s: int(self.activities["status"].eq(s).sum()) for s in ACTIVITY_STATUSES},
            "activities_by_year": {int(row["year"]): int(row["held"]) for _, row in self.by_year().iterrows()},
            "activities_by_sector": {(row["sector"] or "none"): int(row["total"])
                                     for _, row in self.by_sector().iterrows()},
            "activities_by_type": self.by_type(),
            "plan_items": len(self.plan_items),
            "plan_items_by_state": {s: int(states.get(s, 0)) for s in ("done", "in_progress", "overdue",
                                                                        "not_started")},
            "previous_meeting": None if self.previous_meeting is None else {
                "title": self.previous_meeting["title"],
                "start_date": self.previous_meeting["start_date"].date().isoformat(),
                "end_date": self.previous_meeting["end_date"].date().isoformat()},
            "coverage": self.coverage(),
        }


def default_period(meetings: pd.DataFrame, countries: tuple[str, ...], today: dt.date | None = None
                   ) -> tuple[dt.date, dt.date]:
    """From the day after the last meeting of the pair to today (the last three years without one)."""
    today = today or dt.date.today()
    meeting = last_meeting(meetings, countries, today)
    if meeting is None:
        return dt.date(today.year - 2, 1, 1), today
    return (meeting["end_date"] + pd.Timedelta(days=1)).date(), today


def activities_in(frames: ActivityFrames, catalog, space: Space) -> pd.Series:
    """Mask over frames.activities: the activities of the space (both parts of a pair involved)."""
    acts = frames.activities
    if space.kind == "countries":
        involved = frames.countries[frames.countries["iso3"].isin(space.countries)]
        sides = involved.groupby("activity_id")["iso3"].nunique()
        chosen = sides[sides >= len(space.countries)].index
    else:
        inside = places_in(catalog, space)
        side = pd.Series(inside["side"].to_numpy(), index=inside["place_id"].to_numpy())
        at_places = frames.places.assign(side=frames.places["place_id"].map(side)).dropna(subset=["side"])
        parts = [at_places[["activity_id", "side"]]]
        if space.kind == "regions":
            region_side = {region: i if len(space.regions) == 2 else 0 for i, region in enumerate(space.regions)}
            in_regions = frames.regions.assign(side=frames.regions["region_id"].map(region_side)).dropna(
                subset=["side"])
            parts.append(in_regions[["activity_id", "side"]])
        else:
            twinned = acts[(acts["twinning_a"] == space.place) | (acts["twinning_b"] == space.place)]
            parts.append(pd.DataFrame({"activity_id": twinned["activity_id"], "side": 0}))
        both = pd.concat(parts, ignore_index=True)
        sides = both.groupby("activity_id")["side"].nunique()
        needed = 2 if len(space.regions) == 2 else 1
        chosen = sides[sides >= needed].index
    return acts["activity_id"].isin(chosen)


def monitoring_for(catalog, frames: ActivityFrames, plans: PlanFrames, meetings: pd.DataFrame, space: Space,
                   start: dt.date, end: dt.date, *, dormant_years: int = DORMANT_YEARS,
                   as_of: dt.date | None = None, include_samples: bool = False) -> TiesMonitoring:
    """Ties with their states, the period's activities, plan-vs-fact and meetings of the space."""
    if end < start:
        raise ValueError("the period ends before it starts")
    as_of = as_of or min(end, dt.date.today())
    acts = frames.activities
    if not include_samples:
        acts = acts[~acts["is_sample"]]
    ties = ties_in(catalog, frames.twinning_records, space)
    links = monitoring.activity_pairs(acts, frames.places, ties)
    states = tie_states(ties, acts, links, start, end, dormant_years)

    in_space = activities_in(frames, catalog, space).reindex(acts.index, fill_value=False)
    in_period = (acts["start_date"] >= pd.Timestamp(start)) & (acts["start_date"] <= pd.Timestamp(end))
    chosen = acts[in_space & in_period].copy()
    chosen["overdue_report"] = overdue_report(chosen["status"], chosen["end_date"], as_of)
    chosen = chosen.sort_values(["start_date", "activity_id"], ascending=[False, False], ignore_index=True)
    sectors = frames.sectors[frames.sectors["activity_id"].isin(chosen["activity_id"])]

    countries = space.countries or tuple(sorted(set(places_in(catalog, space)["iso3"])))[:2]
    space_plans = plans_of(plans, countries)
    items = item_states(space_plans.items, space_plans.links, frames.activities, as_of) \
        if len(space_plans.items) else space_plans.items.assign(held=0, planned=0, state="")
    space_meetings = meetings_of(meetings, countries)
    previous = last_meeting(meetings, countries, start)
    return TiesMonitoring(space, start, end, as_of, dormant_years, states, chosen, sectors.reset_index(drop=True),
                          items, space_plans.plans, space_meetings, previous, titles_of(acts))


def _note(notes: object, label: str) -> str | None:
    if not isinstance(notes, str):
        return None
    for part in notes.split(NOTE_SEPARATOR):
        name, _, value = part.partition(": ")
        if name == label and value.strip():
            return value.strip()
    return None


def titles_of(acts: pd.DataFrame) -> pd.DataFrame:
    """activity_id -> title_en (as recorded), title_ru, title_zh (from the notes, where given)."""
    return pd.DataFrame({"title_en": acts["title"].to_numpy(),
                         "title_ru": [_note(n, "title_ru") for n in acts["notes"]],
                         "title_zh": [_note(n, "title_zh") for n in acts["notes"]]},
                        index=acts["activity_id"].to_numpy())

