"""The map in Chinese (?lang=zh) in headless Chromium, on the built store: shell, filters, names, search.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_zh.py`. Needs the store
(`python -m dashboard build`); skipped without it. Expected names come from SQL on the store. The
screenshot (tests/screenshots/map_page_zh_1280x800.png) needs a CJK font (Debian's fonts-wqy-microhei,
installed by `make browser`), else Chinese shows as boxes.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dash
import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from store_sql import sql

from dashboard.figures.map import TRACE_INDEX
from dashboard.i18n import t
from dashboard.store.queries import localized

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
MAP_DRAWN = "#map-graph .geo .choroplethlocation"
MAP_IDS = ("map-graph", "kpi-strip", "place-card", "place-search", "map-legend", "map-drawn", "map-notice")


def one(engine, query: str, **params):
    return sql(engine, query, **params).iloc[0]


def trace(dash_duo, name: str, key: str):
    """A drawn map trace's attribute, as plotly holds it (typed arrays decoded)."""
    return dash_duo.driver.execute_script(
        "var gd = document.querySelector('#map-graph .js-plotly-plot');"
        "var v = gd._fullData[arguments[0]][arguments[1]];"
        "return v && v.length !== undefined && typeof v !== 'string' ? Array.from(v) : v;",
        TRACE_INDEX[name], key)


def card_names(dash_duo) -> list[str]:
    """The twins in the city card: in the filter (Belarus) and outside it."""
    items = dash_duo.find_elements("#place-card-partners li") + dash_duo.find_elements("#place-card-outside li")
    return sorted(e.text.split("\n")[0] for e in items)


def first_option(dash_duo) -> str:
    try:
        options = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
        return options[0].text if options else ""
    except StaleElementReferenceException:
        return ""


def test_the_map_in_chinese(dash_duo, store_engine, store_app):
    podolsk = one(store_engine, "SELECT place_id, name_zh FROM places WHERE name_en = 'Podolsk' AND iso3 = 'RUS'")
    belarus = one(store_engine, "SELECT name_zh FROM countries WHERE iso3 = 'BLR'").name_zh
    russia = one(store_engine, "SELECT name_zh FROM countries WHERE iso3 = 'RUS'").name_zh
    minsk = one(store_engine, "SELECT name_zh FROM places WHERE name_en = 'Minsk' AND iso3 = 'BLR'").name_zh
    # a twin of Podolsk with no Chinese name in the store shows a transcription of its Russian name
    twins = sql(store_engine, """
        SELECT p.name_en, p.name_ru, p.name_zh, p.iso3 FROM twinnings t
        JOIN places p ON p.place_id = CASE WHEN t.place_a = :id THEN t.place_b ELSE t.place_a END
        WHERE t.place_a = :id OR t.place_b = :id""", id=int(podolsk.place_id))
    expected_twins = sorted(localized(twins, "zh"))
    assert (belarus, russia, podolsk.name_zh) == ("白俄罗斯", "俄罗斯", "波多利斯克")

    dash_duo.start_server(store_app, navigate=False)
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    dash_duo.wait_for_page(url=f"{dash_duo.server.url}/?lang=zh&countries=BLR&place={int(podolsk.place_id)}")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, MAP_DRAWN), 30,
               "the map was not drawn")

    # the shell: language switch, page links, filter panel, document language
    assert [label.text for label in dash_duo.find_elements("#lang-switch label")] == ["EN", "RU", "ZH"]
    assert dash_duo.find_element("#lang-switch label.selected").text == "ZH"
    nav = [link.text for link in dash_duo.find_elements(".page-nav .nav-link")]
    assert nav == [t(page["nav_key"], "zh") for page in dash.page_registry.values() if page.get("nav_key")]
    assert nav[0] == "地图"
    assert dash_duo.find_element(".panel-heading h2").text == "筛选"
    labels = [label.text for label in dash_duo.find_elements(".filter-panel .field-label")]
    assert "国家" in labels and "国际组织" in labels and "人口不少于" in labels
    assert dash_duo.find_element("#filter-border-only").text == "仅限边境地区"
    wait_until(dash_duo, lambda: belarus in dash_duo.find_element("#filter-countries").text,
               message="the countries filter does not show Belarus in Chinese")
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "zh"

    # the page: heading, key figures, legend, the chosen city and its twins, map hover texts
    assert dash_duo.find_element("#kpi-twinnings .kpi-label").text == "友城关系"
    dash_duo.wait_for_text_to_equal("#place-card-name", "波多利斯克")
    assert "图例" in dash_duo.find_element("#map-legend").text
    wait_until(dash_duo, lambda: card_names(dash_duo) == expected_twins,
               message=f"the twins are not {expected_twins}")
    assert "公里" in dash_duo.find_element("#place-card-partners").text
    wait_until(dash_duo, lambda: (trace(dash_duo, "selection_labels", "text") or [""])[0] == "<b>波多利斯克</b>")
    hover = trace(dash_duo, "places", "hovertext") or []
    assert any("人口" in h for h in hover) and any(russia in h or belarus in h for h in hover)
    dash_duo.driver.execute_script("return new Promise(done => setTimeout(done, 500))")
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "map_page_zh_1280x800.png"))

    # search by the Chinese name
    dash_duo.find_element("#place-search").click()
    box = dash_duo.wait_for_element(".dash-dropdown-search")
    box.send_keys(minsk)
    wait_until(dash_duo, lambda: first_option(dash_duo) == f"{minsk} · {belarus}",
               message=f"no option {minsk} · {belarus}")
    box.send_keys("\ue007")  # Enter
    dash_duo.wait_for_text_to_equal("#place-card-name", minsk)
    assert parse_qs(urlsplit(dash_duo.driver.current_url).query)["lang"] == ["zh"]
    assert_page_offline_and_clean(dash_duo, MAP_IDS)
