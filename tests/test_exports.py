"""Exports on the built store with the real renderer (Debian's Chromium through kaleido): figure PNG / SVG over
HTTP, the PDF brief of a country and of a saved view (pypdf), tables as XLSX (openpyxl), layers as GeoJSON,
and the job machinery. One browser test: the country profile's download links and its PDF brief.

Run: `.venv/bin/python -m pytest --headless tests/test_exports.py`. Needs the store (skipped without it).
"""

from __future__ import annotations

import io
import json
import struct
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_checks import assert_page_offline_and_clean, wait_until

SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture(autouse=True)
def export_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERLINKS_EXPORT_DIR", str(tmp_path / "exports"))
    return tmp_path / "exports"


@pytest.fixture
def client(store_app):
    return store_app.server.test_client()


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert body[12:16] == b"IHDR"
    return struct.unpack(">II", body[16:24])


# ---- figures as files --------------------------------------------------------------------------------------------

def test_png_export_is_a_1600_by_900_png_with_its_title_and_sources(client):
    response = client.get("/export/network-cities-twinnings.png?countries=BLR")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert 'filename="borderlinks-network-cities-twinnings.png"' in response.headers["Content-Disposition"]
    assert png_size(response.data) == (1600, 900)
    # the same figure as SVG says what the PNG shows: title, filter, the bars' cities, the source line
    svg = client.get("/export/network-cities-twinnings.svg?countries=BLR").data.decode("utf-8")
    assert svg.lstrip().startswith("<svg") and 'width="1600"' in svg and 'height="900"' in svg
    for text in ("Most twin cities", "Countries: Belarus", "Minsk", "Sources: Natural Earth", "GeoNames (CC BY 4.0)",
                 "Data as of"):
        assert text in svg, text


def test_svg_export_follows_the_language_and_the_page_arguments(client):
    svg = client.get("/export/country-map.svg?iso3=BLR&lang=ru").data.decode("utf-8")
    assert "Беларусь: города-побратимы" in svg and "Источники:" in svg and "Данные на" in svg
    # a map draws its country polygons inline (the renderer has no server to load them from)
    assert svg.count("<path") > 100
    assert client.get("/export/country-map.svg?iso3=ZZZ").status_code == 404
    assert client.get("/export/no-such-figure.png").status_code == 404
    assert client.get("/export/network-shares.gif").status_code == 404


def test_the_map_export_lists_the_legend_the_page_draws_beside_it():
    from dashboard.exports.figure_export import export_figure
    from dashboard.state import ViewState
    from dashboard.store.catalog import load_catalog

    figure = export_figure("map", load_catalog(), ViewState(countries=("KAZ",)))
    listed = [trace["name"] for trace in figure["data"] if trace.get("showlegend")]
    assert "Twinning" in listed and "Border regions" in listed
    assert len(listed) == len(set(listed))  # a layer drawn by two traces is listed once
    layout = figure["layout"]
    assert (layout["width"], layout["height"]) == (1600, 900) and layout["showlegend"] is True
    assert "Kazakhstan" in layout["title"]["subtitle"]["text"]
    assert layout["annotations"][-1]["text"].startswith("Sources: Natural Earth")


def test_the_renderer_page_loads_nothing_from_the_network():
    from dashboard.exports.render import DEAD_PROXY, page_generator

    page = page_generator().generate_index()
    assert "http://" not in page and "https://" not in page  # plotly.js from the package, MathJax off
    assert DEAD_PROXY.startswith("http://127.0.0.1:")


# ---- the PDF briefs ----------------------------------------------------------------------------------------------

def read_pdf(body: bytes):
    from pypdf import PdfReader
    return PdfReader(io.BytesIO(body))


def assert_a4_landscape(page) -> None:
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert abs(width - 842) < 3 and abs(height - 595) < 3, (width, height)


