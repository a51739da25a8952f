"""A delegate's first visit, the guarantees that are not timings (benchmarks/cold_visit.py times them):
responses compressed, the map loading no component bundle it does not use, the vendored plotly.js bundle
at the bundled version with every trace type the figures draw, and a click highlighting a city's partners
in the browser without touching the map's other traces.

Browser tests: `.venv/bin/python -m pytest --headless tests/test_first_visit.py` (need the built store).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import brotli
import plotly.graph_objects as go
import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from plotly.basedatatypes import BaseTraceType
from plotly.offline import get_plotlyjs_version
from selenium.webdriver.common.by import By

from dashboard.component_bundles import LISTING_ID, defer_component_bundles
from dashboard.figures.map import TRACE_INDEX, TRACES

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dashboard" / "assets" / "vendor" / "plotly-partial.min.js"
FIGURES = ROOT / "dashboard" / "figures"
MAP_DRAWN = "#map-graph .geo .choroplethlocation"
UNUSED_ON_THE_MAP = ("dash_ag_grid", "dash_table", "mathjax", "package_data/plotly.min.js", "async-markdown",
                     "async-datepicker")


# ---- the vendored plotly.js ---------------------------------------------------------------------------------

def bundle_banner() -> str:
    with BUNDLE.open(encoding="utf-8") as bundle:
        return bundle.readline()


def test_the_vendored_plotly_bundle_is_the_bundled_version():
    version = re.search(r" v(\d+\.\d+\.\d+) ", bundle_banner())
    assert version is not None and version.group(1) == get_plotlyjs_version()
    assert (BUNDLE.parent / "LICENSE-plotly.js.txt").read_text().startswith("MIT License")


def test_the_bundle_has_every_trace_type_the_figures_draw():
    bundled = set(re.search(r"partial: ([a-z, ]+)\)", bundle_banner()).group(1).split(", "))
    source = "\n".join(path.read_text() for path in FIGURES.glob("*.py"))
    trace_types = {name.lower() for name in dir(go) if isinstance(getattr(go, name), type)
                   and issubclass(getattr(go, name), BaseTraceType)}
    named = set(re.findall(r'"type": "([a-z]+)"', source)) | {
        name.lower() for name in re.findall(r"go\.([A-Z][a-z]+)\(", source)}
    drawn = named & trace_types
    assert {"scattergeo", "choropleth", "bar", "heatmap"} <= drawn <= bundled, drawn - bundled


# ---- the page as written and served ---------------------------------------------------------------------------

def test_lazy_bundles_leave_the_page_and_are_listed_for_the_loader():
    scripts = ('<script src="/_dash-component-suites/dash/deps/react@18.v4.min.js"></script>\n'
               '<script src="/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35.min.js"></script>\n'
               '<script src="/assets/views.js?m=1"></script>\n'
               '<script src="/assets/vendor/plotly-partial.min.js?m=2"></script>\n'
               '<script src="/_dash-component-suites/dash/dash_table/bundle.v7.js"></script>\n')
    page = defer_component_bundles(scripts)
    assert page.startswith('<link rel="preload" as="script" href="/assets/vendor/plotly-partial.min.js?m=2">')
    assert '<link rel="preload" as="script" href="/_dash-component-suites/dash/dcc/async-graph.js">' in page
    listing = json.loads(re.search(f'<script id="{LISTING_ID}" type="application/json">(.*?)</script>', page)[1])
    assert listing == {"dash_ag_grid": ["/_dash-component-suites/dash_ag_grid/dash_ag_grid.v35.min.js"],
                       "dash_table": ["/_dash-component-suites/dash/dash_table/bundle.v7.js"],
                       "Plotly": "/assets/vendor/plotly-partial.min.js?m=2"}
    assert page.count("<script src=") == 2 and "react@18" in page and "views.js" in page


def test_pages_and_static_files_are_compressed_and_fingerprinted_assets_cached(store_app):
    client = store_app.server.test_client()
    page = client.get("/about", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert page.headers["Content-Encoding"] == "br"
    html = brotli.decompress(page.get_data()).decode()
    bundle = re.search(r'href="(/assets/vendor/plotly-partial\.min\.js\?m=[^"]+)"', html).group(1)
    served = client.get(bundle, headers={"Accept-Encoding": "gzip"})
    assert served.headers["Content-Encoding"] == "gzip"
    assert "immutable" in served.headers["Cache-Control"] and "max-age=31536000" in served.headers["Cache-Control"]
    assert served.headers["Content-Security-Policy"]  # compression keeps the security headers
    assert len(served.get_data()) < BUNDLE.stat().st_size / 2
    layer = client.get("/api/v1/layers/countries.geojson", headers={"Accept-Encoding": "br"})
    assert layer.status_code == 200 and layer.headers["Content-Encoding"] == "br"


# ---- in headless Chromium -------------------------------------------------------------------------------------

def open_map(dash_duo, query: str = "") -> None:
    dash_duo.wait_for_page(url=dash_duo.server.url + "/" + query)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, MAP_DRAWN), 60,
               "the map was not drawn")


def resources(dash_duo) -> list[dict]:
    return dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return {name: e.name,"
        " encoded: e.encodedBodySize, decoded: e.decodedBodySize}; })")


@pytest.mark.browser
def test_the_map_loads_no_unused_bundle_and_everything_compressed(dash_duo, store_app):
    dash_duo.start_server(store_app, navigate=False)
    open_map(dash_duo)
    loaded = resources(dash_duo)
    names = [r["name"] for r in loaded]
    assert [n for n in names if any(unused in n for unused in UNUSED_ON_THE_MAP)] == []
    assert [n for n in names if "plotly-partial.min.js" in n] and [n for n in names if "async-graph.js" in n]
    big = [r for r in loaded if r["decoded"] > 2000]
    assert len(big) > 10
    assert [r["name"] for r in big if not r["encoded"] < r["decoded"]] == []  # layers, bundles, callbacks
    assert_page_offline_and_clean(dash_duo, ["map-graph"])


SIGNATURES = """
var gd = document.querySelector('#map-graph .js-plotly-plot'), skip = arguments[0];
return gd._fullData.map(function (trace, i) {
  if (skip.indexOf(i) >= 0 || !trace.lon) { return null; }
  var sum = 0; for (var j = 0; j < trace.lon.length; j++) { if (trace.lon[j] === trace.lon[j]) sum += trace.lon[j]; }
  return [trace.lon.length, Math.round(sum * 1000)];
});
"""

CLICK = """
var gd = document.querySelector('#map-graph .js-plotly-plot'), index = arguments[0];
var trace = gd._fullData[index], ids = gd.data[index].customdata, point = ids.length - 1;
window.__clickedPlace = ids[point];
gd.emit('plotly_click', {points: [{curveNumber: index, pointNumber: point, customdata: ids[point],
                                   lon: trace.lon[point], lat: trace.lat[point]}], event: {}});
