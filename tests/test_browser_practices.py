"""The practice library in headless Chromium on the built store: a search typed in Russian finds practices by
another word form, highlights the words, and a result opens the practice's own page (stable address, title,
sources, map), offline and without errors; screenshots at 1280x800 in Russian and English.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_practices.py`. Needs the store.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
OUR_IDS = ("practices-q", "practices-results", "practices-map", "practice-title", "practice-map")


@pytest.fixture
def app(store_engine, tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", f"sqlite:///{tmp_path / 'registry.sqlite'}")
    from dashboard.app import create_app

    return create_app()


def open_page(dash_duo, path: str, ready: str) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ready), 60, f"{ready} not drawn")


def card_titles(dash_duo) -> list[str]:
    return [link.text for link in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".practice-card h3 a")]


def test_a_search_in_russian_finds_word_forms_and_opens_a_practice_page(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/practices?lang=ru", ".practice-card")
    box = dash_duo.find_element("#practices-q")
    box.send_keys("туристический", Keys.ENTER)  # the texts say "туризм", "туристам", "туристический"
    wait_until(dash_duo, lambda: any("Маньчжоули" in title for title in card_titles(dash_duo)), 60,
               "the tourism festival of Manzhouli was not found")
    marks = [m.text.lower() for m in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".practice-snippet mark")]
    assert marks and all(word.startswith("тур") for word in marks), marks
    assert "практ" in dash_duo.find_element("#practices-count").text
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "practices_search_ru.png"))
    link = next(a for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, ".practice-card h3 a") if "Маньчжоули" in a.text)
    title = link.text
    link.click()
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.ID, "practice-title"), 60, "practice page not drawn")
    assert dash_duo.find_element("#practice-title").text == title
    assert dash_duo.driver.current_url.split("?")[0].endswith("/practices/manzhouli-three-countries-tourism-festival")
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#practice-sources a[href^='http']")
    assert "/export/practices-map.pdf?id=manzhouli-three-countries-tourism-festival" in \
        dash_duo.find_element("#practice-pdf").get_attribute("href")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#practice-map .geo"), 60, "no map")
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "practice_page_ru.png"))
    assert_page_offline_and_clean(dash_duo, OUR_IDS)


def test_the_practice_library_in_english(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/practices?lang=en&q=agri-tourism", ".practice-card")
    assert card_titles(dash_duo) == ["Visa-free entry to cross-border tourist parks of Belarus"]
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "practices_search_en.png"))
    open_page(dash_duo, "/practices/blagoveshchensk-heihe-road-bridge?lang=en", "#practice-title")
    assert dash_duo.find_element("#practice-title").text == "Blagoveshchensk–Heihe road bridge over the Amur"
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "practice_page_en.png"))
    open_page(dash_duo, "/partners?place=627904&lang=ru", "#suggestions-table")
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#suggestions-table tbody tr")
    assert rows and all(row.find_elements(By.CSS_SELECTOR, "td")[1].text != "BLR" for row in rows)  # never Belarus
    assert "0,35" in dash_duo.find_element("#suggestions-table-weights").text  # the weights are shown
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "partners_ru.png"))
    assert_page_offline_and_clean(dash_duo, OUR_IDS + ("suggestions-table",))
