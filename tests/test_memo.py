"""The in-process memos (dashboard.memo) are keyed by what the data are, never by where they live in
memory: a rebuilt catalogue or a new registry state is never served the values of the old one, even when
Python hands the new object the id() of the old one (the bug of the id()-keyed caches they replace)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from tiny_world import tiny_catalog

from dashboard.memo import VersionedMemo, data_version
from dashboard.registry import views as activity_views
from dashboard.registry.frames import ACTIVITY_COLUMNS, RECORD_COLUMNS, ActivityFrames, frames_of
from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.catalog import Catalog

GOMEL, MINSK = 627907, 625144
WORLD = ViewState.from_query("space=world")  # every twinning, whatever the default space


def without_last_twinning(catalog: Catalog) -> Catalog:
    """The same catalogue rebuilt with one twinning fewer, and the SAME info (built_at, counts...)."""
    return replace(catalog, twinnings=catalog.twinnings.iloc[:-1].copy())


def rebuilt_at_the_same_address(old_id: int, build):
    """Objects from `build()` until Python gives one the id `old_id` (freed just before): the case an id()-keyed
    cache gets wrong. CPython almost always reuses the address at once; when the allocator does not (another
    thread allocated in between), the last object built is returned, and it must not be served old values either."""
    kept = []
    for _ in range(200):
        candidate = build()
        if id(candidate) == old_id:
            return candidate
        kept.append(candidate)  # hold the misses so the freed address is offered again
    return kept[-1]


def test_a_rebuilt_catalogue_at_the_old_address_is_never_served_the_old_values():
    base = tiny_catalog()
    fewer = base.twinnings.iloc[:-1].copy()
    old = replace(base)  # tables shared with `base`, so dropping `old` frees only the object itself
    old_version, old_id = old.data_version, id(old)
    assert queries.filtered_view(old, WORLD).kpis["twinnings"] == 8
    assert len(queries.network(old).twinnings) == 8
    del old  # freed now (reference counting): its address is free for the next object

    new = rebuilt_at_the_same_address(old_id, lambda: Catalog(base.countries, base.memberships, base.regions,
                                                              base.places, fewer, base.info))
    assert new.info == base.info  # same address, same build info: only the data differ
    assert new.data_version != old_version
    assert len(queries.network(new).twinnings) == 7
    assert queries.filtered_view(new, WORLD).kpis["twinnings"] == 7


def test_the_same_data_loaded_twice_share_one_version_and_one_entry():
    first, second = tiny_catalog(), tiny_catalog()
    assert first is not second and first.data_version == second.data_version
    assert queries.network(first) is queries.network(second)


def activity_frames(place_id: int, version: int = 0):
    acts = pd.DataFrame([{**{column: None for column in ACTIVITY_COLUMNS}, "activity_id": 1, "title": "Forum",
                          "activity_type": "forum", "start_date": "2024-05-01", "end_date": "2024-05-01",
                          "date_precision": "day", "is_sample": False, "created_by": "t"}])
    return frames_of(acts, pd.DataFrame({"activity_id": [1], "place_id": [place_id]}),
                     pd.DataFrame(columns=["activity_id", "region_id"]), pd.DataFrame(columns=["activity_id", "iso3"]),
                     pd.DataFrame(columns=RECORD_COLUMNS), version)


def test_new_registry_frames_at_the_same_version_number_and_address_are_not_served_the_old_view():
    catalog = tiny_catalog()
    in_belarus = ViewState(countries=("BLR",))
    template, in_munich = activity_frames(GOMEL), activity_frames(2867714)
    old = replace(template)
    old_version, old_id = old.data_version, id(old)
    assert len(activity_views.activities_in_view(old, catalog, in_belarus).activities) == 1
    del old  # freed now (reference counting): its address is free for the next object

    # another registry (or the same one re-created) at the same version number: its activity is in Munich
    new = rebuilt_at_the_same_address(old_id, lambda: ActivityFrames(
        template.activities, in_munich.places, template.regions, template.countries, template.twinning_records))
    assert new.version == 0 and new.data_version != old_version
    assert len(activity_views.activities_in_view(new, catalog, in_belarus).activities) == 0


def test_the_memo_counts_misses_forgets_the_oldest_and_refuses_unversioned_keys():
    memo = VersionedMemo(maxsize=2)
    catalogs = [tiny_catalog(), without_last_twinning(tiny_catalog()),
                without_last_twinning(without_last_twinning(tiny_catalog()))]
    for catalog in catalogs:
        assert memo.get(catalog, "links", lambda c=catalog: len(c.twinnings)) == len(catalog.twinnings)
    assert memo.misses == 3 and memo.peek(catalogs[0], "links") is None
    assert memo.get(catalogs[2], "links", lambda: -1) == 6 and memo.misses == 3
    with pytest.raises(TypeError):
        memo.get(catalogs[0].places, "links", lambda: 0)  # a bare frame has no version: no id() fallback
    assert data_version(catalogs[0]) != data_version(catalogs[1])