"""


@pytest.mark.browser
@pytest.mark.parametrize("query", ["", "?space=world"])
def test_a_click_highlights_the_partners_in_the_browser_then_the_server_agrees(dash_duo, store_app, query):
    dash_duo.start_server(store_app, navigate=False)
    open_map(dash_duo, query)
    driver = dash_duo.driver
    selection = [TRACE_INDEX[name] for name in TRACES if name.startswith("selection")]
    labels = [TRACE_INDEX["place_labels"]]  # re-thinned for the card's room on a selection
    before = driver.execute_script(SIGNATURES, selection + labels)
    driver.execute_script(CLICK, TRACE_INDEX["places"])
    overlay = wait_until(dash_duo, lambda: driver.execute_script(
        "var l = document.querySelector('#map-graph .borderlinks-highlight');"
        "return l && [l.querySelectorAll('.js-highlight-point').length, "
        "l.querySelector('.js-highlight-links').getAttribute('d').length]"), 10, "no highlight drawn")
    partners, path_length = overlay[0], overlay[1]
    assert partners >= 1 and path_length > 20
    # the server follows: URL, card, the figure's selection trace with the same partners; ours then goes
    place = driver.execute_script("return window.__clickedPlace")
    wait_until(dash_duo, lambda: f"place={place}" in driver.current_url, 30, "the URL did not take the city")
    wait_until(dash_duo, lambda: not driver.find_elements(By.CSS_SELECTOR, ".borderlinks-highlight"), 60,
               "the browser's highlight stayed after the server's selection was drawn")
    drawn = driver.execute_script("var gd = document.querySelector('#map-graph .js-plotly-plot');"
                                  "return gd._fullData[arguments[0]].lon.length", TRACE_INDEX["selection_places"])
    assert drawn - 1 == partners  # the city and its partners in view
    assert driver.execute_script(SIGNATURES, selection + labels) == before  # no other trace's data touched
    assert_page_offline_and_clean(dash_duo, ["map-graph"])


def test_the_vendored_bundle_points_at_no_remote_host():
    """plotly.js's own defaults (topojson from its CDN, charts sent to its cloud) are replaced when the bundle is
    vendored (scripts/vendor_plotly_bundle.py): the app must run with no request leaving the machine."""
    import re

    bundle = BUNDLE.read_text()
    assert not re.search(r'dflt:"(https?:)?//', bundle)
    assert 'dflt:"/assets/topojson/"' in bundle
