"""The map figure, its patches, label thinning, hatching and display geometry, on hand-made data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import shapely
from dash._utils import to_json
from tiny_world import tiny_catalog, tiny_layers

from dashboard.figures import map as map_figures
from dashboard.figures.map import SELECTION_TRACES, TRACE_INDEX, TRACE_LAYER, TRACES
from dashboard.figures.map_network import MAX_MARKER_PX, MIN_MARKER_PX, marker_sizes
from dashboard.figures.map_view import (
    PLOT_SIZE_PX,
    SIDE_PANEL_ZONE,
    VIEWPORT_WINDOWS,
    VISIBLE_SHARE,
    beside_side_panel,
    viewport_revision,
    zoomed_window,
)
from dashboard.state import ViewState
from dashboard.store.layers import display_geometries, feature_collection
from geo.hatching import hatch_lines, nan_separated
from geo.labels import label_box, text_width, thin_labels
from geo.viewport import ASPECT, Window, screen_positions, view_of, visible_window

PODOLSK, GOMEL, MINSK, MUNICH = 554234, 627907, 625144, 2867714


@pytest.fixture(scope="module")
def catalog():
    return tiny_catalog()


@pytest.fixture(scope="module")
def layers():
    return tiny_layers()


def figure_for(catalog, map_layers, **state):
    return map_figures.map_figure(map_figures.map_inputs(catalog, map_layers, ViewState(**{"space": "world", **state})))


def decoded(figure) -> dict:
    """The figure as the browser receives it (typed arrays stay as {dtype, bdata})."""
    return json.loads(to_json(figure))


def typed(spec) -> np.ndarray:
    import base64
    return np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]))


def trace(figure, name):
    return figure["data"][TRACE_INDEX[name]]


def test_one_trace_per_visual_class_whatever_the_number_of_links(catalog, layers):
    small = figure_for(catalog, layers, countries=("KAZ",))
    large = figure_for(catalog, layers)
    assert len(small["data"]) == len(large["data"]) == len(TRACES)
    kinds = [t["type"] for t in large["data"]]
    assert kinds[:3] == ["choropleth"] * 3 and set(kinds[3:]) == {"scattergeo"}


def test_links_are_nan_separated_segments_in_base64(catalog, layers):
    figure = decoded(figure_for(catalog, layers))
    lon = np.concatenate([typed(trace(figure, "links")["lon"]), typed(trace(figure, "neighbour_links")["lon"])])
    assert trace(figure, "links")["lon"]["dtype"] == "f4"
    assert len(lon) == 3 * 8 and np.isnan(lon[2::3]).all() and not np.isnan(lon[0::3]).any()
    neighbours = typed(trace(figure, "neighbour_links")["lon"])
    assert len(neighbours) == 3 * 6  # the links between countries that share a land border


def test_link_hover_markers_sit_at_midpoints(catalog, layers):
    figure = figure_for(catalog, layers, countries=("KAZ",))
    hover = trace(decoded(figure), "link_hover")
    assert len(hover["hovertext"]) == 2
    assert "Moscow — Almaty" in hover["hovertext"][0] or "Heihe — Almaty" in hover["hovertext"][0]


def test_countries_layer_uses_the_store_polygons_and_marks_the_selection(catalog, layers):
    figure = figure_for(catalog, layers, blocs=("EAEU",))
    countries = trace(figure, "countries")
    assert [f["id"] for f in countries["geojson"]["features"]] == ["RUS", "BLR", "CHN", "KAZ", "DEU", "UKR"]
    assert list(typed(decoded(figure)["data"][0]["z"])) == [1, 1, 0, 1, 0, 0]
    geo = figure["layout"]["geo"]
    assert geo["showcountries"] is False and geo["showland"] is False  # no UN-based base borders


def test_disputed_areas_are_outlined_hatched_and_explained(catalog, layers):
    figure = figure_for(catalog, layers)
    outline, hatch = trace(figure, "disputed"), trace(figure, "disputed_hatch")
    assert "Claimed by two" in outline["hovertext"][0]
    lon = typed(decoded(figure)["data"][TRACE_INDEX["disputed_hatch"]]["lon"])
    assert np.nanmin(lon) >= 140 - 1e-3 and np.nanmax(lon) <= 150 + 1e-3 and np.isnan(lon).any()
    assert hatch["hoverinfo"] == "skip"


def test_place_hover_and_labels_follow_the_language(catalog, layers):
    english = decoded(figure_for(catalog, layers))
    russian = decoded(figure_for(catalog, layers, lang="ru"))
    hover_en = " ".join(trace(english, "places")["hovertext"])
    hover_ru = " ".join(trace(russian, "places")["hovertext"])
    assert "<b>Podolsk</b><br>Russia · Moscow Oblast<br>Population: 187,956<br>Twin cities: 3" in hover_en
    assert "<b>Подольск</b><br>Россия · Московская область<br>Население: 187\u00a0956" in hover_ru
    assert "Munich" not in hover_ru and "<b>Мунич</b>" in hover_ru  # no Russian name here: transcribed, never Latin
    assert "Москва" in trace(russian, "place_labels")["text"]


def test_marker_size_by_partners_or_population(catalog, layers):
    by_partners = typed(trace(decoded(figure_for(catalog, layers)), "places")["marker"]["size"])
    by_population = typed(trace(decoded(figure_for(catalog, layers, size_by="population")), "places")
                          ["marker"]["size"])
    assert not np.allclose(by_partners, by_population)
    sizes = marker_sizes([0, 1, 80, 500], "partners")
    assert sizes[0] == MIN_MARKER_PX and sizes[2] == sizes[3] == MAX_MARKER_PX


def test_selection_highlights_partners_in_view_and_dims_the_rest(catalog, layers):
    figure = decoded(figure_for(catalog, layers, countries=("BLR",), place=PODOLSK))
    chosen = trace(figure, "selection_places")["customdata"]
    assert list(chosen) == [PODOLSK, GOMEL, MINSK]  # Munich is outside the Belarus filter
    assert trace(figure, "selection_labels")["text"][0] == "<b>Podolsk</b>"
    fitted = decoded(figure_for(catalog, layers, countries=("BLR",), place=PODOLSK, viewport="fit"))
    assert {"Gomel", "Minsk"} <= set(trace(fitted, "selection_labels")["text"])  # close by: room when zoomed to them
    assert trace(figure, "links")["opacity"] < 0.5 and trace(figure, "place_labels")["opacity"] == 0
    assert len(typed(trace(figure, "selection_links")["lon"])) == 3 * 2


def test_a_new_selection_patches_only_the_selection(catalog, layers):
    before = ViewState(space="world", countries=("BLR",), place=PODOLSK)
    inputs = map_figures.map_inputs(catalog, layers, before)
    revision = viewport_revision(before, inputs.window)
    after = map_figures.map_inputs(catalog, layers, before.replace(place=GOMEL))
    updates = map_figures.map_updates(after, before, revision)
    whole = {path[1] for path in updates if len(path) == 2}
    assert whole == {TRACE_INDEX[n] for n in SELECTION_TRACES}
    assert all(path[-1] == "opacity" for path in updates if len(path) == 3)
    assert ("layout", "geo") not in updates


def test_filter_change_keeps_static_geometry(catalog, layers):
    before = ViewState(space="world")
    inputs = map_figures.map_inputs(catalog, layers, before)
    revision = viewport_revision(before, inputs.window)
    updates = map_figures.map_updates(map_figures.map_inputs(catalog, layers, ViewState(space="world", countries=("BLR",))),
                                      before, revision)
    assert ("data", TRACE_INDEX["countries"]) not in updates  # no geojson re-sent
    assert ("data", TRACE_INDEX["countries"], "z") in updates
    assert ("data", TRACE_INDEX["links"]) in updates
    lang = map_figures.map_updates(map_figures.map_inputs(catalog, layers, ViewState(space="world", lang="ru")), before, revision)
    assert lang[("data", TRACE_INDEX["countries"], "hovertext")][0] == "Россия"
    assert ("data", TRACE_INDEX["countries"]) not in lang


def test_point_of_view_change_resends_countries(catalog):
    before = ViewState(space="world")
    inputs = map_figures.map_inputs(catalog, tiny_layers(), before)
    revision = viewport_revision(before, inputs.window)
    after = map_figures.map_inputs(catalog, tiny_layers("deu"), ViewState(space="world", pov="deu"))
    updates = map_figures.map_updates(after, before, revision)
    sent = updates[("data", TRACE_INDEX["countries"])]
    russia = sent["geojson"]["features"][0]["geometry"]["coordinates"][0][0]
    assert min(lat for _, lat in russia) == 46  # the 'deu' view's Russia


def test_layers_toggle_visibility(catalog, layers):
    figure = figure_for(catalog, layers, layers=("countries", "places"))
    visible = {name: trace(figure, name)["visible"] for name in TRACE_LAYER}
    assert visible["countries"] and visible["places"] and visible["place_labels"]
    assert not (visible["links"] or visible["border_regions"] or visible["disputed_hatch"])


def test_viewports(catalog, layers):
    eurasia = figure_for(catalog, layers)["layout"]["geo"]
    world = figure_for(catalog, layers, viewport="world")["layout"]["geo"]
    fitted = figure_for(catalog, layers, viewport="fit", countries=("CHN",))["layout"]["geo"]
    lon_range = eurasia["lonaxis"]["range"]
    assert eurasia["projection"]["type"] == "miller" and lon_range[1] - lon_range[0] == 360  # whole world
    # Eurasia fills the map left of the side panel: the centre lies east of Eurasia's own
    assert 110 < eurasia["center"]["lon"] < 140 and 1.1 < eurasia["projection"]["scale"] < 3
    assert world["projection"]["scale"] == 1
    assert 100 < fitted["center"]["lon"] < 125 and fitted["projection"]["scale"] > eurasia["projection"]["scale"]
    assert len({eurasia["uirevision"], world["uirevision"], fitted["uirevision"]}) == 3


@pytest.mark.parametrize("window", [Window(*VIEWPORT_WINDOWS["eurasia"]), Window((23.0, 33.0), (51.0, 56.0)),
                                    Window((60.0, 75.0), (20.0, 70.0))])
def test_the_subject_lies_left_of_the_side_panel(window):
    """Fitted with the panel's room, every corner of the window is drawn in the frame, left of the panel."""
    lon = [window.lon[0], window.lon[1], window.lon[0], window.lon[1]]
    lat = [window.lat[0], window.lat[0], window.lat[1], window.lat[1]]
    x, y = screen_positions(lon, lat, beside_side_panel(window), *PLOT_SIZE_PX)
    assert x.min() >= -0.5 and x.max() <= SIDE_PANEL_ZONE[0] + 0.5
    clipped = PLOT_SIZE_PX[1] * (1 - VISIBLE_SHARE) / 2  # what a flat stage leaves out above and below
    assert y.min() >= clipped - 0.5 and y.max() <= PLOT_SIZE_PX[1] - clipped + 0.5


