"""Speed of the map on the full store, as JSON lines (a benchmark: nothing here is asserted).

Measures, for a set of realistic filters:
- server time of the filter -> figure callback (query + patch + JSON), median and p95, uncached;
- the JSON size of the first figure and of the patches;
- first render of the map page in headless Chromium (navigation start -> map drawn), the app served
  from this process on 127.0.0.1, in a WARM browser (bundles cached after the first page; a delegate's
  cold first visit is benchmarks/cold_visit.py);
- a naive build (one trace per link) of the default view, in the same run: its build time, size and
  render time, reported as ratios to ours.
Goals (issue 3): p95 <= 150 ms, first map <= 1.5 s, >= 10x faster than the naive build.
Also the network page's callbacks and the profiles (issue 4, `network_measures`; alone: --network-only).

Usage: .venv/bin/python benchmarks/map.py [--repeat 7] [--no-browser]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly  # noqa: E402
import plotly.graph_objects as go  # noqa: E402
from dash._utils import to_json  # noqa: E402

from dashboard import settings  # noqa: E402
from dashboard.figures import map as map_figures  # noqa: E402
from dashboard.figures import map_style  # noqa: E402
from dashboard.figures.map_network import link_traces  # noqa: E402
from dashboard.figures.map_style import encoded  # noqa: E402
from dashboard.figures.map_view import VIEWPORT_WINDOWS, geo_layout, viewport_revision  # noqa: E402
from dashboard.state import ViewState  # noqa: E402
from dashboard.store import queries  # noqa: E402
from dashboard.store.catalog import load_catalog  # noqa: E402
from dashboard.store.layers import LAYER_NAMES, layer_geojson_bytes, load_map_layers  # noqa: E402
from dashboard.web.urls import layer_path  # noqa: E402
from geo.viewport import Window  # noqa: E402

#: filters a delegate or analyst would use (as URL query strings)
FILTERS = [
    "",
    "countries=BLR",
    "countries=RUS",
    "countries=RUS&place={podolsk}",
    "blocs=SCO",
    "blocs=BRICS:member&scope=within",
    "blocs=EAEU&border=1",
    "countries=CHN,RUS&scope=within",
    "scope=between&pair=BLR,RUS",
    "scope=between&pair=CHN,RUS&border=1",
    "minpop=1000000",
    "regions=RUS-2364",
    "countries=KAZ,KGZ,TJK,UZB&view=fit",
    "lang=ru&countries=BLR",
]
TOPOJSON = ROOT / "dashboard" / "assets" / "topojson"


def emit(**record) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def callback_seconds(catalog, state: ViewState, drawn: ViewState, revision: str) -> tuple[float, int]:
    """What the page's update_map does for a URL change, without Dash: query, patch, JSON."""
    queries._views.clear()  # uncached: the first visit of this filter
    started = time.perf_counter()
    inputs = map_figures.map_inputs(catalog, load_map_layers(settings.database_url(), state.pov), state,
                                    geojson_urls(state.pov))
    updates = map_figures.map_updates(inputs, drawn, revision)
    payload = to_json({"updates": {"/".join(map(str, k)): v for k, v in updates.items()},
                       "kpis": inputs.view.kpis})
    return time.perf_counter() - started, len(payload)


def podolsk_id(catalog) -> int:
    places = catalog.places
    return int(places.loc[(places["name_en"] == "Podolsk") & (places["iso3"] == "RUS"), "place_id"].iloc[0])


def geojson_urls(pov: str) -> dict[str, str]:
    """As the page passes them: the static layers load by URL, not inside the figure."""
    return {name: layer_path(name, pov) for name in LAYER_NAMES}


