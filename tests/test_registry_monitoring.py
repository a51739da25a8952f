"""Monitoring statuses on a fixture with known dates, as of a fixed day."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.registry import monitoring
from dashboard.registry.frames import frames_of

AS_OF = dt.date(2025, 6, 30)

# twinnings (place_a < place_b) and what happened on each
PAIRS = pd.DataFrame({"twinning_id": [1, 2, 3, 4, 5, 6, 7, 8],
                      "place_a": [10, 10, 10, 20, 20, 30, 40, 50],
                      "place_b": [11, 12, 13, 21, 22, 31, 41, 51]})
ACTIVITIES = [
    # (activity_id, start, twinning pair recorded, places)
    (1, "2025-06-30", (10, 11), (10, 11)),   # today: active
    (2, "2019-01-01", (10, 11), (10, 11)),   # older ones count too
    (3, "2024-06-30", None, (10, 12)),       # exactly 12 months ago, through its places: active
    (4, "2024-06-29", (10, 13), (10, 13)),   # 12 months and a day: fading
    (5, "2023-07-01", (20, 21), (20, 21)),   # 23+ months: fading
    (6, "2023-06-30", (20, 22), (20, 22)),   # exactly 24 months: fading (the boundary is inclusive)
    (7, "2023-06-29", (30, 31), (30, 31)),   # more than 24 months: dormant
    (8, "2025-09-01", (40, 41), (40, 41)),   # only planned: never recorded (next_activity set)
    (9, "2024-12-01", None, (10, 11, 12, 20)),  # a forum of four cities counts for its twinned pairs
]


def frames():
    acts = pd.DataFrame([{
        "activity_id": aid, "title": f"activity {aid}", "activity_type": "forum", "start_date": start,
        "end_date": start, "date_precision": "day", "twinning_a": pair[0] if pair else None,
        "twinning_b": pair[1] if pair else None, "corridor_id": None, "organiser": None, "source_url": None,
        "notes": None, "is_sample": False, "created_at": None, "created_by": "t", "updated_at": None,
        "updated_by": None, "import_id": None} for aid, start, pair, _ in ACTIVITIES])
    places = pd.DataFrame([(aid, p) for aid, _, _, ps in ACTIVITIES for p in ps], columns=["activity_id", "place_id"])
    empty = pd.DataFrame(columns=["activity_id", "region_id"])
    records = pd.DataFrame({"place_a": [60], "place_b": [61], "year_signed": [2019], "status": ["suspended"],
                            "source_url": [None], "notes": [None], "recorded_by": ["anna"],
                            "recorded_at": [None], "updated_by": [None], "updated_at": [None]})
    return frames_of(acts, places, empty, pd.DataFrame(columns=["activity_id", "iso3"]), records)


@pytest.fixture
def table():
    f = frames()
    pairs = monitoring.twinning_pairs(PAIRS, f.twinning_records)
    links = monitoring.activity_pairs(f.activities, f.places, pairs)
    return monitoring.monitoring_table(pairs, f.activities, links, AS_OF).set_index(["place_a", "place_b"])


def test_statuses_as_of_a_fixed_day(table):
    assert table["status"].to_dict() == {
        (10, 11): "active", (10, 12): "active", (10, 13): "fading", (20, 21): "fading", (20, 22): "fading",
        (30, 31): "dormant", (40, 41): "never", (50, 51): "never", (60, 61): "never"}


def test_counts_last_and_next_activity(table):
    assert table.loc[(10, 11), "activity_count"] == 3  # activities 1, 2 and the forum 9
    assert table.loc[(10, 11), "last_activity"] == pd.Timestamp("2025-06-30")
    assert table.loc[(10, 12), "activity_count"] == 2  # 3 and the forum
    assert table.loc[(10, 12), "last_activity"] == pd.Timestamp("2024-12-01")
    assert table.loc[(20, 21), "activity_count"] == 1  # the forum has 20 but not 21
    assert table.loc[(40, 41), "activity_count"] == 0
    assert table.loc[(40, 41), "next_activity"] == pd.Timestamp("2025-09-01")
    assert pd.isna(table.loc[(30, 31), "next_activity"])
    assert table.loc[(30, 31), "months_since"] == 24


def test_the_registry_adds_its_own_twinnings_and_statuses(table):
    assert pd.isna(table.loc[(60, 61), "twinning_id"])  # recorded in the registry, not in the public data
    assert table.loc[(60, 61), "recorded_status"] == "suspended" and table.loc[(60, 61), "year_signed"] == 2019
    assert table.loc[(60, 61), "recorded_by"] == "anna"
    assert table.loc[(50, 51), "twinning_id"] == 8 and pd.isna(table.loc[(50, 51), "recorded_status"])


def test_the_as_of_date_moves_the_statuses():
    f = frames()
    pairs = monitoring.twinning_pairs(PAIRS, f.twinning_records)
    links = monitoring.activity_pairs(f.activities, f.places, pairs)
    later = monitoring.monitoring_table(pairs, f.activities, links, dt.date(2026, 7, 1)).set_index(
        ["place_a", "place_b"])["status"]
    assert later[(10, 11)] == "fading" and later[(40, 41)] == "active" and later[(20, 21)] == "dormant"
    earlier = monitoring.monitoring_table(pairs, f.activities, links, dt.date(2019, 1, 1)).set_index(
        ["place_a", "place_b"])["status"]
    assert earlier[(10, 11)] == "active" and (earlier.drop((10, 11)) == "never").all()


def test_status_counts_and_the_follow_up_list(table):
    flat = table.reset_index()
    assert monitoring.status_counts(flat) == {"active": 2, "fading": 3, "dormant": 1, "never": 3}
    dormant = monitoring.follow_up(flat)
    assert list(zip(dormant["place_a"], dormant["place_b"])) == [(30, 31)]
    both = monitoring.follow_up(flat, ("dormant", "fading"))
    assert list(both["place_a"])[:2] == [30, 20]  # the longest silent first


def test_status_of_handles_never():
    last = pd.Series(pd.to_datetime(["2025-01-01", None, "2020-01-01"]))
    assert list(monitoring.status_of(last, AS_OF)) == ["active", "never", "dormant"]
