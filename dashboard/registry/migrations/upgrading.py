"""Bring a registry's schema to the migrations' head, a SQLite file backed up first, all or nothing.

Which registry is it?
- a version table (`registry_alembic_version`: the registry may share a PostgreSQL database with the
  store, so its table names all start with registry_ or activit...) → its revision;
- no version table, but registry_meta says schema = "1" → a registry written before migrations existed
  (its tables are the baseline's): stamped at BASELINE, then upgraded like any other;
- none of the registry's tables → a new registry: every migration from the first;
- anything else → refused (RegistryUpgradeFailed), nothing touched.

The upgrade runs in ONE transaction, under a write lock (SQLite BEGIN IMMEDIATE, a PostgreSQL advisory
lock), so that of several processes starting together one upgrades and the others find it done, and a
failing migration rolls every earlier step back. Before it, an existing SQLite file is copied with
sqlite3's backup API (the WAL's committed pages included) to `<file>.backup-YYYYMMDDTHHMMSS` beside it.
SQLite runs the migrations with foreign keys off (a batch table copy must not cascade-delete the rows
that point at it) and checks them before committing.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from dashboard.registry.schema import metadata

MIGRATIONS = Path(__file__).parent
VERSIONS = MIGRATIONS / "versions"
VERSION_TABLE = "registry_alembic_version"
BASELINE = "0001"
OLD_STAMP = "schema", "1"  # registry_meta's row in every registry written before migrations
SQLITE_BUSY_SECONDS = 30
POSTGRES_LOCK = 0x426F72646572  # pg_advisory_xact_lock key of the registry's upgrade ("Border")
BEFORE_MIGRATIONS = "before migrations (registry_meta schema = 1)"


class RegistryUpgradeFailed(Exception):
    """The registry could not be brought to head; the message names the database, the revision that
    failed and the backup, and says that nothing was changed."""


@dataclass(frozen=True)
class UpgradeReport:
    from_revision: str | None  # None: a new registry; BEFORE_MIGRATIONS: the old stamp
    to_revision: str
    backup: Path | None  # the copy taken before upgrading a SQLite file

    @property
    def changed(self) -> bool:
        return self.from_revision != self.to_revision


def migrations_config(url: str | None = None, version_locations: Sequence[Path] | None = None) -> Config:
    """Alembic's configuration, made here (no alembic.ini): the migrations beside the schema, revision
    files named 0002_slug.py. `version_locations` replaces versions/ (tests add a broken migration so)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(map(str, version_locations or [VERSIONS])))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision(version_locations: Sequence[Path] | None = None) -> str:
    if version_locations is None:
        return _default_head()
    return ScriptDirectory.from_config(migrations_config(version_locations=version_locations)).get_current_head()


@lru_cache(maxsize=1)
def _default_head() -> str:
    return ScriptDirectory.from_config(migrations_config()).get_current_head()


def describe(url: str) -> str:
    """The SQLite file's path, else the URL without its password (for messages)."""
    parsed = make_url(url)
    path = _sqlite_path(url)
    return str(path) if path else parsed.render_as_string(hide_password=True)


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser()


