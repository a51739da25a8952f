"""The /sources page on the built store: datasets, row counts and match rates from the build, coverage, the
unmatched twinnings (AG Grid with CSV / XLSX) and the attribution lines; the footer links to it.

Run: `.venv/bin/python -m pytest --headless tests/test_sources.py`. Needs the store (skipped without it).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from selenium.webdriver.common.by import By

SCREENSHOTS = Path(__file__).parent / "screenshots"
MANIFEST = Path(__file__).resolve().parent.parent / "data" / "manifest.csv"


@pytest.mark.browser
def test_sources_page_lists_datasets_counts_unmatched_twinnings_and_attribution(dash_duo, store_app, store_engine,
                                                                                 tmp_path):
    with store_engine.connect() as connection:
        review = connection.exec_driver_sql("SELECT count(*) FROM twinning_review").scalar()
        places = connection.exec_driver_sql("SELECT count(*) FROM places").scalar()
    manifest = list(csv.DictReader(MANIFEST.open(encoding="utf-8")))
    dash_duo.start_server(store_app)
    dash_duo.wait_for_page(url=dash_duo.server.url + "/?countries=BLR")
    # the footer's sources link leads here, keeping the view
    wait_until(dash_duo, lambda: "/sources" in (dash_duo.find_element(".footer-link").get_attribute("href") or ""))
    dash_duo.find_element(".footer-link").click()
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#sources-datasets tbody tr"))
    assert "countries=BLR" in dash_duo.driver.current_url
    rows = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#sources-datasets tbody tr")
    assert len(rows) == len(manifest)
    text = dash_duo.find_element("#sources-datasets").text
    assert "CC0" in text and "public domain" in text and "hekman_twin_cities_geocoded.csv" in text
    assert f"{places:,}" in dash_duo.find_element("#sources-store").text
    assert "Wikipedia pairs matched to places" in dash_duo.find_element("#sources-match").text
    assert "Belarus" in dash_duo.find_element("#sources-coverage").text
    assert f"({review:,})" in dash_duo.find_element("#sources-review-heading").text
    lines = [li.text for li in dash_duo.driver.find_elements(By.CSS_SELECTOR, "#sources-attribution li")]
    assert len(lines) == 5 and any("CC BY 4.0" in line for line in lines) and any("ODbL" in line for line in lines)
    # the grid shows the unmatched twinnings with their reason; the CSV holds them all
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#sources-review-grid .ag-row"))
    dash_duo.find_element("#sources-review-csv").click()
    table = Path(dash_duo.download_path) / "borderlinks-unmatched-twinnings.csv"
    wait_until(dash_duo, lambda: table.exists() and table.stat().st_size > 0)
    written = list(csv.reader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert written[0][-1] == "Reason" and len(written) - 1 == review
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / "sources_page.png"))
    # in Russian, in place
    dash_duo.find_element("#lang-switch label:nth-child(2)").click()
    wait_until(dash_duo, lambda: "Источники и охват" in dash_duo.find_element("h1").text)
    assert "Авторы Википедии" in dash_duo.find_element("#sources-attribution").text
    assert_page_offline_and_clean(dash_duo, ("sources-body", "sources-review-grid"))
