"""The Activities page in headless Chromium: counts equal SQL for the URL's filter, the sample switch,
offline, and screenshots at 1280×800 and 1920×1080 (tests/screenshots/, git-ignored: look at them).

Run: `.venv/bin/python -m pytest --headless tests/test_browser_activities.py`. The page runs on the tiny
catalogue of tests/registry_world.py and a registry on a temporary file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_checks import scroll_into_view, wait_until
from sqlalchemy import text

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"
TODAY = dt.date.today()
RESOURCES_JS = """
return performance.getEntriesByType('resource').map(e => ({
    url: e.name, status: e.responseStatus === undefined ? -1 : e.responseStatus}));
"""


@pytest.fixture
def registry_world(tmp_path, monkeypatch):
    """A registry with the Russian fixture file (imported as of AS_OF: its Moscow–Minsk youth exchange is
    planned, and its day has passed with no report) and 80 sample activities, on the tiny catalogue."""
    from registry_world import AS_OF, RU_CP1251, app_registry, gazetteer, registry_catalog

    from dashboard.registry.importing import commit_import
    from dashboard.registry.samples import replace_samples, sample_activities

    catalog = registry_catalog()
    engine = app_registry(tmp_path, monkeypatch, catalog, editor=None)
    commit_import(engine, RU_CP1251.read_bytes(), "ru.csv", gazetteer(catalog), user="anna", today=AS_OF)
    replace_samples(engine, sample_activities(catalog, seed=1, count=80), seed=1)
    return engine


@pytest.fixture
def app(registry_world):
    from dashboard.app import create_app
    return create_app()


def set_viewport(dash_duo, width: int, height: int) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def open_page(dash_duo, path: str) -> None:
    dash_duo.wait_for_page(url=dash_duo.server.url + path)
    dash_duo.wait_for_element("#activities-kpi-activities", timeout=45)


def kpi(dash_duo, key: str) -> int:
    value = dash_duo.driver.execute_script(
        f"const e = document.querySelector('#activities-kpi-{key} .kpi-value'); return e ? e.innerText : '-1';")
    return int(value.replace(",", "").replace("\u202f", "").replace("\u00a0", "").replace(" ", ""))


def sql_count(engine, countries: tuple[str, ...], low: int | None, high: int | None, sample: bool,
              status: str = "held") -> int:
    """The activities the page counts: held ones unless told otherwise (issue 17)."""
    where = f" AND a.status = '{status}'" + ("" if sample else " AND NOT a.is_sample")
    if low:
        where += f" AND CAST(strftime('%Y', a.start_date) AS INTEGER) >= {low}"
    if high:
        where += f" AND CAST(strftime('%Y', a.start_date) AS INTEGER) <= {high}"
    join = ""
    if countries:
        listed = ", ".join(f"'{c}'" for c in countries)
        join = f" JOIN activity_countries c ON c.activity_id = a.activity_id AND c.iso3 IN ({listed})"
    with engine.connect() as connection:
        return connection.execute(text(f"SELECT COUNT(DISTINCT a.activity_id) FROM activities a{join} "
                                       f"WHERE NOT a.withdrawn{where}")).scalar()


def plotted_total(dash_duo, graph_id: str) -> float:
    """The sum of every bar of a figure, as plotly.js drew it (numbers arrive base64: read _fullData)."""
    return dash_duo.driver.execute_script(f"""
        const gd = document.querySelector('#{graph_id} .js-plotly-plot');
        let total = 0;
        for (const trace of gd._fullData) {{ if (trace.type === 'bar') {{
            for (const y of trace.y) {{ total += Number(y); }} }} }}
        return total;""")


def assert_offline_and_clean(dash_duo) -> None:
    severe = [entry for entry in dash_duo.get_logs() if entry.get("level") == "SEVERE"]
    assert severe == [], severe
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(dash_duo.server.url))
    resources = dash_duo.driver.execute_script(RESOURCES_JS)
    assert [r["url"] for r in resources if not r["url"].startswith(origin)] == []
    assert [r for r in resources if r["status"] == 0 or r["status"] >= 400] == []


@pytest.mark.parametrize("query, countries, low, high, sample", [
    ("?space=world", (), None, None, False),
    ("?space=world&countries=BLR&from=2023&to=2025", ("BLR",), 2023, 2025, False),
    ("?space=world&countries=RUS,KAZ&sample=1", ("KAZ", "RUS"), None, None, True),
])
def test_counts_on_the_page_equal_sql(dash_duo, app, registry_world, query, countries, low, high, sample):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/activities" + query)
    expected = sql_count(registry_world, countries, low, high, sample)
    wait_until(dash_duo, lambda: kpi(dash_duo, "activities") == expected,
               message=f"the page never showed SQL's count, {expected}")
    assert plotted_total(dash_duo, "activities-year-type") == expected
    scroll_into_view(dash_duo, "#activities-list-grid")
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        "return dash_ag_grid.getApi('activities-list-grid').getDisplayedRowCount()") == expected,
        message="the list of activities has another number of rows")
    assert_offline_and_clean(dash_duo)


def list_statuses(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script("""
        const rows = [];
        dash_ag_grid.getApi('activities-list-grid').forEachNode(node => rows.push(node.data.status));
        return rows;""")


def test_planned_activities_are_shown_apart_never_counted_as_held(dash_duo, app, registry_world):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/activities?space=world")
    held, planned = sql_count(registry_world, (), None, None, False), \
        sql_count(registry_world, (), None, None, False, status="planned")
    assert planned == 1
    wait_until(dash_duo, lambda: (kpi(dash_duo, "activities"), kpi(dash_duo, "planned")) == (held, planned),
               message=f"the page never showed {held} held and {planned} planned activities")
    assert dash_duo.find_element("#activities-kpi-activities .kpi-label").text == "Held activities"
    assert "past its last day with no report" in dash_duo.find_element("#activities-kpi-planned").get_attribute(
        "title")
    scroll_into_view(dash_duo, "#activities-list-grid")
    wait_until(dash_duo, lambda: list_statuses(dash_duo) == ["held"] * held,
               message="the list holds other activities than the held ones")
    dash_duo.find_element("#activities-planned-link").click()
    wait_until(dash_duo, lambda: parse_qs(urlsplit(dash_duo.driver.current_url).query) == {
        "space": ["world"], "activity_status": ["planned"]}, message="the planned link did not reach the URL")
    wait_until(dash_duo, lambda: kpi(dash_duo, "activities") == planned,
               message="the planned view does not count the planned activities")
    assert plotted_total(dash_duo, "activities-year-type") == planned
    scroll_into_view(dash_duo, "#activities-list-grid")
    wait_until(dash_duo, lambda: list_statuses(dash_duo) == ["planned · overdue report"],
               message="the planned activity is not listed as planned with its overdue report")
    assert_offline_and_clean(dash_duo)


def test_the_sample_switch_adds_labelled_sample_data(dash_duo, app, registry_world):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/activities?space=world")
    real = kpi(dash_duo, "activities")
    assert not dash_duo.find_element("#activities-sample-banner").is_displayed()
    assert "SAMPLE DATA" not in dash_duo.find_element("#activities-body").text
    dash_duo.find_element("#activities-sample label").click()
    wait_until(dash_duo, lambda: kpi(dash_duo, "activities") == real + 80)
    assert parse_qs(urlsplit(dash_duo.driver.current_url).query) == {"space": ["world"], "sample": ["1"]}
    assert dash_duo.find_element("#activities-sample-banner").is_displayed()
    body = dash_duo.find_element("#activities-body").text
    assert body.count("sample data") >= 8  # every card's heading
    marks = dash_duo.driver.execute_script(
        "return [...document.querySelectorAll('#activities-body .annotation-text')]"
        ".filter(e => e.textContent === 'SAMPLE DATA').length")
    assert marks >= 7  # and every figure
    assert_offline_and_clean(dash_duo)


def test_the_year_range_comes_from_the_url_and_the_dormant_list_exports(dash_duo, app, registry_world):
    dash_duo.start_server(app, navigate=False)
    open_page(dash_duo, "/activities?lang=ru&from=2024&sample=1")
    wait_until(dash_duo, lambda: "Мероприятия приграничного сотрудничества" in
               dash_duo.find_element(".activities-toolbar h1").text)
    inputs = dash_duo.driver.find_elements("css selector", "#activities-years input")
    assert inputs and inputs[0].get_attribute("value") == "2024"
    link = dash_duo.find_element("#activities-export-dormant").get_attribute("href")
    query = parse_qs(urlsplit(link).query)
    assert query["status"] == ["dormant"] and query["format"] == ["csv"] and query["sample"] == ["1"]
    assert "Спящие связи" in dash_duo.find_element("#activities-dormant-card h2").text
    assert_offline_and_clean(dash_duo)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_screenshots(dash_duo, app, lang):
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.start_server(app, navigate=False)
    for width, height in ((1280, 800), (1920, 1080)):
        set_viewport(dash_duo, width, height)
        open_page(dash_duo, f"/activities?lang={lang}&sample=1")
        dash_duo.wait_for_element("#activities-map .geo path", timeout=45)
        dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"activities_{lang}_{width}x{height}.png"))
        scroll_into_view(dash_duo, "#activities-dormant-card")
        dash_duo.wait_for_element("#activities-dormant-grid .ag-row", timeout=10)
        dash_duo.wait_for_element("#activities-list-grid .ag-row", timeout=10)
        dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"activities_{lang}_{width}x{height}_lower.png"))
    assert_offline_and_clean(dash_duo)