def _migration_engine(url: str) -> Engine:
    """An engine of its own for the upgrade: on SQLite, explicit transactions (pysqlite would otherwise
    run DDL outside one), foreign keys off, the journal mode left as the file has it."""
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _explicit_transactions(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        writing = connection.get_execution_options().get("registry_upgrade", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def _revision(connection) -> str | None:
    """The registry's revision (BEFORE_MIGRATIONS for the old stamp, None for no registry at all)."""
    tables = set(inspect(connection).get_table_names())
    if VERSION_TABLE in tables:
        found = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision()
        if found is None:
            raise RegistryUpgradeFailed(f"its {VERSION_TABLE} table is empty")
        return found
    if "registry_meta" in tables:
        stamp = connection.execute(text("SELECT value FROM registry_meta WHERE key = :key"),
                                   {"key": OLD_STAMP[0]}).scalar()
        if stamp == OLD_STAMP[1]:
            return BEFORE_MIGRATIONS
        raise RegistryUpgradeFailed(f"it has no {VERSION_TABLE} table and an unknown schema stamp {stamp!r}")
    known = sorted(tables & set(metadata.tables))
    if known:
        raise RegistryUpgradeFailed(f"it has some of the registry's tables ({', '.join(known)}) but neither "
                                    f"registry_meta nor {VERSION_TABLE}")
    return None


def current_revision(url: str) -> str | None:
    """The revision of the registry at `url` without changing anything (None: no registry there yet)."""
    engine = _migration_engine(url)
    try:
        with engine.connect() as connection:
            return _revision(connection)
    except RegistryUpgradeFailed as problem:
        raise RegistryUpgradeFailed(f"The registry {describe(url)} is not one Borderlinks knows: {problem}.") from None
    finally:
        engine.dispose()


def backup_sqlite(path: Path) -> Path:
    """Copy the SQLite file (WAL content included, consistently) to a dated file beside it."""
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.backup-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.backup-{stamp}-{number}")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(path, timeout=SQLITE_BUSY_SECONDS)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(partial, target)
    return target


def _pending(script: ScriptDirectory, current: str | None, head: str) -> list[str]:
    """The revisions an upgrade from `current` applies, oldest first."""
    base = None if current in (None, BEFORE_MIGRATIONS) else current
    start = BASELINE if current == BEFORE_MIGRATIONS else base
    return [revision.revision for revision in reversed(list(script.iterate_revisions(head, start)))]


def upgrade_registry(url: str, version_locations: Sequence[Path] | None = None) -> UpgradeReport:
    """Bring the registry at `url` to head (see the module docstring). Cheap when it is there already:
    one look at its version table. Raises RegistryUpgradeFailed with nothing changed."""
    head = head_revision(version_locations)
    where = describe(url)
    engine = _migration_engine(url)
    try:
        with engine.connect() as connection:
            try:
                found = _revision(connection)
            except RegistryUpgradeFailed as problem:
                raise RegistryUpgradeFailed(f"The registry {where} is not one Borderlinks knows: {problem}. "
                                            "Nothing was changed.") from None
        if found == head:
            return UpgradeReport(head, head, None)
        with engine.connect().execution_options(registry_upgrade=True) as connection:
            return _upgrade(connection, url, head, version_locations)
    finally:
        engine.dispose()


def _upgrade(connection, url: str, head: str, version_locations) -> UpgradeReport:
    config = migrations_config(url, version_locations)
    script = ScriptDirectory.from_config(config)
    applied: list[str] = []
    config.attributes["connection"] = connection
    config.attributes["on_version_apply"] = lambda *, step, **_: applied.append(step.up_revision_id)
    where = describe(url)
    backup = None
    failing = "?"
    pending: list[str] = []
    transaction = connection.begin()
    try:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK})
        found = _revision(connection)  # again, under the lock: another process may have upgraded it
        if found == head:
            transaction.rollback()
            return UpgradeReport(head, head, None)
        pending = _pending(script, found, head)
        path = _sqlite_path(url)
        if path is not None and found is not None:
            backup = backup_sqlite(path)
        if found == BEFORE_MIGRATIONS:
            failing = f"the stamp at {BASELINE}"
            command.stamp(config, BASELINE)
        failing = None
        command.upgrade(config, head)
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RegistryUpgradeFailed(f"{len(broken)} rows point at rows that are gone, e.g. {broken[0]}")
        transaction.commit()
    except Exception as error:  # whatever a migration raises (its own bug too): rolled back, reported, re-raised
        if transaction.is_active:
            transaction.rollback()
        if failing is None:
            failing = next((revision for revision in pending if revision not in applied), head)
        kept = f" The copy taken before the upgrade is {backup}." if backup else ""
        raise RegistryUpgradeFailed(
            f"The registry {where} could not be upgraded: migration {failing} failed "
            f"({type(error).__name__}: {error}). Nothing was changed, the registry is as it was.{kept}") from error
    return UpgradeReport(found, head, backup)
