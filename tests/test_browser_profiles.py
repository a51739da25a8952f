"""The country and city profiles in headless Chromium on the built store: opened from a link on the map page,
figures against SQL, every name a link, Russian, unknown subjects.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_profiles.py`. Needs the store (skipped
without it). Screenshots: tests/screenshots/profile_*.png.
"""

from __future__ import annotations

import re
import struct
import time
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from selenium.webdriver.common.by import By
from store_sql import sql

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
GOMEL = 627907
OUR_IDS = ("profile-name", "city-map", "country-map", "city-partners", "country-cities", "place-card-profile")


@pytest.fixture
def store(store_engine):
    return store_engine


@pytest.fixture
def app(store_app):
    return store_app


def partners_sql(engine, place_id: int) -> pd.DataFrame:
    return sql(engine, """
        SELECT p.place_id, p.name_en, p.name_ru, p.iso3 FROM twinnings t
        JOIN places p ON p.place_id = CASE WHEN t.place_a = :id THEN t.place_b ELSE t.place_a END
        WHERE t.place_a = :id OR t.place_b = :id""", id=place_id)


def open_page(dash_duo, path: str, ready: str, size: tuple[int, int] = (1280, 800)) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ready), 40, f"{ready} not drawn")


def kpi_number(dash_duo, key: str) -> int:
    return int(re.sub(r"\D", "", dash_duo.find_element(f"#kpi-{key} .kpi-value").text))


def assert_offline_and_clean(dash_duo) -> None:
    assert_page_offline_and_clean(dash_duo, OUR_IDS)


def screenshot(dash_duo, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"profile_{name}.png"))


# ---- tests ---------------------------------------------------------------------------------------------------------

def test_a_city_profile_opens_from_the_map_and_links_to_its_country(dash_duo, app, store):
    partners = partners_sql(store, GOMEL)
    name = sql(store, "SELECT name_en FROM places WHERE place_id = :id", id=GOMEL).name_en[0]
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/?countries=BLR&place={GOMEL}", "#place-card-profile")
    link = dash_duo.find_element("#place-card-profile")
    assert urlsplit(link.get_attribute("href")).path == f"/city/{GOMEL}"
    link.click()

    wait_until(dash_duo, lambda: dash_duo.find_element("#profile-name").text == name, 30,
               "the city profile did not open from the map's card")
    url = urlsplit(dash_duo.driver.current_url)
    assert url.path == f"/city/{GOMEL}" and parse_qs(url.query)["countries"] == ["BLR"]  # filters travel along
    assert kpi_number(dash_duo, "twinnings") == len(partners)
    assert kpi_number(dash_duo, "partner-countries") == partners.loc[partners.iso3 != "BLR", "iso3"].nunique()
    rows = dash_duo.find_elements("#city-partners tbody tr")
    assert len(rows) == len(partners)
    hrefs = {urlsplit(a.get_attribute("href")).path for a in dash_duo.find_elements("#city-partners a.entity-link")}
    assert {f"/city/{p}" for p in partners.place_id} <= hrefs  # every twin's name links to its profile
    assert {f"/country/{c}" for c in partners.iso3.dropna()} <= hrefs
    border = dash_duo.find_element("#kpi-border").text
    assert "km" in border and "border" in border  # distance to the nearest land border, with the neighbour
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#city-map .geo path"), 40,
               "the city's map was not drawn")
    drawn = dash_duo.driver.execute_script(
        "var gd = document.querySelector('#city-map .js-plotly-plot');"
        "var t = gd._fullData.find(t => t.name === 'Twin cities'); return Array.from(t.customdata);")
    assert sorted(drawn) == sorted(partners.place_id.tolist())
    screenshot(dash_duo, "city_1280")

    dash_duo.find_element("#city-country").click()
    wait_until(dash_duo, lambda: dash_duo.find_element("#profile-name").text == "Belarus", 30)
    assert urlsplit(dash_duo.driver.current_url).path == "/country/BLR"
    touching = sql(store, """SELECT COUNT(*) AS n FROM twinnings t JOIN places a ON a.place_id = t.place_a
                             JOIN places b ON b.place_id = t.place_b WHERE a.iso3 = 'BLR' OR b.iso3 = 'BLR'""").n[0]
    assert kpi_number(dash_duo, "twinnings") == touching
    assert dash_duo.find_elements("#partner-countries a.entity-link")[0].text == "Russia"
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#country-map .geo path"), 40)
    assert_offline_and_clean(dash_duo)


def test_profiles_in_russian_and_unknown_subjects(dash_duo, app, store):
    name_ru = sql(store, "SELECT name_ru FROM places WHERE place_id = :id", id=GOMEL).name_ru[0]
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/city/{GOMEL}?lang=ru", "#profile-name")
    assert dash_duo.find_element("#profile-name").text == name_ru
    assert dash_duo.find_element("#city-country").text == "Беларусь"
    assert "Городов-побратимов" in dash_duo.find_element("#kpi-twinnings").text
    open_page(dash_duo, "/country/RUS", "#profile-name")
    assert dash_duo.find_element("#profile-name").text == "Russia"
    dash_duo.find_element("#lang-switch label:nth-child(2)").click()  # re-rendered in place, in Russian
    wait_until(dash_duo, lambda: dash_duo.find_element("#profile-name").text == "Россия", 20)
    open_page(dash_duo, "/country/XYZ", "h1")
    assert "XYZ" in dash_duo.find_element("h1").text
    open_page(dash_duo, "/city/999999999999", "h1")
    assert "999999999999" in dash_duo.find_element("h1").text


def png_facts(png: bytes) -> tuple[int, int, int]:
    """(width, height, how many distinct byte values a sample of its pixel rows holds) of a PNG: a page
    drawn in one colour holds a handful, a drawn profile hundreds."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", png[16:24])
    position, data = 8, b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        if kind == b"IDAT":
            data += png[position + 8:position + 8 + length]
        position += 12 + length
    return width, height, len(set(zlib.decompress(data)[::101]))


def assert_screenshot_drawn(dash_duo, name: str, size: tuple[int, int]) -> None:
    """Saves the screenshot; it has the window's size and is not blank."""
    screenshot(dash_duo, name)
    width, height, distinct = png_facts((SCREENSHOTS / f"profile_{name}.png").read_bytes())
    assert (width, height) == size
    assert distinct > 50, f"profile_{name}.png is (nearly) blank: {distinct} distinct byte values"


@pytest.mark.parametrize("width, height", [(1280, 800), (1920, 1080)])
def test_profile_screenshots(dash_duo, app, store, width, height):
    name_ru = sql(store, "SELECT name_ru FROM places WHERE place_id = :id", id=GOMEL).name_ru[0]
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/country/BLR", "#country-map .geo path", (width, height))
    time.sleep(1)
    assert dash_duo.find_element("#profile-name").text == "Belarus"
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-fe-error__title") == []  # no callback error
    assert_screenshot_drawn(dash_duo, f"country_{width}", (width, height))
    open_page(dash_duo, f"/city/{GOMEL}?lang=ru", "#city-map .geo path", (width, height))
    time.sleep(1)
    assert dash_duo.find_element("#profile-name").text == name_ru
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-fe-error__title") == []
    assert_screenshot_drawn(dash_duo, f"city_ru_{width}", (width, height))
    assert_offline_and_clean(dash_duo)
