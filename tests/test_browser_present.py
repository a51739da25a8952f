"""Saved views and presentation mode in headless Chromium, on the real store and a real registry file.

Before signing in, "Save view" points to the sign-in; an editor signs in, saves the network page filtered to Belarus with "Save view" in the header (a story
slide with notes), two more slides are added, the /views page lists the story in order, and "Present"
opens /present: the shell's header, filter panel and footer are gone, and the keys → → ← End Home step
through the slides (title, "n / 3" and ?slide=n in the URL); the back button steps back and Esc leaves
to the view itself. Screenshots of slides at 1920×1080 and 1280×720 (tests/screenshots/present_*.png).

Run: `.venv/bin/python -m pytest --headless tests/test_browser_present.py`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from registry_world import PASSWORD, app_registry
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
STORY = "Forum 2026"


@pytest.fixture
def registry(tmp_path, monkeypatch, store_engine):
    return app_registry(tmp_path, monkeypatch)


@pytest.fixture
def app(registry):
    from dashboard.app import create_app
    return create_app()


def js(dash_duo, script: str):
    return dash_duo.driver.execute_script(script)


def text_of(dash_duo, selector: str) -> str:
    return js(dash_duo, f"const e = document.querySelector({selector!r}); return e ? e.innerText.trim() : '';")


def shown(dash_duo, selector: str) -> bool:
    return js(dash_duo, f"const e = document.querySelector({selector!r}); "
                        "return !!e && e.getBoundingClientRect().height > 0;")


def query_of(dash_duo) -> dict:
    return parse_qs(urlsplit(dash_duo.driver.current_url).query)


def press(dash_duo, key) -> None:
    ActionChains(dash_duo.driver).send_keys(key).perform()


def on_slide(dash_duo, number: int, title: str) -> None:
    wait_until(dash_duo, lambda: text_of(dash_duo, "#present-title") == title
               and text_of(dash_duo, "#present-counter") == f"{number} / 3"
               and query_of(dash_duo).get("slide") == [str(number)],
               message=f"slide {number} ({title!r}): saw {text_of(dash_duo, '#present-title')!r}, "
                       f"{text_of(dash_duo, '#present-counter')!r}, {dash_duo.driver.current_url}")


def set_viewport(dash_duo, width: int, height: int) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def slide_fits(dash_duo, width: int, height: int) -> dict:
    """What a projector shows: the slide fills the screen without scrolling, the figure takes most of it,
    the title and notes are in large type."""
    set_viewport(dash_duo, width, height)
    wait_until(dash_duo, lambda: js(dash_duo, "return window.innerWidth") == width)
    wait_until(dash_duo, lambda: abs(js(dash_duo, "const g = document.querySelector('#present-graph .main-svg');"
                                                  "const f = document.querySelector('.present-figure');"
                                                  "return g && f ? g.getBoundingClientRect().height - "
                                                  "f.getBoundingClientRect().height : 999;")) < 4,
               message="the figure did not fill its frame")
    return js(dash_duo, """
        const box = s => document.querySelector(s).getBoundingClientRect();
        const size = s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
        const notes = document.querySelector('#present-notes');
        return {scroll: document.scrollingElement.scrollHeight - window.innerHeight,
                figure: box('.present-figure').height * box('.present-figure').width,
                title: size('#present-title'), notes: notes ? size('#present-notes') : null,
                counter_bottom: box('#present-counter').bottom};""")


def test_an_editor_saves_a_story_and_presents_it_with_the_keyboard(dash_duo, app, registry):
    from dashboard.registry.saved_views import create_view, story_views

    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.start_server(app, navigate=False)
    # sign in as an editor
    dash_duo.wait_for_page(url=dash_duo.server.url + "/registry")
    name = dash_duo.wait_for_element("#registry-signin-name", timeout=45)
    # before signing in, "Save view" says who may save views instead of offering the form
    dash_duo.find_element("#save-view-open").click()
    wait_until(dash_duo, lambda: shown(dash_duo, ".save-view-signin") and not shown(dash_duo, ".save-view-form"))
    assert "Editors of the registry save views" in text_of(dash_duo, ".save-view-signin")
    dash_duo.find_element("#save-view-open").click()
    wait_until(dash_duo, lambda: not shown(dash_duo, "#save-view-panel"))
    name.send_keys("anna")
    dash_duo.find_element("#registry-signin-password").send_keys(PASSWORD)
    dash_duo.find_element("#registry-signin-submit").click()
    dash_duo.wait_for_element("#registry-signed-in", timeout=45)

    # "Save view" on the network page filtered to Belarus: the title is suggested from the view
    dash_duo.wait_for_page(url=dash_duo.server.url + "/network?countries=BLR")
    dash_duo.wait_for_element("#network-matrix .main-svg", timeout=45)
    dash_duo.find_element("#save-view-open").click()
    title = dash_duo.find_element("#save-view-title")
    wait_until(dash_duo, lambda: title.get_attribute("value") == "Network · Belarus")
    title.send_keys(Keys.CONTROL, "a")
    title.send_keys("Belarus: its twin-city network")
    dash_duo.find_element("#save-view-story").send_keys(STORY)
    dash_duo.find_element("#save-view-notes").send_keys("Russia dominates. Poland and Lithuania follow.")
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "present_save_view_1280x800.png"))
    dash_duo.find_element("#save-view-submit").click()
    wait_until(dash_duo, lambda: "Saved as “Belarus: its twin-city network”" in text_of(dash_duo, "#save-view-message"))
    assert text_of(dash_duo, "#save-view-link") == "/views/belarus-its-twin-city-network"
    [saved] = story_views(registry, STORY)
    assert (saved.path, saved.query, saved.position) == ("/network", "?countries=BLR", 1)

    # two more slides, then the list shows the story in order
    create_view(registry, {"title": "Twin cities of Belarus on the map", "path": "/", "story": STORY,
                           "query": "?countries=BLR&view=fit", "description": "Every twinning of a Belarusian city"},
                "anna")
    create_view(registry, {"title": "Minsk", "path": "/city/625144", "story": STORY, "notes": "The capital."}, "anna")
    dash_duo.wait_for_page(url=dash_duo.server.url + "/views")
    dash_duo.wait_for_element(".views-story", timeout=45)
    assert [e.text for e in dash_duo.driver.find_elements("css selector", ".views-story .view-title")] == [
        "Belarus: its twin-city network", "Twin cities of Belarus on the map", "Minsk"]

    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "present_views_list_1280x800.png"))
    # reorder with the arrows: the first slide one later, then back (the list follows the registry)
    titles = lambda: [e.text for e in dash_duo.driver.find_elements("css selector", ".views-story .view-title")]
    dash_duo.driver.find_element("css selector", "#view-belarus-its-twin-city-network .view-move[title=Later]").click()
    wait_until(dash_duo, lambda: titles()[:2] == ["Twin cities of Belarus on the map", "Belarus: its twin-city network"])
    assert [v.position for v in story_views(registry, STORY) if v.title == "Minsk"] == [3]
    dash_duo.driver.find_element("css selector", "#view-belarus-its-twin-city-network .view-move[title=Earlier]").click()
    wait_until(dash_duo, lambda: titles()[0] == "Belarus: its twin-city network")
    # edit a slide's notes in place
    dash_duo.driver.find_element("css selector", "#view-minsk .view-actions button:not(.view-move):not(.danger)").click()
    notes = dash_duo.wait_for_element("#views-edit-notes")
    wait_until(dash_duo, lambda: notes.get_attribute("value") == "The capital.")
    notes.send_keys(" Twinned with 25 cities.")
    dash_duo.find_element("#views-edit-save").click()
    wait_until(dash_duo, lambda: text_of(dash_duo, "#views-message") == "Saved."
               and "Twinned with 25 cities." in text_of(dash_duo, "#view-minsk .view-notes"))
    assert not shown(dash_duo, "#views-edit-panel")
    # Present: the slide only, slide 1
    dash_duo.driver.find_element("css selector", ".views-story-head .button-primary").click()
    on_slide(dash_duo, 1, "Belarus: its twin-city network")
    assert query_of(dash_duo)["story"] == [STORY]
    wait_until(dash_duo, lambda: not shown(dash_duo, ".app-header") and not shown(dash_duo, ".filter-panel")
               and not shown(dash_duo, ".app-footer"))
    assert text_of(dash_duo, "#present-notes") == "Russia dominates. Poland and Lithuania follow."
    dash_duo.wait_for_element("#present-graph .main-svg", timeout=45)

    # at 1920×1080 and on a 1280×720 projector: no scrolling, the figure fills most of it, large type
    for width, height in ((1920, 1080), (1280, 720)):
        fit = slide_fits(dash_duo, width, height)
        assert fit["scroll"] <= 0 and fit["counter_bottom"] <= height, fit
        assert fit["figure"] > 0.45 * width * height, fit
        assert fit["title"] >= 30 and fit["notes"] >= 18, fit
        dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"present_slide1_{width}x{height}.png"))

    # the keys: → → ← End Home
    press(dash_duo, Keys.ARROW_RIGHT)
    on_slide(dash_duo, 2, "Twin cities of Belarus on the map")
    assert text_of(dash_duo, ".present-description") == "Every twinning of a Belarusian city"
    dash_duo.wait_for_element("#present-graph .geo", timeout=45)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "present_slide2_1280x720.png"))
    press(dash_duo, Keys.ARROW_RIGHT)
    on_slide(dash_duo, 3, "Minsk")
    assert text_of(dash_duo, "#present-notes") == "The capital. Twinned with 25 cities."
    press(dash_duo, Keys.ARROW_RIGHT)  # the last slide stays
    press(dash_duo, Keys.ARROW_LEFT)
    on_slide(dash_duo, 2, "Twin cities of Belarus on the map")
    press(dash_duo, Keys.END)
    on_slide(dash_duo, 3, "Minsk")
    dash_duo.wait_for_element("#present-graph .geo", timeout=45)
    slide_fits(dash_duo, 1920, 1080)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "present_slide3_1920x1080.png"))
    press(dash_duo, Keys.HOME)
    on_slide(dash_duo, 1, "Belarus: its twin-city network")
    # the back button steps back through the slides shown
    dash_duo.driver.back()
    on_slide(dash_duo, 3, "Minsk")
    # Esc leaves to the view itself, with the shell back
    press(dash_duo, Keys.ESCAPE)
    wait_until(dash_duo, lambda: urlsplit(dash_duo.driver.current_url).path == "/city/625144")
    wait_until(dash_duo, lambda: shown(dash_duo, ".app-header") and shown(dash_duo, "#profile-name"))
    assert_page_offline_and_clean(dash_duo, ["present-deck", "present-graph", "save-view-panel", "views-list"])
