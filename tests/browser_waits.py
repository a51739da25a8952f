"""Waiting in the browser tests: poll a condition, patiently (CI machines are small and shared)."""

from __future__ import annotations

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

PATIENCE = 45  # seconds; a passing test never waits this long, a loaded machine sometimes needs it


def wait_until(dash_duo, condition, timeout: float = PATIENCE, message: str = ""):
    """Poll `condition` until it is truthy; elements re-rendered while read are read again."""
    return WebDriverWait(dash_duo.driver, timeout, poll_frequency=0.1,
                         ignored_exceptions=(StaleElementReferenceException, NoSuchElementException)
                         ).until(lambda _: condition(), message)
