"""Writing migrations: compare dashboard/registry/schema.py with the migrations' head, and write the next one.

Both work on a throwaway SQLite registry brought to head (no real registry is needed or touched):
`schema_differences()` is what `alembic check` reports (empty when the schema and the migrations agree),
`write_revision("add x")` is `alembic revision --autogenerate` writing versions/NNNN_add_x.py.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from dashboard.registry.migrations.upgrading import VERSION_TABLE, migrations_config, upgrade_registry
from dashboard.registry.schema import metadata


def schema_differences(version_locations: Sequence[Path] | None = None) -> list:
    """Alembic's autogenerate diff between a registry at head and the schema's metadata ([] = agree)."""
    with tempfile.TemporaryDirectory(prefix="registry-head-") as folder:
        url = f"sqlite:///{Path(folder) / 'registry.sqlite'}"
        upgrade_registry(url, version_locations)
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={
                    "version_table": VERSION_TABLE, "compare_type": True, "render_as_batch": True})
                return compare_metadata(context, metadata)
        finally:
            engine.dispose()


def next_revision_id(version_locations: Sequence[Path] | None = None) -> str:
    """0002 after 0001, and so on (the revisions are numbered in order)."""
    script = ScriptDirectory.from_config(migrations_config(version_locations=version_locations))
    numbers = [int(revision.revision) for revision in script.walk_revisions() if revision.revision.isdigit()]
    return f"{max(numbers, default=0) + 1:04d}"


def write_revision(message: str, version_locations: Sequence[Path] | None = None) -> Path:
    """A new migration from the differences between the schema and head (empty if there are none, for
    a data migration); returns its file. Read and complete it, then give it a test."""
    with tempfile.TemporaryDirectory(prefix="registry-head-") as folder:
        url = f"sqlite:///{Path(folder) / 'registry.sqlite'}"
        upgrade_registry(url, version_locations)
        config = migrations_config(url, version_locations)
        script = command.revision(config, message, autogenerate=True,
                                  rev_id=next_revision_id(version_locations))
    return Path(script.path)
