"""An editor's practice form in headless Chromium (issue 20): the translations of the long texts typed into
the form are saved with the practice (and shown once it is published).

Run: `.venv/bin/python -m pytest --headless tests/test_browser_practice_entry.py`. Needs the built store.
"""

from __future__ import annotations

import pytest
from browser_checks import scroll_into_view, wait_until
from registry_world import PASSWORD, app_registry
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from sqlalchemy import select

from dashboard.registry.practice_tables import practices

pytestmark = pytest.mark.browser


@pytest.fixture
def engine(store_engine, tmp_path, monkeypatch):
    return app_registry(tmp_path, monkeypatch)


@pytest.fixture
def app(engine):
    from dashboard.app import create_app

    return create_app()


def type_into(dash_duo, field: str, value: str) -> None:
    scroll_into_view(dash_duo, f"#practices-entry-{field}")
    dash_duo.find_element(f"#practices-entry-{field}").send_keys(value)


def choose_sector(dash_duo, search: str) -> None:
    """Open the sectors dropdown (Dash 4), type, take the first match once it is listed, close it."""
    scroll_into_view(dash_duo, "#practices-entry-sectors")
    dash_duo.find_element("#practices-entry-sectors").click()
    box = dash_duo.wait_for_element(".dash-dropdown-search")
    box.send_keys(search)
    wait_until(dash_duo, lambda: any(search in option.text for option in
                                     dash_duo.driver.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")),
               message=f"no sector {search!r}")
    box.send_keys(Keys.ENTER)
    box.send_keys(Keys.ESCAPE)


def test_an_editor_enters_a_practice_with_its_russian_and_chinese_texts(dash_duo, app, engine):
    dash_duo.start_server(app, navigate=False)
    dash_duo.wait_for_page(url=dash_duo.server.url + "/registry")
    dash_duo.wait_for_element("#registry-signin-name", timeout=45).send_keys("anna")
    dash_duo.find_element("#registry-signin-password").send_keys(PASSWORD)
    dash_duo.find_element("#registry-signin-submit").click()
    dash_duo.wait_for_element("#registry-signed-in", timeout=45)

    dash_duo.wait_for_page(url=dash_duo.server.url + "/practices")
    dash_duo.wait_for_element("#practices-entry summary", timeout=45)
    scroll_into_view(dash_duo, "#practices-entry summary")
    dash_duo.find_element("#practices-entry summary").click()
    labels = dash_duo.find_element(".practices-entry-grid").text
    assert "The problem it solved — Russian" in labels and "The problem it solved — Chinese" in labels
    for field, value in {"slug": "ferry-to-bridge", "title_en": "From ferry to bridge", "title_ru": "От парома к мосту",
                         "summary_en": "A bridge replaced the ferry", "summary_ru": "Мост заменил паром",
                         "period_start": "2016", "sources": "https://example.org/bridge",
                         "problem": "Ferries only", "problem_ru": "Только паромы", "problem_zh": "只有渡轮",
                         "results_ru": "Торговля выросла", "organisation_zh": "市政府"}.items():
        type_into(dash_duo, field, value)
    choose_sector(dash_duo, "Tourism")
    scroll_into_view(dash_duo, "#practices-entry-submit")
    dash_duo.find_element("#practices-entry-submit").click()
    wait_until(dash_duo, lambda: dash_duo.driver.find_elements(By.CSS_SELECTOR, "#practices-entry-message .ok"), 45,
               "the practice was not saved: " + dash_duo.find_element("#practices-entry-message").text)
    with engine.connect() as connection:
        row = connection.execute(select(practices).where(practices.c.slug == "ferry-to-bridge")).mappings().one()
    assert (row["status"], row["problem"], row["problem_ru"], row["problem_zh"], row["results_ru"],
            row["organisation_zh"], row["actions_ru"]) == (
        "submitted", "Ferries only", "Только паромы", "只有渡轮", "Торговля выросла", "市政府", None)
