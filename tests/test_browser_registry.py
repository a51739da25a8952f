"""The Registry page in headless Chromium: anonymous visitors cannot write; an editor signs in, uploads a
Russian Windows-1251 file, sees the preview (rows to add, rejections with row, column and reason) and
commits it; re-uploading changes nothing. Screenshots at 1280×800 and 1920×1080.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_registry.py`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_checks import scroll_into_view, wait_until
from registry_world import PASSWORD, RU_CP1251, app_registry, csv_bytes, english_rows
from sqlalchemy import func, select

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture
def registry_engine_(tmp_path, monkeypatch):
    from registry_world import registry_catalog

    return app_registry(tmp_path, monkeypatch, registry_catalog())


@pytest.fixture
def app(registry_engine_):
    from dashboard.app import create_app
    return create_app()


def activity_count(engine) -> int:
    from dashboard.registry.schema import activities
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(activities)).scalar()


def text_of(dash_duo, selector: str) -> str:
    return dash_duo.driver.execute_script(
        f"const e = document.querySelector({selector!r}); return e ? e.innerText : '';")


def set_viewport(dash_duo, width: int, height: int) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def sign_in(dash_duo, name: str = "anna", password: str = PASSWORD) -> None:
    dash_duo.wait_for_page(url=dash_duo.server.url + "/registry")
    dash_duo.wait_for_element("#registry-signin-name", timeout=45).send_keys(name)
    dash_duo.find_element("#registry-signin-password").send_keys(password)
    dash_duo.find_element("#registry-signin-submit").click()


def upload(dash_duo, path: Path) -> None:
    dash_duo.driver.find_element("css selector", "#registry-upload input[type=file]").send_keys(str(path))


def assert_clean(dash_duo) -> None:
    severe = [entry for entry in dash_duo.get_logs() if entry.get("level") == "SEVERE"
              and "403 (FORBIDDEN)" not in entry.get("message", "")]
    assert severe == [], severe
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(dash_duo.server.url))
    resources = dash_duo.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [url for url in resources if not url.startswith(origin)] == []


def test_anonymous_visitors_see_sign_in_and_cannot_write(dash_duo, app, registry_engine_):
    dash_duo.start_server(app, navigate=False)
    dash_duo.wait_for_page(url=dash_duo.server.url + "/registry")
    dash_duo.wait_for_element("#registry-signin-name", timeout=45)
    assert not dash_duo.driver.find_elements("css selector", "#registry-import, #registry-entry")
    # a write from the page's own origin, with the session's CSRF token, is still refused
    status = dash_duo.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/auth/whoami').then(r => r.json()).then(who => fetch('/api/v1/registry/activities', {
            method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': who.csrf_token},
            body: JSON.stringify({title: 'X', type: 'forum', start_date: '2024-01-01', places: 'Minsk'})}))
          .then(r => done(r.status));""")
    assert status == 403 and activity_count(registry_engine_) == 0
    # a wrong password says so
    sign_in(dash_duo, password="not the password")
    wait_until(dash_duo, lambda: "Wrong name or password" in text_of(dash_duo, "#registry-signin-message"))
    assert_clean(dash_duo)


