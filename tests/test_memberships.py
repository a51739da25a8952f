"""Bloc membership as of a date: the cited table, the build's checks of it, and the pure as-of functions."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

from dashboard.store import blocs
from dashboard.store.build import MEMBERSHIPS
from dashboard.store.memberships import COLUMNS, read_memberships
from dashboard.store.queries import bloc_members
from geo.errors import InputError

WEAK_SOURCE_DOMAINS = ("wikimili.com", "owiki.org", "unboundmedicine.com", "readkong.com", "wafarin.com")
KNOWN = {"RUS", "BLR", "IRN", "CHN", "KAZ", "IDN", "LAO", "GEO", "UKR"}


@pytest.fixture(scope="module")
def table():
    """The project's table, checked by the build's reader (every ISO3 it uses is taken as known)."""
    with MEMBERSHIPS.open(encoding="utf-8", newline="") as handle:
        codes = {row["country_iso3"] for row in csv.DictReader(handle)}
    return read_memberships(MEMBERSHIPS, codes)


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "memberships.csv"
    path.write_text(",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def refusal(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_memberships(path, KNOWN)
    return caught.value


GOOD = "SCO,IRN,member,2023-07-04,,ninth member,https://example.org/iran"


# ---- the build refuses bad rows, naming the row, the column and the reason -----------------------------

@pytest.mark.parametrize("row, column, reason", [
    ("SCO,IRN,ally,2023-07-04,,,https://example.org/a", "status", "unknown status 'ally'"),
    ("NATO,IRN,member,2023-07-04,,,https://example.org/a", "bloc", "unknown bloc 'NATO'"),
    ("SCO,XXX,member,2023-07-04,,,https://example.org/a", "country_iso3", "unknown country 'XXX'"),
    ("SCO,IRN,member,2023-13-01,,,https://example.org/a", "since", "found '2023-13-01'"),
    ("SCO,IRN,member,4 July 2023,,,https://example.org/a", "since",
     "expected a date YYYY-MM-DD, YYYY-MM or YYYY, found '4 July 2023'"),
    ("SCO,IRN,member,2023-07-04,2023-02-30,,https://example.org/a", "until", "found '2023-02-30'"),
    ("SCO,IRN,member,,,,https://example.org/a", "since", "missing date"),
    ("SCO,IRN,member,2023-07-04,2023-07-03,,https://example.org/a", "until",
     "until 2023-07-03 is before since 2023-07-04"),
    ("SCO,IRN,member,2023-07-04,,,", "source", "missing source"),
    ("SCO,IRN,member,2023-07-04,,,example.org", "source", "expected exactly one http(s) address"),
    ("SCO,IRN,member,2023-07-04,,,https://a.org/x https://b.org/y", "source",
     "expected exactly one http(s) address"),
])
def test_the_build_refuses_a_bad_row_with_its_reason(tmp_path, row, column, reason):
    error = refusal(write(tmp_path, GOOD, row))
    assert (error.row, error.column) == (3, column)
    assert reason in error.reason
    assert str(error).startswith(f"{tmp_path / 'memberships.csv'}, row 3, column '{column}': ")


def test_the_build_refuses_overlapping_periods_of_one_country_in_one_bloc(tmp_path):
    path = write(tmp_path,
                 "SCO,IRN,observer,2005-07-05,2023-07-04,,https://example.org/a",
                 GOOD)
    error = refusal(path)
    assert (error.row, error.column) == (3, "since")
    assert "overlaps row 2 (SCO IRN observer 2005-07-05 to 2023-07-04)" in error.reason


def test_an_open_period_overlaps_any_later_one(tmp_path):
    error = refusal(write(tmp_path, "SCO,IRN,observer,2005,,,https://example.org/a", GOOD))
    assert "overlaps row 2 (SCO IRN observer 2005 to open)" in error.reason


def test_consecutive_periods_and_other_blocs_are_accepted(tmp_path):
    path = write(tmp_path,
                 "SCO,BLR,dialogue_partner,2009-06-16,2015-07,,https://example.org/a",
                 "SCO,BLR,observer,2015-07,2024-07-03,month only,https://example.org/b",
                 "SCO,BLR,member,2024-07-04,,,https://example.org/c",
                 "BRICS,BLR,partner,2025-01-01,,,https://example.org/d")
    frame = read_memberships(path, KNOWN)
    assert list(frame.columns) == ["org", "iso3", "status", "since", "until", "note", "source"]
    assert frame["until"].isna().tolist() == [False, False, True, True]
    assert frame["note"].tolist() == [None, "month only", None, None]


# ---- membership as of a date ------------------------------------------------------------------------------

def status(table, bloc, iso3, day):
    return blocs.status_on(table, bloc, iso3, day)


def test_iran_joined_the_sco_on_4_july_2023(table):
    assert status(table, "SCO", "IRN", "2023-07-03") == "observer"
    assert status(table, "SCO", "IRN", date(2023, 7, 4)) == "member"
    assert "IRN" in blocs.member_codes(table, "SCO", "2023-07-04", ("member",))
    assert "IRN" not in blocs.member_codes(table, "SCO", "2023-07-03", ("member",))


def test_belarus_joined_the_sco_on_4_july_2024(table):
    assert "BLR" in blocs.member_codes(table, "SCO", "2024-07-04", ("member",))
    assert "BLR" not in blocs.member_codes(table, "SCO", "2024-07-03", ("member",))
    assert status(table, "SCO", "BLR", "2024-07-03") == "observer"
    members_2024 = blocs.member_codes(table, "SCO", "2024-01-01", ("member",))
    assert "IRN" in members_2024 and "BLR" not in members_2024
    assert "BLR" in blocs.member_codes(table, "SCO", "2025-01-01", ("member",))


def test_indonesia_became_a_brics_member_on_6_january_2025(table):
    assert status(table, "BRICS", "IDN", "2025-01-06") == "member"
    assert status(table, "BRICS", "IDN", "2025-01-05") is None
    assert "IDN" in blocs.member_codes(table, "BRICS", "2025-02-01", ("member",))


def test_the_sco_has_partners_not_observers_from_1_september_2025(table):
    assert status(table, "SCO", "LAO", "2025-09-01") == "partner"
    assert status(table, "SCO", "LAO", "2025-08-31") is None
    assert status(table, "SCO", "MNG", "2025-08-31") == "observer"
    assert status(table, "SCO", "MNG", "2025-09-01") == "partner"
    assert blocs.member_codes(table, "SCO", "2025-09-01", ("observer", "dialogue_partner")) == set()
    assert len(blocs.member_codes(table, "SCO", "2025-09-01", ("partner",))) == 17


def test_iran_became_an_eaeu_observer_on_26_december_2024(table):
    assert status(table, "EAEU", "IRN", "2024-12-26") == "observer"
    assert status(table, "EAEU", "IRN", "2024-12-25") is None


def test_former_members_are_not_counted_by_default(table):
    assert status(table, "CIS", "GEO", "2009-08-18") == "former_member"
    assert "GEO" in blocs.member_codes(table, "CIS", "2009-08-17")
    assert "GEO" not in blocs.member_codes(table, "CIS", "2009-08-18")
    assert "UKR" not in blocs.member_codes(table, "CIS", "2020-01-01")


def test_members_on_gives_each_country_its_period_and_source(table):
    sco = blocs.members_on(table, "SCO", "2023-07-04")
    iran = sco[sco["iso3"] == "IRN"].iloc[0]
    assert (iran["status"], iran["since"], iran["until"]) == ("member", "2023-07-04", None)
    assert iran["source"].startswith("https://")
    assert list(sco["iso3"]) == sorted(sco["iso3"])


def test_the_bloc_filter_counts_members_and_partners_as_of_today(table):
    sco_today = bloc_members(table, ["SCO"])
    assert {"RUS", "CHN", "IRN", "BLR", "LAO", "MNG"} <= sco_today
    assert bloc_members(table, ["SCO:member"]) == blocs.member_codes(table, "SCO", date.today(), ("member",))
    assert bloc_members(table, ["SCO:observer"]) == set()  # merged into "partner" on 1 Sep 2025
    assert "GEO" not in bloc_members(table, ["CIS"])
    assert bloc_members(table, ["SCO"], on_date="2020-01-01") >= {"IND", "PAK", "IRN", "BLR"}


def test_partial_dates_count_only_the_days_they_certainly_cover():
    assert blocs.date_range("2004") == (date(2004, 1, 1), date(2004, 12, 31))
    assert blocs.date_range("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert blocs.date_range(2015) == (date(2015, 1, 1), date(2015, 12, 31))  # a whole year from an old frame
    assert blocs.certain_period("2015-07", "2024-07-03") == (date(2015, 7, 31), date(2024, 7, 3))
    assert blocs.certain_period("2009-06-16", "2015-07") == (date(2009, 6, 16), date(2015, 7, 1))
    assert [blocs.precision(v) for v in ("2004", "2015-07", "2023-07-04", "")] == ["year", "month", "day", None]


# ---- the table itself -------------------------------------------------------------------------------------

def test_every_row_has_one_strong_source_address(table):
    for source in table["source"]:
        parsed = urlparse(source)
        assert parsed.scheme in ("http", "https") and parsed.netloc, source
        assert source.count("://") == 1 and " " not in source, source
        assert not any(parsed.netloc.endswith(domain) for domain in WEAK_SOURCE_DOMAINS), source


def test_the_table_covers_every_bloc_with_day_precise_current_members(table):
    assert set(table["org"]) == set(blocs.BLOCS)
    current_members = table[table["until"].isna() & table["status"].eq("member")]
    assert all(blocs.precision(since) == "day" for since in current_members["since"]), \
        current_members.loc[current_members["since"].map(blocs.precision) != "day", ["org", "iso3", "since"]]