def test_country_brief_is_a_four_page_a4_landscape_pdf_in_russian(client, store_app):
    from dashboard.exports import brief, jobs
    from dashboard.state import ViewState
    from dashboard.store.catalog import load_catalog

    catalog = load_catalog()
    job_id = jobs.submit("brief", lambda progress: brief.country_brief(catalog, "BLR", ViewState(lang="ru"), progress))
    seen = jobs.read(job_id)
    assert seen["state"] in ("queued", "running", "done")
    state = jobs.wait(job_id, timeout=120)
    assert state["state"] == "done" and state["progress"] == 100, state
    # the file through the API, as the page's link fetches it
    answer = client.get(f"/export/jobs/{job_id}")
    assert answer.get_json()["state"] == "done"
    response = client.get(f"/export/jobs/{job_id}/file")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = read_pdf(response.data)
    assert len(pdf.pages) == 4
    for page in pdf.pages:
        assert_a4_landscape(page)
    cover, figure_page, tables, sources_page = (page.extract_text() for page in pdf.pages)
    assert "Беларусь" in cover and "Данные на" in cover
    assert "Беларусь: города-побратимы" in figure_page
    assert "ключевые цифры" in tables and "Минск" in tables
    assert "GeoNames" in sources_page and "CC BY-SA 4.0" in sources_page and "ODbL" in sources_page


def test_saved_view_brief_draws_the_views_figure():
    from dashboard.exports import brief
    from dashboard.store.catalog import load_catalog

    body, name = brief.view_brief(load_catalog(), "/network", "countries=KAZ,UZB", title="Central Asia")
    pdf = read_pdf(body)
    assert len(pdf.pages) == 4 and name == "borderlinks-brief-central-asia.pdf"
    cover, figure_page, tables, _ = (page.extract_text() for page in pdf.pages)
    assert "Central Asia" in cover and "Kazakhstan" in cover and "Uzbekistan" in cover
    assert "Kazakhstan" in figure_page  # the matrix's labels
    assert "Top country pairs" in tables


def test_a_failing_job_says_so_and_unknown_jobs_are_404(client):
    from dashboard.exports import jobs

    def broken(progress):
        progress(0.5, "figures")
        raise RuntimeError("no such country")

    state = jobs.wait(jobs.submit("brief", broken), timeout=30)
    assert state["state"] == "failed" and "no such country" in state["error"]
    assert client.get("/export/jobs/" + "0" * 24).status_code == 404
    assert client.get("/export/jobs/not-a-job/file").status_code == 404  # only hex ids name a job