def naive_figure(catalog, state: ViewState) -> go.Figure:
    """The way not to do it: one Scattergeo per link (the default view's links)."""
    view = queries.compute_filtered_view(catalog, state)
    figure = go.Figure()
    for row in view.links.itertuples():
        figure.add_trace(go.Scattergeo(lon=[row.lon_a, row.lon_b], lat=[row.lat_a, row.lat_b], mode="lines",
                                       line={"width": 0.8, "color": "rgba(0,114,178,0.2)"},
                                       hoverinfo="skip", showlegend=False))
    figure.update_layout(geo=geo_layout(state, Window(
        *VIEWPORT_WINDOWS["eurasia"])), margin={"l": 0, "r": 0, "t": 0, "b": 0},
        width=1000, height=625)
    return figure


# ---- rendering in headless Chromium ----------------------------------------------------------------------

MAP_DRAWN_PROBE = """
window.__mapDrawnAt = null;
(function poll() {
  var gd = document.querySelector('#map-graph .js-plotly-plot');
  if (gd && gd._fullData && gd._fullData.length && gd.querySelector('.geo .scattergeo, .geo .choroplethlocation')) {
    window.__mapDrawnAt = performance.now();
    return;
  }
  setTimeout(poll, 10);
})();
"""


def chromium():
    from selenium import webdriver

    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import pytest_setup_options

    options = pytest_setup_options()
    options.add_argument("--headless=new")
    options.add_argument("--window-size=1280,800")
    driver = webdriver.Chrome(options=options)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": MAP_DRAWN_PROBE})
    return driver


def drawn_after(driver, url: str, timeout: float = 60.0) -> float:
    """Seconds from navigation start to the map drawn."""
    driver.get(url)
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = driver.execute_script("return window.__mapDrawnAt")
        if value:
            return float(value) / 1000.0
        time.sleep(0.02)
    raise TimeoutError(f"no map drawn at {url}")


def serve(directory: Path | None = None, app=None) -> tuple[str, object]:
    """Serve a folder (static files) or a WSGI app on 127.0.0.1 in a thread; returns (base URL, server)."""
    if app is not None:
        from werkzeug.serving import make_server
        server = make_server("127.0.0.1", 0, app, threaded=True)
    else:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def standalone_page(folder: Path, name: str, figure_json: str) -> None:
    """An HTML page drawing one figure with plotly.js, its base map from the vendored topojson."""
    (folder / f"{name}.html").write_text(
        "<!doctype html><html><body style='margin:0'><div id='plot' style='width:1000px;height:640px'></div>"
        "<script src='plotly.min.js'></script><script>"
        f"var fig = {figure_json};"
        "Plotly.newPlot('plot', fig.data, fig.layout, {topojsonURL: 'topojson/', responsive: false})"
        ".then(function () { window.__mapDrawnAt = performance.now(); });"
        "</script></body></html>", encoding="utf-8")


