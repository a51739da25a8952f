"""The map's patches kept per view (dashboard/figures/map.py cached_map_updates), on hand-made data."""

from __future__ import annotations

from dash._utils import to_json
from tiny_world import tiny_catalog, tiny_layers

from dashboard.figures import map as map_figures
from dashboard.figures.map_view import viewport_revision
from dashboard.state import ViewState


def test_a_view_shown_again_reuses_its_patch_and_another_view_gets_its_own():
    catalog, layers = tiny_catalog(), tiny_layers()
    world = ViewState(space="world")
    revision = viewport_revision(world, map_figures.map_inputs(catalog, layers, world).window)
    belarus = map_figures.map_inputs(catalog, layers, ViewState(space="world", countries=("BLR",)))
    first = map_figures.cached_map_updates(belarus, world, revision)
    fresh = map_figures.map_updates(belarus, world, revision)
    assert first.keys() == fresh.keys() and all(to_json(first[k]) == to_json(fresh[k]) for k in fresh)
    assert map_figures.cached_map_updates(
        map_figures.map_inputs(catalog, layers, ViewState(space="world", countries=("BLR",))), world, revision) is first
    russian = map_figures.map_inputs(catalog, layers, ViewState(space="world", countries=("BLR",), lang="ru"))
    assert map_figures.cached_map_updates(russian, world, revision) is not first
    from_belarus = map_figures.cached_map_updates(belarus, belarus.state, revision)
    assert from_belarus is not first and ("data", map_figures.TRACE_INDEX["links"]) not in from_belarus
