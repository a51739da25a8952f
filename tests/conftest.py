"""Shared test setup: headless Chromium for dash_duo that may reach no host but this one, and the
catalogue the shell's browser tests run on.

Browser tests: `.venv/bin/python -m pytest --headless tests/test_browser_shell.py`.
"""

from __future__ import annotations

import pytest
from selenium.webdriver.chrome.options import Options as ChromeOptions

CHROMIUM = "/usr/bin/chromium"
WINDOW = (1280, 800)


def pytest_setup_options():
    """ChromeOptions for dash[testing]'s browser fixtures (dash_duo, dash_br)."""
    options = ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=en-US",
        # every host name fails to resolve except the test server's: the page must need no remote host
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    # dash[testing] narrows this to SEVERE when it starts Chrome; a failed request is logged as SEVERE
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return options


# ---- the catalogue for browser tests --------------------------------------------------------------------

@pytest.fixture
def shell_catalog(monkeypatch):
    """The real catalogue when the store is built, else the hand-made one of tests/tiny_world.py.

    Without a store only the shell can be tested (e.g. on /about); the map page needs the store.
    """
    from dashboard.store import catalog as store_catalog

    try:
        return store_catalog.load_catalog()
    except store_catalog.StoreMissing:
        from tiny_world import tiny_catalog

        fake = tiny_catalog()
        monkeypatch.setattr(store_catalog, "load_catalog", lambda url=None: fake)
        return fake


# ---- the real boundary layers, read once per test run --------------------------------------------------

def boundary_file(name: str):
    """A file of the data directory's boundaries/ folder; the test is skipped if it is missing."""
    from dashboard import settings

    root = settings.data_dir()
    path = root / "boundaries" / name if root is not None else None
    if path is None or not path.is_file():
        pytest.skip(f"boundaries/{name} not found (set BORDERLINKS_DATA_DIR to the data folder)")
    return path


@pytest.fixture(scope="session")
def countries():
    from geo.boundaries import read_countries

    return read_countries(boundary_file("ne_10m_admin_0_countries_v5.1.2_simplified.geojson"))


@pytest.fixture(scope="session")
def regions():
    from geo.boundaries import read_regions

    return read_regions(boundary_file("ne_admin_1_states_provinces_world.gpkg"))


@pytest.fixture(scope="session")
def countries_deu():
    from geo.boundaries import read_countries_pov

    return read_countries_pov(boundary_file("ne_10m_admin_0_countries_deu_v5.1.zip"))


@pytest.fixture(scope="session")
def disputed():
    from geo.boundaries import read_disputed

    return read_disputed(boundary_file("ne_10m_admin_0_disputed_areas_v4.1.geojson"))


@pytest.fixture(scope="session")
def land_borders_of_countries(countries):
    from geo.borders import land_borders

    return land_borders(countries)


# ---- the built store (tests that compare pages with SQL) ----------------------------------------------

@pytest.fixture(scope="session")
def store_engine():
    """An engine on the project's built store; the test is skipped without one."""
    from dashboard import settings
    from dashboard.store.catalog import StoreMissing, engine_for

    try:
        engine = engine_for(settings.database_url())
    except StoreMissing as missing:
        pytest.skip(f"needs the built store: {missing}")
    yield engine
    engine.dispose()


@pytest.fixture
def store_app(store_engine):
    """The whole Dash app on the built store."""
    from dashboard.app import create_app

    return create_app()