def test_the_map_graph_has_the_shape_of_plotlys_world_frame():
    """Plotly's frame for the lat range -78..84 measured 966 × 611 px in Chromium (its range box's edges bulge
    poleward); a graph of another shape leaves bands beside the map (120 px of white at 1280×657)."""
    assert ASPECT == pytest.approx(966.0 / 611.0, rel=1e-3)
    css = (Path(__file__).parents[1] / "dashboard/assets/borderlinks.css").read_text()
    assert re.search(r"--bl-map-aspect: ([\d.]+);", css).group(1) == f"{ASPECT:.3f}"


def test_a_fitted_view_shows_its_window_and_little_more():
    window = Window((20.0, 60.0), (40.0, 60.0))
    lon, lat, scale = view_of(window, 1.5)
    shown = visible_window(lon, lat, scale, 1.5)
    assert shown.lon[0] <= 20.0 + 1e-6 and shown.lon[1] >= 60.0 - 1e-6
    assert shown.lat[0] <= 40.0 + 1e-6 and shown.lat[1] >= 60.0 - 1e-6
    snug_east_west = shown.lon[1] - shown.lon[0] == pytest.approx(40.0)
    snug_north_south = shown.lat[1] - shown.lat[0] == pytest.approx(20.0, abs=0.01)
    assert snug_east_west or snug_north_south


