"""Layout that never hides the subject (issue 20), in headless Chromium at the supported screen sizes: the side
panel (city or corridor card above the legend) docked beside the map's subject, map labels that neither overlap
nor leave the frame, and pages no wider than the screen with nothing below the footer.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_layout.py`. Needs the built store.
"""

from __future__ import annotations

import pytest
from browser_checks import wait_until

from dashboard.figures.map_view import VIEWPORT_WINDOWS

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (1366, 768), (1920, 1080)]
OMSK, GRODNO = 1496153, 627904  # GeoNames ids
LABELS = ".geo .frontplot text"


@pytest.fixture
def app(store_app):
    return store_app


def open_page(dash_duo, path: str, size: tuple[int, int], ready: str) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        "return !document.querySelector('._dash-loading') && !!document.querySelector(arguments[0])", ready),
        60, f"{path}: {ready} not drawn")


def settle(dash_duo) -> None:
    """Wait until the page's figures and panels stop changing (late callbacks, the map's relayout)."""
    snapshots: list[str] = []

    def unchanged() -> bool:
        snapshots.append(dash_duo.driver.execute_script(
            "return JSON.stringify([document.querySelectorAll(arguments[0]).length,"
            " Array.from(document.querySelectorAll('.map-side > *, .js-plotly-plot'))"
            ".map(e => [e.getBoundingClientRect().height, e.textContent.length])])", LABELS))
        return len(snapshots) >= 8 and len(set(snapshots[-8:])) == 1  # the same for 0.8 s

    wait_until(dash_duo, unchanged, 60, "the page kept changing")


# in the page: rectangles as [left, top, right, bottom] of the viewport
RECT = "function rect(e) { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
PANELS = RECT + "return Array.from(document.querySelectorAll('.map-side > *')).map(e => [e.id, rect(e)]);"
# the part of a map one sees: plotly's geo frame (its clip path), within the stage that clips the graph
SHOWN = """
function shown_map(gd) {
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const clip = gd.querySelector('clipPath[id$="geo"] rect');
  const x = +clip.getAttribute('x'), y = +clip.getAttribute('y');
  const frame = [svg.left + x, svg.top + y, svg.left + x + +clip.getAttribute('width'),
                 svg.top + y + +clip.getAttribute('height')];
  const stage = gd.closest('.map-stage, .corridors-stage');
  const box = stage ? rect(stage) : [svg.left, svg.top, svg.right, svg.bottom];
  return [Math.max(frame[0], box[0]), Math.max(frame[1], box[1]), Math.min(frame[2], box[2]), Math.min(frame[3], box[3])];
}
"""
PROJECTED = RECT + SHOWN + """
const gd = document.querySelector(arguments[0] + ' .js-plotly-plot');
const svg = gd.querySelector('.main-svg').getBoundingClientRect();
const project = ll => { const p = gd._fullLayout.geo._subplot.projection(ll); return [svg.left + p[0], svg.top + p[1]]; };
return {graph: shown_map(gd), points: arguments[1].map(project)};
"""
SELECTION = """
const gd = document.querySelector('#map-graph .js-plotly-plot');
const svg = gd.querySelector('.main-svg').getBoundingClientRect();
const trace = gd._fullData.find(t => t.name === 'selection');
return Array.from(trace.lon).map((lon, i) => {
  const p = gd._fullLayout.geo._subplot.projection([lon, trace.lat[i]]);
  return [svg.left + p[0], svg.top + p[1]];
});
"""
VISIBLE_LABELS = RECT + SHOWN + """
function shown(e) {
  for (let n = e; n && n.nodeType === 1; n = n.parentNode) {
    const style = getComputedStyle(n);
    if (style.display === 'none' || style.visibility === 'hidden' || parseFloat(style.opacity) === 0) { return false; }
  }
  return e.textContent.trim() !== '';
}
return Array.from(document.querySelectorAll(arguments[0])).filter(shown).map(e => {
  return [e.textContent, rect(e), shown_map(e.closest('.js-plotly-plot'))];
});
"""


def overlap(a, b, tolerance: float = 0.5) -> bool:
    return a[0] < b[2] - tolerance and b[0] < a[2] - tolerance and a[1] < b[3] - tolerance and b[1] < a[3] - tolerance


