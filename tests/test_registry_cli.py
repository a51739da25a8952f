"""The registry's commands: `import activities`, `users`, `demo-activities`, and the cited events table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from registry_world import RU_CP1251, csv_bytes, english_rows, registry_catalog
from sqlalchemy import func, select

from dashboard.__main__ import main
from dashboard.registry import cli
from dashboard.registry import gazetteer as gazetteer_module
from dashboard.registry.database import registry_engine
from dashboard.registry.schema import activities, registry_imports
from dashboard.registry.users import authenticate


@pytest.fixture
def registry(registry_url, monkeypatch):
    url = registry_url  # SQLite and PostgreSQL (tests/conftest.py)
    monkeypatch.setenv("BORDERLINKS_REGISTRY_URL", url)
    monkeypatch.setattr(gazetteer_module, "_store_place_names", lambda: None)
    catalog = registry_catalog()
    monkeypatch.setattr(cli, "_catalog", lambda: catalog)
    return registry_engine(url)


def count(engine, table, where=None) -> int:
    query = select(func.count()).select_from(table)
    if where is not None:
        query = query.where(where)
    with engine.connect() as connection:
        return connection.execute(query).scalar()


def test_import_dry_run_then_import_then_again(registry, capsys):
    assert main(["import", "activities", str(RU_CP1251), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "6 rows (CSV, windows-1251, separator ';')" in out and "to add: 6" in out and "Dry run" in out
    assert count(registry, activities) == 0 and count(registry, registry_imports) == 0

    assert main(["import", "activities", str(RU_CP1251), "--user", "anna"]) == 0
    assert "6 added" in capsys.readouterr().out and count(registry, activities) == 6
    assert main(["import", "activities", str(RU_CP1251), "--user", "anna"]) == 0
    assert "0 added, 0 updated, 6 unchanged" in capsys.readouterr().out
    with registry.connect() as connection:
        users = connection.execute(select(registry_imports.c.user_name, registry_imports.c.origin)).all()
    assert users == [("anna", "cli"), ("anna", "cli")]


def test_import_refuses_bad_files_with_a_message(registry, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(english_rows() + [["X", "party", "2024-01-01", "", "Atlantis", "", "", "", "", ""]]))
    assert main(["import", "activities", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "row 5, column 'Type': unknown type “party”" in captured.out
    assert "Rows rejected: 1, so nothing was imported" in captured.err
    assert count(registry, activities) == 0
    assert main(["import", "activities", str(bad), "--skip-rejected"]) == 0
    assert count(registry, activities) == 3
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    assert main(["import", "activities", str(fake), "--lang", "ru"]) == 1
    assert "не является читаемой книгой Excel" in capsys.readouterr().err
    assert main(["import", "activities", str(tmp_path / "missing.csv")]) == 1


def test_users_add_list_and_passwords(registry, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    assert main(["users", "add", "anna", "--role", "editor", "--password-stdin"]) == 0
    assert authenticate(registry, "anna", "a long enough secret").role == "editor"
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["users", "add", "boris", "--role", "admin", "--password-stdin"]) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("another long secret\n"))
    assert main(["users", "add", "anna", "--password-stdin"]) == 1  # exists already
    assert main(["users", "list"]) == 0
    assert re.search(r"anna\s+editor", capsys.readouterr().out)
    assert main(["users", "set", "anna", "--role", "viewer"]) == 0
    assert authenticate(registry, "anna", "a long enough secret").role == "viewer"


def test_demo_activities_are_marked_as_sample_and_replaced(registry, capsys):
    assert main(["demo-activities", "--seed", "4", "--count", "40", "--as-of", "2025-06-30"]) == 0
    assert "SAMPLE data: 40 sample activities" in capsys.readouterr().out
    assert count(registry, activities, activities.c.is_sample) == 40
    with registry.connect() as connection:
        titles = connection.execute(select(activities.c.title)).scalars().all()
    assert all(title.endswith("(sample)") for title in titles)
    assert main(["import", "activities", str(RU_CP1251)]) == 0
    assert main(["demo-activities", "--seed", "5", "--count", "30", "--as-of", "2025-06-30"]) == 0
    assert count(registry, activities, activities.c.is_sample) == 30  # replaced, not added
    assert count(registry, activities, ~activities.c.is_sample) == 6  # real data untouched


def test_the_same_seed_gives_the_same_samples():
    from dashboard.registry.samples import sample_activities

    catalog = registry_catalog()
    first = sample_activities(catalog, 9, 30)
    assert first == sample_activities(catalog, 9, 30) and first != sample_activities(catalog, 10, 30)


WEAK_SOURCE_DOMAINS = ("wikimili", "owiki.org", "unboundmedicine", "readkong", "wafarin")
EVENT_STATUSES = {"held", "planned", "postponed", "cancelled"}
EVENT_SECTORS = {"economy", "infrastructure", "industry", "agriculture", "housing", "open_government",
                 "civil_society", "science", "education", "culture", "sport", "tourism", "youth", "social",
                 "health", "environment", "history"}
NO_REPORT_FLAG = "no report found"  # a planned row dated in the past must say so in its notes


def events_rows() -> list[dict]:
    from dashboard.registry.service import EVENTS_CSV

    return list(csv.DictReader(io.StringIO(EVENTS_CSV.read_text(encoding="utf-8"))))


def test_events_csv_rows_are_cited_and_valid():
    from dashboard.registry.importing import NOTE_COLUMNS
    from dashboard.registry.reading import read_upload
    from dashboard.registry.service import EVENTS_CSV

    rows = events_rows()
    assert set(NOTE_COLUMNS) <= set(rows[0])
    for row in rows:
        assert re.fullmatch(r"https?://\S+", row["source"]), row  # exactly one address, nothing else
        assert not any(domain in row["source"] for domain in WEAK_SOURCE_DOMAINS), row["source"]
        assert row["title"] and row["type"] and row["start_date"] and row["verification"], row
        assert row["status"] in EVENT_STATUSES, row
        assert set(filter(None, re.split(r"\s*;\s*", row["sector"]))) <= EVENT_SECTORS, row
        assert not re.search(r"[іў]", row["title_ru"]), row["title_ru"]  # Russian, not Belarusian spelling
        for place in filter(None, re.split(r"\s*;\s*", row["places"])):
            assert re.fullmatch(r".+ \[\d+\]", place), place
    recent = [row for row in rows if "2023" <= row["start_date"][:4] <= "2025"]
    assert len(recent) >= 50
    assert sum(row["status"] == "held" for row in recent) >= 45
    # an announced event with no report of it is planned, and once its date has passed it says so
    today = dt.date.today().isoformat()
    for row in rows:
        if row["status"] == "planned" and (row["end_date"] or row["start_date"]) < today:
            assert NO_REPORT_FLAG in row["notes"], row
    # the SCO heads of regions forum in Omsk (September 2024) is recorded since a report of it was found
    assert any("Omsk" in row["places"] and row["start_date"].startswith("2024-09") for row in rows)
    assert read_upload(EVENTS_CSV.read_bytes(), "events.csv").kind == "csv"


@pytest.mark.store
def test_events_csv_imports_against_the_real_store(tmp_path):
    """Every cited event resolves to the real store's places, regions and corridors (skipped without it)."""
    from dashboard.registry.gazetteer import gazetteer_for
    from dashboard.registry.importing import preview_import
    from dashboard.registry.service import EVENTS_CSV
    from dashboard.store.catalog import StoreMissing, load_catalog

    try:
        catalog = load_catalog()
    except StoreMissing:
        pytest.skip("the store is not built")
    engine = registry_engine(f"sqlite:///{tmp_path / 'r.sqlite'}")
    store_ids = set(catalog.places["place_id"])
    for row in events_rows():
        for place_id in re.findall(r"\[(\d+)\]", row["places"] + row["twinning"]):
            assert int(place_id) in store_ids, (row["title"], place_id)
    preview = preview_import(engine, EVENTS_CSV.read_bytes(), "events.csv", gazetteer_for(catalog))
    assert [r.message() for r in preview.rejections] == []
    assert preview.counts["add"] == preview.counts["total"]
    assert preview.ignored_columns == []
    first = next(p.values for p in preview.planned if p.values.title.startswith("X Forum of Regions"))
    assert "title_ru: X Форум регионов" in first.notes and first.status == "held"