def test_zoom_window_and_relabel(catalog, layers):
    base = Window((-15.0, 180.0), (-12.0, 80.0))
    zoomed = zoomed_window(base, {"geo.projection.scale": 16, "geo.center.lon": 37.6,
                                              "geo.center.lat": 55.7})
    assert zoomed.lon[0] < 37.6 < zoomed.lon[1] and zoomed.lat[0] < 55.7 < zoomed.lat[1]
    assert zoomed.lon[1] - zoomed.lon[0] < 40
    assert zoomed_window(base, {"autosize": True}) is None
    inputs = map_figures.map_inputs(catalog, layers, ViewState(space="world"))
    updates = map_figures.label_updates(inputs, zoomed)
    assert set(updates) == {("data", TRACE_INDEX["place_labels"]), ("data", TRACE_INDEX["selection_labels"])}


# ---- labels never overlap ----------------------------------------------------------------------------------

def test_thin_labels_drops_overlapping_boxes_keeping_the_important():
    x = np.array([100.0, 104.0, 300.0, 100.0])
    y = np.array([100.0, 102.0, 100.0, 300.0])
    kept, placements = thin_labels(x, y, np.full(4, 60.0), 12, priority=[1, 5, 2, 3],
                                   placements=("middle right",))
    assert list(kept) == [1, 3, 2]  # 0 collides with 1, which is more important
    kept, placements = thin_labels(x, y, np.full(4, 60.0), 12, priority=[1, 5, 2, 3], marker_px=np.ones(4))
    assert list(kept) == [1, 3, 2, 0] and placements[3] == "middle left"  # 0 moves to the other side


