"""The filter semantics on a hand-made catalogue (tests/tiny_world.py), and name search."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from tiny_world import tiny_catalog

from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.place_search import name_index_of, search_places

PODOLSK, MOSCOW, BRYANSK, GOMEL, MINSK, HEIHE, ALMATY, MUNICH, TINY, HARBIN = (
    554234, 524901, 571476, 627907, 625144, 2036973, 1526384, 2867714, 900001, 2037013)


@pytest.fixture(scope="module")
def catalog():
    return tiny_catalog()


def pairs(view) -> set[frozenset]:
    return {frozenset(p) for p in zip(view.links["place_a"], view.links["place_b"])}


def test_bloc_members_are_current_members_by_status(catalog):
    members = catalog.memberships
    assert queries.bloc_members(members, ["SCO"]) == {"RUS", "CHN", "KAZ", "BLR"}
    assert queries.bloc_members(members, ["BRICS:partner"]) == {"BLR", "KAZ"}
    assert queries.bloc_members(members, ["SCO:observer"]) == set()  # Belarus's ended in 2024
    assert queries.bloc_members(members, []) == set()


def test_selected_countries_join_countries_and_blocs(catalog):
    state = ViewState(countries=("DEU",), blocs=("EAEU",))
    assert queries.selected_countries(catalog.memberships, state) == ("BLR", "DEU", "KAZ", "RUS")


def test_no_filter_shows_every_twinning(catalog):
    view = queries.compute_filtered_view(catalog, ViewState(space="world"))
    assert len(view.links) == 8
    assert view.kpis == {"places": 8, "twinnings": 8, "countries": 5, "cross_border_share": 6 / 8,
                         "ties_by_status": {"active": 8, "suspended": 0, "ended": 0}}
    assert HARBIN in set(view.other_places["place_id"])  # large, unlinked: drawn as another city
    assert TINY not in set(view.other_places["place_id"])  # small and unlinked: not drawn


def test_country_touching_and_within(catalog):
    touching = queries.compute_filtered_view(catalog, ViewState(space="world", countries=("BLR",)))
    assert pairs(touching) == {frozenset(p) for p in [(PODOLSK, GOMEL), (PODOLSK, MINSK), (BRYANSK, GOMEL),
                                                      (MOSCOW, MINSK), (MUNICH, MINSK)]}
    assert touching.kpis["countries"] == 3 and touching.kpis["places"] == 6
    within = queries.compute_filtered_view(catalog, ViewState(space="world", countries=("BLR",), link_scope="within"))
    assert within.links.empty
    both = queries.compute_filtered_view(catalog, ViewState(space="world", countries=("BLR", "RUS"), link_scope="within"))
    assert len(both.links) == 4


def test_bloc_filter_selects_members(catalog):
    view = queries.compute_filtered_view(catalog, ViewState(space="world", blocs=("SCO",), link_scope="within"))
    assert view.countries == ("BLR", "CHN", "KAZ", "RUS")
    assert len(view.links) == 6  # all but the two with Munich


def test_border_regions_only(catalog):
    touching = queries.compute_filtered_view(catalog, ViewState(space="world", border_only=True))
    assert pairs(touching) == {frozenset(p) for p in [(PODOLSK, GOMEL), (BRYANSK, GOMEL), (MOSCOW, ALMATY),
                                                      (HEIHE, ALMATY)]}
    within = queries.compute_filtered_view(catalog, ViewState(space="world", border_only=True, link_scope="within"))
    assert pairs(within) == {frozenset((BRYANSK, GOMEL)), frozenset((HEIHE, ALMATY))}


def test_regions_and_population(catalog):
    view = queries.compute_filtered_view(catalog, ViewState(space="world", regions=("RUS-MOS",)))
    assert set(view.links["place_a"]) | set(view.links["place_b"]) >= {PODOLSK}
    assert len(view.links) == 3
    big = queries.compute_filtered_view(catalog, ViewState(space="world", min_population=1_000_000, link_scope="within"))
    assert pairs(big) == {frozenset(p) for p in [(MOSCOW, MINSK), (MOSCOW, ALMATY), (MUNICH, MINSK)]}


def test_between_two_countries_either_order(catalog):
    expected = {frozenset(p) for p in [(PODOLSK, GOMEL), (PODOLSK, MINSK), (BRYANSK, GOMEL), (MOSCOW, MINSK)]}
    for pair in (("RUS", "BLR"), ("BLR", "RUS")):
        view = queries.compute_filtered_view(catalog, ViewState(space="world", link_scope="between", pair=pair))
        assert pairs(view) == expected
        assert view.countries == ("BLR", "RUS")  # the pair is what the map highlights
    bordering = queries.compute_filtered_view(
        catalog, ViewState(space="world", link_scope="between", pair=("RUS", "BLR"), border_only=True))
    assert pairs(bordering) == {frozenset((BRYANSK, GOMEL))}
    incomplete = queries.compute_filtered_view(catalog, ViewState(space="world", link_scope="between"))
    assert incomplete.links.empty and incomplete.kpis["twinnings"] == 0


def test_bloc_without_current_members_selects_nothing(catalog):
    view = queries.compute_filtered_view(catalog, ViewState(space="world", blocs=("SCO:observer",)))
    assert view.links.empty and view.countries == ()


def test_links_carry_coordinates_of_both_ends(catalog):
    view = queries.compute_filtered_view(catalog, ViewState(space="world", countries=("CHN",)))
    row = view.links.iloc[0]
    assert (row["lon_a"], row["lat_a"], row["iso3_b"]) == (127.53, 50.24, "KAZ")
    linked = view.linked_places.set_index("place_id")
    assert linked.loc[HEIHE, "links_in_view"] == 1 and linked.loc[ALMATY, "links_in_view"] == 1


def test_filtered_view_is_cached_per_filter(catalog):
    first = queries.filtered_view(catalog, ViewState(countries=("BLR",)))
    assert queries.filtered_view(catalog, ViewState(countries=("BLR",), lang="ru", place=PODOLSK)) is first
    assert queries.filtered_view(catalog, ViewState(countries=("RUS",))) is not first


def test_partners_of_a_place_nearest_first_with_view_flag(catalog):
    view = queries.filtered_view(catalog, ViewState(countries=("BLR",)))
    partners = queries.partners_of(catalog, PODOLSK, view.links)
    assert list(partners["place_id"]) == [GOMEL, MINSK, MUNICH]
    assert list(partners["in_view"]) == [True, True, False]
    assert list(partners["distance_km"]) == [540.0, 680.0, 1980.0]
    assert queries.partners_of(catalog, TINY).empty


def test_localized_names_fall_back_to_english_or_in_russian_and_chinese_to_a_transcription(catalog):
    names = queries.localized(catalog.places, "ru")
    assert names.iloc[0] == "Подольск" and names.iloc[7] == "Мунич"  # no Russian in the store: transcribed
    assert queries.localized(catalog.places, "zh").iloc[7] == "穆尼奇"  # likewise from that Cyrillic
    assert queries.localized(catalog.places, "en").iloc[0] == "Podolsk"


def test_twinnings_table_for_export(catalog):
    view = queries.filtered_view(catalog, ViewState(countries=("KAZ",)))
    table = queries.twinnings_table(catalog, view, "ru")
    assert list(table["twinning_id"]) == [6, 7]
    assert set(table["name_a"]) | set(table["name_b"]) == {"Москва", "Алматы", "Хэйхэ"}


def test_extent_pads_and_wraps_the_antimeridian():
    (lon_lo, lon_hi), (lat_lo, lat_hi) = queries.extent([170.0, -170.0], [60.0, 65.0])
    assert lon_lo < 170 and 190 < lon_hi < 200  # the short way across 180°
    assert lat_lo < 60 and lat_hi > 65
    assert queries.extent([], []) is None
    (lo, hi), _ = queries.extent([37.5], [55.4])
    assert hi - lo >= 6.0  # a single point gets a sensible window


def test_search_in_latin_and_cyrillic(catalog):
    keys = pd.DataFrame({"place_id": [PODOLSK, MINSK, GOMEL], "key": ["podolsk", "mensk", "podolsk"]})
    index = name_index_of(catalog.places, keys)
    for typed in ("Podolsk", "подольск", "Podol'sk", "podo"):
        found = search_places(catalog.places, index, typed)
        assert list(found["place_id"])[:2] == [PODOLSK, GOMEL], typed  # own name before an alias
    assert list(search_places(catalog.places, index, "Mensk")["place_id"]) == [MINSK]
    assert search_places(catalog.places, index, "m").empty  # too short to search
    ranked = search_places(catalog.places, index, "mo")  # Moscow (name starts) before Moscow Oblast' places
    assert ranked["place_id"].iloc[0] == MOSCOW


def test_place_mask_counts(catalog):
    mask = queries.place_mask(catalog.places, catalog.regions, ViewState(border_only=True), ())
    assert int(np.sum(mask)) == 6  # Bryansk, Tiny, Gomel, Heihe, Almaty, Harbin
