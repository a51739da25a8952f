"""/monitoring in headless Chromium, in Russian, on the built store and a registry holding the cited events:
the key figures are the API's numbers, the headings are Russian, the report downloads after its progress
shows, nothing is fetched from another host; screenshots at 1280×800 in Russian and English
(tests/screenshots/, git-ignored: look at them).

Run: `.venv/bin/python -m pytest --headless tests/test_browser_monitoring.py`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_checks import assert_page_offline_and_clean, wait_until

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
ARGS = {"countries": "RUS,BLR", "from": "2023-01-01", "to": "2025-12-31", "dormant": "3"}
PAGE_IDS = ("monitoring-countries", "monitoring-body", "monitoring-report-button", "monitoring-report-status")


@pytest.fixture
def app(store_catalog, tmp_path, monkeypatch):
    from dashboard.app import create_app
    from dashboard.registry.service import live_frames

    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", f"sqlite:///{tmp_path / 'registry.sqlite'}")
    live_frames(store_catalog)  # the cited events, imported once
    return create_app()


def kpi(dash_duo, key: str) -> int:
    value = dash_duo.driver.execute_script(
        f"const e = document.querySelector('#monitoring-kpi-{key} .kpi-value'); return e ? e.innerText : '-1';")
    return int(value.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ""))


def screenshot(dash_duo, name: str) -> None:
    dash_duo.driver.set_window_size(1280, 800)
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.driver.save_screenshot(str(SCREENSHOTS / name))


def test_monitoring_in_russian_shows_the_apis_numbers_and_makes_the_report(dash_duo, app, store_catalog):
    from dashboard.charts.monitoring import monitoring_data

    summary = monitoring_data(store_catalog, ARGS).summary()
    dash_duo.start_server(app, navigate=False)
    dash_duo.wait_for_page(url=dash_duo.server.url + "/monitoring?lang=ru&countries=RUS,BLR")
    dash_duo.wait_for_element("#monitoring-kpi-ties", timeout=60)
    assert dash_duo.find_element("h1").text == "Состояние побратимских связей"
    assert kpi(dash_duo, "ties") == summary["ties"]
    assert kpi(dash_duo, "held") == summary["activities_held"]
    assert kpi(dash_duo, "active") == summary["ties_by_state"]["active"] + summary["ties_by_state"]["renewed"]
    headings = [h.text for h in dash_duo.find_elements(".monitoring-card h2")]
    assert {"Связи по состоянию", "План мероприятий: план и факт", "Мероприятия и источники"} <= set(headings)
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        "const g = document.querySelector('#monitoring-map .js-plotly-plot'); return g && g._fullData.length > 1;"))
    screenshot(dash_duo, "monitoring-ru-1280x800.png")

    dash_duo.find_element("#monitoring-report-button").click()
    link = wait_until(dash_duo, lambda: dash_duo.find_element("#monitoring-report-link"), timeout=120)
    assert link.text.endswith("-ru.docx") and "/export/jobs/" in link.get_attribute("href")
    assert_page_offline_and_clean(dash_duo, PAGE_IDS)


def test_monitoring_in_english_screenshot(dash_duo, app):
    dash_duo.start_server(app, navigate=False)
    dash_duo.wait_for_page(url=dash_duo.server.url + "/monitoring?countries=RUS,BLR")
    dash_duo.wait_for_element("#monitoring-kpi-ties", timeout=60)
    assert dash_duo.find_element("h1").text == "State of twin-city ties"
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        "const g = document.querySelector('#monitoring-map .js-plotly-plot'); return g && g._fullData.length > 1;"))
    screenshot(dash_duo, "monitoring-en-1280x800.png")
    assert_page_offline_and_clean(dash_duo, PAGE_IDS)