def inside(inner, outer, tolerance: float = 0.5) -> bool:
    return (inner[0] >= outer[0] - tolerance and inner[1] >= outer[1] - tolerance
            and inner[2] <= outer[2] + tolerance and inner[3] <= outer[3] + tolerance)


@pytest.mark.parametrize("size", SIZES)
def test_the_legend_and_card_stand_beside_eurasia_on_first_load(dash_duo, app, size):
    """The legend used to cover Belarus and western Russia, then China; the card the Far East."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/?lang=ru", size, "#map-graph " + LABELS)
    settle(dash_duo)
    (west, east), (south, north) = VIEWPORT_WINDOWS["eurasia"]
    corners = [[west, south], [east, south], [west, north], [east, north]]
    drawn = dash_duo.driver.execute_script(PROJECTED, "#map-graph", corners)
    xs, ys = [p[0] for p in drawn["points"]], [p[1] for p in drawn["points"]]
    eurasia = [min(xs), min(ys), max(xs), max(ys)]
    assert inside(eurasia, drawn["graph"], 2), f"Eurasia {eurasia} is cut by the map's edge {drawn['graph']}"
    panels = dict(dash_duo.driver.execute_script(PANELS))
    assert set(panels) == {"place-card", "map-legend"}
    for name, box in panels.items():
        assert not overlap(box, eurasia), f"{name} {box} covers Eurasia {eurasia} at {size}"
        assert inside(box, drawn["graph"]), f"{name} {box} is cut by the map's edge {drawn['graph']}"
    assert not overlap(panels["place-card"], panels["map-legend"])


@pytest.mark.parametrize("place, size", [(OMSK, (1280, 800)), (GRODNO, (1366, 768)), (OMSK, (1920, 1080))])
def test_the_card_docks_beside_the_chosen_city_and_its_partners(dash_duo, app, place, size):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/?lang=ru&place={place}", size, "#place-card-name")
    settle(dash_duo)
    points = dash_duo.driver.execute_script(SELECTION)
    assert len(points) > 3
    radius = 9  # the chosen city's circle (18 px)
    for box in dict(dash_duo.driver.execute_script(PANELS)).values():
        covered = [p for p in points if overlap([p[0] - radius, p[1] - radius, p[0] + radius, p[1] + radius], box)]
        assert covered == [], f"the panel {box} covers the selection at {covered}"


@pytest.mark.parametrize("path", ["/?lang=ru", "/?lang=en", f"/?lang=ru&place={OMSK}", f"/?lang=ru&place={GRODNO}",
                                  "/?lang=zh", "/corridors?lang=ru", "/country/BLR?lang=ru"])
def test_map_labels_neither_overlap_nor_leave_the_map(dash_duo, app, path):
    """Петропавловск over Омск, Гродно/Молодечно/Брест, «…лининград» cut at the edge, labels under the panels
    or a compact map's legend."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, path, (1280, 800), LABELS)
    settle(dash_duo)
    labels = dash_duo.driver.execute_script(VISIBLE_LABELS, LABELS)
    assert len(labels) >= 4
    panels = [box for _, box in dash_duo.driver.execute_script(PANELS)] + dash_duo.driver.execute_script(
        RECT + "return Array.from(document.querySelectorAll('.js-plotly-plot .legend .bg'))"
               ".map(rect);")  # the side panel, and a legend plotly draws over a compact map
    for i, (text, box, frame) in enumerate(labels):
        assert inside(box, frame), f"«{text}» {box} is cut by the map's edge {frame}"
        assert not any(overlap(box, panel) for panel in panels), f"«{text}» is under a panel or legend"
        clashes = [other for other, other_box, _ in labels[i + 1:] if overlap(box, other_box)]
        assert clashes == [], f"«{text}» overlaps {clashes} on {path}"


