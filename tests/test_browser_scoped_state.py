"""Scoped state and honest zeros in headless Chromium (issue 20): what one page chose for itself (the city
selected on the map) does not follow the user through the menu or into a profile, the global filters that do
follow are shown on every page as chips the user can remove, and a zero says what the record holds.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_scoped_state.py`. Needs the built store.
"""

from __future__ import annotations

import pytest
from browser_checks import wait_until
from selenium.webdriver.common.by import By

pytestmark = pytest.mark.browser

MINSK = 625144


@pytest.fixture
def app(store_app):
    return store_app


def open_page(dash_duo, path: str, ready: str) -> None:
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, ready), 40, f"{ready} not drawn")


def follow_menu(dash_duo, path: str) -> None:
    """Click the header's link to `path` (client-side navigation, no reload)."""
    link = next(a for a in dash_duo.driver.find_elements(By.CSS_SELECTOR, "header a")
                if (a.get_attribute("href") or "").split("?")[0].endswith(path))
    link.click()
    wait_until(dash_duo, lambda: dash_duo.driver.current_url.split("?")[0].endswith(path), 20)


def chip_texts(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('#filter-chips .filter-chip-text')).map(e => e.innerText)")


def wait_for_chips(dash_duo, expected: list[str]) -> None:
    wait_until(dash_duo, lambda: chip_texts(dash_duo) == expected, 30,
               f"the chips are not {expected}")


def click_remove(dash_duo, index: int) -> None:
    """Click the × of the chip at `index` (found again if the chips were drawn anew meanwhile)."""
    def clicked() -> bool:
        buttons = dash_duo.find_elements("#filter-chips .filter-chip-remove")
        if len(buttons) <= index:
            return False
        buttons[index].click()
        return True

    wait_until(dash_duo, clicked, 20, f"no chip {index} to remove")


def test_the_city_selected_on_the_map_does_not_filter_the_pages_reached_through_the_menu(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/?lang=ru&countries=BLR&place={MINSK}", "header a.nav-link")
    follow_menu(dash_duo, "/activities")
    url = dash_duo.driver.current_url
    assert "place=" not in url and "countries=BLR" in url and "lang=ru" in url
    wait_for_chips(dash_duo, ["Страны: Беларусь"])  # the filter that did follow is in view
    follow_menu(dash_duo, "/network")
    assert "place=" not in dash_duo.driver.current_url
    wait_for_chips(dash_duo, ["Страны: Беларусь"])


def test_a_profile_reached_with_a_selected_city_links_other_profiles_without_it(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, f"/country/BLR?lang=ru&place={MINSK}", ".page-area a[href*='/country/']")
    hrefs = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll(\".page-area a[href*='/country/'], header a\"))"
        ".map(a => a.getAttribute('href'))")
    assert hrefs and [href for href in hrefs if "place=" in href] == []


def test_removing_a_chip_removes_that_filter_from_the_address_and_the_panel(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/network?lang=ru&countries=BLR,RUS&from=2023&to=2025", "#filter-chips .filter-chip")
    wait_for_chips(dash_duo, ["Страны: Беларусь", "Страны: Россия", "Годы (начала): 2023–2025"])
    remove = dash_duo.driver.find_element(By.CSS_SELECTOR, "#filter-chips .filter-chip-remove")
    assert remove.get_attribute("aria-label") == "Убрать фильтр «Страны: Беларусь»"
    click_remove(dash_duo, 0)
    wait_until(dash_duo, lambda: "countries=RUS" in dash_duo.driver.current_url, 20, "the URL kept Belarus")
    wait_for_chips(dash_duo, ["Страны: Россия", "Годы (начала): 2023–2025"])
    wait_until(dash_duo, lambda: "Беларусь" not in dash_duo.find_element("#filter-countries").text
               and "Россия" in dash_duo.find_element("#filter-countries").text, 20,
               "the countries selector still shows Belarus")
    follow_menu(dash_duo, "/activities")  # the filters in effect are shown on every page
    wait_for_chips(dash_duo, ["Страны: Россия", "Годы (начала): 2023–2025"])
    click_remove(dash_duo, 1)
    wait_until(dash_duo, lambda: "from=" not in dash_duo.driver.current_url
               and "to=" not in dash_duo.driver.current_url, 20, "the period stayed in the URL")
    wait_for_chips(dash_duo, ["Страны: Россия"])


def text_of(dash_duo, selector: str) -> str:
    return dash_duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.innerText : ''", selector)


def test_a_pair_with_no_ties_says_what_the_zero_means_until_the_filter_is_removed(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/network?lang=ru&scope=between&pair=KAZ,MNG", "#network-summary")
    wait_until(dash_duo, lambda: "вообще нет побратимств" in text_of(dash_duo, "#network-zero"), 30,
               "the zero does not say that the record holds no tie of the pair")
    zero = text_of(dash_duo, "#network-zero")
    assert "Монголия — ни одного списка" in zero and "Реестре" in zero
    wait_for_chips(dash_duo, ["Между двумя странами: Казахстан — Монголия"])
    click_remove(dash_duo, 0)
    wait_until(dash_duo, lambda: "pair=" not in dash_duo.driver.current_url, 20, "the pair stayed in the URL")
    wait_until(dash_duo, lambda: text_of(dash_duo, "#network-zero") == "", 30,
               "the explanation of a zero stayed after the ties came back")


def test_a_corridor_card_with_no_activities_says_what_its_countries_hold(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/corridors?lang=ru&corridor=p1651944", "#corridor-card-activities")
    wait_until(dash_duo, lambda: text_of(dash_duo, "#corridor-card-zero").startswith(
        "Ни одно записанное мероприятие"), 30, "the card's zero says nothing of its countries")
    assert "Реестре" in text_of(dash_duo, "#corridor-card-zero")
