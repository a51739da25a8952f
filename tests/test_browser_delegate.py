"""A delegate's session in headless Chromium (issue 20): pages reached through the menu as a user does, the
corridors table under a pair filter, and every page in Russian and Chinese free of English words.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_delegate.py`. Needs the built store.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from browser_checks import wait_until

pytestmark = pytest.mark.browser

MATRIX = "#network-matrix .js-plotly-plot"


@pytest.fixture
def app(store_app):
    return store_app


def open_page(dash_duo, path: str, ready: str) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ready), 40, f"{ready} not drawn")


def follow_menu(dash_duo, path: str) -> None:
    """Click the header's link to `path` (client-side navigation, no reload)."""
    link = next(a for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, "header a")
                if (a.get_attribute("href") or "").split("?")[0].endswith(path))
    link.click()
    wait_until(dash_duo, lambda: dash_duo.driver.current_url.split("?")[0].endswith(path), 20)


def severe_errors(dash_duo) -> list[str]:
    return [e["message"] for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]


def test_the_matrix_is_drawn_after_coming_from_activities_through_the_menu(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/activities?lang=ru", ".page-area h1")
    follow_menu(dash_duo, "/network")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, MATRIX + " .hm"), 40,
               "the matrix stayed empty axes after client-side navigation")
    cells = dash_duo.driver.execute_script(
        "return document.querySelector(arguments[0])._fullData[0].customdata.length", MATRIX)
    assert cells > 1
    assert not [m for m in severe_errors(dash_duo) if "Cannot patch" in m]


def corridor_rows(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#corridors-grid .ag-center-cols-container .ag-row'))"
        ".map(r => r.innerText)")


def test_the_corridors_table_keeps_to_the_chosen_pair(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/corridors?lang=ru&scope=between&pair=RUS,BLR", "#corridors-grid .ag-row")
    wait_until(dash_duo, lambda: corridor_rows(dash_duo), 40)
    rows = corridor_rows(dash_duo)
    assert rows and all("Беларусь" in row and "Россия" in row for row in rows), rows  # no Mexico–USA
    assert not [r for r in rows if "Бишкек" in r or "Мексика" in r]


def test_between_two_countries_takes_the_countries_already_chosen(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/corridors?lang=ru&countries=BLR,RUS", "#corridors-grid .ag-row")
    scope = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#filter-link-scope input[value='between']")[0]
    dash_duo.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", scope)
    scope.click()
    wait_until(dash_duo, lambda: "pair=BLR%2CRUS" in dash_duo.driver.current_url
               or "pair=BLR,RUS" in dash_duo.driver.current_url, 20, "the pair did not take the chosen countries")
    wait_until(dash_duo, lambda: corridor_rows(dash_duo) and all(
        "Беларусь" in row and "Россия" in row for row in corridor_rows(dash_duo)), 40)


def test_the_grids_page_in_russian(dash_duo, app):
    """AG Grid's own paging texts come in the interface language ("1 – 50 из 167. Страница 1 из 4")."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/sources?lang=ru", "#sources-review .ag-paging-panel, .ag-paging-panel")
    wait_until(dash_duo, lambda: "Страница" in dash_duo.driver.execute_script(
        "return document.querySelector('.ag-paging-panel').textContent"), 30)
    paging = dash_duo.driver.execute_script("return document.querySelector('.ag-paging-panel').textContent")
    assert " из " in paging and "Page" not in paging and " of " not in paging
