"""The indexes that keep the Activities page fast at 10x give what the plain searches gave: the pairs of an
activity's places, the links of a view, the status filter, and the cached monitoring table (per filter and day)."""

from __future__ import annotations

import datetime as dt
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
from registry_world import new_registry, registry_catalog

from dashboard.registry import monitoring, tables, views
from dashboard.registry.frames import read_frames
from dashboard.registry.samples import replace_samples, sample_activities
from dashboard.registry.statuses import counted
from dashboard.state import ViewState

TODAY = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    catalog = registry_catalog()
    engine = new_registry(tmp_path_factory.mktemp("indexes"))
    replace_samples(engine, sample_activities(catalog, seed=5, count=300, as_of=TODAY), seed=5)
    return catalog, read_frames(engine)


def test_place_pairs_are_every_pair_of_an_activitys_places_in_order():
    places = pd.DataFrame({"activity_id": [3, 3, 3, 1, 1, 2], "place_id": [30, 10, 20, 7, 5, 9]})
    several = places.sort_values(["activity_id", "place_id"])
    expected = [(activity, a, b) for activity, group in several.groupby("activity_id")["place_id"]
                for a, b in combinations(group.to_numpy(), 2)]
    got = monitoring.place_pairs(several)
    assert list(got.itertuples(index=False, name=None)) == expected == [
        (1, 5, 7), (3, 10, 20), (3, 10, 30), (3, 20, 30)]


def test_a_views_links_and_status_filter_equal_the_plain_searches(world):
    catalog, frames = world
    for query in ("sample=1", "sample=1&countries=BLR", "sample=1&from=2024&to=2025&activity_status=planned,held"):
        state = ViewState.from_query(query)
        mask = views.activity_mask(frames, catalog, state)
        view = views.view_of(frames, mask)
        ids = frames.activities.loc[mask, "activity_id"].to_numpy()
        for name in ("places", "regions", "countries"):
            frame = getattr(frames, name)
            expected = frame[np.isin(frame["activity_id"].to_numpy(), ids)].reset_index(drop=True)
            pd.testing.assert_frame_equal(getattr(view, name), expected)
        assert len(view.activities) and len(view.places) and mask.sum() < len(mask) or query == "sample=1"
        years = frames.activities["start_date"].dt.year.to_numpy()
        assert (frames.start_years == years).all()
    for statuses in (("held",), ("planned", "held"), ("cancelled",), ()):
        assert (frames.has_status(statuses) == counted(frames.activities["status"], statuses)).all()


def test_monitoring_is_cached_per_filter_and_day(world):
    catalog, frames = world
    state = ViewState.from_query("sample=1")
    first = tables.monitoring_of(frames, catalog, state, TODAY)
    assert tables.monitoring_of(frames, catalog, state, TODAY) is first
    fresh = tables._monitoring_of(frames, catalog, state, TODAY)
    pd.testing.assert_frame_equal(first, fresh)
    later = tables.monitoring_of(frames, catalog, state, TODAY + dt.timedelta(days=400))
    assert later is not first
    pd.testing.assert_frame_equal(later, tables._monitoring_of(frames, catalog, state, TODAY + dt.timedelta(days=400)))
    other = tables.monitoring_of(frames, catalog, ViewState.from_query("sample=1&countries=BLR"), TODAY)
    assert len(other) <= len(first)
