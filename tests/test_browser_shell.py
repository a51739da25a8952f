"""The app shell in headless Chromium: pages load offline, language switch, URL <-> controls.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_shell.py`. Chromium resolves no host
but the test server (see conftest.py), so any remote fetch fails and fails the test.
Screenshots go to tests/screenshots/ (git-ignored): look at them after a UI change.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dash
import pytest
from browser_checks import wait_until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.app import create_app
from dashboard.i18n import t

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
VIEWPORTS = ((1280, 800), (1920, 1080))
READY = {"/": "#map-graph .main-svg", "/about": "#about-body h1"}  # what shows a page has rendered

# every resource the page loaded: where from, and whether it failed (responseStatus 0 or >= 400)
RESOURCES_JS = """
return performance.getEntriesByType('resource').map(e => ({
    url: e.name, status: e.responseStatus === undefined ? -1 : e.responseStatus}));
"""


@pytest.fixture
def app(shell_catalog):
    return create_app()


@pytest.fixture
def store_built():
    """Skip unless the real store is built: the map page draws from it (`python -m dashboard build`)."""
    from dashboard import settings
    from dashboard.store.catalog import StoreMissing, engine_for

    try:
        engine_for(settings.database_url()).dispose()
    except StoreMissing as missing:
        pytest.skip(f"the map page needs the built store: {missing}")


def nav_paths() -> list[str]:
    return [page["relative_path"] for page in dash.page_registry.values() if page.get("nav_key")]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def set_viewport(dash_duo, width: int, height: int) -> None:
    """An exact CSS viewport (the window's outer size differs by the browser's frame)."""
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def start(dash_duo, app, path: str) -> None:
    """Serve `app` and open `path` (without first visiting "/", which needs the built store)."""
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, path)


def open_page(dash_duo, path: str) -> None:
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    bare_path = urlsplit(path).path
    dash_duo.wait_for_element(READY.get(bare_path, ".app-header"), timeout=15)


def assert_offline_and_clean(dash_duo) -> None:
    """No SEVERE browser log entry; every resource came from the test server and loaded."""
    severe = [entry for entry in dash_duo.get_logs() if entry.get("level") == "SEVERE"]
    assert severe == [], severe
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(dash_duo.server.url))
    resources = dash_duo.driver.execute_script(RESOURCES_JS)
    remote = [r["url"] for r in resources if not r["url"].startswith(origin)]
    failed = [r for r in resources if r["status"] == 0 or r["status"] >= 400]
    assert remote == [], remote
    assert failed == [], failed


def selected_label(dash_duo, dropdown_id: str) -> str:
    return dash_duo.find_element(f"#{dropdown_id}").text


def choose_in_dropdown(dash_duo, dropdown_id: str, search: str) -> None:
    """Open a Dash 4 dropdown, type into its search box, pick the first match, close it."""
    dash_duo.find_element(f"#{dropdown_id}").click()
    box = dash_duo.wait_for_element(".dash-dropdown-search")
    box.send_keys(search)
    box.send_keys(Keys.ENTER)
    box.send_keys(Keys.ESCAPE)


def test_the_pages_are_registered(app):
    assert nav_paths()[:1] == ["/"] and "/about" in nav_paths()


def test_every_page_loads_offline_without_errors(dash_duo, app, store_built):
    dash_duo.start_server(app, navigate=False)
    for path in nav_paths():
        open_page(dash_duo, path)
        assert dash_duo.find_element(".brand-name").text == "Borderlinks"
        assert dash_duo.driver.title.startswith("Borderlinks")
        assert_offline_and_clean(dash_duo)


def test_about_page_names_sources_and_the_proposal(dash_duo, app):
    start(dash_duo, app, "/about")
    body = dash_duo.find_element("#about-body").text
    for attribution in ("Natural Earth", "GeoNames", "CC BY 4.0", "Wikipedia contributors", "CC BY-SA 4.0",
                        "OpenStreetMap contributors", "ODbL", "Wikidata", "CC0"):
        assert attribution in body
    assert "20 October 2022" in body and "proposed" in body and "not adopted" in body.lower()
    assert_offline_and_clean(dash_duo)


def test_unknown_path_shows_not_found(dash_duo, app):
    start(dash_duo, app, "/no-such-page?lang=ru")
    dash_duo.wait_for_text_to_equal(".text-page h1", "Страница не найдена")


def test_map_base_layer_comes_from_vendored_topojson(dash_duo, app, store_built):
    start(dash_duo, app, "/")
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#map-graph .geo path"),
               message="the base map was not drawn")
    resources = dash_duo.driver.execute_script(RESOURCES_JS)
    topojson = [r for r in resources if "/assets/topojson/" in r["url"]]
    assert topojson and all(r["status"] == 200 for r in topojson), topojson
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, '[data-title^="Share"]')
    assert_offline_and_clean(dash_duo)


def test_switching_to_russian_translates_the_shell_and_writes_the_url(dash_duo, app):
    start(dash_duo, app, "/about")
    assert dash_duo.find_element(".panel-heading h2").text == "Filters"
    dash_duo.find_element("#lang-switch label:nth-child(2)").click()  # RU

    dash_duo.wait_for_text_to_equal(".panel-heading h2", "Фильтры")
    nav = [link.text for link in dash_duo.find_elements(".page-nav .nav-link")]
    assert nav[0] == "Карта" and nav[-1] == "О проекте"
    assert nav == [t(page["nav_key"], "ru") for page in dash.page_registry.values() if page.get("nav_key")]
    # the tagline gives way to the page links in a 1280 px header, but is translated all the same
    assert "Города-побратимы" in dash_duo.find_element(".brand-tagline").get_attribute("textContent")
    labels = [label.text for label in dash_duo.find_elements(".filter-panel .field-label")]
    assert "Страны" in labels and "Блоки" in labels and "Население не менее" in labels
    assert dash_duo.find_element("#filter-border-only").text == "Только приграничные регионы"
    assert query_of(dash_duo.driver.current_url) == {"lang": ["ru"]}
    assert dash_duo.driver.execute_script("return document.documentElement.lang") == "ru"

    dash_duo.wait_for_text_to_equal("#about-body h1", "О проекте Borderlinks")  # the page too
    # the page links keep the state
    wait_until(dash_duo, lambda: all(query_of(link.get_attribute("href")) == {"lang": ["ru"]}
                                     for link in dash_duo.find_elements(".page-nav .nav-link")))
    dash_duo.find_element("#lang-switch label:nth-child(1)").click()  # back to EN
    dash_duo.wait_for_text_to_equal(".panel-heading h2", "Filters")
    dash_duo.wait_for_text_to_equal("#about-body h1", "About Borderlinks")
    assert query_of(dash_duo.driver.current_url) == {}
    assert_offline_and_clean(dash_duo)


def country_name(catalog, iso3: str, lang: str) -> str:
    from dashboard.components.filter_options import localized_names

    countries = catalog.countries.set_index("iso3", drop=False)
    return str(localized_names(countries, lang)[iso3])


def test_reloading_a_url_restores_the_controls(dash_duo, app, shell_catalog):
    belarus = country_name(shell_catalog, "BLR", "ru")
    start(dash_duo, app, "/about?lang=ru&countries=BLR&minpop=50000&border=1")
    dash_duo.wait_for_text_to_equal(".panel-heading h2", "Фильтры")
    wait_until(dash_duo, lambda: belarus in selected_label(dash_duo, "filter-countries"),
               message=f"the countries dropdown does not show {belarus}")
    assert dash_duo.find_element("#lang-switch label.selected").text == "RU"
    assert dash_duo.find_element("#filter-min-population").get_attribute("value") == "50000"
    assert dash_duo.find_element("#filter-border-only input").is_selected()

    dash_duo.driver.refresh()
    dash_duo.wait_for_element(READY["/about"], timeout=15)
    wait_until(dash_duo, lambda: belarus in selected_label(dash_duo, "filter-countries"))
    assert query_of(dash_duo.driver.current_url) == {
        "lang": ["ru"], "countries": ["BLR"], "border": ["1"], "minpop": ["50000"]}
    assert_offline_and_clean(dash_duo)


def test_opening_a_url_adds_one_history_entry_even_with_unknown_codes(dash_duo, app):
    start(dash_duo, app, "/about")
    before = dash_duo.driver.execute_script("return history.length")
    url = "/about?countries=BLR,XYZ&regions=RUS-0"
    open_page(dash_duo, url)
    dash_duo.wait_for_element("#filter-countries .dash-dropdown-value-item")
    dash_duo.driver.execute_script("return new Promise(done => setTimeout(done, 1000))")
    assert dash_duo.driver.execute_script("return history.length") == before + 1
    assert dash_duo.driver.current_url.endswith(url)


def test_controls_write_the_url_and_back_restores_them(dash_duo, app):
    start(dash_duo, app, "/about")
    dash_duo.find_element("#filter-viewport label:nth-child(2)").click()  # World
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url) == {"view": ["world"]})

    choose_in_dropdown(dash_duo, "filter-countries", "Belarus")
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url).get("countries") == ["BLR"],
               message=f"countries not in {dash_duo.driver.current_url}")
    # no reload happened: the page keeps its JavaScript state
    dash_duo.driver.execute_script("window.__same_page = true")

    dash_duo.driver.back()
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url) == {"view": ["world"]})
    wait_until(dash_duo, lambda: "Belarus" not in selected_label(dash_duo, "filter-countries"),
               message="back did not clear the countries control")
    dash_duo.driver.back()
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url) == {})
    wait_until(dash_duo, lambda: dash_duo.find_element("#filter-viewport label.selected").text == "Eurasia")
    assert dash_duo.driver.execute_script("return window.__same_page === true")

    dash_duo.driver.forward()
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url) == {"view": ["world"]})
    wait_until(dash_duo, lambda: dash_duo.find_element("#filter-viewport label.selected").text == "World")
    assert_offline_and_clean(dash_duo)


def test_reset_keeps_the_language_only(dash_duo, app):
    start(dash_duo, app, "/about?lang=ru&view=world&minpop=1000")
    dash_duo.wait_for_text_to_equal(".panel-heading h2", "Фильтры")
    dash_duo.find_element("#filter-reset").click()
    wait_until(dash_duo, lambda: query_of(dash_duo.driver.current_url) == {"lang": ["ru"]})
    wait_until(dash_duo, lambda: dash_duo.find_element("#filter-viewport label.selected").text == "Евразия")
    assert dash_duo.find_element("#filter-min-population").get_attribute("value") == "0"

    open_page(dash_duo, "/about?view=world")
    dash_duo.find_element("#filter-reset").click()
    wait_until(dash_duo, lambda: urlsplit(dash_duo.driver.current_url).query == "")
    assert urlsplit(dash_duo.driver.current_url).path == "/about"


def test_between_scope_shows_the_pair_of_countries(dash_duo, app, shell_catalog):
    start(dash_duo, app, "/about?scope=between&pair=BLR,RUS")
    wait_until(dash_duo, lambda: dash_duo.find_element("#filter-pair-fields").is_displayed())
    wait_until(dash_duo, lambda: country_name(shell_catalog, "BLR", "en")
               in selected_label(dash_duo, "filter-pair-first"))
    assert country_name(shell_catalog, "RUS", "en") in selected_label(dash_duo, "filter-pair-second")
    dash_duo.find_element("#filter-link-scope label:nth-child(1)").click()
    wait_until(dash_duo, lambda: not dash_duo.find_element("#filter-pair-fields").is_displayed())
    assert query_of(dash_duo.driver.current_url) == {"pair": ["BLR,RUS"]}


def screenshot(dash_duo, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def assert_no_page_scroll(dash_duo, height: int) -> None:
    assert dash_duo.driver.execute_script("return document.documentElement.scrollHeight") <= height


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_shell_screenshots(dash_duo, app, width, height):
    dash_duo.start_server(app, navigate=False)
    set_viewport(dash_duo, width, height)
    for lang, query in (("en", "?scope=between&pair=BLR,RUS&blocs=SCO,BRICS:partner"),
                        ("ru", "?lang=ru&countries=BLR,RUS&border=1&minpop=50000")):
        open_page(dash_duo, "/about" + query)
        assert_no_page_scroll(dash_duo, height)
        screenshot(dash_duo, f"about_{lang}_{width}x{height}")
    assert_offline_and_clean(dash_duo)


@pytest.mark.parametrize("width, height", VIEWPORTS)
def test_map_fills_the_viewport_right_of_the_panel(dash_duo, app, store_built, width, height):
    dash_duo.start_server(app, navigate=False)
    set_viewport(dash_duo, width, height)
    for lang, query in (("en", ""), ("ru", "?lang=ru&countries=BLR,RUS")):
        open_page(dash_duo, "/" + query)
        wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#map-graph .geo path"))
        panel = dash_duo.find_element(".filter-panel").rect
        # the stage is what shows: the graph inside it keeps the map frame's shape and is clipped to it
        graph = dash_duo.find_element(".map-stage").rect
        footer = dash_duo.find_element(".app-footer").rect
        assert abs(graph["x"] - (panel["x"] + panel["width"])) <= 1
        assert abs(graph["x"] + graph["width"] - width) <= 1
        assert abs(graph["y"] + graph["height"] - footer["y"]) <= 1
        assert graph["height"] >= 0.7 * height
        assert_no_page_scroll(dash_duo, height)
        screenshot(dash_duo, f"map_{lang}_{width}x{height}")
    assert_offline_and_clean(dash_duo)
