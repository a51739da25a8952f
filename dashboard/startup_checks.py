"""Can the app open its two databases? Checked once when a server starts (app.py), before anything reads them.

A damaged SQLite file (garbage bytes, a partial copy) or one that another program holds locked would
otherwise surface as a traceback on the first page that reads it. Instead `startup_problems()` returns one
plain paragraph per problem, naming the file and what to do; app.py prints them and serves them as the
only page (`error_server` in dashboard/web/unavailable.py) until the file is fixed and the server
restarted. A missing store is not a problem here: the pages say themselves that it has to be built; a
missing registry is created on first use.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from dashboard import settings
from dashboard.registry.database import registry_url
from dashboard.registry.migrations.upgrading import RegistryUpgradeFailed, upgrade_registry

LOCK_WAIT_SECONDS = 2.0

STORE_FIX = ("Rebuild it with `python -m dashboard build` (it is made from the public input data, so "
             "nothing is lost), then restart the server.")
REGISTRY_FIX = ("It holds the secretariat's own records and cannot be rebuilt: restore it from your latest "
                "backup (or move it aside to start with an empty registry), then restart the server.")
LOCK_FIX = ("Another program holds it locked (an open `sqlite3` shell or a backup or copy in progress): "
            "close that program, then restart the server.")


def sqlite_problem(path: Path, what: str, fix: str) -> str | None:
    """None if `path` is absent or a readable SQLite database, else a paragraph saying what is wrong."""
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        return f"Borderlinks cannot read the {what} file {path}: {error.strerror}. Check its permissions."
    if header and header != b"SQLite format 3\x00":
        return (f"Borderlinks cannot open the {what} file {path}: it is not a SQLite database (damaged or "
                f"overwritten). {fix}")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=LOCK_WAIT_SECONDS)
        try:
            result = connection.execute("PRAGMA quick_check(1)").fetchone()
        finally:
            connection.close()
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return f"Borderlinks cannot read the {what} file {path}: it is locked. {LOCK_FIX}"
        return f"Borderlinks cannot open the {what} file {path}: {error}. {fix}"
    except sqlite3.DatabaseError as error:
        return f"Borderlinks cannot open the {what} file {path}: it is damaged ({error}). {fix}"
    if result and result[0] != "ok":
        return f"Borderlinks cannot use the {what} file {path}: it is damaged ({result[0]}). {fix}"
    return None


def server_problem(url: str, what: str) -> str | None:
    """None if the database server at `url` answers, else a paragraph (the URL without its password)."""
    shown = make_url(url).render_as_string(hide_password=True)
    engine = create_engine(url, connect_args={"connect_timeout": 5} if url.startswith("postgresql") else {})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:  # any driver's error (wrapped by SQLAlchemy): the returned message names it
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        return (f"Borderlinks cannot connect to the {what} database {shown}: {reason}. Check that the database "
                f"server runs and that the URL (BORDERLINKS_DATABASE_URL or BORDERLINKS_REGISTRY_URL) is "
                f"right, then restart the server.")
    finally:
        engine.dispose()
    return None


def database_problem(url: str, what: str, fix: str) -> str | None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return None
        return sqlite_problem(Path(parsed.database).expanduser(), what, fix)
    return server_problem(url, what)


def startup_problems(store_url: str | None = None, registry: str | None = None) -> list[str]:
    """One paragraph per database the app cannot use (empty when all is well)."""
    registry = registry or registry_url()
    problems = [database_problem(store_url or settings.database_url(), "store", STORE_FIX),
                database_problem(registry, "registry", REGISTRY_FIX)]
    if problems[1] is None:  # readable: apply its pending migrations now (a failed one changes nothing)
        problems.append(registry_upgrade_problem(registry))
    return [problem for problem in problems if problem]


def registry_upgrade_problem(url: str) -> str | None:
    """None once the registry is at the migrations' head, else what failed (file, revision, backup)."""
    try:
        upgrade_registry(url)
    except RegistryUpgradeFailed as failed:
        return f"Borderlinks cannot start: {failed} Fix the migration or restore the backup, then restart the server."
    return None
