"""Honest zeros on the network page and the corridors card (issue 20): an empty result says what the record holds
beyond the filters, how far the sources were checked for those countries, and where records are added."""

from __future__ import annotations

import pandas as pd

from dashboard.app import create_app
from dashboard.components import honest_zero
from dashboard.registry.service import live_frames
from dashboard.state import ViewState
from dashboard.store import record_extent


def words(parts) -> str:
    """The text of Dash components, as a reader sees it."""
    if isinstance(parts, str):
        return parts
    if isinstance(parts, (list, tuple)):
        return " ".join(words(part) for part in parts)
    children = getattr(parts, "children", None)
    return "" if children is None else words(children)


def test_the_subject_of_a_zero_is_the_pair_or_the_chosen_countries():
    assert record_extent.subject_countries(ViewState.from_query("?scope=between&pair=RUS,BLR&countries=KAZ")) == (
        "RUS", "BLR")
    assert record_extent.subject_countries(ViewState.from_query("?countries=KAZ,MNG")) == ("KAZ", "MNG")


def test_without_limits_keeps_whose_ties_and_drops_the_limits():
    state = ViewState.from_query("?space=SCO&status=ended&since=2020&minpop=50000&border=1&scope=between&pair=RUS,BLR")
    free = record_extent.without_limits(state)
    assert (free.space, free.status, free.since, free.min_population, free.border_only) == (
        "world", "all", None, 0, False)
    assert (free.link_scope, free.pair) == ("between", ("RUS", "BLR"))


def test_lists_checked_per_country_in_order_with_none_for_a_country_without_lists():
    by_country = pd.DataFrame({"iso3": ["KAZ", "RUS"], "cities": [1, 9], "coverage_pct": [65.0, None]})
    found = record_extent.lists_checked(by_country, ("MNG", "RUS", "KAZ"))
    assert [(f.iso3, f.cities, f.coverage_pct) for f in found] == [
        ("MNG", 0, None), ("RUS", 9, None), ("KAZ", 1, 65.0)]
    assert record_extent.lists_checked(pd.DataFrame(columns=["iso3"]), ("BLR",))[0].cities == 0


def test_a_pair_never_recorded_says_so_and_how_far_its_lists_were_checked(store_catalog):
    create_app()  # links are made relative to the app's root
    state = ViewState.from_query("?lang=ru&scope=between&pair=KAZ,MNG")
    by_country = pd.DataFrame({"iso3": ["KAZ"], "cities": [1], "coverage_pct": [65.0]})
    text = words(honest_zero.ties_zero(store_catalog, state, by_country))
    assert "ноль здесь значит «нет записей»" in text.lower()
    assert "вообще нет побратимств" in text
    assert "Казахстан — 1 город, 65" in text and "Монголия — ни одного списка" in text
    assert "Реестре" in text


def test_a_zero_made_by_the_filters_says_how_many_ties_lie_beyond_them(store_catalog):
    create_app()
    state = ViewState.from_query("?lang=ru&scope=between&pair=RUS,BLR&since=2026")
    text = words(honest_zero.ties_zero(store_catalog, state, pd.DataFrame(columns=["iso3"])))
    assert "Без ограничений по пространству, статусу, дате подписания и размеру в записях есть" in text
    assert "побратимств" in text and "вообще нет" not in text


def test_a_corridor_without_activities_says_what_its_countries_hold(store_catalog):
    create_app()
    frames = live_frames(store_catalog)
    held = words(honest_zero.corridor_activities_zero(frames, store_catalog, ViewState(lang="ru"), ("BLR", "RUS")))
    assert "для его стран в записях" in held and "мероприят" in held
    none = words(honest_zero.corridor_activities_zero(frames, store_catalog, ViewState(lang="en"), ("LAO", "THA")))
    assert "not covered by the data yet" in none and "Registry" in none
