"""Shared test setup: headless Chromium for dash_duo that may reach no host but this one, and the
catalogue the shell's browser tests run on.

Browser tests: `.venv/bin/python -m pytest --headless tests/test_browser_shell.py`.
"""

from __future__ import annotations

import os

import pytest
from selenium.webdriver.chrome.options import Options as ChromeOptions

CHROMIUM = "/usr/bin/chromium"
WINDOW = (1280, 800)


def pytest_configure(config):
    """Under pytest-xdist (scripts/run-tests runs the browser tests on two workers) each worker's Dash test
    servers take ports of their own: dash[testing] counts up from 8050 in every process."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if worker.startswith("gw") and worker[2:].isdigit():
        from dash.testing.application_runners import BaseDashRunner

        BaseDashRunner._next_port = 20000 + 1000 * int(worker[2:])


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


def pytest_collection_modifyitems(items):
    """Every test that drives a browser is marked `browser` (scripts/run-tests runs those side by side
    with the others), whether or not its module says so."""
    for item in items:
        if "dash_duo" in getattr(item, "fixturenames", ()) or "dash_br" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def patient_browser_waits(request, monkeypatch):
    """Every wait of dash_duo (its default and any explicit timeout) scales with the machine's load, as
    tests/browser_checks.py's wait_until does: a busy CI waits longer instead of failing."""
    if not {"dash_duo", "dash_br"} & set(request.fixturenames):
        return
    from browser_checks import patience
    from dash.testing import browser, wait
    from selenium.webdriver.support.wait import WebDriverWait

    monkeypatch.setattr(browser, "WebDriverWait",
                        lambda driver, timeout, *args, **kwargs: WebDriverWait(driver, patience(timeout), *args,
                                                                               **kwargs))
    monkeypatch.setattr(browser, "until", lambda condition, timeout, *args, **kwargs: wait.until(
        condition, patience(timeout), *args, **kwargs))


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


@pytest.fixture(scope="session")
def store_catalog():
    """The built store's catalogue; the test is skipped without a store."""
    from dashboard.store.catalog import StoreMissing, load_catalog

    try:
        return load_catalog()
    except StoreMissing as missing:
        pytest.skip(f"needs the built store: {missing}")


@pytest.fixture
def store_app(store_engine):
    """The whole Dash app on the built store."""
    from dashboard.app import create_app

    return create_app()


# ---- PostgreSQL beside SQLite (issue 8): the store, import and API suites run on both ------------------
#
# `make test` starts a throwaway cluster (scripts/with-postgres) and exports its URL as
# BORDERLINKS_TEST_POSTGRES_URL; without it the PostgreSQL variants skip and say why (in CI they fail).

POSTGRES_URL_VARIABLE = "BORDERLINKS_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def postgres_url():
    """The test cluster's database URL (postgresql+psycopg://...)."""
    import os

    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        reason = (f"no PostgreSQL to test against: {POSTGRES_URL_VARIABLE} is not set (`make test` starts "
                  f"one; by hand: scripts/with-postgres .venv/bin/python -m pytest ...)")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return url


def postgres_schema_url(base_url: str, schema: str) -> str:
    """`base_url` with its own schema (created if missing) first on the search path: a clean namespace in
    the one test database, much cheaper than a database per test."""
    from sqlalchemy import create_engine, text

    engine = create_engine(base_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        engine.dispose()
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def store_tables():
    """Every table of the store computed from the real data, once per test run (about a minute); the
    test is skipped without the data directory."""
    from dashboard.store.build import MissingInputs, compute_tables, resolve_inputs
    from dashboard.store.summary import summarise

    try:
        inputs = resolve_inputs()
    except MissingInputs as missing:
        pytest.skip(f"needs the data directory: {str(missing).splitlines()[0]}")
    tables = compute_tables(inputs, echo=lambda message: None)
    return tables, summarise(tables, inputs)


@pytest.fixture(scope="session")
def postgres_store_url(postgres_url, store_tables):
    """The store written into PostgreSQL (schema `store` of the test database) from store_tables."""
    from dashboard.store.writer import write_tables

    url = postgres_schema_url(postgres_url, "store")
    write_tables(url, *store_tables)
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def store_backend(request):
    """(backend name, URL, engine) of a built store: the project's SQLite store, and the same data written
    into PostgreSQL. Tests that compare pages or API answers with SQL take this to run on both."""
    from dashboard import settings
    from dashboard.store.catalog import StoreMissing, engine_for

    if request.param == "sqlite":
        url = settings.database_url()
    else:
        url = request.getfixturevalue("postgres_store_url")
    try:
        engine = engine_for(url)
    except StoreMissing as missing:
        pytest.skip(f"needs the built store: {missing}")
    yield request.param, url, engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_url(request, tmp_path):
    """A new, empty registry's URL: a SQLite file in tmp_path, or a fresh schema in PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.sqlite'}"
    import re

    schema = re.sub(r"\W", "_", f"registry_{tmp_path.name}".lower())[:60]
    return postgres_schema_url(request.getfixturevalue("postgres_url"), schema)
