"""The project's cited tables of ties are well formed: published twin-city lists, twinnings signed 2023-2025,
and ties suspended or ended since 2022.

Each row has the required columns, one http(s) source, dates that parse, place ids that exist in the real
store (skipped when data/borderlinks.sqlite is not built), no pair twice and no weak-source domain.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
STORE = DATA / "borderlinks.sqlite"

LISTS = DATA / "twin_city_lists.csv"
SIGNED = DATA / "twinnings_signed_2023_2025.csv"
STATUS = DATA / "twinning_status_changes.csv"

LIST_COLUMNS = ["city_place_id", "city_name_en", "list_url", "list_date", "partner_name_as_listed",
                "partner_country_iso3", "partner_place_id", "since", "in_store", "review_reason"]
SIGNED_COLUMNS = ["place_a_id", "place_a_name", "place_b_id", "place_b_name", "kind", "signed", "source", "note"]
STATUS_COLUMNS = ["place_a_id", "place_a_name", "place_b_id", "place_b_name", "status", "changed", "decided_by",
                  "source", "note"]

WEAK_SOURCE_DOMAINS = ("wikimili.com", "owiki.org", "unboundmedicine.com", "readkong.com", "wafarin.com")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
ACCESSED = re.compile(r"^accessed (\d{4}-\d{2})$")


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def parse_date(text: str) -> date:
    """A year, a month or a day ('2022', '2022-03', '2022-03-02'); raises ValueError otherwise."""
    match = PARTIAL_DATE.match(text)
    if not match:
        raise ValueError(f"not a date of year, month or day precision: {text!r}")
    year, month, day = match.groups()
    return date(int(year), int(month or 1), int(day or 1))


def is_single_web_address(text: str) -> bool:
    parsed = urlparse(text)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and not re.search(r"\s|;|,http", text)


TABLES = {
    "lists": (LISTS, LIST_COLUMNS, "list_url"),
    "signed": (SIGNED, SIGNED_COLUMNS, "source"),
    "status": (STATUS, STATUS_COLUMNS, "source"),
}


@pytest.fixture(scope="module")
def store():
    if not STORE.exists():
        pytest.skip("data/borderlinks.sqlite is not built")
    connection = sqlite3.connect(f"file:{STORE}?mode=ro", uri=True)
    yield connection
    connection.close()


def place_names(store, ids: set[int]) -> dict[int, str]:
    marks = ",".join("?" * len(ids))
    return dict(store.execute(f"SELECT place_id, name_en FROM places WHERE place_id IN ({marks})", sorted(ids)))


@pytest.mark.parametrize("name", TABLES)
def test_every_table_has_its_columns_and_rows(name):
    path, columns, _ = TABLES[name]
    header, rows = read(path)
    assert header == columns
    assert rows, f"{path.name} is empty"
    for number, row in enumerate(rows, start=2):
        assert None not in row.values(), f"{path.name} line {number} has too few or too many fields"


@pytest.mark.parametrize("name", TABLES)
def test_every_row_cites_one_web_address_from_no_weak_source(name):
    path, _, source_column = TABLES[name]
    for number, row in enumerate(read(path)[1], start=2):
        address = row[source_column]
        assert is_single_web_address(address), f"{path.name} line {number}: {address!r}"
        host = urlparse(address).netloc.lower()
        assert not any(host == weak or host.endswith("." + weak) for weak in WEAK_SOURCE_DOMAINS), \
            f"{path.name} line {number} cites a weak source: {host}"


def test_signings_fall_in_2023_to_2025_and_have_a_known_kind():
    rows = read(SIGNED)[1]
    assert len(rows) >= 30
    for row in rows:
        assert 2023 <= parse_date(row["signed"]).year <= 2025, row
        assert row["kind"] in {"twinning", "partnership", "cooperation agreement"}, row


def test_status_changes_are_dated_since_2022_and_say_who_decided():
    rows = read(STATUS)[1]
    assert len(rows) >= 50
    for row in rows:
        assert parse_date(row["changed"]).year >= 2022, row
        assert row["status"] in {"suspended", "ended"}, row
        assert row["decided_by"], row


def test_list_dates_and_since_dates_parse():
    for row in read(LISTS)[1]:
        if not ACCESSED.match(row["list_date"]):
            parse_date(row["list_date"])
        if row["since"]:
            parse_date(row["since"])


def test_a_list_item_without_a_place_says_why_and_is_not_counted_as_in_the_store():
    for row in read(LISTS)[1]:
        assert row["in_store"] in {"yes", "no"}, row
        if row["partner_place_id"]:
            assert not row["review_reason"], row
        else:
            assert row["review_reason"], row
            assert row["in_store"] == "no", row


@pytest.mark.parametrize("name", ["signed", "status"])
def test_no_pair_twice(name):
    path, _, _ = TABLES[name]
    pairs = [frozenset((row["place_a_id"], row["place_b_id"])) for row in read(path)[1]]
    assert all(len(pair) == 2 for pair in pairs), "a place is paired with itself"
    duplicates = {tuple(sorted(pair)) for pair in pairs if pairs.count(pair) > 1}
    assert not duplicates


def test_no_partner_listed_twice_for_a_city():
    keys = [(row["city_place_id"], row["partner_place_id"] or row["partner_name_as_listed"])
            for row in read(LISTS)[1]]
    assert len(keys) == len(set(keys))
    assert all(city != partner for city, partner in keys)


@pytest.mark.parametrize("name", ["signed", "status"])
def test_pair_ids_exist_in_the_store_under_the_names_given(store, name):
    path, _, _ = TABLES[name]
    rows = read(path)[1]
    ids = {int(row[column]) for row in rows for column in ("place_a_id", "place_b_id")}
    known = place_names(store, ids)
    assert ids <= set(known), f"unknown place ids: {sorted(ids - set(known))}"
    for row in rows:
        assert known[int(row["place_a_id"])] == row["place_a_name"], row
        assert known[int(row["place_b_id"])] == row["place_b_name"], row


def test_list_ids_exist_in_the_store(store):
    rows = read(LISTS)[1]
    ids = {int(row["city_place_id"]) for row in rows} | {int(row["partner_place_id"]) for row in rows
                                                          if row["partner_place_id"]}
    known = place_names(store, ids)
    assert ids <= set(known), f"unknown place ids: {sorted(ids - set(known))}"
    for row in rows:
        assert known[int(row["city_place_id"])] == row["city_name_en"], row


def test_murmansk_coverage_recomputed_by_hand(store):
    """The list Murmansk gave in Dec 2022 (7 twins) and the store's twinnings of Murmansk: every listed twin
    that the table marks as in the store really is a twinning of Murmansk there."""
    murmansk = 524305
    rows = [row for row in read(LISTS)[1] if int(row["city_place_id"]) == murmansk]
    assert {row["partner_name_as_listed"] for row in rows} == {
        "Vadse", "Groningen", "Jacksonville", "Alanya", "Minsk", "Harbin", "Rovaniemi"}
    partners = {b if a == murmansk else a for a, b in store.execute(
        "SELECT place_a, place_b FROM twinnings WHERE ? IN (place_a, place_b)", (murmansk,))}
    marked = {int(row["partner_place_id"]) for row in rows if row["in_store"] == "yes"}
    assert marked <= partners


def test_khabarovsk_official_list_recomputed_by_hand(store):
    """The city administration's page names six foreign sister cities, four with the day the tie was signed; the
    store's twinnings of Khabarovsk hold every one (coverage 100 %), so the list adds dates, not ties."""
    khabarovsk = 2022890
    rows = [row for row in read(LISTS)[1] if int(row["city_place_id"]) == khabarovsk]
    assert {row["partner_name_as_listed"] for row in rows} == {
        "Niigata", "Portland", "Victoria", "Harbin", "Bucheon", "Sanya"}
    assert {row["partner_name_as_listed"]: row["since"] for row in rows if row["since"]} == {
        "Niigata": "1965-04-23", "Portland": "1988-06-10", "Victoria": "1990-05-25", "Harbin": "1993-06-15"}
    partners = {b if a == khabarovsk else a for a, b in store.execute(
        "SELECT place_a, place_b FROM twinnings WHERE ? IN (place_a, place_b) AND (in_wikipedia OR in_wikidata)",
        (khabarovsk,))}
    assert {int(row["partner_place_id"]) for row in rows} <= partners
    assert all(row["in_store"] == "yes" for row in rows)
