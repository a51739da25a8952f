"""The corridors page in headless Chromium, on the real store: loads offline, parameters live in the URL,
a row opens its card, the GeoJSON export is valid. Screenshots go to tests/screenshots/.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_corridors.py`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_checks import wait_for_download, wait_until
from selenium.webdriver.common.by import By

from dashboard.app import create_app

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
VIEWPORTS = ((1280, 800), (1920, 1080))
READY = "#corridors-graph .geo path"
RESOURCES_JS = """
return performance.getEntriesByType('resource').map(e => ({
    url: e.name, status: e.responseStatus === undefined ? -1 : e.responseStatus}));
"""


@pytest.fixture
def store_built():
    """Skip unless the real store (with the corridor tables) is built: `python -m dashboard build`."""
    from dashboard.store.corridors import load_corridor_store

    try:
        load_corridor_store()
    except Exception as missing:  # no store, or one without the corridor tables
        pytest.skip(f"the corridors page needs the built store: {missing}")


@pytest.fixture
def app(store_built):
    return create_app()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def open_page(dash_duo, path: str) -> None:
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, READY), timeout=30,
               message="the corridors map was not drawn")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#corridors-grid .ag-row"),
               timeout=45, message="the corridors table has no rows")


def start(dash_duo, app, path: str) -> None:
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, path)


def set_viewport(dash_duo, width: int, height: int) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def other_pages_error(message: str) -> bool:
    """A callback error about a component of another page (that page's tests report it)."""
    marker = "The id of this object is `"
    if "A nonexistent object was used" not in message or marker not in message:
        return False
    return not message.split(marker, 1)[1].startswith("corridors-")


def assert_offline_and_clean(dash_duo) -> None:
    severe = [entry for entry in dash_duo.get_logs()
              if entry.get("level") == "SEVERE" and not other_pages_error(entry.get("message", ""))]
    assert severe == [], "\n".join(e["message"] for e in severe)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(dash_duo.server.url))
    resources = dash_duo.driver.execute_script(RESOURCES_JS)
    assert [r["url"] for r in resources if not r["url"].startswith(origin)] == []
    assert [r for r in resources if r["status"] == 0 or r["status"] >= 400] == []


def grid_names(dash_duo) -> list[str]:
    cells = dash_duo.driver.find_elements(By.CSS_SELECTOR, '#corridors-grid .ag-center-cols-container [col-id="name"], '
                                                           '#corridors-grid .ag-pinned-left-cols-container [col-id="name"]')
    return [cell.text for cell in cells]


def test_page_loads_offline_with_known_and_proposed_corridors(dash_duo, app):
    start(dash_duo, app, "/corridors?countries=RUS")
    names = grid_names(dash_duo)
    assert "Blagoveshchensk–Heihe bridge" in names
    assert any(name.startswith("Blagoveshchensk — Heihe") or name == "Heihe — Blagoveshchensk" for name in names), names
    # the map: known corridors solid, proposed dashed
    traces = dash_duo.driver.execute_script(
        "const gd = document.querySelector('#corridors-graph .js-plotly-plot');"
        "return gd._fullData.filter(t => t.mode === 'lines').map(t => [t.name, t.line.dash, t.lon.length]);")
    known = [(dash, n) for name, dash, n in traces if name == "Known corridor (with a source)"]
    proposed = [(dash, n) for name, dash, n in traces if name == "Candidate corridor (computed)"]
    assert known == [("solid", 3)]  # one segment: Blagoveshchensk-Heihe
    assert ("dash", proposed[0][1]) in proposed and proposed[0][1] > 30
    assert_offline_and_clean(dash_duo)


def test_parameters_write_the_url_and_rescore(dash_duo, app):
    start(dash_duo, app, "/corridors?countries=RUS")
    before = dash_duo.find_element("#corridors-kpi-pairs .kpi-value").text
    dash_duo.find_element("#corridors-ties label:nth-child(1)").click()  # ties weight: none
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url).get("cties") == ["0"],
               message=f"cties not in {dash_duo.driver.current_url}")
    open_page(dash_duo, "/corridors?countries=RUS&ckm=50")
    wait_until(dash_duo, lambda: dash_duo.find_element("#corridors-kpi-pairs .kpi-value").text != before,
               message="the number of pairs did not change with the distance")
    # back restores the control from the URL
    dash_duo.driver.back()
    wait_until(dash_duo, lambda: "ckm" not in query_of(dash_duo.driver.current_url))
    assert_offline_and_clean(dash_duo)