STAGE = RECT + "return rect(document.querySelector('.map-stage'));"


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", [(1280, 800), (1280, 657)])  # 657: a 1280×800 screen less the browser's bars
def test_the_default_map_fills_its_stage_and_its_dense_labels_stay_apart(dash_duo, app, lang, size):
    """On the built store's default view: the geo frame began 120 px right of the filters (a white band, «анкт-
    Петербург» cut at its edge) and, drawn smaller than the labels were placed for, "MoscowKrasnoyarsk",
    "Addis AbabMale", Hanoi over Mumbai."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/?lang={lang}", size, "#map-graph " + LABELS)
    settle(dash_duo)
    stage = dash_duo.driver.execute_script(STAGE)
    (west, east), (south, north) = VIEWPORT_WINDOWS["eurasia"]
    drawn = dash_duo.driver.execute_script(PROJECTED, "#map-graph",
                                           [[west, south], [east, south], [west, north], [east, north]])
    shown = drawn["graph"]
    assert abs(shown[0] - stage[0]) <= 2 and abs(shown[2] - stage[2]) <= 2, \
        f"the map {shown} leaves a band in its stage {stage}"
    xs, ys = [p[0] for p in drawn["points"]], [p[1] for p in drawn["points"]]
    assert inside([min(xs), min(ys), max(xs), max(ys)], shown, 2), "Eurasia is cut by the map's edge"
    labels = dash_duo.driver.execute_script(VISIBLE_LABELS, "#map-graph " + LABELS)
    assert len(labels) >= 30, f"only {len(labels)} labels"
    panels = [box for _, box in dash_duo.driver.execute_script(PANELS)]
    for i, (text, box, frame) in enumerate(labels):
        assert inside(box, frame), f"«{text}» {box} is cut by the map's edge {frame}"
        assert not any(overlap(box, panel) for panel in panels), f"«{text}» is under the side panel"
        clashes = [other for other, other_box, _ in labels[i + 1:] if overlap(box, other_box)]
        assert clashes == [], f"«{text}» overlaps {clashes}"


PAGES = [("/", "#map-graph .main-svg"), ("/activities", ".ag-header-cell-text"), ("/network", ".js-plotly-plot"),
         ("/corridors", "#corridors-graph .main-svg"), ("/country/BLR", ".data-table"),
         ("/monitoring", ".page-area h1"), ("/practices", ".page-area h1")]
FITS = """
const page = document.querySelector('.page-area'), root = document.documentElement;
const footer = document.querySelector('.app-footer').getBoundingClientRect();
function clipped(e) {  // inside a box that scrolls or clips and itself fits the screen (a grid's own scrolling)
  for (let n = e.parentElement; n && n !== document.body; n = n.parentElement) {
    if (getComputedStyle(n).overflowX !== 'visible' && n.getBoundingClientRect().right <= root.clientWidth + 1) {
      return true;
    }
  }
  return false;
}
const wide = Array.from(document.querySelectorAll('body *')).filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.right > root.clientWidth + 1 && !clipped(e);
}).map(e => (e.id || e.className || e.tagName) + ' ' + Math.round(e.getBoundingClientRect().right));
const cut = Array.from(document.querySelectorAll('.ag-header-cell-text'))
  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent);
return {page: [page.scrollWidth, page.clientWidth], root: [root.scrollWidth, root.clientWidth],
        below_footer: window.innerHeight - footer.bottom, height: [root.scrollHeight, window.innerHeight],
        wide: wide.slice(0, 5), cut};
"""


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize("size", SIZES)
def test_no_page_is_wider_than_the_screen_or_leaves_a_strip_under_the_footer(dash_duo, app, size, lang):
    dash_duo.start_server(app, navigate=False)
    for path, ready in PAGES:
        open_page(dash_duo, f"{path}?lang={lang}", size, ready)
        settle(dash_duo)
        fits = dash_duo.driver.execute_script(FITS)
        where = f"{path} in {lang} at {size[0]}x{size[1]}"
        assert fits["page"][0] <= fits["page"][1] and fits["root"][0] <= fits["root"][1], f"{where} scrolls sideways"
        assert fits["wide"] == [], f"{where}: wider than the screen: {fits['wide']}"
        assert abs(fits["below_footer"]) <= 1 and fits["height"][0] <= fits["height"][1], \
            f"{where}: the footer does not end the screen {fits}"
        assert fits["cut"] == [], f"{where}: table headers cut: {fits['cut']}"
