"""Alembic's environment for the registry (run by alembic, never imported by the app).

The connection comes from dashboard.registry.migrations.upgrading (config.attributes["connection"], already
inside the upgrade's one transaction); without one (e.g. `python -m dashboard registry revision`), an engine
is made from the config's sqlalchemy.url. SQLite tables are changed in batch mode (copy and rename), since
SQLite's ALTER TABLE cannot alter or drop most things.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from dashboard.registry.migrations.upgrading import VERSION_TABLE
from dashboard.registry.schema import metadata

config = context.config


def configure(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                      on_version_apply=config.attributes.get("on_version_apply"))


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        configure(connection)
        with context.begin_transaction():  # a no-op inside the caller's transaction
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("The registry's migrations run online only (python -m dashboard registry upgrade).")
run_migrations()
