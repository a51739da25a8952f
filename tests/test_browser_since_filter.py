"""The "Signed since" control of the filter panel, in headless Chromium on the built store (issue 21): typing a
year keeps the ties signed in or after it on the map and in its key figures, writes `since` into the URL, and a
shared link with `since` fills the box and draws the same ties; emptying the box brings every tie back.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_since_filter.py`; skipped without the store.
Expected figures come from SQL on the store, not from the code under test.
"""

from __future__ import annotations

import pytest
from browser_checks import wait_until
from selenium.webdriver.common.keys import Keys
from store_sql import sql
from test_browser_map import assert_offline_and_clean, full_trace, kpi_number, open_map, query_of

pytestmark = pytest.mark.browser

SINCE = "#filter-since"


@pytest.fixture
def store(store_engine):
    columns = set(sql(store_engine, "SELECT name FROM pragma_table_info('twinnings')")["name"])
    if "signed" not in columns:
        pytest.skip("the store was built before issue 21: rebuild it")
    return store_engine


def active_ties(store, since: str | None = None) -> int:
    """Active ties of the whole world, signed in or after the year `since` when given."""
    signed = "AND signed IS NOT NULL AND substr(signed, 1, 4) >= :year" if since else ""
    return int(sql(store, f"""SELECT COUNT(*) AS n FROM twinnings
                              WHERE status NOT IN ('suspended', 'ended') {signed}""", year=since)["n"].iloc[0])


def drawn_segments(dash_duo) -> int:
    """How many two-point segments the map's tie traces draw (NaN-separated: three values per segment)."""
    return sum(len(full_trace(dash_duo, trace, "lon") or []) // 3 for trace in ("links", "neighbour_links"))


def since_box(dash_duo):
    return dash_duo.find_element(SINCE)


def test_signed_since_filters_the_map_writes_the_url_and_a_shared_link_restores_it(dash_duo, store_app, store):
    every, recent = active_ties(store), active_ties(store, "2023")
    assert 0 < recent < every
    dash_duo.start_server(store_app, navigate=False)
    open_map(dash_duo, "?space=world&cities=1")
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == every)
    assert "Signed since" in dash_duo.find_element("label[for='filter-since']").text
    assert since_box(dash_duo).get_attribute("value") == ""
    segments_before = drawn_segments(dash_duo)

    since_box(dash_duo).send_keys("2023", Keys.ENTER)
    wait_until(dash_duo, lambda: query_of(dash_duo).get("since") == ["2023"], message="since not in the URL")
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == recent,
               message="the key figures did not follow the since filter")
    wait_until(dash_duo, lambda: 0 < drawn_segments(dash_duo) < segments_before,
               message="the map still draws the ties signed before 2023")

    # a shared link: a fresh page with since in its URL fills the box and shows the same ties
    open_map(dash_duo, "?space=world&cities=1&since=2023")
    wait_until(dash_duo, lambda: since_box(dash_duo).get_attribute("value") == "2023")
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == recent)

    # emptying the box brings every tie back and takes since out of the URL
    since_box(dash_duo).send_keys(Keys.CONTROL, "a")
    since_box(dash_duo).send_keys(Keys.BACKSPACE, Keys.ENTER)
    wait_until(dash_duo, lambda: "since" not in query_of(dash_duo), message="since stayed in the URL")
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == every)
    assert_offline_and_clean(dash_duo)


def test_the_since_box_is_labelled_in_russian_and_chinese(dash_duo, store_app, store):
    dash_duo.start_server(store_app, navigate=False)
    for lang, label, placeholder in (("ru", "Подписаны с", "ГГГГ"), ("zh", "签署起始", "年")):
        open_map(dash_duo, f"?lang={lang}&since=2015")
        wait_until(dash_duo, lambda expected=label: expected in dash_duo.find_element("label[for='filter-since']").text)
        assert placeholder in since_box(dash_duo).get_attribute("placeholder")
        assert since_box(dash_duo).get_attribute("value") == "2015"