def test_render_slots_bound_the_concurrent_renders(export_dir):
    import threading

    from dashboard.exports.jobs import RENDER_SLOTS, render_slot

    inside, most = [0], [0]
    lock = threading.Lock()

    def hold():
        with render_slot():
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            time.sleep(0.2)
            with lock:
                inside[0] -= 1

    threads = [threading.Thread(target=hold) for _ in range(RENDER_SLOTS + 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == RENDER_SLOTS


# ---- tables and layers -------------------------------------------------------------------------------------------

def test_unmatched_twinnings_xlsx_holds_the_rows_the_grid_shows(store_engine, store_app):
    from openpyxl import load_workbook

    from dashboard.components import table_export
    from dashboard.pages import sources
    from dashboard.store.catalog import load_catalog

    all_rows = sources.review_rows(load_catalog())
    assert len(all_rows) == int(store_engine.connect().exec_driver_sql("SELECT count(*) FROM twinning_review")
                                .scalar())
    reason = str(all_rows["reason"].iloc[0])
    filter_model = {"reason": {"filterType": "text", "type": "equals", "filter": reason}}
    column_state = [{"colId": c, "hide": c == "source_row", "sort": "desc" if c == "city_a" else None,
                     "sortIndex": 0 if c == "city_a" else None} for c in sources.REVIEW_COLUMNS]  # as the grid says
    shown = sources.shown_review(all_rows, filter_model, column_state)
    frame = table_export.export_frame(shown, table_export.shown_columns(sources.column_defs("en"), column_state))
    sheet = load_workbook(io.BytesIO(table_export.xlsx_bytes(frame, "Unmatched twinnings"))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Source" and "Row" not in rows[0]  # the hidden column is left out
    assert len(rows) - 1 == int((all_rows["reason"] == reason).sum()) > 0
    cities = [row[1] or "" for row in rows[1:]]
    assert cities == sorted(cities, key=lambda c: c.casefold().replace("ё", "е"), reverse=True)


def test_countries_layer_is_valid_geojson(client):
    response = client.get("/api/v1/layers/countries.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    collection = json.loads(response.data)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) > 200
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
        geometry = feature["geometry"]
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        for polygon in polygons:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]  # closed rings
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
    ids = [feature.get("id", feature["properties"].get("iso3")) for feature in collection["features"]]
    assert "BLR" in ids and "RUS" in ids


# ---- in the browser: the country profile's downloads and brief ---------------------------------------------------

@pytest.mark.browser
def test_country_profile_downloads_and_brief(dash_duo, store_app):
    from selenium.webdriver.common.by import By

    dash_duo.start_server(store_app)
    dash_duo.wait_for_page(url=dash_duo.server.url + "/country/BLR?lang=ru&countries=KAZ")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#country-map .main-svg"))
    links = {a.text: a.get_attribute("href") for a in dash_duo.driver.find_elements(
        By.CSS_SELECTOR, ".profile-map .export-link")}
    assert set(links) == {"PNG", "SVG", "PDF"}  # the formats of the "country-map" presenter
    png = urlsplit(links["PNG"])
    assert png.path == "/export/country-map.png"
    assert parse_qs(png.query) == {"lang": ["ru"], "countries": ["KAZ"], "iso3": ["BLR"]}
    # the link downloads the view on screen (fetched in the page, as a click would); the first render starts the
    # export Chromium, which on a busy CI machine takes longer than selenium's 30 s default for a script
    dash_duo.driver.set_script_timeout(240)
    size = dash_duo.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => {
            const v = new DataView(b); done([v.getUint32(16), v.getUint32(20)]);
        }).catch(e => done(String(e)));""", links["PNG"])
    assert size[:2] == [1600, 900], size
    # switching the language moves the links along (no reload)
    dash_duo.find_element("#lang-switch label:nth-child(1)").click()  # EN

    def png_query():
        link = dash_duo.driver.find_element(By.CSS_SELECTOR, ".profile-map .export-link")
        return parse_qs(urlsplit(link.get_attribute("href")).query)
    wait_until(dash_duo, lambda: png_query() == {"countries": ["KAZ"], "iso3": ["BLR"]}, message="links kept lang=ru")
    # a click fetches the file in the background (the link shows it is busy) and saves it under its name
    dash_duo.driver.execute_script("""
        window.__saved = [];
        const original = URL.createObjectURL;
        URL.createObjectURL = blob => { window.__saved.push([blob.type, blob.size]); return original(blob); };""")
    dash_duo.driver.find_elements(By.CSS_SELECTOR, ".profile-map .export-link")[1].click()  # SVG
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script("return window.__saved.length") == 1,
               message="the SVG was not saved")
    kind, size = dash_duo.driver.execute_script("return window.__saved[0]")
    assert kind.startswith("image/svg") and size > 10_000, (kind, size)
    svg_link = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".profile-map .export-link")[1]
    assert svg_link.get_attribute("aria-busy") is None and "failed" not in svg_link.get_attribute("class")
    # the brief: a progress bar, then a link to the PDF
    dash_duo.driver.find_element(By.CSS_SELECTOR, ".brief-control button").click()
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ".brief-progress progress, "
                                                                                 ".brief-download"))
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "exports_country_brief_running.png"))
    # as long as two export-Chromium renders (the renderer restarts a render that overran once) on a busy machine
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ".brief-download"), 240,
               "the brief did not finish")
    assert dash_duo.driver.find_element(By.CSS_SELECTOR, ".brief-control button").is_enabled()
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "exports_country_brief_done.png"))
    href = dash_duo.driver.find_element(By.CSS_SELECTOR, ".brief-download").get_attribute("href")
    head = dash_duo.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => done(new TextDecoder().decode(b.slice(0, 5))))
            .catch(e => done(String(e)));""", href)
    assert head == "%PDF-"
    assert_page_offline_and_clean(dash_duo, ("country-map", "profile-name"))


def test_pdf_export_is_one_page_at_the_figures_size(client):
    response = client.get("/export/network-shares.pdf?countries=KAZ&top=10")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pdf = read_pdf(response.data)
    assert len(pdf.pages) == 1 and "Kazakhstan" in pdf.pages[0].extract_text()
    assert client.get("/export/network-pairs.png").status_code == 404  # a table has no image
