"""Each view-state field declares how far it travels (issue 20): a global filter follows the user to every page
and is shown there as a removable chip; one page's own choice (the city selected on the map) stays on its page."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from dashboard.components.filter_chips import chips_of
from dashboard.components.header import page_link_href
from dashboard.pages.profile_parts import city_href, country_href, map_href
from dashboard.state import FIELDS, GLOBAL_FILTERS, PAGE_FIELDS, SCOPES, Integer, ViewState, declare

EVERYTHING = ("?lang=ru&space=world&on=2024-07-04&countries=BLR,RUS&blocs=SCO&regions=RUS-2364&border=1"
              "&minpop=5000&scope=between&pair=RUS,BLR&status=all&since=2023&place=625144&view=fit"
              "&layers=places,links&cities=1&size=population&pov=deu&ckm=100&cpop=50000&cties=50&ctop=25&strip=1"
              "&stripkm=25&corridor=p625144&from=2023&to=2025&sample=1&origin=reference")


def test_every_field_declares_one_of_the_scopes():
    assert {name: spec.scope for name, spec in FIELDS.items() if spec.scope not in SCOPES} == {}


def test_the_selected_city_and_the_opened_corridor_belong_to_their_page_and_filters_to_every_page():
    assert set(PAGE_FIELDS) == {"place", "corridor"}
    assert {"space", "on", "countries", "blocs", "regions", "pair", "status", "year_from", "year_to",
            "origin"} <= set(GLOBAL_FILTERS)
    assert not {"lang", "viewport", "layers", "size_by", "pov", "place", "corridor"} & set(GLOBAL_FILTERS)


def test_a_field_that_selects_rows_is_a_global_filter():
    assert [name for name, spec in FIELDS.items() if spec.selects and spec.scope != "filter"] == []


def test_a_declaration_without_a_known_scope_or_a_hidden_selecting_field_fails_at_import():
    with pytest.raises(ValueError, match="scope"):
        declare("x", Integer(0, 9), 0, label="x", scope="everywhere")
    with pytest.raises(ValueError, match="filter"):
        declare("x", Integer(0, 9), 0, label="x", scope="view", selects=True)


def test_every_url_key_still_round_trips():
    state = ViewState.from_query(EVERYTHING)
    assert state.place == 625144 and state.corridor == "p625144" and state.year_to == 2025
    assert ViewState.from_query(state.to_query()) == state


def test_a_link_to_another_page_leaves_the_pages_own_choices_behind_and_keeps_the_rest():
    state = ViewState.from_query(EVERYTHING)
    carried = state.for_another_page()
    assert carried.place is None and carried.corridor is None
    assert carried.replace(place=state.place, corridor=state.corridor) == state
    query = carried.to_query()
    assert "place=" not in query and "corridor=" not in query and "countries=BLR,RUS" in query


def test_menu_links_carry_the_global_filters_only_to_other_pages():
    state = ViewState.from_query("?lang=ru&countries=BLR&place=2026609&from=2023")
    to_network = page_link_href("/network", state, "/")
    assert "place=" not in to_network and "countries=BLR" in to_network and "from=2023" in to_network
    assert "place=2026609" in page_link_href("/", state, "/")


def test_profile_links_leave_the_selected_city_behind_but_the_map_link_may_choose_one():
    create_app()  # links are made relative to the app's root
    state = ViewState.from_query("?lang=ru&countries=BLR&place=2026609")
    assert "place=" not in country_href("KAZ", state) and "countries=BLR" in country_href("KAZ", state)
    assert "place=" not in city_href(625144, state)
    assert "place=625144" in map_href(state, place=625144)


def test_the_filters_in_effect_are_the_global_ones_away_from_their_default():
    state = ViewState.from_query("?lang=ru&countries=BLR&place=2026609&view=world&from=2023")
    assert state.filters_in_effect() == ("countries", "year_from")
    assert ViewState(lang="zh").filters_in_effect() == ()


def test_removing_a_filter_removes_that_item_or_the_whole_filter():
    state = ViewState.from_query("?countries=BLR,RUS&scope=between&pair=RUS,BLR&from=2023&to=2025&place=1")
    assert state.without("countries", "BLR").countries == ("RUS",)
    assert state.without("countries").countries == ()
    between = state.without("pair")
    assert between.pair == () and between.link_scope == "space"  # the pair is what "between" means
    assert (state.without("year_from").year_from, state.without("year_from").year_to) == (None, None)
    assert state.without("countries", "BLR").place == 1  # nothing else changes


def test_chips_name_each_filter_in_the_interface_language(store_catalog):
    state = ViewState.from_query("?lang=ru&countries=BLR&scope=between&pair=RUS,BLR&from=2023&to=2025&sample=1")
    texts = [chip.text for chip in chips_of(state, "ru", store_catalog)]
    assert texts == ["Страны: Беларусь", "Между двумя странами: Россия — Беларусь", "Годы (начала): 2023–2025",
                     "Показать демонстрационные данные"]
    chinese = [chip.text for chip in chips_of(state, "zh", store_catalog)]
    assert chinese[0].endswith("白俄罗斯") and "：" in chinese[0]
    assert [(chip.field, chip.item) for chip in chips_of(state, "en", store_catalog)][:2] == [
        ("countries", "BLR"), ("pair", "")]


def test_no_chip_for_the_default_view_or_a_pages_own_choice():
    assert chips_of(ViewState.from_query("?lang=ru&place=625144&corridor=p625144&view=world"), "ru") == []
