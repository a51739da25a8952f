"""Shared checks of the browser tests: patient waiting, and that a page stayed offline and clean."""

from __future__ import annotations

from urllib.parse import urlsplit

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

PATIENCE = 45  # seconds; a passing test never waits this long, a loaded machine sometimes needs it


def wait_until(dash_duo, condition, timeout: float = PATIENCE, message: str = ""):
    """Poll `condition` until it is truthy; elements re-rendered while read are read again."""
    return WebDriverWait(dash_duo.driver, timeout, poll_frequency=0.1,
                         ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)
                         ).until(lambda _: condition(), message)


def assert_page_offline_and_clean(dash_duo, page_ids) -> None:
    """No failed request, every resource from the test server, and no browser error that names one of
    the page's own component ids (other pages' console errors are theirs to test)."""
    severe = [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]
    failed = [e for e in severe if e.get("source") == "network" or "Failed to load" in e.get("message", "")]
    ours = [e for e in severe if any(f"`{i}`" in e.get("message", "") or f'"{i}"' in e.get("message", "")
                                     for i in page_ids)]
    assert failed == [] and ours == [], failed + ours
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(dash_duo.server.url))
    urls = dash_duo.driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert [u for u in urls if not u.startswith(origin)] == []