def test_a_table_row_opens_its_card_and_the_choice_is_in_the_url(dash_duo, app):
    start(dash_duo, app, "/corridors?countries=RUS")
    cell = dash_duo.driver.find_element(By.XPATH, "//div[@id='corridors-grid']//div[@col-id='name' and "
                                                  "contains(., 'Blagoveshchensk–Heihe bridge')]")
    cell.click()
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url).get("corridor") == ["k-blagoveshchensk_heihe"])
    dash_duo.wait_for_text_to_equal("#corridor-card-name", "Blagoveshchensk–Heihe bridge")
    card = dash_duo.find_element("#corridors-card").text
    assert "10 June 2022" in card and "sputniknews.com" in card
    # Russian, same choice
    open_page(dash_duo, "/corridors?lang=ru&countries=RUS&corridor=p2026609")
    dash_duo.wait_for_text_to_equal("#corridor-card-name", "Благовещенск — Хэйхэ")
    card = dash_duo.find_element("#corridors-card").text
    assert "Почему: пары городов" in card and "города-побратимы" in card
    assert_offline_and_clean(dash_duo)


def test_geojson_export_is_valid(dash_duo, app):
    start(dash_duo, app, "/corridors?countries=BLR")
    dash_duo.find_element("#corridors-export-geojson").click()
    target = wait_for_download(dash_duo, Path(dash_duo.download_path) / "borderlinks-corridors.geojson")
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    kinds = {feature["properties"]["kind"] for feature in collection["features"]}
    assert {"candidate", "crossborder_region"} <= kinds
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] in (
            "Point", "LineString", "MultiLineString", "MultiPolygon", "Polygon")
        coordinates = json.dumps(feature["geometry"]["coordinates"])
        values = [float(v) for v in coordinates.replace("[", " ").replace("]", " ").replace(",", " ").split()]
        assert all(-180 <= x <= 180 for x in values[0::2]) and all(-90 <= y <= 90 for y in values[1::2])
    # the table exports too
    dash_duo.find_element("#corridors-export-csv").click()
    table = wait_for_download(dash_duo, Path(dash_duo.download_path) / "borderlinks-corridors.csv")
    assert table.read_text(encoding="utf-8").startswith("item_id,kind,rank,name")
    dash_duo.find_element("#corridors-export-xlsx").click()
    workbook = wait_for_download(dash_duo, Path(dash_duo.download_path) / "borderlinks-corridors.xlsx")
    import pandas as pd
    sheet = pd.read_excel(workbook, sheet_name="corridors")
    rows = pd.read_csv(table)
    assert list(sheet.columns[:4]) == ["item_id", "kind", "rank", "name"]
    assert len(sheet) == len(rows) > 0 and list(sheet["item_id"]) == list(rows["item_id"])  # the table, in both
    assert_offline_and_clean(dash_duo)


STRIP_JS = """
const gd = document.querySelector('#corridors-graph .js-plotly-plot');
const trace = gd._fullData.find(t => t.type === 'choropleth' && t.index === 1);
const group = Array.from(gd.querySelectorAll('g.trace.choropleth'))
    .find(g => g.__data__ && g.__data__[0].trace.index === 1);
const drawn = group ? Array.from(group.querySelectorAll('.choroplethlocation'))
    .filter(p => p.__data__.loc === arguments[0]) : [];
return {name: trace.name, visible: trace.visible, geojson: typeof trace.geojson === 'string' ? trace.geojson : null,
        locations: (trace.locations || []).length, drawn: drawn.length,
        fill: drawn.length ? getComputedStyle(drawn[0]).fill : null};
"""


def strip_state(dash_duo, location: str = "BLR") -> dict:
    return dash_duo.driver.execute_script(STRIP_JS, location)


def legend_text(dash_duo) -> str:
    return dash_duo.find_element("#corridors-legend").text


