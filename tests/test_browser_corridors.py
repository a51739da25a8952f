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
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

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


def wait_until(dash_duo, condition, timeout: float = 15, message: str = ""):
    return WebDriverWait(dash_duo.driver, timeout).until(lambda driver: condition(), message)


def open_page(dash_duo, path: str) -> None:
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, READY), timeout=30,
               message="the corridors map was not drawn")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#corridors-grid .ag-row"),
               timeout=20, message="the corridors table has no rows")


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
    proposed = [(dash, n) for name, dash, n in traces if name == "Proposed corridor (computed)"]
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
    target = Path(dash_duo.download_path) / "borderlinks-corridors.geojson"
    wait_until(dash_duo, lambda: target.exists() and target.stat().st_size > 0, timeout=20,
               message="no GeoJSON was downloaded")
    time.sleep(0.3)
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["features"]
    kinds = {feature["properties"]["kind"] for feature in collection["features"]}
    assert {"proposed", "crossborder_region"} <= kinds
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] in (
            "Point", "LineString", "MultiLineString", "MultiPolygon", "Polygon")
        coordinates = json.dumps(feature["geometry"]["coordinates"])
        values = [float(v) for v in coordinates.replace("[", " ").replace("]", " ").replace(",", " ").split()]
        assert all(-180 <= x <= 180 for x in values[0::2]) and all(-90 <= y <= 90 for y in values[1::2])
    # the table exports too
    dash_duo.find_element("#corridors-export-csv").click()
    table = Path(dash_duo.download_path) / "borderlinks-corridors.csv"
    wait_until(dash_duo, lambda: table.exists() and table.stat().st_size > 0, timeout=20)
    assert table.read_text(encoding="utf-8").startswith("item_id,kind,rank,name")
    dash_duo.find_element("#corridors-export-xlsx").click()
    workbook = Path(dash_duo.download_path) / "borderlinks-corridors.xlsx"
    wait_until(dash_duo, lambda: workbook.exists() and workbook.stat().st_size > 0, timeout=20)
    time.sleep(0.3)
    import pandas as pd
    sheet = pd.read_excel(workbook, sheet_name="corridors")
    assert list(sheet.columns[:4]) == ["item_id", "kind", "rank", "name"] and len(sheet) > 5
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
    assert_offline_and_clean(dash_duo)
