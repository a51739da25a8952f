"""The corridors and practices maps fill their boxes (issue 20, "layout that never hides the subject"), in
headless Chromium on the built store (the real density of corridors and labels), at the supported screens:
no white band beside or under the map (plotly centres a frame of the lon/lat ranges' shape in the plot), nothing
of the map or of its side panel under the footer, a card that never scrolls sideways, short corridor labels that
neither overlap nor leave the map.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_layout_corridors.py`. Needs the built store.
"""

from __future__ import annotations

import pytest
from test_browser_layout import LABELS, PANELS, RECT, VISIBLE_LABELS, inside, open_page, overlap, settle

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1366, 768), (1920, 1080)]


@pytest.fixture
def app(store_app):
    return store_app


# in the page: [left, top, right, bottom] of the viewport
FRAME = RECT + """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
const plot = gd.querySelector('.main-svg').getBoundingClientRect(), size = gd._fullLayout._size;
const b = gd._fullLayout.geo._subplot.bounds;  // plotly's frame, in px of the plot area
return {frame: [plot.left + size.l + b[0][0], plot.top + size.t + b[0][1], plot.left + size.l + b[1][0],
                plot.top + size.t + b[1][1]], graph: rect(gd)};
"""
STAGE = RECT + """
const q = s => document.querySelector(s), card = q('#corridors-card');
return {stage: rect(q('.corridors-stage')), table: rect(q('.corridors-table')), footer: rect(q('.app-footer')),
        legend: rect(q('#corridors-legend')), card: [card.scrollWidth, card.clientWidth]};
"""


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_the_corridors_map_fills_its_stage_above_the_footer(dash_duo, app, size, lang):
    """The frame started 136 px right of the stage (a white band beside the map), the stage ran 80 px under
    the footer with the legend's bottom, and the card scrolled sideways."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/corridors?lang={lang}", size, "#corridors-graph " + LABELS)
    settle(dash_duo)
    drawn = dash_duo.driver.execute_script(FRAME, "#corridors-graph")
    page = dash_duo.driver.execute_script(STAGE)
    where = f"/corridors in {lang} at {size[0]}x{size[1]}"
    for frame, stage in zip(drawn["frame"], page["stage"]):
        assert abs(frame - stage) <= 2, f"{where}: a band between the map {drawn['frame']} and its stage {page['stage']}"
    assert page["stage"][3] <= page["footer"][1] + 1, f"{where}: the map {page['stage']} runs under the footer"
    assert abs(page["table"][1] - page["stage"][3]) <= 1, f"{where}: a blank band under the map, above the table"
    assert page["card"][0] <= page["card"][1], f"{where}: the card scrolls sideways {page['card']}"
    assert inside(page["legend"], [0, 0, size[0], page["footer"][1]]), \
        f"{where}: the legend {page['legend']} is cut by the footer {page['footer']}"


@pytest.mark.parametrize("path, size", [("/corridors?lang=ru", (1366, 768)), ("/corridors?lang=en", (1280, 800)),
                                        ("/corridors?lang=zh", (1280, 800))])
def test_corridor_labels_are_short_and_neither_overlap_nor_leave_the_map(dash_duo, app, path, size):
    """«Экономический коридор Шымкент — Ташкент — Худжанд» ran over «Торбете-Джам — Эслам Калех» and into the
    next label: the labels are the city pairs (the full name shows on hover and in the card)."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, path, size, LABELS)
    settle(dash_duo)
    labels = dash_duo.driver.execute_script(VISIBLE_LABELS, LABELS)
    assert len(labels) >= 6, "the real catalogue's corridors: a dozen labels"
    panels = [box for _, box in dash_duo.driver.execute_script(PANELS)]
    for i, (text, box, frame) in enumerate(labels):
        assert len(text) <= 40 and "коридор" not in text.lower() and "corridor" not in text.lower(), \
            f"«{text}» is not a short label"
        assert inside(box, frame), f"«{text}» {box} is cut by the map's edge {frame}"
        assert not any(overlap(box, panel) for panel in panels), f"«{text}» is under the side panel"
        clashes = [other for other, other_box, _ in labels[i + 1:] if overlap(box, other_box)]
        assert clashes == [], f"«{text}» overlaps {clashes} on {path}"


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_the_practices_map_fills_its_box(dash_duo, app, lang):
    """The map was 360 × 125 px in a 360 × 470 box, with 170 px of white above and below it."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/practices?lang={lang}", (1280, 800), "#practices-map .geo .scatterlayer")
    settle(dash_duo)
    drawn = dash_duo.driver.execute_script(FRAME, "#practices-map")
    assert drawn["graph"][2] - drawn["graph"][0] >= 400, f"the map is small: {drawn['graph']}"
    for frame, graph in zip(drawn["frame"], drawn["graph"]):
        assert abs(frame - graph) <= 2, f"a band between the map {drawn['frame']} and its box {drawn['graph']}"
