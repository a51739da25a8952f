"""Sample activities for demos and benchmarks: `python -m dashboard demo-activities --seed N`.

Never real. Every sample activity has `is_sample = TRUE` and a title ending in "(sample)"; views leave
them out unless the user switches "include sample data" on, and then every chart and table says so.
Generating again replaces the previous samples (and only them) in one transaction; the same seed and
date give the same activities.

The generator picks twinnings with an end in the focus countries and gives each tie a profile -
active, fading, dormant or silent - so that the monitoring has every status to show, plus activities
of border regions without a twinning.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from sqlalchemy import delete, select

from dashboard.registry.database import bump_version
from dashboard.registry.records import ActivityValues, insert_activities, now, write_audit
from dashboard.registry.schema import activities, activity_countries, activity_keys, activity_places, activity_regions
from dashboard.registry.vocabulary import ACTIVITY_TYPES

SAMPLE_USER = "sample-generator"
SAMPLE_SUFFIX = " (sample)"
FOCUS = ("RUS", "BLR", "KAZ", "KGZ", "UZB", "TJK", "MNG", "ARM", "AZE")  # ties with an end here
TYPE_WEIGHTS = np.array([10, 8, 9, 9, 3, 7, 6, 8, 7, 6, 8, 5, 10], dtype=float)
PROFILES = ("active", "fading", "dormant", "silent")
PROFILE_SHARES = (0.35, 0.15, 0.3, 0.2)
_TYPE_WORDS = {"festival": "Festival", "forum": "Forum", "conference": "Conference", "seminar": "Seminar",
               "symposium": "Symposium", "exhibition": "Fair", "tourism": "Tourist route",
               "youth_exchange": "Youth exchange", "sport": "Sports games", "business_mission": "Business mission",
               "joint_project": "Joint project", "agreement": "Agreement", "meeting": "Working meeting"}


def _months_before(as_of: dt.date, rng: np.random.Generator, low: float, high: float) -> dt.date:
    days = int(rng.uniform(low, high) * 30.4375)
    return as_of - dt.timedelta(days=max(days, 0))


def sample_activities(catalog, seed: int, count: int = 1500, as_of: dt.date | None = None,
                      focus: tuple[str, ...] = FOCUS) -> list[ActivityValues]:
    """About `count` sample activities over the catalogue's twinnings and border regions."""
    as_of = as_of or dt.date.today()
    rng = np.random.default_rng(seed)
    weights = TYPE_WEIGHTS / TYPE_WEIGHTS.sum()
    places = catalog.places.set_index("place_id")
    twinnings = catalog.twinnings
    iso_a = places["iso3"].reindex(twinnings["place_a"]).to_numpy()
    iso_b = places["iso3"].reindex(twinnings["place_b"]).to_numpy()
    in_focus = np.isin(iso_a, focus) | np.isin(iso_b, focus)
    candidates = twinnings[in_focus].reset_index(drop=True)
    out: list[ActivityValues] = []
    seen: set[str] = set()

    def add(values: ActivityValues) -> None:
        key = values.natural_key()
        if key not in seen:
            seen.add(key)
            out.append(values)

    def name(place_id: int) -> str:
        return str(places.at[place_id, "name_en"])

    def country(place_id: int) -> str | None:
        value = places.at[place_id, "iso3"]
        return value if isinstance(value, str) else None

    region_share = 0.1
    tie_budget = int(count * (1 - region_share))
    n_ties = min(len(candidates), max(1, tie_budget // 3))
    chosen = candidates.iloc[rng.choice(len(candidates), size=n_ties, replace=False)] if n_ties else candidates
    profiles = rng.choice(len(PROFILES), size=len(chosen), p=PROFILE_SHARES)
    for (_, tie), profile in zip(chosen.iterrows(), profiles):
        if len(out) >= tie_budget:
            break
        a, b = int(min(tie["place_a"], tie["place_b"])), int(max(tie["place_a"], tie["place_b"]))
        kind = PROFILES[profile]
        if kind == "silent":
            continue
        last_range = {"active": (0, 11.5), "fading": (12.5, 23.5), "dormant": (25, 84)}[kind]
        dates = [_months_before(as_of, rng, *last_range)]
        for _ in range(int(rng.integers(0, 7))):
            dates.append(_months_before(dates[0], rng, 1, 60))
        if kind == "active" and rng.random() < 0.3:  # something planned
            dates.append(as_of + dt.timedelta(days=int(rng.integers(10, 180))))
        for start in dates:
            if start.year < 2010:
                continue
            activity_type = ACTIVITY_TYPES[int(rng.choice(len(ACTIVITY_TYPES), p=weights))]
            length = int(rng.integers(0, 5)) if activity_type not in ("tourism", "joint_project") \
                else int(rng.integers(10, 120))
            title = f"{_TYPE_WORDS[activity_type]} {name(a)} – {name(b)} {start.year}{SAMPLE_SUFFIX}"
            add(ActivityValues(
                title=title, activity_type=activity_type, start_date=start,
                end_date=start + dt.timedelta(days=length), places=(a, b),
                countries=tuple(c for c in (country(a), country(b)) if c), twinning=(a, b),
                organiser=f"Administration of {name(a)}{SAMPLE_SUFFIX}", notes="Generated sample data."))
    regions = catalog.regions[catalog.regions["on_land_border"].astype(bool) & catalog.regions["iso3"].isin(focus)]
    while len(out) < count and len(regions):
        region = regions.iloc[int(rng.integers(0, len(regions)))]
        start = _months_before(as_of, rng, -3, 72)
        activity_type = ("forum", "conference", "exhibition", "business_mission")[int(rng.integers(0, 4))]
        title = f"{_TYPE_WORDS[activity_type]} of border regions, {region['name_en']} {start.year}{SAMPLE_SUFFIX}"
        before = len(out)
        add(ActivityValues(title=title, activity_type=activity_type, start_date=start,
                           end_date=start + dt.timedelta(days=int(rng.integers(0, 3))),
                           regions=(str(region["region_id"]),), countries=(str(region["iso3"]),),
                           notes="Generated sample data."))
        if len(out) == before and len(seen) > 50 * count:
            break
    return out[:count]


def replace_samples(engine, samples: list[ActivityValues], *, user: str = SAMPLE_USER,
                    seed: int | None = None) -> dict[str, int]:
    """Delete every sample activity and insert `samples` (marked as sample), in one transaction."""
    at = now()
    with engine.begin() as connection:
        old_ids = select(activities.c.activity_id).where(activities.c.is_sample)
        removed = len(connection.execute(old_ids).all())
        for table in (activity_places, activity_regions, activity_countries, activity_keys):
            connection.execute(delete(table).where(table.c.activity_id.in_(old_ids)))
        connection.execute(delete(activities).where(activities.c.is_sample))
        insert_activities(connection, [(values, None) for values in samples], user, at=at, is_sample=True,
                          audit=False)  # one audit row for the whole generation, below
        write_audit(connection, user=user, action="sample", entity="samples", entity_key=str(seed),
                    old={"sample_activities": removed}, new={"sample_activities": len(samples), "seed": seed},
                    at=at)
        bump_version(connection)
    return {"removed": removed, "added": len(samples)}
