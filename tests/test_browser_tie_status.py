"""Suspended and ended ties on the map, in headless Chromium on the built store (issue 21): by default the
world view draws active ties only and counts the others apart; one click on "All ties" in the filter panel draws
a suspended tie dashed in its own trace (never among the active ones) and the city card gives its status, the
date of the change and the source.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_tie_status.py`; skipped without the store.
"""

from __future__ import annotations

import math

import pytest
from browser_checks import wait_until
from selenium.webdriver.common.by import By
from store_sql import sql
from test_browser_map import assert_offline_and_clean, full_trace, kpi_number, open_map, query_of

pytestmark = pytest.mark.browser

HELSINKI, ST_PETERSBURG = 658225, 498817


@pytest.fixture
def store(store_engine):
    columns = set(sql(store_engine, "SELECT name FROM pragma_table_info('twinnings')")["name"])
    if "status" not in columns:
        pytest.skip("the store was built before issue 21: rebuild it")
    return store_engine


def segments(dash_duo, trace: str) -> set[tuple[float, float, float, float]]:
    """The (lon_a, lat_a, lon_b, lat_b) of each NaN-separated segment of a drawn line trace, rounded."""
    lon, lat = full_trace(dash_duo, trace, "lon") or [], full_trace(dash_duo, trace, "lat") or []
    found = set()
    for start in range(0, len(lon) - 1, 3):
        if lon[start] is None or lon[start + 1] is None or any(math.isnan(v) for v in lon[start:start + 2]):
            continue
        ends = sorted([(round(lon[start], 2), round(lat[start], 2)), (round(lon[start + 1], 2), round(lat[start + 1], 2))])
        found.add((*ends[0], *ends[1]))
    return found


def helsinki_petersburg(store) -> tuple[float, float, float, float]:
    places = sql(store, "SELECT place_id, lon, lat FROM places WHERE place_id IN (:a, :b)",
                 a=HELSINKI, b=ST_PETERSBURG).set_index("place_id")
    ends = sorted((round(float(places.loc[p, "lon"]), 2), round(float(places.loc[p, "lat"]), 2))
                  for p in (HELSINKI, ST_PETERSBURG))
    return (*ends[0], *ends[1])


def test_a_suspended_tie_is_not_drawn_among_active_ties_and_shows_its_status_and_source_on_asking(
        dash_duo, store_app, store):
    counts = sql(store, "SELECT status, COUNT(*) AS n FROM twinnings GROUP BY status").set_index("status")["n"]
    pair = helsinki_petersburg(store)
    dash_duo.start_server(store_app, navigate=False)
    open_map(dash_duo, f"?space=world&place={HELSINKI}")

    # the default: active ties only, the suspended and ended ones counted apart in the legend
    wait_until(dash_duo, lambda: kpi_number(dash_duo, "twinnings") == counts.get("active", 0))
    active = segments(dash_duo, "links") | segments(dash_duo, "neighbour_links")
    assert pair not in active and not segments(dash_duo, "suspended_links")
    legend = dash_duo.find_element("#map-legend-inactive").text
    assert f"Suspended {counts['suspended']}" in legend and f"ended {counts['ended']}" in legend
    outside = dash_duo.find_element("#place-card-outside").text
    assert "St. Petersburg" in outside and "Suspended since February 2022" in outside

    # one click: all ties; the suspended one in its own dashed trace, with its status and source on the card
    dash_duo.find_element("#filter-status input[value='all']").click()
    wait_until(dash_duo, lambda: query_of(dash_duo).get("status") == ["all"])
    wait_until(dash_duo, lambda: pair in segments(dash_duo, "suspended_links"), 20,
               "the suspended Helsinki–St Petersburg tie was not drawn")
    assert full_trace(dash_duo, "suspended_links", "line")["dash"] == "dash"
    assert pair not in segments(dash_duo, "links") | segments(dash_duo, "neighbour_links")
    assert kpi_number(dash_duo, "twinnings") == int(counts.sum())
    wait_until(dash_duo, lambda: "St. Petersburg" in dash_duo.find_element("#place-card-partners").text)
    row = [item for item in dash_duo.find_elements("#place-card-partners li") if "St. Petersburg" in item.text][0]
    assert "Suspended since February 2022" in row.text
    source = row.find_element(By.CSS_SELECTOR, "a.tie-source")
    assert source.get_attribute("href").startswith("https://kestavyys.hel.fi/")
    legend = dash_duo.find_element("#map-legend").text
    assert "Suspended ties (dashed)" in legend and "Ended ties (dotted)" in legend
    assert_offline_and_clean(dash_duo)
