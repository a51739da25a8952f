"""The network page in headless Chromium on the built store: the matrix against SQL, a clicked cell, the tabs
in the URL, the table's search, sort and XLSX download, Russian.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_network.py`. Needs the store (skipped
without it). Expected figures come from SQL on the store. Screenshots: tests/screenshots/network_*.png.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from store_sql import sql

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
MATRIX = "#network-matrix .js-plotly-plot"
OUR_IDS = ("network-matrix", "network-cell-map", "network-grid", "network-tabs", "network-cell-panel",
           "network-communities-map", "network-search", "network-download")


@pytest.fixture
def store(store_engine):
    return store_engine


@pytest.fixture
def app(store_app):
    return store_app


def pair_count(engine, x: str, y: str) -> int:
    return int(sql(engine, """
        SELECT COUNT(*) AS n FROM twinnings t
        JOIN places a ON a.place_id = t.place_a JOIN places b ON b.place_id = t.place_b
        WHERE ((a.iso3 = :x AND b.iso3 = :y) OR (a.iso3 = :y AND b.iso3 = :x))
              AND t.status NOT IN ('suspended', 'ended')""", x=x, y=y).n[0])


def touching_count(engine, iso3: str, like: str | None = None) -> int:
    name = "" if like is None else " AND (lower(a.name_en) LIKE :like OR lower(b.name_en) LIKE :like)"
    return int(sql(engine, f"""
        SELECT COUNT(*) AS n FROM twinnings t
        JOIN places a ON a.place_id = t.place_a JOIN places b ON b.place_id = t.place_b
        WHERE (a.iso3 = :iso3 OR b.iso3 = :iso3) AND t.status NOT IN ('suspended', 'ended'){name}""",
                   iso3=iso3, like=f"%{like}%").n[0])


# ---- helpers ----------------------------------------------------------------------------------------------------

def open_page(dash_duo, path: str, ready: str, size: tuple[int, int] = (1280, 800)) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ready), 40, f"{ready} not drawn")


def matrix_cells(dash_duo) -> tuple[list[list[str]], list[list[str]]]:
    """(text, customdata) of the heatmap as drawn."""
    return dash_duo.driver.execute_script(
        "var gd = document.querySelector(arguments[0]); var t = gd._fullData[0];"
        "return [t.text, t.customdata];", MATRIX)


def click_matrix_cell(dash_duo, row: str, column: str) -> None:
    """A real mouse click in the middle of a heatmap cell (row and column by ISO3 code)."""
    x, y = dash_duo.driver.execute_script("""
        var gd = document.querySelector(arguments[0]); var L = gd._fullLayout;
        var box = gd.getBoundingClientRect();
        var x = L.xaxis._offset + L.xaxis.d2p(arguments[2]), y = L.yaxis._offset + L.yaxis.d2p(arguments[1]);
        return [box.left + x, box.top + y];""", MATRIX, row, column)
    ActionChains(dash_duo.driver).move_to_location(int(x), int(y)).pause(0.3).click().perform()


def assert_offline_and_clean(dash_duo) -> None:
    assert_page_offline_and_clean(dash_duo, OUR_IDS)


def number(text_: str) -> int:
    """The digits of a text as a number (-1 when there are none yet)."""
    digits = re.sub(r"\D", "", text_)
    return int(digits) if digits else -1


def grid_rows(dash_duo, column: str = "name_a") -> list[str]:
    """The text of `column` in the grid's rendered rows, in row order."""
    return dash_duo.driver.execute_script("""
        var rows = Array.from(document.querySelectorAll('#network-grid .ag-center-cols-container .ag-row'));
        rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')));
        return rows.map(r => { var c = r.querySelector('[col-id="' + arguments[0] + '"]');
                               return c ? c.innerText.trim() : ''; })
                   .filter(t => t !== '');""", column)


def screenshot(dash_duo, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"network_{name}.png"))


# ---- tests ---------------------------------------------------------------------------------------------------------

def test_matrix_equals_sql_and_a_cell_lists_and_maps_its_twinnings(dash_duo, app, store):
    expected = pair_count(store, "RUS", "BLR")
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/network?countries=BLR,RUS", MATRIX + " .hm")
    texts, custom = matrix_cells(dash_duo)
    n = len(custom)
    where = {custom[i][j]: (i, j) for i in range(n) for j in range(n)}
    i, j = where["RUS|BLR"]
    assert int(texts[i][j].replace(",", "")) == expected == int(texts[j][i].replace(",", ""))  # symmetric
    assert all(texts[a][b] == texts[b][a] for a in range(n) for b in range(n))

    click_matrix_cell(dash_duo, "RUS", "BLR")
    wait_until(dash_duo, lambda: "Russia" in dash_duo.find_element("#network-cell-title").text, 20,
               "the clicked cell's panel did not open")
    assert dash_duo.find_element("#network-cell-title").text == "Russia — Belarus"
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        "return (document.querySelector(arguments[0]).layout.shapes || []).length", MATRIX) == 2, 10,
        "the chosen cell is not outlined")  # both cells of the pair, patched onto the drawn figure
    assert number(dash_duo.find_element("#network-cell-head .cell-meta").text.split("·")[0]) == expected
    rows = dash_duo.find_elements("#network-cell-table tbody tr")
    assert len(rows) == min(expected, 200)  # the 200 shortest listed; the map draws them all
    if expected > 200:
        assert "The 200 shortest" in dash_duo.find_element(".cell-list .hint").text
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#network-cell-map .geo path"),
               40, "the cell's map was not drawn")
    lines = dash_duo.driver.execute_script(
        "var gd = document.querySelector('#network-cell-map .js-plotly-plot');"
        "return Array.from(gd._fullData[1].lon).length;")
    assert lines == 3 * expected  # one NaN-separated great circle per twinning
    on_map = dash_duo.find_element("#network-cell-on-map").get_attribute("href")
    assert "scope=between" in on_map and "pair=" in on_map
    dash_duo.find_element(".cell-close").click()
    wait_until(dash_duo, lambda: "open" not in dash_duo.find_element("#network-cell-panel").get_attribute("class"))
    assert_offline_and_clean(dash_duo)


