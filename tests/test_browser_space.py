"""The users' space by default (issue 14) in headless Chromium on the built store: the map opens on the
default space with its label and summed flows (not 28k arcs), space=world restores the world, a click on a
flow chooses the pair, the back button returns to the space, Russian and Chinese labels, and screenshots
of the map, network and corridors pages in Russian at 1280x800 (tests/screenshots/space_*.png).

Run: `.venv/bin/python -m pytest --headless tests/test_browser_space.py`. Needs the built store.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from test_browser_map import MAP_DRAWN, MAP_IDS, choose_in_dropdown, full_trace, kpi_number, open_map, query_of

from dashboard.figures.map import TRACE_INDEX
from dashboard.figures.map_flows import FLOW_TRACES
from dashboard.state import ViewState
from dashboard.store import queries
from dashboard.store.catalog import load_catalog

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture
def app(store_app):
    return store_app


@pytest.fixture(scope="module")
def catalog(store_engine):
    return load_catalog()


def flow_points(dash_duo) -> int:
    return sum(len(full_trace(dash_duo, name, "lon") or []) for name in FLOW_TRACES[:-1])


def arc_points(dash_duo) -> int:
    return len(full_trace(dash_duo, "links", "lon") or []) + len(full_trace(dash_duo, "neighbour_links", "lon") or [])


def caption(dash_duo) -> str:
    return dash_duo.find_element("#space-caption").text


def test_the_default_map_is_the_space_with_flows_and_the_world_is_one_click_away(dash_duo, app, catalog):
    space = queries.filtered_view(catalog, ViewState())
    world = queries.filtered_view(catalog, ViewState(space="world"))
    dash_duo.start_server(app, navigate=False)
    open_map(dash_duo)
    assert "SCO, EAEU, CIS, BRICS and the Union State — members and partners" in caption(dash_duo)
    assert kpi_number(dash_duo, "twinnings") == space.kpis["twinnings"] < world.kpis["twinnings"] / 10
    assert arc_points(dash_duo) == 0 and flow_points(dash_duo) > 0  # flows, not 28k arcs
    hover = full_trace(dash_duo, "flow_hover", "hovertext")
    assert any("Belarus — Russia" in h and "twinnings" in h for h in hover)
    assert "Twinnings between countries, summed" in dash_duo.find_element("#map-legend").text

    open_map(dash_duo, "?space=world")  # the world as before spaces: every twinning as an arc
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == world.kpis["twinnings"])
    assert arc_points(dash_duo) == 3 * world.kpis["twinnings"] and flow_points(dash_duo) == 0
    assert "World" in caption(dash_duo)
    assert_page_offline_and_clean(dash_duo, MAP_IDS)


def test_the_space_menu_and_the_back_button(dash_duo, app, catalog):
    dash_duo.start_server(app, navigate=False)
    open_map(dash_duo)
    default_twinnings = kpi_number(dash_duo, "twinnings")
    choose_in_dropdown(dash_duo, "filter-space", "World")
    wait_until(dash_duo, lambda: query_of(dash_duo).get("space") == ["world"],
               message=f"space=world never reached the URL: {dash_duo.driver.current_url}")
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") > 10 * default_twinnings)
    wait_until(dash_duo, lambda: "World" in caption(dash_duo))
    dash_duo.driver.back()
    wait_until(dash_duo, lambda: "space" not in query_of(dash_duo))
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == default_twinnings,
               message="the back button did not return to the space")
    wait_until(dash_duo, lambda: "SCO, EAEU" in caption(dash_duo))
    assert_page_offline_and_clean(dash_duo, MAP_IDS)


def test_the_day_of_the_memberships_is_typed_and_named(dash_duo, app, catalog):
    earlier = queries.filtered_view(catalog, ViewState(space="SCO", on=dt.date(2020, 1, 1)))
    dash_duo.start_server(app, navigate=False)
    open_map(dash_duo, "?lang=ru&space=SCO")
    box = dash_duo.find_element("#filter-on")
    assert box.get_attribute("placeholder") == "сегодня (ГГГГ-ММ-ДД)"
    box.send_keys("2020-01-01", Keys.ENTER)
    wait_until(dash_duo, lambda: query_of(dash_duo).get("on") == ["2020-01-01"],
               message=f"on never reached the URL: {dash_duo.driver.current_url}")
    wait_until(dash_duo, lambda: "на 1 января 2020" in caption(dash_duo).replace("\u202f", " "))
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == earlier.kpis["twinnings"])
    assert_page_offline_and_clean(dash_duo, MAP_IDS)


def flow_marker(dash_duo, index: int) -> list[float] | None:
    """The screen position of the hover marker of the `index`-th flow (None when off the map)."""
    return dash_duo.driver.execute_script("""
        var gd = document.querySelector('#map-graph .js-plotly-plot');
        var layer = Array.from(gd.querySelectorAll('.geo g.trace.scattergeo')).find(
            g => g.__data__ && g.__data__[0] && g.__data__[0].trace.index === arguments[0]);
        var point = layer.querySelectorAll('path.point')[arguments[1]];
        if (!point) return null;
        var r = point.getBoundingClientRect(), box = gd.getBoundingClientRect();
        if (r.left < box.left + 300 || r.right > box.right - 380 || r.top < box.top + 10) return null;
        return [r.left + r.width / 2, r.top + r.height / 2];""", TRACE_INDEX["flow_hover"], index)


def mouse(dash_duo, kind: str, x: float, y: float) -> None:
    extra = {"button": "left", "clickCount": 1} if kind != "mouseMoved" else {}
    dash_duo.driver.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, **extra})


def test_clicking_a_flow_chooses_the_pair(dash_duo, app, catalog):
    dash_duo.start_server(app, navigate=False)
    open_map(dash_duo)
    pairs = full_trace(dash_duo, "flow_hover", "customdata")
    chosen = None
    for index, pair in enumerate(pairs[:40]):  # the largest flows first: the first one the mouse finds
        point = flow_marker(dash_duo, index)
        if pair is None or point is None:
            continue
        mouse(dash_duo, "mouseMoved", *point)
        hovered = dash_duo.driver.execute_script(
            "var h = document.querySelector('#map-graph .js-plotly-plot')._hoverdata;"
            "return h && h[0] ? h[0].customdata : null;")
        if hovered == pair:
            chosen = (pair, point)
            break
    assert chosen is not None, "no flow could be hovered at its marker"
    pair, point = chosen
    mouse(dash_duo, "mousePressed", *point)
    mouse(dash_duo, "mouseReleased", *point)
    first, second = pair.removeprefix("pair:").split(",")
    wait_until(dash_duo, lambda: query_of(dash_duo).get("pair") == [f"{first},{second}"],
               message=f"no pair chosen: {dash_duo.driver.current_url}")
    assert query_of(dash_duo).get("scope") == ["between"]
    expected = queries.filtered_view(catalog, ViewState(link_scope="between", pair=(first, second)))
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == expected.kpis["twinnings"])
    wait_until(dash_duo, lambda: arc_points(dash_duo) == 3 * expected.kpis["twinnings"])  # city arcs now
    assert_page_offline_and_clean(dash_duo, MAP_IDS)


@pytest.mark.parametrize("lang, words", [
    ("ru", ("Пространство: ШОС, ЕАЭС, СНГ, БРИКС и Союзное государство — члены и партнёры", "Беларусь — Россия",
            "Побратимства между странами, суммарно")),
    ("zh", ("合作空间：", "白俄罗斯 — 俄罗斯", "国家间友城关系（合计）")),
])
def test_the_space_speaks_russian_and_chinese(dash_duo, app, lang, words):
    caption_words, flow_words, legend_words = words
    dash_duo.start_server(app, navigate=False)
    open_map(dash_duo, f"?lang={lang}")
    assert caption(dash_duo).startswith(caption_words)
    assert any(flow_words in h for h in full_trace(dash_duo, "flow_hover", "hovertext"))
    assert legend_words in dash_duo.find_element("#map-legend").text
    assert_page_offline_and_clean(dash_duo, MAP_IDS)


def test_screenshots_in_russian_at_1280x800(dash_duo, app):
    """For a person to look at, as a delegate from Brest or Blagoveshchensk would (tests/screenshots/)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.start_server(app, navigate=False)
    open_map(dash_duo, "?lang=ru")
    dash_duo.driver.execute_script("return new Promise(done => setTimeout(done, 700))")
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "space_map_ru_1280x800.png"))
    for page, ready in (("network", "#network-matrix .js-plotly-plot"), ("corridors", "#corridors-graph .geo")):
        dash_duo.wait_for_page(url=f"{dash_duo.server.url}/{page}?lang=ru")
        wait_until(dash_duo, lambda ready=ready: dash_duo.driver.find_elements(By.CSS_SELECTOR, ready), 40,
                   f"the {page} page did not draw")
        dash_duo.driver.execute_script("return new Promise(done => setTimeout(done, 1200))")
        dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"space_{page}_ru_1280x800.png"))
        assert "Пространство: ШОС" in caption(dash_duo)
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, MAP_DRAWN) == []  # we left the map page
