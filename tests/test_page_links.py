"""A page's own choice (the city selected on the map) stays on its page; global filters follow the user."""

from __future__ import annotations

from dashboard.components.header import page_link_href
from dashboard.state import ViewState


def test_the_selected_city_does_not_follow_to_other_pages_but_the_filters_do():
    state = ViewState.from_query("?lang=ru&countries=BLR&place=2026609")
    to_activities = page_link_href("/activities", state, "/")
    assert "place=" not in to_activities and "countries=BLR" in to_activities and "lang=ru" in to_activities
    assert "place=2026609" in page_link_href("/", state, "/")  # the map keeps its own selection


def test_the_opened_corridor_stays_on_the_corridors_page():
    state = ViewState.from_query("?corridor=p2026609")
    assert "corridor=" not in page_link_href("/network", state, "/corridors")
    assert "corridor=p2026609" in page_link_href("/corridors", state, "/corridors")