def test_the_open_tab_is_in_the_url_and_the_page_speaks_russian(dash_duo, app, store):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/network?blocs=EAEU#communities", "#network-communities-map .scattergeo")
    assert dash_duo.find_element(".network-tabs .tab--selected").text == "Communities"
    first = dash_duo.find_element(".community-list li").text
    assert first.startswith("Community 1") and "Hubs:" in first
    dash_duo.find_elements(".network-tabs .tab")[1].click()  # Top cities
    wait_until(dash_duo, lambda: urlsplit(dash_duo.driver.current_url).fragment == "cities")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#network-cities-twinnings .bars"))
    dash_duo.find_element("#lang-switch label:nth-child(2)").click()
    wait_until(dash_duo, lambda: dash_duo.find_element(".network-tabs .tab--selected").text == "Ведущие города")
    assert dash_duo.find_element(".network-head h1").text == "Сеть побратимских связей"
    assert "В текущем фильтре" in dash_duo.find_element("#network-summary").text
    def labels():  # the chart is redrawn just after the heading changes: wait for it
        return dash_duo.driver.execute_script(
            "return document.querySelector('#network-cities-twinnings .js-plotly-plot')._fullLayout.yaxis.ticktext;")
    wait_until(dash_duo, lambda: any(re.search("[а-яё]", label, re.IGNORECASE) for label in labels()), 20,
               "the top cities' labels stayed in English")
    assert_offline_and_clean(dash_duo)


def test_the_table_searches_sorts_and_downloads_exactly_the_rows_shown(dash_duo, app, store):
    total = touching_count(store, "BLR")
    with_minsk = touching_count(store, "BLR", "minsk")
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/network?space=world&countries=BLR#table", "#network-grid .ag-row")
    wait_until(dash_duo, lambda: number(dash_duo.find_element("#network-count").text) == total, 20,
               "the count of the table is not the store's")
    dash_duo.find_element("#network-search").send_keys("minsk")
    wait_until(dash_duo, lambda: dash_duo.find_element("#network-count").text.startswith(
        f"{with_minsk:,} of"), 20, "the search did not narrow the table")
    # sort by distance, longest first (two clicks on the header)
    header = dash_duo.find_element("#network-grid .ag-header-cell[col-id='distance_km'] .ag-header-cell-label")
    header.click()
    time.sleep(0.5)
    dash_duo.find_element("#network-grid .ag-header-cell[col-id='distance_km'] .ag-header-cell-label").click()

    def distances() -> list[int]:
        return [number(v) for v in grid_rows(dash_duo, "distance_km")]
    wait_until(dash_duo, lambda: len(distances()) > 3 and distances() == sorted(distances(), reverse=True), 20,
               "the grid is not sorted by distance")
    shown_names = grid_rows(dash_duo, "name_a")
    shown_km = distances()

    dash_duo.find_element("#network-download-xlsx").click()
    folder = Path(dash_duo.download_path)
    wait_until(dash_duo, lambda: list(folder.glob("*.xlsx")), 30, "no XLSX was downloaded")
    time.sleep(0.5)
    book = openpyxl.load_workbook(next(folder.glob("*.xlsx")))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:5] == ("City", "Country", "Twin city", "Twin's country", "Distance, km")
    assert len(rows) - 1 == with_minsk
    assert [r[0] for r in rows[1:len(shown_names) + 1]] == shown_names
    assert [int(r[4]) for r in rows[1:len(shown_km) + 1]] == shown_km
    assert all("minsk" in " ".join(str(v) for v in r[:4]).lower() for r in rows[1:])
    screenshot(dash_duo, "table_1280")
    assert_offline_and_clean(dash_duo)


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)])
def test_network_page_screenshots(dash_duo, app, store, width, height):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/network?blocs=SCO", MATRIX + " .hm", (width, height))
    click_matrix_cell(dash_duo, "RUS", "BLR")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#network-cell-map .geo path"), 40)
    time.sleep(1)
    screenshot(dash_duo, f"matrix_{width}")
    open_page(dash_duo, "/network?blocs=SCO&lang=ru#blocs", "#network-shares .bars", (width, height))
    time.sleep(1)
    screenshot(dash_duo, f"blocs_ru_{width}")