def test_an_editor_imports_a_russian_file_with_preview_and_confirmation(dash_duo, app, registry_engine_, tmp_path):
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.start_server(app, navigate=False)
    sign_in(dash_duo)
    dash_duo.wait_for_element("#registry-signed-in", timeout=45)
    assert "anna" in dash_duo.find_element("#registry-signed-in").text

    # a file with a rejected row: the preview lists row, column and reason; nothing is written
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(english_rows() + [["Party", "party", "2024-01-01", "", "Atlantis", "", "", "",
                                                   "", ""]]))
    upload(dash_duo, bad)
    dash_duo.wait_for_element("#registry-rejections", timeout=45)
    rejections = text_of(dash_duo, "#registry-rejections")
    assert "5\tType\tunknown type “party”" in rejections and "5\tPlaces\tunknown place “Atlantis”" in rejections
    assert text_of(dash_duo, "#registry-count-add .kpi-value") == "3"
    dash_duo.find_element("#registry-confirm").click()  # without "skip rejected": refused
    wait_until(dash_duo, lambda: "nothing was imported" in text_of(dash_duo, "#registry-commit-message"))
    assert activity_count(registry_engine_) == 0

    # the Russian file in Windows-1251 with ';': preview, then import
    upload(dash_duo, RU_CP1251)
    wait_until(dash_duo, lambda: text_of(dash_duo, "#registry-count-add .kpi-value") == "6")
    assert "windows-1251" in text_of(dash_duo, "#registry-preview-panel")
    assert "Дни белорусской культуры в Подольске" in text_of(dash_duo, "#registry-planned")
    assert "Podolsk (RUS)" in text_of(dash_duo, "#registry-planned")
    assert activity_count(registry_engine_) == 0  # the preview wrote nothing
    for width, height in ((1280, 800), (1920, 1080)):
        set_viewport(dash_duo, width, height)
        scroll_into_view(dash_duo, "#registry-import")
        dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"registry_preview_{width}x{height}.png"))
    dash_duo.find_element("#registry-confirm").click()
    wait_until(dash_duo, lambda: "6 added" in text_of(dash_duo, "#registry-commit-message"))
    assert activity_count(registry_engine_) == 6
    wait_until(dash_duo, lambda: "ru" in text_of(dash_duo, "#registry-import-log") or
               "activities_ru_cp1251.csv" in text_of(dash_duo, "#registry-import-log"))

    # the same file again: nothing to import
    upload(dash_duo, RU_CP1251)
    wait_until(dash_duo, lambda: text_of(dash_duo, "#registry-count-unchanged .kpi-value") == "6")
    assert "Nothing to import" in text_of(dash_duo, "#registry-preview-panel")
    assert not dash_duo.find_element("#registry-confirm").is_enabled()
    assert activity_count(registry_engine_) == 6
    assert_clean(dash_duo)


def test_an_editor_corrects_an_activity_and_the_audit_keeps_the_old_value(dash_duo, app, registry_engine_):
    from registry_world import gazetteer

    from dashboard.registry.importing import commit_import

    commit_import(registry_engine_, RU_CP1251.read_bytes(), "ru.csv", gazetteer(), user="anna")
    dash_duo.start_server(app, navigate=False)
    sign_in(dash_duo)
    dash_duo.wait_for_element("#registry-form-activity_id", timeout=45).send_keys("1")
    dash_duo.find_element("#registry-load").click()
    wait_until(dash_duo, lambda: dash_duo.find_element("#registry-form-title").get_attribute("value")
               == "Дни белорусской культуры в Подольске")
    organiser = dash_duo.find_element("#registry-form-organiser")
    dash_duo.clear_input(organiser)
    organiser.send_keys("Администрация городского округа Подольск")
    dash_duo.find_element("#registry-save").click()
    wait_until(dash_duo, lambda: "Saved: activity #1" in text_of(dash_duo, "#registry-save-message"))
    from dashboard.registry.service import audit_trail
    update = [row for row in audit_trail(registry_engine_) if row["action"] == "update"][0]
    assert '"organiser": "Администрация г. Подольска"' in update["old_value"] and update["user_name"] == "anna"
    assert '"organiser": "Администрация городского округа Подольск"' in update["new_value"]
    from dashboard.registry.service import activity_record
    record = activity_record(registry_engine_, 1)
    assert record["twinning"] == [554234, 627907] and record["places"] == [554234, 627907]  # kept
    for width, height in ((1280, 800), (1920, 1080)):
        set_viewport(dash_duo, width, height)
        scroll_into_view(dash_duo, "#registry-page")
        dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"registry_editor_{width}x{height}.png"))
    assert_clean(dash_duo)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_screenshots_anonymous(dash_duo, app, lang):
    SCREENSHOTS.mkdir(exist_ok=True)
    dash_duo.start_server(app, navigate=False)
    for width, height in ((1280, 800), (1920, 1080)):
        set_viewport(dash_duo, width, height)
        dash_duo.wait_for_page(url=f"{dash_duo.server.url}/registry?lang={lang}")
        dash_duo.wait_for_element("#registry-signin-name", timeout=45)
        dash_duo.driver.save_screenshot(str(SCREENSHOTS / f"registry_{lang}_{width}x{height}.png"))
    assert_clean(dash_duo)
