"""The city search lists homonyms with their region and no place whose shown names do not match (issue 20)."""

from __future__ import annotations

from dashboard.app import create_app
from dashboard.pages import map_panels
from dashboard.store.place_search import load_name_index, search_places


def options_for(catalog, typed: str, lang: str = "ru") -> list[str]:
    found = search_places(catalog.places, load_name_index(), typed)
    options = [map_panels.place_option(catalog, row, lang, typed) for _, row in found.iterrows()]
    return [o["label"] for o in map_panels.shown_names_first(map_panels.told_apart(catalog, found, options, lang),
                                                              typed)]


def test_two_blagoveshchensks_are_told_apart_and_pushkin_is_not_listed(store_catalog):
    create_app()  # the pages' modules need an app
    labels = options_for(store_catalog, "Благовещенск")
    assert "Благовещенск · Амурская область · Россия" in labels
    assert "Благовещенск · Республика Башкортостан · Россия" in labels
    assert len(labels) == len(set(labels))
    assert not [label for label in labels if label.startswith("Пушкин")]