def test_border_strip_layer_is_drawn_toggles_and_changes_width(dash_duo, app):
    start(dash_duo, app, "/corridors?countries=BLR")
    hidden = strip_state(dash_duo)
    assert hidden["visible"] is False and hidden["drawn"] == 0 and "Border strip" not in legend_text(dash_duo)
    # on: the URL says so, the strip's polygons come from the API and are drawn, shaded green
    dash_duo.find_element("#corridors-strip input[type='checkbox']").click()
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url).get("strip") == ["1"],
               message=f"strip not in {dash_duo.driver.current_url}")
    wait_until(dash_duo, lambda: strip_state(dash_duo)["drawn"] > 0, timeout=40, message="the strip was not drawn")
    shown = strip_state(dash_duo)
    assert shown["visible"] is True and shown["name"] == "Border strip, 50 km" and shown["locations"] > 150
    assert "/api/v1/layers/border_strip.geojson?km=50&by=country" in shown["geojson"]
    assert shown["fill"] == "rgba(0, 158, 115, 0.24)"  # the palette's green, shaded
    assert "Border strip, 50 km" in legend_text(dash_duo)
    # the width: 100 km
    dash_duo.find_element("#corridors-strip-km label:nth-child(3)").click()
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url).get("stripkm") == ["100"])
    wait_until(dash_duo, lambda: "km=100" in (strip_state(dash_duo)["geojson"] or "")
               and strip_state(dash_duo)["drawn"] > 0, timeout=30, message="the 100 km strip was not drawn")
    wait_until(dash_duo, lambda: "Border strip, 100 km" in legend_text(dash_duo))
    # other parameters leave the strip alone; the page still answers
    before = dash_duo.find_element("#corridors-kpi-pairs .kpi-value").text
    open_page(dash_duo, "/corridors?countries=BLR&strip=1&stripkm=100&ckm=50")
    wait_until(dash_duo, lambda: strip_state(dash_duo)["drawn"] > 0, timeout=30)
    wait_until(dash_duo, lambda: dash_duo.find_element("#corridors-kpi-pairs .kpi-value").text != before)
    # off again
    dash_duo.find_element("#corridors-strip input[type='checkbox']").click()
    wait_until(dash_duo, lambda: "strip" not in query_of(dash_duo.driver.current_url))
    wait_until(dash_duo, lambda: strip_state(dash_duo)["drawn"] == 0, message="the strip was not hidden")
    assert strip_state(dash_duo)["visible"] is False and "Border strip" not in legend_text(dash_duo)
    assert query_of(dash_duo.driver.current_url).get("stripkm") == ["100"]  # the width is kept
    assert_offline_and_clean(dash_duo)


def test_the_table_and_card_count_the_registrys_activities(dash_duo, app):
    start(dash_duo, app, "/corridors?countries=RUS&corridor=k-blagoveshchensk_heihe")
    grid = wait_until(dash_duo, lambda: dash_duo.driver.execute_script(  # the grid may still be re-rendering
        "const api = dash_ag_grid.getApi('corridors-grid');"
        "const node = api && api.getRowNode('k-blagoveshchensk_heihe');"
        "return node && node.data ? {headers: api.getColumnDefs().map(c => c.headerName), row: node.data}"
        "                         : null;"), message="the corridor's row is not in the grid")
    assert "Activities" in grid["headers"], grid["headers"]
    assert isinstance(grid["row"]["activities"], int) and grid["row"]["activities_sample"] == 0
    dash_duo.wait_for_text_to_equal("#corridor-card-name", "Blagoveshchensk–Heihe bridge")
    line = wait_until(dash_duo, lambda: dash_duo.find_element("#corridor-card-activities").text,
                      message="the card has no activities line")
    assert line.startswith("Activities in the registry: ") and line.rsplit(" ", 1)[1].isdigit(), line
    open_page(dash_duo, "/corridors?lang=ru&countries=RUS&corridor=k-blagoveshchensk_heihe&sample=1")
    wait_until(dash_duo, lambda: dash_duo.find_element("#corridor-card-activities").text.startswith(
        "Мероприятий в реестре: "))
    assert_offline_and_clean(dash_duo)


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_corridors_screenshots(dash_duo, app, width, height):
    dash_duo.start_server(app, navigate=False)
    set_viewport(dash_duo, width, height)
    for name, query in (("en", "?countries=RUS,BLR,KAZ,CHN&corridor=p2026609"),
                        ("ru", "?lang=ru&blocs=EAEU&corridor=x-dnepr")):
        open_page(dash_duo, "/corridors" + query)
        dash_duo.wait_for_element("#corridor-card-name")
        time.sleep(0.5)
        SCREENSHOTS.mkdir(exist_ok=True)
        dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"corridors_{name}_{width}x{height}.png"))
    # the border strip shown (100 km) round Belarus
    open_page(dash_duo, "/corridors?countries=BLR&view=fit&strip=1&stripkm=100")
    wait_until(dash_duo, lambda: strip_state(dash_duo)["drawn"] > 0, timeout=40, message="the strip was not drawn")
    time.sleep(0.5)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"corridors_strip_{width}x{height}.png"))
    assert_offline_and_clean(dash_duo)
