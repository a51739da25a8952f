"""The project's own data cite sources, not mirrors: no file in data/ names a mirror or an aggregator.

The databases in data/ (the built store, the registry and their backups) are written at run time, not
cited tables, and are left out; every other file is read as text whatever its type.
"""

from __future__ import annotations

import csv
from pathlib import Path

from dashboard.exports.sources import NOT_CITED, own_tables

DATA = Path(__file__).resolve().parent.parent / "data"
#: Wikipedia mirrors, a CIA Factbook copy, a document re-host and an aggregator (FACTS.md, December 2026 audit)
MIRRORS = ("chaos.owiki.org", "owiki.org", "wikimili.com", "wikimili", "relief.unboundmedicine.com",
           "unboundmedicine.com", "readkong.com", "wafarin.com")


def cited_files() -> list[Path]:
    return sorted(path for path in DATA.rglob("*") if path.is_file() and ".sqlite" not in path.name
                  and "inputs" not in path.relative_to(DATA).parts and not path.name.endswith(".tmp"))


def test_the_data_folder_has_cited_tables_to_check():
    names = {path.name for path in cited_files()}
    assert {"events.csv", "corridors.csv", "crossborder_regions.csv", "memberships.csv"} <= names


def test_no_file_in_data_cites_a_mirror_or_an_aggregator():
    found = []
    for path in cited_files():
        text = path.read_bytes().decode("utf-8", errors="replace").casefold()
        for number, line in enumerate(text.splitlines(), start=1):
            found += [f"{path.name}:{number}: {mirror}" for mirror in MIRRORS if mirror in line]
    assert found == []


def test_the_sources_page_lists_every_cited_table_with_its_rows_and_distinct_sources():
    listed = {row["path"]: row for row in own_tables()}
    expected = {f"data/{path.name}" for path in DATA.glob("*.csv") if path.stem not in NOT_CITED}
    assert set(listed) == expected
    events = listed["data/events.csv"]
    assert events["rows"] >= 80 and len(events["sources"]) >= 50
    assert all(source.startswith(("http://", "https://")) for row in listed.values() for source in row["sources"])
    assert len(listed["data/crossborder_regions.csv"]["sources"]) > len(
        {row["source"] for row in _csv_rows(DATA / "crossborder_regions.csv") if row["source"]})  # status sources too


def _csv_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
