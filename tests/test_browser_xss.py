"""Names and notes holding HTML or script are shown as text on every page that shows them, never run.

A place of the catalogue is renamed and an activity imported whose title and organiser carry the classic
payloads; the pages that show them (network table, city profile, map card, activities list, registry list)
are opened in one browser session. Each payload would set `window.__xss` (or request `/x`, which the
offline check would see as a failed request) if it ran.

Run: `.venv/bin/python -m pytest --headless tests/test_browser_xss.py`.
"""

from __future__ import annotations

import pytest
from browser_checks import assert_page_offline_and_clean, wait_until
from registry_world import PASSWORD

pytestmark = pytest.mark.browser

GOMEL = 627907
PAYLOAD_NAME = 'Gomel<img src=x onerror="window.__xss=\'name\'">'
PAYLOAD_TITLE = '<script>window.__xss="title"</script>Forum <img src=x onerror="window.__xss=\'title\'">'
PAYLOAD_ORGANISER = '<svg onload="window.__xss=\'organiser\'"></svg>City hall'


@pytest.fixture
def hostile_world(tmp_path, monkeypatch):
    from registry_world import HEADER_EN, app_registry, csv_bytes, gazetteer, registry_catalog

    from dashboard.registry.importing import commit_import

    catalog = registry_catalog()
    catalog.places.loc[catalog.places["place_id"] == GOMEL, ["name_en", "name_ru"]] = PAYLOAD_NAME
    engine = app_registry(tmp_path, monkeypatch, catalog)
    rows = [HEADER_EN, [PAYLOAD_TITLE, "forum", "2024-05-14", "", f"554234; {GOMEL}", "", "", "", PAYLOAD_ORGANISER,
                        "https://example.org/xss"]]
    report = commit_import(engine, csv_bytes(rows), "hostile.csv", gazetteer(catalog), user="anna")
    assert report.counts["add"] == 1, report.counts
    return catalog


@pytest.fixture
def app(hostile_world):
    from dashboard.app import create_app
    return create_app()


def _not_run(dash_duo) -> None:
    ran = dash_duo.driver.execute_script("return window.__xss === undefined ? null : String(window.__xss);")
    assert ran is None, f"a payload ran: {ran}"
    injected = dash_duo.driver.execute_script(
        "return document.querySelectorAll('img[src=\"x\"], svg[onload], [onerror]').length;")
    assert injected == 0


def _shows_text(dash_duo, text: str) -> bool:
    """Whether the page shows `text` (AG Grid draws its rows only once scrolled into view)."""
    return text in dash_duo.driver.execute_script("""
        let shown = document.body.innerText;
        for (const grid of document.querySelectorAll('.ag-root-wrapper')) {
            grid.scrollIntoView();
            shown += document.body.innerText;
        }
        return shown;""")


def test_html_in_names_and_notes_is_shown_as_text_never_run(dash_duo, app):
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=dash_duo.server.url + "/network?countries=BLR")
    wait_until(dash_duo, lambda: len(dash_duo.find_elements(".network-tabs .tab")) == 6)
    dash_duo.find_elements(".network-tabs .tab")[-1].click()  # All twinnings: names as markdown links
    wait_until(dash_duo, lambda: _shows_text(dash_duo, "Gomel<img src=x"), message="not shown in the network table")
    _not_run(dash_duo)
    pages = [
        (f"/city/{GOMEL}", "Gomel<img src=x"),
        (f"/?countries=BLR&place={GOMEL}", "Gomel<img src=x"),
        ("/activities", "Forum <img src=x"),
        ("/activities", "</svg>City hall"),
    ]
    for path, visible in pages:
        dash_duo.wait_for_page(url=dash_duo.server.url + path)
        wait_until(dash_duo, lambda visible=visible: _shows_text(dash_duo, visible),
                   message=f"{visible!r} not shown on {path}")
        _not_run(dash_duo)
    # the registry's list is for signed-in editors
    dash_duo.wait_for_page(url=dash_duo.server.url + "/registry")
    dash_duo.wait_for_element("#registry-signin-name").send_keys("anna")
    dash_duo.find_element("#registry-signin-password").send_keys(PASSWORD)
    dash_duo.find_element("#registry-signin-submit").click()
    wait_until(dash_duo, lambda: _shows_text(dash_duo, "Forum <img src=x"), message="not shown on /registry")
    _not_run(dash_duo)
    assert_page_offline_and_clean(dash_duo, [])