def render_pages(figures: dict[str, str], repeat: int) -> dict[str, list[float]]:
    """Render each figure (JSON) in a standalone page `repeat` times; seconds to drawn."""
    timings: dict[str, list[float]] = {name: [] for name in figures}
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "plotly.min.js").write_bytes(
            (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes())
        (folder / "topojson").symlink_to(TOPOJSON)
        for name, figure_json in figures.items():
            standalone_page(folder, name, figure_json)
        base, server = serve(directory=folder)
        driver = chromium()
        try:
            for _ in range(repeat):
                for name in figures:
                    timings[name].append(drawn_after(driver, f"{base}/{name}.html", timeout=120))
        finally:
            driver.quit()
            server.shutdown()
    return timings


def app_first_render(queries_to_open: list[str], repeat: int) -> dict[str, list[float]]:
    from dashboard.app import create_app

    app = create_app()
    base, server = serve(app=app.server)
    driver = chromium()
    timings: dict[str, list[float]] = {q: [] for q in queries_to_open}
    try:
        drawn_after(driver, base + "/")  # warm the server's caches (catalogue, layers) once
        for _ in range(repeat):
            for query in queries_to_open:
                timings[query].append(drawn_after(driver, f"{base}/?{query}" if query else base + "/"))
    finally:
        driver.quit()
        server.shutdown()
    return timings


# ---- the network page and the profiles (issue 4) -----------------------------------------------------------

#: filters an analyst would use on the network page (URL query strings)
NETWORK_FILTERS = [
    "",
    "countries=BLR",
    "countries=RUS",
    "blocs=SCO",
    "blocs=BRICS:member&scope=within",
    "blocs=EAEU&border=1",
    "scope=between&pair=BLR,RUS",
    "lang=ru&countries=CHN,RUS&scope=within",
    "minpop=1000000",
]


def network_measures(repeat: int) -> None:
    """Server time of the network page's callbacks (the page's own functions, called as Dash calls them,
    plus the JSON Dash sends), cold: the filter's view and the page's caches are emptied before each call,
    as on the first visit of a filter. Goals (issue 4): p95 <= 150 ms for the matrix and the tables;
    communities computed once per filter (the cached call is what every later click costs)."""
    from dashboard.app import create_app
    from dashboard.components import table_export
    from dashboard.store import network

    app = create_app()
    page = sys.modules["dashboard.pages.network"]
    block = {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}}
    sorted_block = {"startRow": 200, "endRow": 300, "sortModel": [{"colId": "distance_km", "sort": "desc"}],
                    "filterModel": {"distance_km": {"filterType": "number", "type": "lessThan", "filter": 3000}}}
    callbacks = {
        "matrix": lambda search: page.update_matrix(search, 25, None, "matrix", None),
        "matrix_cell": lambda search: page.update_cell({"pair": ["BLR", "RUS"]}, search),
        "top_cities": lambda search: page.update_cities(search, "cities"),
        "bloc_shares": lambda search: page.update_shares(search, 25, "blocs"),
        "lengths_nearest": lambda search: page.update_lengths(search, "lengths"),
        "table_first_block": lambda search: page.serve_rows(block, search, None),
        "table_sorted_filtered_searched_block": lambda search: page.serve_rows(sorted_block, search, "a"),
    }
    goal = {"matrix", "matrix_cell", "top_cities", "bloc_shares", "lengths_nearest", "table_first_block",
            "table_sorted_filtered_searched_block"}

    def cold() -> None:  # the filter's first visit (names in a language are per process, kept)
        queries._views.clear()
        network.clear_caches()
        page._grid_frames.clear()
        page._grid_rows.clear()

    with app.server.test_request_context("/"):
        page.update_cities("?lang=ru", "cities")  # names in both languages and how they sort: once per process
        page.update_cities("", "cities")
        for lang in ("en", "ru"):
            page.name_ranks(page.current_catalog(), lang)
        all_goal, all_cpu = [], []
        for name, call in callbacks.items():
            times, cpu, size = [], [], 0
            for query in NETWORK_FILTERS:
                search = f"?{query}" if query else ""
                for _ in range(repeat):
                    cold()
                    started, started_cpu = time.perf_counter(), time.process_time()
                    size = len(to_json(call(search)))
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
            if name in goal:
                all_goal.extend(times)
                all_cpu.extend(cpu)
            # wall time, and CPU time of this process (what the server itself spends; on a shared machine the
            # wall time also holds the waits for a core)
            emit(measure="network_callback", callback=name, filters=len(NETWORK_FILTERS), calls=len(times),
                 median_ms=round(1000 * statistics.median(times), 1), p95_ms=round(1000 * percentile(times, 0.95), 1),
                 max_ms=round(1000 * max(times), 1), cpu_p95_ms=round(1000 * percentile(cpu, 0.95), 1),
                 last_json_bytes=size, goal_p95_ms=150, cold=True)
        emit(measure="network_callbacks_all", calls=len(all_goal), median_ms=round(1000 * statistics.median(all_goal), 1),
             p95_ms=round(1000 * percentile(all_goal, 0.95), 1), cpu_p95_ms=round(1000 * percentile(all_cpu, 0.95), 1),
             goal_p95_ms=150, cold=True, load_average=round(os.getloadavg()[0], 2), cores=os.cpu_count())

        # downloads: the rows shown (same function as the grid) as CSV and XLSX
        for query in ("", "blocs=SCO"):
            search = f"?{query}" if query else ""
            state = page.state_from_search(search)
            for fmt in ("csv", "xlsx"):
                times = []
                for _ in range(max(2, repeat // 2)):
                    started = time.perf_counter()
                    rows = page.shown_rows(page.current_catalog(), state, sorted_block | {"startRow": 0}, None)
                    frame = table_export.export_frame(rows, table_export.shown_columns(page.column_defs(state.lang)))
                    body = table_export.csv_bytes(frame) if fmt == "csv" else table_export.xlsx_bytes(frame)
                    times.append(time.perf_counter() - started)
                emit(measure="network_download", format=fmt, filters=query or "(none)", rows=len(rows),
                     bytes=len(body), median_ms=round(1000 * statistics.median(times), 1))

        # communities: once per filter, then from the cache
        for query in ("", "blocs=SCO", "countries=BLR", "blocs=EAEU&border=1"):
            search = f"?{query}" if query else ""
            cold()
            started = time.perf_counter()
            page.update_communities(search, "communities")
            first = time.perf_counter() - started
            again = []
            for _ in range(repeat):
                started = time.perf_counter()
                page.update_communities(search.replace("?", "?lang=ru&", 1) if search else "?lang=ru",
                                        "communities")
                again.append(time.perf_counter() - started)
            emit(measure="network_communities", filters=query or "(none)", first_call_ms=round(1000 * first, 1),
                 cached_median_ms=round(1000 * statistics.median(again), 1),
                 louvain_runs=network._community_cache.misses, cached=True)

        # profiles (all of the subject's twinnings; the distance to the nearest land border computed once)
        country = sys.modules["dashboard.pages.country"]
        city = sys.modules["dashboard.pages.city"]
        for kind, subject in (("country", "RUS"), ("country", "BLR"), ("country", "DEU"), ("city", 627907),
                              ("city", 524901)):
            times = []
            for _ in range(max(2, repeat // 2)):
                network.clear_caches()
                started = time.perf_counter()
                if kind == "country":
                    to_json(country.country_content(page.current_catalog(), subject, ViewState()))
                else:
                    to_json(city.city_content(page.current_catalog(), subject, ViewState()))
                times.append(time.perf_counter() - started)
            emit(measure="profile_page", kind=kind, subject=subject, median_ms=round(1000 * statistics.median(times), 1),
                 max_ms=round(1000 * max(times), 1), cold=True)


# ---- main -------------------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--network-only", action="store_true", help="only the network page and profiles")
    args = parser.parse_args()
    if args.network_only:
        network_measures(args.repeat)
        return

    started = time.perf_counter()
    catalog = load_catalog()
    load_map_layers(settings.database_url(), "default")
    load_map_layers(settings.database_url(), "deu")
    emit(measure="load", seconds=round(time.perf_counter() - started, 3), places=len(catalog.places),
         twinnings=len(catalog.twinnings))

    default = ViewState()
    podolsk = podolsk_id(catalog)
    layers = load_map_layers(settings.database_url(), "default")
    first = map_figures.map_inputs(catalog, layers, default)
    revision = viewport_revision(default, first.window)
    queries._views.clear()  # cold: no cached filter, no memoised names
    map_style._memo.clear()
    first_started = time.perf_counter()
    figure = map_figures.map_figure(map_figures.map_inputs(catalog, layers, default, geojson_urls("default")))
    figure_json = to_json(figure)
    ours_build = time.perf_counter() - first_started
    layer_bytes = {name: len(layer_geojson_bytes(None, "default", name)) for name in LAYER_NAMES}
    embedded = to_json(map_figures.map_figure(first))  # static layers inside: what a standalone page needs
    sizes = {name: len(to_json(trace)) for name, trace in zip(map_figures.TRACES, figure["data"])}
    emit(measure="first_figure", seconds=round(ours_build, 3), json_bytes=len(figure_json),
         static_layer_geojson_bytes=layer_bytes, bytes_by_trace=sizes, links=len(first.view.links), places_drawn=len(first.view.linked_places)
         + len(first.view.other_places))

    all_times = []
    for query in FILTERS:
        query = query.format(podolsk=podolsk)
        state = ViewState.from_query(query)
        times, size = [], 0
        for _ in range(args.repeat):
            seconds, size = callback_seconds(catalog, state, default, revision)
            times.append(seconds)
        all_times.extend(times)
        view = queries.filtered_view(catalog, state)
        emit(measure="filter_callback", filters=query or "(none)", median_ms=round(1000 * statistics.median(times), 1),
             p95_ms=round(1000 * percentile(times, 0.95), 1), patch_bytes=size, links=len(view.links))
    emit(measure="filter_callback_all", median_ms=round(1000 * statistics.median(all_times), 1),
         p95_ms=round(1000 * percentile(all_times, 0.95), 1), goal_p95_ms=150, calls=len(all_times))

    select = ViewState(place=podolsk)
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        inputs = map_figures.map_inputs(catalog, layers, select)
        to_json({"/".join(map(str, k)): v for k, v in map_figures.map_updates(inputs, default, revision).items()})
        times.append(time.perf_counter() - started)
    emit(measure="select_city_patch", place="Podolsk", median_ms=round(1000 * statistics.median(times), 1),
         p95_ms=round(1000 * percentile(times, 0.95), 1))

    naive_started = time.perf_counter()
    naive = naive_figure(catalog, default)
    naive_json = naive.to_json()
    naive_build = time.perf_counter() - naive_started
    links_started = time.perf_counter()
    ours_links = link_traces(first.view, queries.localized(queries.network(catalog).places, "en")
                             .fillna("").to_numpy(), "en", True)
    links_json = to_json([encoded(t) for t in ours_links[:2]])
    links_build = time.perf_counter() - links_started
    emit(measure="naive_vs_ours_build", links=len(first.view.links), naive_traces=len(naive.data),
         naive_seconds=round(naive_build, 3), naive_json_bytes=len(naive_json),
         ours_link_layer_seconds=round(links_build, 4), ours_link_layer_bytes=len(links_json),
         ours_whole_figure_seconds=round(ours_build, 3), ours_whole_figure_bytes=len(figure_json),
         speedup_link_layer=round(naive_build / links_build, 1), speedup_whole_figure=round(naive_build / ours_build, 1),
         goal_speedup=10)

    network_measures(args.repeat)
    if args.no_browser:
        return
    repeat = max(3, args.repeat // 2)
    app_times = app_first_render(["", "countries=BLR", f"lang=ru&place={podolsk}"], repeat)
    for query, values in app_times.items():
        emit(measure="first_map_in_chromium_warm", cache="warm: one browser, cached bundles (a first visit: "
             "benchmarks/cold_visit.py)", page="/" + (f"?{query}" if query else ""),
             median_s=round(statistics.median(values), 3), max_s=round(max(values), 3), goal_s=1.5, runs=len(values))
    links_only = go.Figure(layout=naive.layout)
    for t in ours_links[:2]:
        links_only.add_trace(go.Scattergeo(**{k: v for k, v in t.items() if k != "type"}))
    renders = render_pages({"ours": embedded, "ours_links_only": links_only.to_json(), "naive": naive_json},
                           repeat=2)
    emit(measure="render_standalone", ours_s=round(statistics.median(renders["ours"]), 3),
         ours_links_only_s=round(statistics.median(renders["ours_links_only"]), 3),
         naive_s=round(statistics.median(renders["naive"]), 3),
         render_ratio_naive_to_ours_links=round(statistics.median(renders["naive"])
                                                / statistics.median(renders["ours_links_only"]), 1))


if __name__ == "__main__":
    main()
