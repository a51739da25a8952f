"""Where the registry lives and how to open it.

`BORDERLINKS_REGISTRY_URL` (any SQLAlchemy URL), else the SQLite file data/registry.sqlite of the
checkout (git-ignored). On PostgreSQL it may be the store's database: the store build drops only the
store's own tables, and the registry's table names (activities, activity_*, twinning_records,
registry_*) do not clash with them.

`registry_engine(url)` opens it (one engine per URL and process, cached) and brings its schema to the
migrations' head first (dashboard/registry/migrations: a new registry is created by them, one written
before migrations is recognised by its stamp, a SQLite file is backed up beside itself before any
pending migration; when it is at head already that costs one look at its version table, once per
process). Every write transaction calls `bump_version`, so readers in any process can tell cheaply
whether their in-memory copy is stale (`registry_version`).
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from dashboard import settings
from dashboard.registry.migrations.upgrading import SQLITE_BUSY_SECONDS, upgrade_registry
from dashboard.registry.schema import registry_meta

DEFAULT_REGISTRY = settings.PROJECT_ROOT / "data" / "registry.sqlite"


def registry_url() -> str:
    """BORDERLINKS_REGISTRY_URL, else the SQLite file data/registry.sqlite in the checkout."""
    return os.environ.get("BORDERLINKS_REGISTRY_URL") or f"sqlite:///{DEFAULT_REGISTRY}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
    cursor.close()


def registry_engine(url: str | None = None) -> Engine:
    """The engine of the registry at `url` (default: registry_url(), read now: the setting may change,
    as it does between tests), its schema at the migrations' head. Raises RegistryUpgradeFailed
    (dashboard.registry.migrations.upgrading) when a pending migration fails: nothing changed then."""
    return _registry_engine(url or registry_url())


@lru_cache(maxsize=8)
def _registry_engine(url: str) -> Engine:
    parsed = make_url(url)
    kwargs: dict = {}
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise ValueError(f"The registry must be a SQLite file or a database server, not {url!r}.")
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_SECONDS}
    upgrade_registry(url)  # the migrations own the schema (and write a new registry's first rows)
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def meta_value(connection, key: str) -> str | None:
    return connection.execute(select(registry_meta.c.value).where(registry_meta.c.key == key)).scalar()


def set_meta_value(connection, key: str, value: str) -> None:
    done = connection.execute(update(registry_meta).where(registry_meta.c.key == key).values(value=value))
    if not done.rowcount:
        connection.execute(registry_meta.insert().values(key=key, value=value))


def registry_version(engine: Engine) -> int:
    """A number that grows with every committed write (one cheap query)."""
    with engine.connect() as connection:
        return int(meta_value(connection, "version") or 0)


def bump_version(connection) -> None:
    """Mark the registry as changed; call inside the write's transaction."""
    current = int(meta_value(connection, "version") or 0)
    set_meta_value(connection, "version", str(current + 1))


def secret_key(engine: Engine) -> str:
    """BORDERLINKS_SECRET_KEY, else a random key made once and kept in the registry (shared by every
    worker process, survives restarts; sessions end when it changes)."""
    if os.environ.get("BORDERLINKS_SECRET_KEY"):
        return os.environ["BORDERLINKS_SECRET_KEY"]
    try:
        with engine.begin() as connection:
            value = meta_value(connection, "secret_key")
            if value is None:
                value = secrets.token_hex(32)
                connection.execute(registry_meta.insert().values(key="secret_key", value=value))
    except IntegrityError:
        # another worker starting at the same moment stored its key first: every worker uses that one
        with engine.connect() as connection:
            value = meta_value(connection, "secret_key")
    return value
