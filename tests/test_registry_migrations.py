"""Registry migrations: a registry written before migrations (tests/fixtures/registry_v1.sqlite, made by the
code of commit bb34dc1) upgrades to head with every row of every table intact, on SQLite and PostgreSQL;
a failing migration leaves the SQLite file as it was and its backup beside it; a new registry is made at
head; and the schema (dashboard/registry/schema.py) agrees with the migrations, so a change to the schema
without a migration fails here.

Every new migration adds its own test below: rows written before it (the fixture, or rows it needs)
survive it, and what it changes is there afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData, Table, create_engine, inspect, select, text

from dashboard import settings
from dashboard.__main__ import main
from dashboard.registry.database import registry_engine
from dashboard.registry.migrations.authoring import schema_differences
from dashboard.registry.migrations.upgrading import (
    BASELINE,
    VERSION_TABLE,
    VERSIONS,
    RegistryUpgradeFailed,
    head_revision,
    migrations_config,
    upgrade_registry,
)
from dashboard.registry.saved_views import story_views
from dashboard.registry.schema import metadata
from dashboard.registry.users import authenticate

FIXTURE = Path(__file__).parent / "fixtures" / "registry_v1.sqlite"
FIXTURE_PASSWORD = "correct horse battery"  # tests/fixtures/make_registry_v1.py


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def old_registry(tmp_path: Path) -> Path:
    copy = tmp_path / "registry.sqlite"
    shutil.copyfile(FIXTURE, copy)
    return copy


def v1_columns() -> dict[str, list[str]]:
    """The fixture's tables and their columns (what the registry held before migrations)."""
    engine = create_engine(sqlite_url(FIXTURE))
    try:
        inspector = inspect(engine)
        return {name: [column["name"] for column in inspector.get_columns(name)]
                for name in inspector.get_table_names()}
    finally:
        engine.dispose()


