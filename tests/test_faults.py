"""Faults: a registry import or a store write killed with SIGKILL half-way changes nothing; a damaged or
locked database gives a one-paragraph error page at start, never a traceback. Real subprocesses, real files."""

from __future__ import annotations

import csv
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from dashboard import settings
from dashboard.store.catalog import StoreMissing, engine_for

ROOT = settings.PROJECT_ROOT
MINSK, MOSCOW = 625144, 524901


def needs_store() -> None:
    try:
        engine_for(settings.database_url()).dispose()
    except StoreMissing as missing:
        pytest.skip(f"needs the built store: {missing}")


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key != "BORDERLINKS_REGISTRY_URL"}
    env.update(extra)
    return env


def wait_for(condition, process: subprocess.Popen, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the process ended (exit {process.returncode}) before {what}:\n{log.read_text()}")
        assert time.monotonic() < deadline, f"no sign of {what} within {seconds} s"
        time.sleep(0.05)


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


# ---- a registry import killed inside its transaction -------------------------------------------------------------

def registry_state(path: Path) -> dict:
    """Every row of every table (sorted), the version stamp and PRAGMA integrity_check of the registry file."""
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        state = {name: sorted(map(repr, connection.execute(f'SELECT * FROM "{name}"'))) for name in tables}
        state["integrity"] = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return state


# `python -m dashboard import activities FILE` with a pause injected from outside: on the first batch of
# activity places, i.e. with the activities written but not committed, it creates MARKER and sleeps, so
# that the test kills it provably inside the import's one transaction
IMPORT_PAUSED_INSIDE_THE_WRITE = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from sqlalchemy import event
    from dashboard.__main__ import main
    from dashboard.registry.database import registry_engine

    marker = Path(sys.argv[1])

    def pause_inside_the_write(connection, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO ACTIVITY_PLACES") and not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(600)

    event.listen(registry_engine(), "before_cursor_execute", pause_inside_the_write)  # the engine the CLI uses
    sys.exit(main(["import", "activities", sys.argv[2]]))
""")


def test_an_import_killed_inside_its_transaction_leaves_the_registry_exactly_as_before(tmp_path):
    needs_store()
    registry = tmp_path / "registry.sqlite"
    env = environment(BORDERLINKS_REGISTRY_URL=f"sqlite:///{registry}")
    small = tmp_path / "small.csv"
    big = tmp_path / "big.csv"
    header = ["Title", "Type", "Start date", "End date", "Places", "Organiser", "Source"]
    for path, count in ((small, 3), (big, 5_000)):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            for i in range(count):
                writer.writerow([f"{path.stem} exchange {i}", "forum", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "",
                                 f"{MINSK}; {MOSCOW}", "Minsk city", f"https://example.org/{path.stem}/{i}"])
    first = subprocess.run([sys.executable, "-m", "dashboard", "import", "activities", str(small)], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    before = registry_state(registry)
    assert len(before["activities"]) == 3 and before["integrity"] == [("ok",)]

    marker = tmp_path / "inside-the-write"
    process = subprocess.Popen([sys.executable, "-c", IMPORT_PAUSED_INSIDE_THE_WRITE, str(marker), str(big)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=(tmp_path / "import.log").open("w"))
    try:
        # the listener creates the marker once the 5,000 activities are written, uncommitted, and their
        # places are next: the process is inside the import's one transaction
        wait_for(marker.exists, process, 300, "the import's write", tmp_path / "import.log")
        kill(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    after = registry_state(registry)
    assert after == before  # same rows in every table (version stamp included), integrity ok
    again = subprocess.run([sys.executable, "-m", "dashboard", "import", "activities", str(small)], cwd=ROOT,
                           env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and registry_state(registry)["activities"] == before["activities"]


# ---- the store's write killed half-way --------------------------------------------------------------------------

WRITE_STORE = textwrap.dedent("""
    import sys
    import pandas as pd, shapely
    from sqlalchemy import create_engine
    from dashboard import settings
    from dashboard.store.schema import metadata, build_info
    from dashboard.store.writer import write_tables
    source = create_engine(settings.database_url())
    tables = {}
    with source.connect() as connection:
        for table in metadata.sorted_tables:
            if table is not build_info:
                frame = pd.read_sql_query(f"SELECT * FROM {table.name}", connection)
                if "geometry" in frame:
                    frame["geometry"] = shapely.from_wkb(frame["geometry"].to_numpy())
                tables[table.name] = frame
    print("writing", flush=True)
    write_tables(sys.argv[1], tables, {"note": "the new store"})
""")

OLD_STORE = ["CREATE TABLE build_info (key VARCHAR(64) PRIMARY KEY, value TEXT)",
             "INSERT INTO build_info VALUES ('note', '\"the old store\"')",
             "CREATE TABLE places (place_id INTEGER PRIMARY KEY, name_en TEXT)",
             "INSERT INTO places VALUES (1, 'Old town')"]


def store_rows(url: str) -> tuple:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return (connection.execute(text("SELECT key, value FROM build_info ORDER BY key")).all(),
                    connection.execute(text("SELECT place_id, name_en FROM places ORDER BY place_id")).all())
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_write_killed_half_way_leaves_the_old_store(tmp_path, request, backend):
    needs_store()
    if backend == "sqlite":
        path = tmp_path / "store.sqlite"
        url = f"sqlite:///{path}"
    else:
        from conftest import postgres_schema_url
        url = postgres_schema_url(request.getfixturevalue("postgres_url"), "faults_store")
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in OLD_STORE:
            connection.execute(text(statement))
    engine.dispose()
    before = store_rows(url)
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if backend == "sqlite" else None

    process = subprocess.Popen([sys.executable, "-c", WRITE_STORE, url], cwd=ROOT, env=environment(),
                               stdout=subprocess.DEVNULL, stderr=(tmp_path / "write.log").open("w"))
    try:
        if backend == "sqlite":
            def writing() -> bool:  # the temporary file next to the store is filling up
                return any(p.stat().st_size > 5_000_000 for p in tmp_path.glob("store.sqlite.tmp-*"))
        else:
            watcher = create_engine(request.getfixturevalue("postgres_url"))

            def writing() -> bool:  # the old tables are dropped and the new ones half copied, uncommitted
                with watcher.connect() as connection:
                    return bool(connection.execute(text(
                        "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY \"place_names\"%'")).scalar())
        wait_for(writing, process, 300, "the store's write", tmp_path / "write.log")
        kill(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if backend == "sqlite":
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        from dashboard.store.writer import remove_stale_temporaries
        left = sorted(tmp_path.glob("store.sqlite.tmp-*"))  # the half-written file (and its journal)
        assert left and remove_stale_temporaries(path) == left  # the next build clears them
        assert not list(tmp_path.glob("store.sqlite.tmp-*")) and path.exists()
    else:
        watcher.dispose()
        time.sleep(0.5)  # the server notices the dead client and rolls its transaction back
    assert store_rows(url) == before


# ---- a damaged or locked database at start -----------------------------------------------------------------------

START = textwrap.dedent("""
    import app
    response = app.server.test_client().get("/network?countries=BLR")
    print(response.status_code)
    print(response.get_data(as_text=True))
""")


def start_app(store: Path, registry: Path) -> subprocess.CompletedProcess:
    env = environment(BORDERLINKS_DATABASE_URL=f"sqlite:///{store}", BORDERLINKS_REGISTRY_URL=f"sqlite:///{registry}")
    return subprocess.run([sys.executable, "-c", START], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def small_database(path: Path, wal: bool = False) -> Path:
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE build_info (key TEXT PRIMARY KEY, value TEXT)")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize("fault", ["damaged store", "damaged registry", "locked store", "locked registry"])
def test_a_damaged_or_locked_database_gives_a_plain_error_page_at_start(tmp_path, fault):
    store = small_database(tmp_path / "store.sqlite")
    registry = small_database(tmp_path / "registry.sqlite", wal=True)
    what = store if "store" in fault else registry
    holder = None
    if fault.startswith("damaged"):
        what.write_bytes(os.urandom(4096) + b"garbage, not a database" * 100)
    else:
        holder = sqlite3.connect(what, isolation_level=None)
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("INSERT INTO build_info VALUES ('lock', 'held')")
    try:
        result = start_app(store, registry)
    finally:
        if holder is not None:
            holder.close()
    assert "Traceback" not in result.stderr, result.stderr
    status, page = result.stdout.split("\n", 1)
    assert status == "503"
    assert "Borderlinks cannot start" in page and str(what) in page
    assert ("it is locked" in page) == fault.startswith("locked")
    if "store" in fault and fault.startswith("damaged"):
        assert "python -m dashboard build" in page
    if "registry" in fault and fault.startswith("damaged"):
        assert "backup" in page
    assert str(what) in result.stderr  # the console says it too, in the same words
    # and once the file is fixed, the next start serves the app (the error is not sticky)
    if fault.startswith("locked"):
        assert "cannot start" not in start_app(store, registry).stdout.split("\n", 1)[1]
