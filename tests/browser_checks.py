"""Shared checks of the browser tests: patient waiting, and that a page stayed offline and clean.

Waits are on conditions, never fixed sleeps, and their timeouts scale with the machine (`patience`): the
load per core above 1 stretches them (up to four times), and BORDERLINKS_TEST_PATIENCE_FACTOR stretches
them further on a slow CI. tests/conftest.py applies the same to dash_duo's own waits.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from selenium.common.exceptions import (
    JavascriptException,
    NoSuchElementException,
    StaleElementReferenceException,
)
from selenium.webdriver.support.ui import WebDriverWait

PATIENCE = 45  # seconds on an idle machine; a passing test never waits this long, a loaded machine sometimes needs it
MAX_STRETCH = 4.0


def patience(seconds: float = PATIENCE) -> float:
    """`seconds` stretched by how busy the machine is now (1-minute load per core, 1 to MAX_STRETCH times)
    and by BORDERLINKS_TEST_PATIENCE_FACTOR."""
    load_per_core = os.getloadavg()[0] / (os.cpu_count() or 1)
    factor = float(os.environ.get("BORDERLINKS_TEST_PATIENCE_FACTOR") or 1)
    return seconds * min(MAX_STRETCH, max(1.0, load_per_core)) * factor


def wait_until(dash_duo, condition, timeout: float = PATIENCE, message: str = ""):
    """Poll `condition` until it is truthy, for `timeout` seconds stretched by the machine's load;
    elements re-rendered while read are read again, and a script that fails because a lazily loaded
    component (a grid's library) has not arrived yet is tried again."""
    return WebDriverWait(dash_duo.driver, patience(timeout), poll_frequency=0.1,
                         ignored_exceptions=(StaleElementReferenceException, NoSuchElementException,
                                             JavascriptException)
                         ).until(lambda _: condition(), message)


def scroll_into_view(dash_duo, selector: str, timeout: float = PATIENCE) -> None:
    """Scroll the element `selector` into view once it exists (lazily loaded components such as the grids
    appear only after their bundle has arrived)."""
    wait_until(dash_duo, lambda: dash_duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]); if (!e) { return false; } e.scrollIntoView(); return true;",
        selector), timeout, message=f"{selector} never appeared on the page")


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


def wait_for_download(dash_duo, path, timeout: float = PATIENCE):
    """Wait until Chromium has finished writing the download `path` (no .crdownload left, a size that held
    over two polls); returns the path."""
    from pathlib import Path

    target = Path(path)
    sizes: list[int] = []

    def finished() -> bool:
        if not target.exists() or target.with_name(target.name + ".crdownload").exists():
            return False
        sizes.append(target.stat().st_size)
        return len(sizes) >= 2 and sizes[-1] == sizes[-2] > 0

    wait_until(dash_duo, finished, timeout, message=f"{target.name} was not downloaded")
    return target
