"""A delegate's first visit: cold page loads in headless Chromium, each in a fresh profile (empty cache),
interleaved with a bare reference page served in the same run (a benchmark: nothing is asserted).

Variants, visited in turn `--visits` times each (default 5):
- bare: the full plotly.min.js of the installed plotly package and all world links as one scattergeo line
  trace in a JSON file, nothing else, served uncompressed by a plain static server;
- default: Borderlinks at / (the default space);
- world: Borderlinks at /?space=world.
For each visit: seconds from navigation start until the first link is drawn (a MutationObserver sees a
`path.js-line` of a scattergeo trace with its geometry), bytes on the wire (the sum of CDP
Network.loadingFinished encodedDataLength until the page is quiet), the JS heap after load (CDP
Performance.getMetrics JSHeapUsedSize after a garbage collection), and on Borderlinks pages the
milliseconds from a click on the city with most partners (plotly_click on its marker) until its partners
are highlighted (the browser's highlight or the selection trace holds them, at the next animation frame),
and from a filter change in the URL (countries=BLR, as a link does) until plotly has redrawn the map.

Also, with --pages, each other page's cold visit (until the network is quiet) against the map's.

Prints one JSON line per measure and variant: median, p95, and the ratio of medians to the bare page.
The app is served from this process on 127.0.0.1 by werkzeug (threaded), like `make run` without gunicorn.

With --only filter, only the default view's visits (no bare page, no world view): its filter-to-redraw,
click-to-highlight and heap, quicker to run while working on the map's update.

Usage: .venv/bin/python benchmarks/cold_visit.py [--visits 5] [--only filter] [--pages [--page-visits 3]]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import logging  # noqa: E402

import numpy as np  # noqa: E402
import plotly  # noqa: E402
from conftest import pytest_setup_options  # noqa: E402  (the test suite's offline Chromium options)
from selenium import webdriver  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from dashboard.app import create_app  # noqa: E402
from dashboard.figures.map import TRACE_INDEX  # noqa: E402
from dashboard.figures.map_style import segments  # noqa: E402
from dashboard.state import ViewState  # noqa: E402
from dashboard.store import queries  # noqa: E402
from dashboard.store.catalog import load_catalog  # noqa: E402

TOPOJSON = ROOT / "dashboard" / "assets" / "topojson"
PLOTLY_MIN_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
QUIET_SECONDS = 1.0  # no request finished for this long: the page has loaded what it loads
OTHER_PAGES = ("/network", "/corridors", "/activities", "/practices", "/monitoring", "/sources", "/about")

#: records when the first link (a scattergeo line with geometry) is in the DOM, in ms from navigation start
FIRST_LINK_PROBE = """
(function () {
  function drawn() {
    var paths = document.querySelectorAll('g.trace.scattergeo path.js-line');
    for (var i = 0; i < paths.length; i++) {
      var d = paths[i].getAttribute('d');
      if (d && d.length > 40) { return true; }
    }
    return false;
  }
  var observer = new MutationObserver(function () {
    if (!window.__firstLinkAt && drawn()) { window.__firstLinkAt = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['d']});
})();
"""

#: clicks the marker of the linked city with most partners; resolves with ms until its partners are drawn
CLICK_TO_HIGHLIGHT = """
var placesIndex = arguments[0], selectionIndex = arguments[1], done = arguments[arguments.length - 1];
var gd = document.querySelector('#map-graph .js-plotly-plot');
var ids = (gd.data[placesIndex].customdata || []);
if (!ids.length) { done(null); return; }
var point = ids.length - 1;  // the places trace is sorted by partners: the last has most
var before = gd._fullData[selectionIndex].lon ? gd._fullData[selectionIndex].lon.length : 0;
var start = performance.now();
var trace = gd._fullData[placesIndex];
gd.emit('plotly_click', {points: [{curveNumber: placesIndex, pointNumber: point, customdata: ids[point],
                                   lon: trace.lon[point], lat: trace.lat[point]}], event: {}});
function highlighted() {  // in the browser's overlay (assets/map_highlight.js) or the figure's selection trace
  if (gd.querySelectorAll('.borderlinks-highlight .js-highlight-point').length > 1) { return true; }
  var trace = gd._fullData[selectionIndex];
  var drawn = gd.calcdata && gd.calcdata[selectionIndex];
  return trace && trace.lon && trace.lon.length > 1 && drawn && drawn.length > 1;
}
function poll() {
  if (highlighted()) { requestAnimationFrame(function () { done(performance.now() - start); }); return; }
  if (performance.now() - start > 20000) { done(-1); return; }
  requestAnimationFrame(poll);
}
poll();
"""


#: changes the filter through the URL (as a dcc.Link in the page does; the filter panel writes the URL the
#: same way, without telling Dash Pages' router); resolves with ms until plotly has redrawn the map
FILTER_TO_REDRAW = """
var query = arguments[0], done = arguments[arguments.length - 1];
var gd = document.querySelector('#map-graph .js-plotly-plot');
var start = performance.now();
gd.once('plotly_afterplot', function () { requestAnimationFrame(function () { done(performance.now() - start); }); });
window.history.pushState({}, '', window.location.pathname + query);
window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
setTimeout(function () { done(-1); }, 30000);
"""
FILTER_QUERY = "?countries=BLR"


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# ---- the servers -------------------------------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve_folder(folder: Path) -> tuple[str, object]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler,
                                                                                 directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def serve_app() -> tuple[str, object]:
    server = make_server("127.0.0.1", 0, create_app().server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def world_links_trace(catalog) -> dict:
    """All world links as one scattergeo line trace (plain JSON lists, NaN separators as null)."""
    view = queries.filtered_view(catalog, ViewState.from_query("?space=world"))
    links = view.links
    lon, lat = segments(links["lon_a"].to_numpy(), links["lat_a"].to_numpy(),
                        links["lon_b"].to_numpy(), links["lat_b"].to_numpy())
    as_list = lambda values: [None if np.isnan(v) else round(float(v), 4) for v in values]  # noqa: E731
    return {"type": "scattergeo", "mode": "lines", "lon": as_list(lon), "lat": as_list(lat),
            "line": {"color": "rgba(0,114,178,0.3)", "width": 0.8}, "hoverinfo": "skip", "links": len(links)}


def bare_page(folder: Path, catalog) -> int:
    """Write the bare reference page into `folder`; returns the number of links."""
    shutil.copy(PLOTLY_MIN_JS, folder / "plotly.min.js")
    (folder / "topojson").symlink_to(TOPOJSON)
    trace = world_links_trace(catalog)
    links = trace.pop("links")
    (folder / "links.json").write_text(json.dumps({"data": [trace], "layout": {
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0}, "showlegend": False,
        "geo": {"projection": {"type": "miller"}, "showcountries": True, "resolution": 50}}}))
    (folder / "bare.js").write_text(
        "fetch('links.json').then(function (r) { return r.json(); }).then(function (fig) {"
        " Plotly.newPlot('plot', fig.data, fig.layout, {topojsonURL: 'topojson/'}); });")
    (folder / "index.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>bare</title></head>"
        "<body style='margin:0'><div id='plot' style='width:100vw;height:100vh'></div>"
        "<script src='plotly.min.js'></script><script src='bare.js'></script></body></html>")
    return links


# ---- one cold visit ----------------------------------------------------------------------------------------

def fresh_browser(profile: Path) -> webdriver.Chrome:
    options = pytest_setup_options()
    options.add_argument("--headless=new")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument("--disk-cache-dir=" + str(profile / "cache"))
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    driver.execute_cdp_cmd("Performance.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_LINK_PROBE})
    return driver


def wire_bytes(driver, seen: dict) -> None:
    """Add to `seen` (request id -> encoded bytes) the page's http requests finished since the last call
    (not the browser's own chrome:// pages of a fresh profile)."""
    urls = seen.setdefault("__urls__", {})
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message.get("method") == "Network.requestWillBeSent":
            urls[params["requestId"]] = params["request"]["url"]
        elif message.get("method") == "Network.loadingFinished" and urls.get(params["requestId"], "").startswith(
                "http"):
            seen[params["requestId"]] = params["encodedDataLength"]


def settle(driver, seen: dict, timeout: float = 30.0) -> float:
    """Wait until no request has finished for QUIET_SECONDS; returns seconds waited."""
    started = time.time()
    count, quiet_since = -1, time.time()
    while time.time() - started < timeout:
        wire_bytes(driver, seen)
        if len(seen) != count:
            count, quiet_since = len(seen), time.time()
        elif time.time() - quiet_since >= QUIET_SECONDS:
            break
        time.sleep(0.1)
    return time.time() - started


def heap_bytes(driver) -> int:
    driver.execute_cdp_cmd("HeapProfiler.collectGarbage", {})
    metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    return int(next(m["value"] for m in metrics if m["name"] == "JSHeapUsedSize"))


def visit(url: str, click: bool, timeout: float = 90.0) -> dict:
    """One cold visit of `url`; returns its measures."""
    with tempfile.TemporaryDirectory(prefix="cold-visit-") as profile:
        driver = fresh_browser(Path(profile))
        try:
            driver.set_script_timeout(60)
            driver.get(url)
            deadline = time.time() + timeout
            first_link = None
            while time.time() < deadline:
                first_link = driver.execute_script("return window.__firstLinkAt || null")
                if first_link:
                    break
                time.sleep(0.02)
            if not first_link:
                raise TimeoutError(f"no link drawn at {url}")
            seen: dict = {}
            settle(driver, seen)
            seen.pop("__urls__")
            record = {"first_link_s": first_link / 1000, "bytes": sum(seen.values()), "requests": len(seen),
                      "heap_bytes": heap_bytes(driver)}
            if click:
                record["click_ms"] = driver.execute_async_script(
                    CLICK_TO_HIGHLIGHT, TRACE_INDEX["places"], TRACE_INDEX["selection_places"])
                time.sleep(3)  # the server's answer to the click drawn
                record["filter_ms"] = driver.execute_async_script(FILTER_TO_REDRAW, FILTER_QUERY)
            return record
        finally:
            driver.quit()


def page_visit(url: str) -> dict:
    """A cold visit of any page: seconds until the network is quiet (less the quiet period), and bytes."""
    with tempfile.TemporaryDirectory(prefix="cold-visit-") as profile:
        driver = fresh_browser(Path(profile))
        try:
            started = time.time()
            driver.get(url)
            seen: dict = {}
            settle(driver, seen)
            seen.pop("__urls__")
            loaded = driver.execute_script(
                "var e = performance.getEntriesByType('resource');"
                "return Math.max(performance.timing.loadEventEnd - performance.timing.navigationStart,"
                " e.length ? Math.max.apply(null, e.map(function (r) { return r.responseEnd; })) : 0);")
            return {"loaded_s": loaded / 1000, "bytes": sum(seen.values()), "wall_s": time.time() - started}
        finally:
            driver.quit()


def summarise(variant: str, records: list[dict], bare: dict | None, **extra) -> None:
    for key in ("first_link_s", "bytes", "heap_bytes", "click_ms", "filter_ms", "loaded_s"):
        values = [r[key] for r in records if r.get(key) is not None and r[key] >= 0]
        failed = sum(1 for r in records if r.get(key) is not None and r[key] < 0)  # nothing seen in time
        if not values:
            if failed:
                emit(measure=key, variant=variant, visits=0, failed=failed, **extra)
            continue
        median = statistics.median(values)
        line = {"measure": key, "variant": variant, "visits": len(values), "median": round(median, 4),
                "p95": round(percentile(values, 0.95), 4), **({"failed": failed} if failed else {}), **extra}
        if bare and key in bare:
            line["ratio_to_bare"] = round(median / bare[key], 3)
        emit(**line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--pages", action="store_true", help="also each other page's cold visit")
    parser.add_argument("--page-visits", type=int, default=3, help="cold visits of each other page")
    parser.add_argument("--only", choices=("filter",), help="filter: the default view's visits alone")
    args = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    catalog = load_catalog()
    app_base, app_server = serve_app()
    with tempfile.TemporaryDirectory(prefix="bare-page-") as folder:
        links = bare_page(Path(folder), catalog)
        bare_base, bare_server = serve_folder(Path(folder))
        variants = {"bare": (f"{bare_base}/index.html", False), "default": (f"{app_base}/", True),
                    "world": (f"{app_base}/?space=world", True)}
        if args.only == "filter":
            variants = {"default": variants["default"]}
        for url, _ in variants.values():  # warm the servers (catalogue, layers, figures' memos), not the browser
            visit(url, click=False)
        results: dict[str, list[dict]] = {name: [] for name in variants}
        for _ in range(args.visits):
            for name, (url, click) in variants.items():
                results[name].append(visit(url, click))
        bare = ({key: statistics.median(r[key] for r in results["bare"]) for key in results["bare"][0]}
                if "bare" in results else None)
        emit(measure="setup", world_links=links, plotly_min_js_bytes=PLOTLY_MIN_JS.stat().st_size,
             visits=args.visits, machine=machine())
        for name, records in results.items():
            summarise(name, records, None if name == "bare" else bare)
        if args.pages:
            pages = {"/": [], **{path: [] for path in OTHER_PAGES}}
            for _ in range(args.page_visits):
                for path in pages:
                    pages[path].append(page_visit(app_base + path))
            home = {key: statistics.median(r[key] for r in pages["/"]) for key in ("loaded_s", "bytes")}
            for path, records in pages.items():
                summarise(f"page {path}", records, None)
                emit(measure="page_vs_map", page=path,
                     loaded_ratio=round(statistics.median(r["loaded_s"] for r in records) / home["loaded_s"], 3))
        bare_server.shutdown()
    app_server.shutdown()


def machine() -> str:
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"


if __name__ == "__main__":
    main()