def all_rows(url: str, tables: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table (the given columns, in primary key order), values typed by the database's
    own column types (dates as dates, flags as booleans) so SQLite and PostgreSQL compare equal."""
    tables = tables or v1_columns()
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            found = {}
            for name, columns in tables.items():
                table = Table(name, MetaData(), autoload_with=connection)
                order = list(table.primary_key.columns) or [table.c[column] for column in columns]
                found[name] = [tuple(row) for row in connection.execute(
                    select(*(table.c[column] for column in columns)).order_by(*order))]
            return found
    finally:
        engine.dispose()


def revision_of(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_revision()
    finally:
        engine.dispose()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backups_of(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.backup-*"))


def shape(url: str) -> dict:
    """The schema as the database reports it: columns, keys, indexes, checks of every registry table."""
    engine = create_engine(url)
    try:
        inspector = inspect(engine)
        return {name: {
            "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(name)],
            "primary_key": inspector.get_pk_constraint(name)["constrained_columns"],
            "foreign_keys": sorted((tuple(k["constrained_columns"]), k["referred_table"],
                                    tuple(k["referred_columns"]), (k.get("options") or {}).get("ondelete"))
                                   for k in inspector.get_foreign_keys(name)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in inspector.get_indexes(name)),
            "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(name)),
            "checks": sorted((c["name"], " ".join(c["sqltext"].split())) for c in inspector.get_check_constraints(name)),
        } for name in inspector.get_table_names() if name != VERSION_TABLE}
    finally:
        engine.dispose()


# ---- the fixture and the baseline -----------------------------------------------------------------------------

def test_the_fixture_is_a_registry_from_before_migrations_with_rows_in_every_table():
    rows = all_rows(sqlite_url(FIXTURE))
    assert set(rows) <= set(metadata.tables)  # the baseline's tables (later migrations add more)
    assert {"activities", "registry_users", "saved_views", "twinning_records"} <= set(rows)
    assert all(rows.values()), {name: len(found) for name, found in rows.items()}
    assert ("schema", "1") in rows["registry_meta"] and VERSION_TABLE not in rows
    roles = {row[3] for row in rows["registry_users"]}  # user_id, name, password_hash, role, ...
    assert roles == {"viewer", "editor", "admin"}
    assert {row[6] for row in rows["saved_views"]} == {"Border cooperation 2025", None}  # a story and a loose view


def test_the_baseline_makes_exactly_the_schema_the_code_before_migrations_made(tmp_path):
    url = sqlite_url(tmp_path / "baseline.sqlite")
    command.upgrade(migrations_config(url), BASELINE)
    assert shape(url) == shape(sqlite_url(FIXTURE))


# ---- upgrading the old registry -----------------------------------------------------------------------------

def test_the_old_registry_upgrades_to_head_on_sqlite_with_every_row_intact(tmp_path):
    path = old_registry(tmp_path)
    before = all_rows(sqlite_url(path))
    engine = registry_engine(sqlite_url(path))  # what the app does on start
    assert revision_of(sqlite_url(path)) == head_revision()
    assert all_rows(sqlite_url(path), v1_columns()) == before
    [backup] = backups_of(path)  # the file as it was, beside it
    assert all_rows(sqlite_url(backup)) == before and revision_of(sqlite_url(backup)) is None
    # and the app reads it as before: accounts sign in, the story keeps its order
    assert authenticate(engine, "vera", FIXTURE_PASSWORD).role == "viewer"
    assert authenticate(engine, "boris", FIXTURE_PASSWORD) is None  # disabled, still
    assert [view.title for view in story_views(engine, "Border cooperation 2025")] == [
        "Belarus and its neighbours", "Minsk", "Russia in Russian"]
    # at head, opening it again changes nothing and takes no new backup
    assert upgrade_registry(sqlite_url(path)).changed is False and len(backups_of(path)) == 1


def test_the_old_registry_upgrades_to_head_on_postgresql_with_every_row_intact(request):
    from conftest import postgres_schema_url

    url = postgres_schema_url(request.getfixturevalue("postgres_url"), "registry_v1_upgrade")
    # an old registry on PostgreSQL: the baseline's tables, the fixture's rows, no version table
    command.upgrade(migrations_config(url), BASELINE)
    fixture = create_engine(sqlite_url(FIXTURE))
    target = create_engine(url)
    try:
        with fixture.connect() as source, target.begin() as connection:
            connection.execute(text(f"DROP TABLE {VERSION_TABLE}"))
            connection.execute(text("DELETE FROM registry_meta"))
            old = MetaData()
            old.reflect(source)
            for table in old.sorted_tables:
                rows = [dict(row) for row in source.execute(select(table)).mappings()]
                connection.execute(Table(table.name, MetaData(), autoload_with=connection).insert(), rows)
    finally:
        fixture.dispose()
        target.dispose()
    before = all_rows(sqlite_url(FIXTURE))
    assert all_rows(url) == before and revision_of(url) is None

    engine = registry_engine(url)
    assert revision_of(url) == head_revision()
    assert all_rows(url, v1_columns()) == before
    assert authenticate(engine, "admin", FIXTURE_PASSWORD).role == "admin"


def test_a_migration_that_copies_a_table_keeps_every_row_of_the_tables_pointing_at_it(tmp_path):
    """SQLite changes a table by copying it; with foreign keys on, dropping the old activities table would
    delete every place, region, country and key of every activity (ON DELETE CASCADE)."""
    versions = versions_with(tmp_path, COPY_ACTIVITIES)
    path = old_registry(tmp_path)
    before = all_rows(sqlite_url(path))
    report = upgrade_registry(sqlite_url(path), [versions])
    assert (report.to_revision, revision_of(sqlite_url(path))) == ("9002", "9002")
    assert all_rows(sqlite_url(path), v1_columns()) == before


# ---- a failing migration ---------------------------------------------------------------------------------------

COPY_ACTIVITIES = '''
    """Test-only: activities gets a column, by copying the table (as SQLite's batch mode does)."""
    import sqlalchemy as sa
    from alembic import op

    revision = "9002"
    down_revision = "HEAD"
    branch_labels = None
    depends_on = None


    def upgrade():
        with op.batch_alter_table("activities", recreate="always") as batch:
            batch.add_column(sa.Column("test_only", sa.Text()))
'''

BROKEN = COPY_ACTIVITIES + '''
        op.execute("DELETE FROM registry_audit")
        op.execute("UPDATE registry_users SET role = 'viewer'")
        raise RuntimeError("a bug in migration 9002")
'''


def versions_with(tmp_path: Path, migration: str) -> Path:
    """A versions folder of its own: the real migrations plus `migration` as 9002 after their head (passed
    to the upgrade as its version_locations; the product's versions/ folder is not touched)."""
    folder = tmp_path / "versions"
    folder.mkdir()
    for script in VERSIONS.glob("[0-9]*.py"):
        shutil.copy(script, folder)
    (folder / "9002_test_only.py").write_text(textwrap.dedent(migration).replace('"HEAD"', repr(head_revision())))
    return folder


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_failing_migration_leaves_the_sqlite_file_as_it_was_and_its_backup_beside_it(tmp_path, journal):
    path = old_registry(tmp_path)
    if journal == "wal":  # as a registry the app has used: with a row still in the WAL, not in the file
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.close()
        writer = sqlite3.connect(path)
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("INSERT INTO registry_meta VALUES ('only_in_the_wal', 'yes')")
        writer.commit()
        assert Path(f"{path}-wal").stat().st_size > 0
    registry_engine(sqlite_url(path))  # at head, as the app leaves it
    for backup in backups_of(path):
        backup.unlink()
    before, bytes_before = all_rows(sqlite_url(path)), digest(path)

    with pytest.raises(RegistryUpgradeFailed) as failed:
        upgrade_registry(sqlite_url(path), [versions_with(tmp_path, BROKEN)])
    [backup] = backups_of(path)
    message = str(failed.value)
    assert str(path) in message and "migration 9002 failed" in message and str(backup) in message
    assert "a bug in migration 9002" in message and "Nothing was changed" in message
    assert all_rows(sqlite_url(path)) == before and revision_of(sqlite_url(path)) == head_revision()
    if journal == "delete":
        assert digest(path) == bytes_before
    assert all_rows(sqlite_url(backup)) == before  # the backup has the WAL's rows too
    if journal == "wal":
        assert ("only_in_the_wal", "yes") in all_rows(sqlite_url(backup))["registry_meta"]
        writer.close()


def test_a_registry_the_code_does_not_know_is_refused_untouched(tmp_path):
    path = tmp_path / "registry.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE registry_meta (key TEXT PRIMARY KEY, value TEXT)")
    connection.execute("INSERT INTO registry_meta VALUES ('schema', '7')")
    connection.commit()
    connection.close()
    bytes_before = digest(path)
    with pytest.raises(RegistryUpgradeFailed, match="unknown schema stamp '7'"):
        registry_engine(sqlite_url(path))
    assert digest(path) == bytes_before and not backups_of(path)


START_WITH_EXTRA_VERSIONS = textwrap.dedent("""
    import sys
    from pathlib import Path
    from dashboard.registry.migrations import upgrading
    upgrading.VERSIONS = Path(sys.argv[1])  # the migrations this start finds pending (injected from outside)
    import app
    response = app.server.test_client().get("/network")
    print(response.status_code)
    print(response.get_data(as_text=True))
""")


def test_the_app_applies_pending_migrations_on_start_and_a_failed_one_gives_a_plain_error_page(tmp_path):
    path = old_registry(tmp_path)
    before, bytes_before = all_rows(sqlite_url(path)), digest(path)
    env = {key: value for key, value in os.environ.items() if not key.startswith("BORDERLINKS_")}
    env.update(BORDERLINKS_REGISTRY_URL=sqlite_url(path), BORDERLINKS_DATABASE_URL=sqlite_url(tmp_path / "no-store.sqlite"))
    started = subprocess.run([sys.executable, "-c", START_WITH_EXTRA_VERSIONS, str(versions_with(tmp_path, BROKEN))],
                             check=False, cwd=settings.PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in started.stderr, started.stderr
    status, page = started.stdout.split("\n", 1)
    [backup] = backups_of(path)
    assert status == "503" and "migration 9002 failed" in page and str(path) in page and str(backup) in page
    assert digest(path) == bytes_before and all_rows(sqlite_url(backup)) == before
    backup.unlink()
    good = tmp_path / "good"
    good.mkdir()
    started = subprocess.run([sys.executable, "-c", START_WITH_EXTRA_VERSIONS, str(versions_with(good, COPY_ACTIVITIES))],
                             check=False, cwd=settings.PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert started.stdout.split("\n", 1)[0] == "200", started.stderr[-2000:]
    assert revision_of(sqlite_url(path)) == "9002" and all_rows(sqlite_url(path), v1_columns()) == before
    assert len(backups_of(path)) == 1


# ---- the command line ----------------------------------------------------------------------------------------

def test_registry_upgrade_on_the_command_line_says_from_what_to_what_and_where_the_backup_is(
        tmp_path, monkeypatch, capsys):
    path = old_registry(tmp_path)
    before = all_rows(sqlite_url(path))
    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", sqlite_url(path))
    assert main(["registry", "current"]) == 0
    assert "before migrations" in capsys.readouterr().out
    assert main(["registry", "upgrade"]) == 0
    out = capsys.readouterr().out
    [backup] = backups_of(path)
    assert f"before migrations (registry_meta schema = 1) -> {head_revision()}" in out and str(backup) in out
    assert all_rows(sqlite_url(path), v1_columns()) == before
    assert main(["registry", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out and len(backups_of(path)) == 1
    assert main(["registry", "current"]) == 0
    assert f"revision {head_revision()}; newest {head_revision()}; up to date" in capsys.readouterr().out
    assert main(["users", "list"]) == 0  # the other commands work on it as before
    assert "boris" in capsys.readouterr().out


# ---- a new registry, and the schema against the migrations ------------------------------------------------------

def test_a_new_registry_is_created_at_head_and_agrees_with_the_schema(registry_url):
    engine = registry_engine(registry_url)
    assert revision_of(registry_url) == head_revision()
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM registry_meta WHERE key = 'version'")).scalar() == "0"
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE, "compare_type": True})
        assert compare_metadata(context, metadata) == []  # comments, types, indexes: as schema.py says
    if registry_url.startswith("sqlite"):
        assert not backups_of(Path(registry_url.removeprefix("sqlite:///")))  # nothing to back up


def test_the_schema_and_the_migrations_agree():
    """Fails when dashboard/registry/schema.py changes without a migration: write one with
    `python -m dashboard registry revision -m "..."` (and give it a test in this file)."""
    assert schema_differences() == []


# ---- 0002: monitoring (activity status and sectors, status history, meetings, action plans) -------------------

def test_0002_derives_status_and_sectors_and_keeps_every_old_value(tmp_path):
    path = old_registry(tmp_path)
    # two rows as the reference import of data/events.csv wrote them: sector and status in the notes
    connection = sqlite3.connect(path)
    connection.executescript("""
        INSERT INTO activities (activity_id, title, activity_type, start_date, end_date, date_precision, notes,
                                is_sample, withdrawn, created_at, created_by)
        VALUES (101, 'Forum of Regions', 'forum', '2031-06-26', '2031-06-27', 'day',
                'title_ru: Форум регионов | sector: economy; culture | status: planned', 0, 0,
                '2026-11-30 10:00:00', 'seed'),
               (102, 'A future fair', 'exhibition', '2032-05-01', '2032-05-03', 'day', NULL, 0, 0,
                '2026-11-30 10:00:00', 'anna');
    """)
    connection.commit()
    connection.close()
    before = all_rows(sqlite_url(path))
    registry_engine(sqlite_url(path))
    assert all_rows(sqlite_url(path), v1_columns()) == before  # notes included: nothing old is rewritten
    engine = create_engine(sqlite_url(path))
    try:
        with engine.connect() as connection:
            status = dict(connection.execute(text("SELECT activity_id, status FROM activities")).all())
            sectors = connection.execute(text(
                "SELECT activity_id, sector FROM activity_sectors ORDER BY activity_id, sector")).all()
            history = connection.execute(text(
                "SELECT activity_id, status, changed_on FROM activity_status_changes ORDER BY activity_id")).all()
            empty = [connection.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar()
                     for name in ("meetings", "action_plans", "plan_items", "plan_item_activities")]
    finally:
        engine.dispose()
    # from the notes; else planned when it starts later, held otherwise
    assert status[101] == "planned" and status[102] == "planned"
    assert {status[i] for i in range(1, 10)} == {"held"}
    # sectors from the notes, else from a type that says it (festival, youth exchange, business mission,
    # tourism); forums, agreements and exhibitions without notes stay without a sector
    assert sectors == [(1, "culture"), (3, "youth"), (4, "culture"), (6, "youth"), (7, "economy"),
                       (8, "tourism"), (101, "culture"), (101, "economy")]
    assert len(history) == len(status) and {row[0] for row in history} == set(status)
    assert empty == [0, 0, 0, 0]


def test_0003_adds_the_practice_library_and_partner_requests_and_keeps_every_old_row(tmp_path):
    """The fixture upgraded through 0003: every old row intact, the new tables there and empty (the reference
    practices are imported by the app, not by the migration), and a practice with its sector, place and
    transfer can be written and read back."""
    path = old_registry(tmp_path)
    before = all_rows(sqlite_url(path))
    registry_engine(sqlite_url(path))
    assert all_rows(sqlite_url(path), v1_columns()) == before
    new_tables = ("practices", "practice_sectors", "practice_places", "practice_transfers", "practice_links",
                  "partner_requests", "partner_request_sectors")
    engine = create_engine(sqlite_url(path))
    try:
        with engine.begin() as connection:
            assert [connection.execute(text(f"SELECT COUNT(*) FROM {name}")).scalar() for name in new_tables] == [0] * 7
            connection.execute(text(
                "INSERT INTO practices (practice_id, slug, title_en, title_ru, summary_en, summary_ru, original_language,"
                " period_start, sources, status, is_reference, is_sample, content_hash, search_terms, created_at,"
                " created_by) VALUES (1, 'p', 'T', 'Т', 'S', 'С', 'en', 2020, 'https://example.org', 'submitted', 0, 0,"
                " 'h', 'т', '2026-12-02 10:00:00', 'ed')"))
            connection.execute(text("INSERT INTO practice_sectors VALUES (1, 'tourism')"))
            connection.execute(text("INSERT INTO practice_places VALUES (1, 627904)"))
            connection.execute(text("INSERT INTO practice_transfers (practice_id, from_place, to_place, year) "
                                    "VALUES (1, 627711, 627904, 2016)"))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT status FROM practices")).scalar() == "submitted"
            assert connection.execute(text("SELECT to_place FROM practice_transfers")).scalar() == 627904
    finally:
        engine.dispose()


# ---- 0004: the life of a twinning record (signing date, status changes, sources) -----------------------------

def test_0004_gives_twinning_records_a_life_and_keeps_every_old_value(tmp_path):
    from dashboard.registry.records import TwinningRecord, record_twinning

    path = old_registry(tmp_path)
    before = all_rows(sqlite_url(path))
    engine = registry_engine(sqlite_url(path))
    assert revision_of(sqlite_url(path)) == head_revision()
    assert all_rows(sqlite_url(path), v1_columns()) == before  # year_signed and source_url included
    with engine.connect() as connection:
        records = connection.execute(text(
            "SELECT place_a, place_b, year_signed, signed, signed_precision, status, status_changed, status_source "
            "FROM twinning_records ORDER BY place_a")).all()
        sources = connection.execute(text("SELECT place_a, place_b, url FROM twinning_record_sources")).all()
    # the fixture's Gomel record (2011, with a source) and a proposed one without either
    assert records == [(524901, 1526384, None, None, None, "proposed", None, None),
                       (554234, 627907, 2011, "2011", "year", "active", None, None)]
    assert sources == [(554234, 627907, "https://example.org/twinning")]
    # an ended tie with its date, source and a second attesting source: one record, three sources
    with engine.begin() as connection:
        changes = record_twinning(connection, TwinningRecord(
            627907, 554234, "ended", source_url="https://example.org/twinning", signed="2011-05-20",
            status_changed="2022-03", status_source="https://example.org/ended",
            sources=("https://example.org/list",)), "anna")
    assert {"status", "signed", "signed_precision", "status_changed", "sources"} <= set(changes)
    with engine.connect() as connection:
        row = connection.execute(text(
            "SELECT year_signed, signed, signed_precision, status, status_changed, status_source "
            "FROM twinning_records WHERE place_a = 554234")).one()
        urls = connection.execute(text(
            "SELECT url FROM twinning_record_sources WHERE place_a = 554234 ORDER BY url")).scalars().all()
    assert tuple(row) == (2011, "2011-05-20", "day", "ended", "2022-03", "https://example.org/ended")
    assert urls == ["https://example.org/ended", "https://example.org/list", "https://example.org/twinning"]
    engine.dispose()


# ---- 0005: a practice's long texts in every UI language -------------------------------------------------------

def test_0005_adds_translations_of_a_practice_texts_and_keeps_every_old_value(tmp_path):
    """A registry at 0004 with a practice (the fixture upgraded, then a practice written as the code of 0004
    wrote it) upgrades to head: every old row and value intact, the translation columns there and empty,
    and a translation can be written and read back."""
    path = old_registry(tmp_path)
    url = sqlite_url(path)
    command.stamp(migrations_config(url), BASELINE)  # what upgrade_registry does to a registry from before migrations
    command.upgrade(migrations_config(url), "0004")
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO practices (practice_id, slug, title_en, title_ru, summary_en, summary_ru, original_language,"
                " problem, actions, results, organisation, period_start, sources, status, is_reference, is_sample,"
                " content_hash, search_terms, created_at, created_by) VALUES (1, 'p', 'T', 'Т', 'S', 'С', 'en',"
                " 'Ferries only', 'A bridge was built', 'Trade grew', 'City hall', 2020, 'https://example.org',"
                " 'published', 1, 0, 'h', 'ferri', '2026-12-02 10:00:00', 'system')"))
            connection.execute(text("INSERT INTO practice_sectors VALUES (1, 'infrastructure')"))
    finally:
        engine.dispose()
    practice_columns = ["practice_id", "slug", "title_en", "title_ru", "summary_en", "summary_ru", "original_language",
                        "problem", "actions", "results", "organisation", "period_start", "sources", "status",
                        "is_reference", "content_hash", "created_by"]
    tables = {**v1_columns(), "practices": practice_columns, "practice_sectors": ["practice_id", "sector"]}
    before = all_rows(url, tables)
    registry_engine(url).dispose()
    assert revision_of(url) == head_revision()
    assert all_rows(url, tables) == before
    translations = [f"{name}_{language}" for name in ("problem", "actions", "results", "organisation")
                    for language in ("en", "ru", "zh")]
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            assert tuple(connection.execute(text(f"SELECT {', '.join(translations)} FROM practices")).one()) == \
                (None,) * len(translations)
            connection.execute(text("UPDATE practices SET problem_ru = 'Только паромы' WHERE practice_id = 1"))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT problem, problem_ru FROM practices")).one() == \
                ("Ferries only", "Только паромы")
    finally:
        engine.dispose()
