"""Options of the filter panel, built from small hand-made catalogue frames."""

from __future__ import annotations

import pandas as pd

from dashboard.components.filter_options import bloc_options, choice_options, country_options, region_options

COUNTRIES = pd.DataFrame({
    "iso3": ["RUS", "BLR", "CHN", "EST", "-99"],
    "name_en": ["Russia", "Belarus", "China", "Estonia", "Nowhere"],
    "name_ru": ["Россия", "Беларусь", "Китай", None, "Нигде"],
    "name_zh": ["俄罗斯", "白俄罗斯", "中国", "爱沙尼亚", None],
})
MEMBERSHIPS = pd.DataFrame({
    "org": ["SCO", "SCO", "SCO", "BRICS", "BRICS", "CIS", "UNION_STATE"],
    "iso3": ["RUS", "BLR", "MNG", "RUS", "BLR", "TKM", "BLR"],
    "status": ["member", "observer", "observer", "member", "partner", "associate_member", "member"],
})
REGIONS = pd.DataFrame({
    "region_id": ["RUS-2364", "RUS-2365", "BLR-2820", "CHN-1818", "bad id"],
    "iso3": ["RUS", "RUS", "BLR", "CHN", "RUS"],
    "name_en": ["Pskov", "Smolensk", "Vitebsk", "Heilongjiang", "Junk"],
    "name_ru": ["Псковская область", " ", "Витебская область", "Хэйлунцзян", "Мусор"],
})


def values(options):
    return [option["value"] for option in options]


def test_countries_sorted_by_their_name_in_the_language():
    assert country_options(COUNTRIES, "en") == [
        {"label": "Belarus", "value": "BLR"}, {"label": "China", "value": "CHN"},
        {"label": "Estonia", "value": "EST"}, {"label": "Russia", "value": "RUS"}]
    assert values(country_options(COUNTRIES, "ru")) == ["EST", "BLR", "CHN", "RUS"]  # Latin before Cyrillic


def test_countries_fall_back_to_english_names():
    labels = {o["value"]: o["label"] for o in country_options(COUNTRIES, "ru")}
    assert labels["EST"] == "Estonia"
    assert labels["RUS"] == "Россия"
    assert {o["label"] for o in country_options(COUNTRIES, "xx")} == {"Belarus", "China", "Estonia", "Russia"}


def test_blocs_in_fixed_order_with_their_statuses():
    assert bloc_options(MEMBERSHIPS, "en") == [
        {"label": "SCO: all", "value": "SCO"},
        {"label": "SCO: members", "value": "SCO:member"},
        {"label": "SCO: observers", "value": "SCO:observer"},
        {"label": "BRICS: all", "value": "BRICS"},
        {"label": "BRICS: members", "value": "BRICS:member"},
        {"label": "BRICS: partner countries", "value": "BRICS:partner"},
        {"label": "CIS: all", "value": "CIS"},
        {"label": "CIS: associate members", "value": "CIS:associate_member"},
        {"label": "Union State: all", "value": "UNION_STATE"},
        {"label": "Union State: members", "value": "UNION_STATE:member"},
    ]


def test_blocs_in_russian():
    labels = [o["label"] for o in bloc_options(MEMBERSHIPS, "ru")]
    assert labels[:3] == ["ШОС: все", "ШОС: члены", "ШОС: наблюдатели"]
    assert "БРИКС: страны-партнёры" in labels
    assert "Союзное государство: все" in labels


def test_regions_labelled_with_their_country_and_sorted():
    assert region_options(REGIONS, "en") == [
        {"label": "Vitebsk · BLR", "value": "BLR-2820"},
        {"label": "Heilongjiang · CHN", "value": "CHN-1818"},
        {"label": "Pskov · RUS", "value": "RUS-2364"},
        {"label": "Smolensk · RUS", "value": "RUS-2365"},
    ]


def test_regions_in_russian_fall_back_to_english_for_blank_names():
    labels = [o["label"] for o in region_options(REGIONS, "ru", in_countries=["RUS"])]
    assert labels == ["Smolensk · RUS", "Псковская область · RUS"]


def test_regions_of_chosen_countries_keep_the_current_selection():
    assert values(region_options(REGIONS, "en", in_countries=["BLR"])) == ["BLR-2820"]
    assert values(region_options(REGIONS, "en", in_countries=["BLR"], keep=["CHN-1818"])) == [
        "BLR-2820", "CHN-1818"]


def test_empty_frames_give_no_options():
    assert country_options(COUNTRIES.iloc[:0], "en") == []
    assert bloc_options(MEMBERSHIPS.iloc[:0], "en") == []
    assert region_options(REGIONS.iloc[:0], "en") == []


def test_choice_options_are_translated():
    assert choice_options("filters.viewport", ("eurasia", "world"), "ru") == [
        {"label": "Евразия", "value": "eurasia"}, {"label": "Мир", "value": "world"}]


def test_selectable_state_leaves_out_unknown_codes():
    from dashboard.components.filter_options import selectable_state
    from dashboard.state import ViewState

    state = ViewState(countries=("BLR", "XYZ"), blocs=("SCO", "SCO:partner", "EAEU"),
                      regions=("RUS-2364", "RUS-9999"), pair=("BLR", "XYZ"), lang="ru", min_population=5)
    assert selectable_state(state, COUNTRIES, MEMBERSHIPS, REGIONS) == ViewState(
        countries=("BLR",), blocs=("SCO",), regions=("RUS-2364",), lang="ru", min_population=5)
    known = ViewState(countries=("RUS",), pair=("BLR", "CHN"))
    assert selectable_state(known, COUNTRIES, MEMBERSHIPS, REGIONS) == known