def test_label_widths_are_estimated_per_character():
    measured = {"Omsk": 34.4, "Moscow": 47.9, "Омск": 32.3, "Москва": 46.0, "鄂木斯克": 48.0}  # Chromium, 12 px
    estimated = text_width(list(measured), 12)
    assert np.allclose(estimated, list(measured.values()), rtol=0.1)
    assert text_width(["Ш"], 12)[0] > text_width(["i"], 12)[0]


def test_thin_labels_keep_off_panels_over_the_map():
    x, y = np.array([50.0, 500.0]), np.array([50.0, 50.0])
    kept, _ = thin_labels(x, y, np.full(2, 60.0), 12, priority=[2, 1], blocked=((0, 0, 200, 200),))
    assert list(kept) == [1]


def test_a_label_goes_beside_its_marker_clear_of_other_circles_where_it_can():
    """A big circle right of a city sends its label to the left; with circles on both sides it stays right."""
    right_circle = ([130.0], [100.0], [10.0], [-1])
    kept, placements = thin_labels([100.0], [100.0], [60.0], 12, priority=[1], circles=right_circle)
    assert list(kept) == [0] and placements == ["middle left"]
    own = ([100.0], [100.0], [30.0], [0])  # its own circle never pushes the label away
    assert thin_labels([100.0], [100.0], [60.0], 12, priority=[1], circles=own)[1] == ["middle right"]
    everywhere = ([130.0, 70.0, 100.0, 100.0], [100.0, 100.0, 85.0, 115.0], [10.0] * 4, [-1] * 4)
    kept, placements = thin_labels([100.0], [100.0], [60.0], 12, priority=[1], circles=everywhere)
    assert list(kept) == [0] and placements == ["middle right"]


def test_thin_labels_boxes_are_disjoint_on_random_points():
    rng = np.random.default_rng(1)
    x, y = rng.uniform(0, 800, 500), rng.uniform(0, 500, 500)
    widths = rng.uniform(30, 90, 500)
    kept, placements = thin_labels(x, y, widths, 12, rng.uniform(size=500), width_px=800, height_px=500,
                                   max_labels=500)
    boxes = [label_box(x[i], y[i], widths[i], 15.6, 3.0, p) for i, p in zip(kept, placements)]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert 20 < len(kept) < 500


def test_screen_positions_fit_the_window():
    x, y = screen_positions([-10, 170, 80, 190], [0, 80, 40, 50], Window((-10, 190), (0, 80)), 1000, 640)
    assert x[0] < x[2] < x[1] < x[3] and y[1] < y[2] < y[0]  # 190° lies east of 170°, not at -170°
    assert -1 <= x.min() and x.max() <= 1001 and -1 <= y.min() and y.max() <= 641


# ---- geometry for display ----------------------------------------------------------------------------------

def test_display_polygons_wind_clockwise_for_d3_and_drop_specks():
    ccw = shapely.Polygon([(0, 0), (10, 0), (10, 10), (0, 10)])  # counter-clockwise (RFC 7946)
    speck = shapely.box(20, 20, 20.01, 20.01)
    shapes = display_geometries([shapely.MultiPolygon([ccw, speck]), None], 0.01)
    assert len(shapes[0].geoms) == 1
    assert not shapely.is_ccw(shapes[0].geoms[0].exterior)
    assert shapes[1].is_empty
    collection = feature_collection(["A", "B"], shapes)
    assert [f["id"] for f in collection["features"]] == ["A"]


def test_hatching_stays_inside_and_small_areas_get_lines():
    big = shapely.box(0, 0, 10, 10)
    small = shapely.box(50, 50, 50.2, 50.2)
    lon, lat = hatch_lines([big, small])
    points = shapely.points(lon[~np.isnan(lon)], lat[~np.isnan(lat)])
    inside = shapely.covers(shapely.buffer(shapely.union(big, small), 1e-9), points)
    assert inside.all()
    assert ((lon >= 50) & (lon <= 50.2)).sum() >= 2 * 3  # several lines across the small square
    assert hatch_lines([None]) [0].size == 0


def test_nan_separated_lines():
    lon, lat = nan_separated([shapely.LineString([(0, 0), (1, 1)]), shapely.LineString([(2, 2), (3, 3)])])
    assert np.isnan(lon[2]) and list(lon[[0, 1, 3, 4]]) == [0, 1, 2, 3]
